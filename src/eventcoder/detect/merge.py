"""One event from several trigger words: candidates of one type whose triggers are linked in
the parse ("welcomed the move and announced his support", "a drone strike killed") are merged;
those in a clause of their own with doers of their own ("after X allowed ..., Y lifted ...")
stay two events. A phone call made to say something is coded for what it says ("telephoned X to
convey Ghana's support": a SUPPORT of X).
"""

from __future__ import annotations

from ..document import ArgumentSpan, Candidate
from .began_when import began_when
from .lexicon import Lexicon, infinitive, is_party

#: Links to a clause of its own: the events at its two ends are two events, never merged.
_OWN_CLAUSE = frozenset({"advcl", "relcl", "ccomp", "parataxis"})


def merge_linked(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Merge candidates of one type whose triggers are linked in the parse.

    "welcomed such an event and announced his support" (conjoined verbs), "a drone strike
    killed" (the noun is the verb's subject): one event, several trigger words.
    """
    _violent_seizures(cands)
    cands = _call_content(cands, lex)
    cands = began_when(cands, lex)
    out: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.trigger.pos_ != "VERB", c.trigger.i)):
        target = next((o for o in out if o.event == cand.event and _linked(o, cand, lex)), None)
        if target is None:
            out.append(cand)
            continue
        target.triggers += [t for t in cand.triggers if t not in target.triggers]
        heads = {a.head.i for a in target.actor_args}
        target.actor_args += [a for a in cand.actor_args if a.head.i not in heads]
        heads = {a.head.i for a in target.recipient_args}
        target.recipient_args += [a for a in cand.recipient_args if a.head.i not in heads]
        if target.mode is None and cand.mode is not None:
            target.mode = cand.mode
    return sorted(out, key=lambda c: c.trigger.i)


def _linked(a: Candidate, b: Candidate, lex: Lexicon) -> bool:
    for x in a.triggers:
        for y in b.triggers:
            if x == y:
                return True
            if x.head == y or y.head == x:
                lower = x if x.head == y else y
                # "were killed when ISIL attacked", "attacked the camp, killing 19": one act;
                # "after X allowed ..., Y lifted ...": two doers, two events
                return lower.dep_ not in _OWN_CLAUSE or not _two_doers(a, b, lex)
            if x.head == y.head and "conj" in (x.dep_, y.dep_):
                return True
    return False


def _two_doers(a: Candidate, b: Candidate, lex: Lexicon) -> bool:
    """Both name parties as their doers and no doer is the same word (a count or a weapon is
    no doer: "15 injured after a truck bomb struck")."""
    doers_a = {arg.head.lemma_.lower() for arg in a.actor_args if is_party(arg.head, lex)}
    doers_b = {arg.head.lemma_.lower() for arg in b.actor_args if is_party(arg.head, lex)}
    return bool(doers_a) and bool(doers_b) and not doers_a & doers_b


def _violent_seizures(cands: list[Candidate]) -> None:
    """ "Gunmen stormed the police station, killing five officers": a seizure or raid whose
    result is a killing (an -ing clause of it) was an attack, one ASSAULT with the killing."""
    for cand in cands:
        violent = cand.event == "COERCE" and any(
            other.event == "ASSAULT"
            and any(
                t.head in cand.triggers and t.dep_ == "advcl" and t.tag_ == "VBG"
                for t in other.triggers
            )
            for other in cands
        )
        if violent:
            cand.reasons["event"] = f"'{cand.trigger.text}' that killed or wounded: an attack"
            cand.event, cand.mode, cand.cameo = "ASSAULT", None, None


#: What a call can be made to say: the content is coded, not the call (as PLOVER codes a
#: consultation "for the content of the action").
_SAID = frozenset({"SUPPORT", "ACCUSE", "REQUEST", "AGREE", "REJECT", "THREATEN"})


def _call_content(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """ "telephoned the Ivorian president to convey Ghana's condolences": a phone call whose purpose
    clause expresses something (an event noun: support, condolences, condemnation) is that
    saying, done to whoever was called; "called X to congratulate him" stays a call."""
    dropped: set[int] = set()
    for call in (c for c in cands if c.event == "CONSULT" and c.mode == "phone"):
        purposes = [t for t in call.trigger.children if t.dep_ in ("advcl", "xcomp")]
        purposes = [p for p in purposes if infinitive(p)]
        said = next(
            (
                c
                for c in cands
                if c.event in _SAID
                and any(t.pos_ == "NOUN" for t in c.triggers)  # not "to congratulate him"
                and any(t in p.subtree for p in purposes for t in c.triggers)
            ),
            None,
        )
        if said is None:
            continue
        dropped.add(id(call))
        said.reasons.setdefault("event", f"what the call ('{call.trigger.text}') was made to say")
        # "called X to congratulate him": the pronoun is whoever was called
        named = [a for a in said.recipient_args if a.head.pos_ != "PRON"]
        if call.recipient_args and not any(is_party(a.head, lex) for a in named):
            said.recipient_args = [
                ArgumentSpan(a.tokens, "recipient", f"{a.reason}: who was called")
                for a in call.recipient_args
            ] + named
        if call.actor_args:  # the caller says it ("called X to ...": not X, as "urged X to")
            said.actor_args = list(call.actor_args)
    return [c for c in cands if id(c) not in dropped]
