"""Who did what to whom, beyond the trigger's own subject and object.

General patterns of news English, applied to a rule candidate after its own arguments are read
(word lists in ``data/triggers.yaml`` and ``data/detect_words.yaml``, see ``data/README.md``):

- instruments are no parties (``instruments``); a passive participle modifying a noun ("the
  people killed in ...") has that noun as its recipient, never its actor;
- events done together ("X and Y agreed", "X discussed trade with Y"): one actor, the other
  party the recipient;
- demands on someone: "demanded that X resign" → X;
- what was agreed, refused or offered: "agreed to send doctors to Haiti", "refused to meet with
  the strikers" → the recipient of the complement's act, parties first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from .arguments import spans_for
from .conditions import direct_object
from .instruments import MATERIAL, is_instrument, mend_instruments
from .lexicon import Lexicon, is_party

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: ``ArgumentFinder.target``: what a recipient noun stands for ("a request from X" → X).
TargetOf = Callable[["Token", str], "tuple[Token, str]"]
#: Types whose passive participle's noun is who suffered the act.
_DONE_TO = frozenset({"ASSAULT", "COERCE", "SANCTION"})
#: Things besides forces and weapons that an actor's "its"/"their" marks as its own.
_OWN_THINGS = frozenset({"arm", "arms", "border", "borders"})
#: Named-entity kinds of dates, times and amounts: never who an act is done to ("agreed to
#: resign on Friday", "provided $3 million").
_AMOUNTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})


def participle_patient(verb: Token, event: str, lex: Lexicon) -> list[ArgumentSpan]:
    """ "the six people killed in the clash", "the activists arrested on Monday": a passive
    participle's noun suffered the act (not so "the protest called for by X")."""
    if (
        event in _DONE_TO
        and verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.pos_ in ("NOUN", "PROPN", "PRON")
    ):
        return spans_for(verb.head, "recipient", f"noun that was '{verb.text}'", lex.words)
    return []


def reciprocal(cand: Candidate, lex: Lexicon) -> None:
    """ "Kenya and Uganda agreed", "discussed trade with X", "X and Y signed a trade deal": one
    actor, the others recipients."""
    made = [c for t in cand.triggers for c in t.children if c.dep_ == "dobj"]
    joint = any({t.lemma_.lower(), t.lower_} & lex.joint_nouns for t in [*cand.triggers, *made])
    between = [a for a in cand.recipient_args if "'between" in a.reason]
    if cand.event in lex.reciprocal_events and not cand.actor_args and len(between) >= 2:
        # "the talks between Israel and Hamas resumed": one party acts, the other receives
        first = between[0]
        why = f"{first.reason} (the first party)"
        cand.actor_args = [ArgumentSpan(first.tokens, "actor", why)]
        cand.recipient_args = [a for a in cand.recipient_args if a is not first]
        return
    if not (cand.event in lex.reciprocal_events or joint) or len(cand.actor_args) < 2:
        return
    first, *rest = cand.actor_args
    heads = {a.head.i for a in cand.recipient_args}
    moved = []
    for arg in rest:
        if arg.head.i not in heads:
            moved.append(
                ArgumentSpan(
                    arg.tokens, "recipient", f"{arg.reason} (the other party)", other_party=True
                )
            )
    cand.actor_args = [first]
    cand.recipient_args = moved + cand.recipient_args


