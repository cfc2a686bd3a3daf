"""One event from several trigger words: candidates of one type whose triggers are linked in
the parse ("welcomed the move and announced his support", "a drone strike killed") are merged;
those in a clause of their own with doers of their own ("after X allowed ..., Y lifted ...")
stay two events.
"""

from __future__ import annotations

from ..document import Candidate
from .lexicon import Lexicon, is_party

#: Links to a clause of its own: the events at its two ends are two events, never merged.
_OWN_CLAUSE = frozenset({"advcl", "relcl", "ccomp", "parataxis"})


def merge_linked(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Merge candidates of one type whose triggers are linked in the parse.

    "welcomed such an event and announced his support" (conjoined verbs), "a drone strike
    killed" (the noun is the verb's subject): one event, several trigger words.
    """
    _violent_seizures(cands)
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