def demanded_of(verb: Token, lex: Lexicon) -> list[ArgumentSpan]:
    """ "demanded that the contractor repay": who is to act is who is asked."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            personal = lex.words.personal_pronouns
            if subj is not None and (subj.pos_ != "PRON" or subj.lower_ in personal):
                why = f"who is to '{child.text}' ('{verb.text}')"
                return spans_for(subj, "recipient", why, lex.words)
    return []


def complement_recipients(
    verb: Token,
    lex: Lexicon,
    target: TargetOf,
    depth: int = 0,
    asked_by: Callable[[Token, Token], bool] = lambda prep, pobj: False,
) -> list[ArgumentSpan]:
    """Who the complement's act is done to: "agreed to send doctors to Haiti" → Haiti,
    "refused to meet with the strikers" → the strikers, "threatened to halt talks with X" → X,
    "refused to answer a request from X" → X; parties only."""
    if depth > 2:
        return []
    out: list[ArgumentSpan] = []
    for comp in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")):
        holders = [comp] + [c for c in comp.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
        for holder in holders:
            for child in holder.children:
                if child.dep_ in ("dative", "iobj") and is_party(child, lex):
                    why = f"indirect object of '{comp.text}'"
                    out += spans_for(child, "recipient", why, lex.words)
                elif (
                    child.dep_ in ("prep", "dative") and child.lower_ in lex.words.complement_preps
                ):
                    for pobj in child.children:
                        if pobj.dep_ != "pobj" or asked_by(child, pobj):
                            continue
                        why = f"'{child.text} ...' of '{holder.text}' (what is {verb.lemma_}d)"
                        tok, why = target(pobj, why)
                        if is_party(tok, lex):
                            out += spans_for(tok, "recipient", why, lex.words)
                elif (
                    holder is comp
                    and child.dep_ == "dobj"
                    and is_party(child, lex)
                    and (
                        child.pos_ != "NOUN" or comp.lemma_.lower() in lex.words.person_object_verbs
                    )
                ):  # "agreed to accept 80 asylum seekers"; not "agreed to send doctors to X"
                    out += spans_for(child, "recipient", f"object of '{comp.text}'", lex.words)
        out += complement_recipients(comp, lex, target, depth + 1, asked_by)
    return out


def has_party(args: list[ArgumentSpan], lex: Lexicon) -> bool:
    return any(is_party(a.head, lex) for a in args)


def prefer_parties(cand: Candidate, lex: Lexicon) -> None:
    """A recipient is a party: where the sentence names one ("suspended flights to Armenia"),
    the things acted on ("flights") are no recipients."""
    if cand.event in MATERIAL:  # what is struck counts, whatever it is ("attacked a school")
        return
    if has_party(cand.recipient_args, lex):
        cand.recipient_args = [a for a in cand.recipient_args if names_party(a, lex)]


def names_party(arg: ArgumentSpan, lex: Lexicon) -> bool:
    """A party, or something a modifier says belongs to one ("an army camp")."""
    return is_party(arg.head, lex) or any(
        t.head == arg.head
        and is_party(t, lex)
        and (t.dep_ in ("compound", "poss", "nmod") or (t.dep_ == "amod" and t.ent_type_))
        for t in arg.tokens[1:]
    )  # an adjective counts as a name only ("Israeli"), not as a role word ("official")


def drop_amounts(cand: Candidate) -> None:
    """Dates, times and sums are no recipients: "agreed to resign on Friday", "gave $3
    million" (what is given, not who receives it)."""
    seen: set[int] = set()
    kept = []
    for arg in cand.recipient_args:  # each party once
        if arg.head.ent_type_ not in _AMOUNTS and arg.head.i not in seen:
            kept.append(arg)
            seen.add(arg.head.i)
    if len(kept) < len(cand.recipient_args) and not kept:
        cand.reasons.setdefault("recipient", "only a date, time or amount where a party would be")
    cand.recipient_args = kept


def own_means(cand: Candidate, lex: Lexicon) -> None:
    """One's own people and means moved ("withdrew its troops from X", "sent peacekeepers to
    X") are no recipients: the party they go to or leave is, when the sentence names one;
    with a pronoun possessor ("its troops") they are the actor's own, never the recipient."""
    if cand.event in ("ASSAULT", "COERCE"):  # "attacked the troops": what is struck
        return
    deployed = lex.words.deployed_nouns

    def own(arg: ArgumentSpan) -> bool:
        head = arg.head
        if cand.event == "MOBILIZE" and moved(arg):  # "mobilized the army": its own forces
            return True
        lemma = head.lemma_.lower()
        if not (lemma in deployed or lemma in _OWN_THINGS or is_instrument(head, lex)):
            return False  # "its allies", "to its owner": a party of its own
        # "withdrew its troops", "laid down their weapons", "opened its borders"
        return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)

    def moved(arg: ArgumentSpan) -> bool:
        head = arg.head
        return (head.lemma_.lower() in deployed or head.lower_ in deployed) and head.dep_ == "dobj"

    others = [a for a in cand.recipient_args if not moved(a) and is_party(a.head, lex)]
    kept = [a for a in cand.recipient_args if not own(a) and not (others and moved(a))]
    if len(kept) < len(cand.recipient_args) and not kept:
        cand.reasons.setdefault("recipient", "the actor's own people or means, not a recipient")
    cand.recipient_args = kept


def aid_purpose(cand: Candidate, lex: Lexicon) -> None:
    """ "gave $5 million to help flood victims", "donated tents to assist Kenya",
    "aid to rebuild schools in Haiti": whom aid is for, read from its purpose clause when the
    sentence names no one it goes to."""
    if cand.event != "AID" or has_party(cand.recipient_args, lex):
        return
    verbs = lex.words.aid_purpose_verbs
    heads = [cand.trigger, *[t for t in cand.trigger.children if t.dep_ == "dobj"]]
    for head in heads:
        for comp in head.children:
            if comp.dep_ not in ("advcl", "xcomp", "acl", "relcl") or comp.pos_ != "VERB":
                continue
            if comp.lemma_.lower() not in verbs or not any(c.lower_ == "to" for c in comp.children):
                continue
            obj = direct_object(comp)
            if obj is not None and is_party(obj, lex):
                why = f"whom '{comp.text}' is for (purpose of '{cand.trigger.text}')"
                cand.recipient_args = spans_for(obj, "recipient", why, lex.words) + [
                    a for a in cand.recipient_args if a.head.ent_type_ not in _AMOUNTS
                ]
                return
            for tok in comp.subtree:
                if tok.ent_type_ == "GPE" and tok.dep_ == "pobj" and tok.head.lower_ == "in":
                    why = f"where '{comp.text}' is for (purpose of '{cand.trigger.text}')"
                    cand.recipient_args = spans_for(tok, "recipient", why, lex.words)
                    return


def possessor_parties(cand: Candidate, lex: Lexicon) -> None:
    """The owner of the thing acted on is the recipient: "criticised the government's handling
    of the crisis" -> the government, "froze the minister's accounts" -> the minister; a
    material act keeps what it struck too ("shelled the rebels' convoy": the rebels and the
    convoy). Possessive pronouns are left alone ("its troops" is the actor's own)."""
    out: list[ArgumentSpan] = []
    heads = {a.head.i for a in cand.recipient_args}
    for arg in cand.recipient_args:
        owner = next(
            (
                c
                for c in arg.head.children
                if c.dep_ == "poss" and c.pos_ != "PRON" and is_party(c, lex)
            ),
            None,
        )
        if owner is None or is_party(arg.head, lex) or owner.i in heads:
            out.append(arg)
            continue
        why = f"owner of '{arg.head.text}' ({arg.reason})"
        out.extend(spans_for(owner, "recipient", why, lex.words))
        heads.add(owner.i)
        if cand.event in MATERIAL:
            out.append(arg)
    cand.recipient_args = out


def mediated_parties(cand: Candidate, lex: Lexicon) -> None:
    """A mediation is done to the parties of the dispute its purpose names: "began a
    mediation effort to settle the feud between X and Y", "... to help X and Y reach a
    settlement"."""
    if cand.event != "CONSULT" or cand.mode != "third-party" or has_party(cand.recipient_args, lex):
        return
    purposes = [
        c
        for t in cand.triggers
        for c in t.children
        if c.dep_ in ("acl", "advcl", "xcomp", "relcl") and c.pos_ == "VERB"
    ]
    for clause in purposes:
        for tok in clause.subtree:
            between = tok.dep_ == "pobj" and tok.head.lower_ in ("between", "among")
            helped = tok.dep_ in ("dobj", "nsubj") and tok.head.lemma_.lower() == "help"
            if (between or helped) and is_party(tok, lex):
                why = f"a party to the dispute '{cand.trigger.text}' is about ('{clause.text}')"
                cand.recipient_args = spans_for(tok, "recipient", why, lex.words)
                return


def thing_parties(thing: Token, noun: Token, lex: Lexicon) -> list[ArgumentSpan]:
    """ "a suspension of flights to Belarus": the party the thing goes to, comes from or
    is shared with."""
    out: list[ArgumentSpan] = []
    for child in thing.children:
        if child.dep_ == "prep" and child.lower_ in lex.words.thing_preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and is_party(pobj, lex):
                    why = f"'{child.text} ...' of '{thing.text}' ('{noun.text}')"
                    out.extend(spans_for(pobj, "recipient", why, lex.words))
    return out


def mend(cand: Candidate, lex: Lexicon) -> None:
    """Every dyad rule of this module, in order, on one merged candidate."""
    reciprocal(cand, lex)
    mend_instruments(cand, lex)
    aid_purpose(cand, lex)
    own_means(cand, lex)
    mediated_parties(cand, lex)
    possessor_parties(cand, lex)
    prefer_parties(cand, lex)
    drop_amounts(cand)
    # no one is their own recipient: "Sadr's call for a march" (he calls, is not called on)
    own = {a.head.i for a in cand.actor_args}
    cand.recipient_args = [a for a in cand.recipient_args if a.head.i not in own]
