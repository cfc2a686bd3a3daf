"""Where a truce holds (applied by ``aimed``, when no party recipient is named). A ceasefire
declared, agreed to or broken, or weapons laid down, "in X" is aimed at the fighting there and
so at the place's side of it; the place stands for its country (the manual folds a territory's
events into its country):

- "the rebels declared a unilateral truce in Darfur", "In Mindanao, the front declared a
  ceasefire", "agreed to a ceasefire in eastern Ukraine";
- "the militias will lay down their arms in Kismayo", "ceased military operations in two
  districts near the capital";
- "the militia violated the ceasefire in Upper Nile";
- a truce someone owns is aimed at its owner when it is broken: "the rebels violated the
  government's truce" → the government.

Each place is marked ``place="aimed"``: it is also where the event happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..document import Candidate
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .lexicon import Lexicon

#: Of ``truce_nouns``, the ones that name the truce itself (what can be broken).
_TRUCES = frozenset({"ceasefire", "cease-fire", "truce", "armistice", "cessation"})
#: Verbs (lemmas) of breaking a truce.
_BREAK = frozenset({"violate", "breach", "break"})
#: Event types of a truce declared, agreed, kept or broken.
_TYPES = frozenset({"CONCEDE", "RETREAT", "AGREE", "ASSAULT"})
_IN = frozenset({"in", "across", "throughout", "along", "inside"})


def _things(cand: Candidate, lex: Lexicon) -> list[Token]:
    """The event's truce nouns: its noun triggers and the objects of its verbs and of their
    complements ("agreed to lay down their weapons", "agreed to a ceasefire")."""
    verbs = [t for t in cand.triggers if t.pos_ in ("VERB", "AUX")]
    verbs += [c for v in verbs for c in v.children if c.dep_ in ("xcomp", "ccomp")]
    found = [t for t in cand.triggers if t.pos_ == "NOUN"]
    found += [c for v in verbs for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
    found += prep_objects(verbs, ("to",))
    return [t for t in found if t.lemma_.lower() in lex.words.truce_nouns]


def _phrase(thing: Token) -> list[Token]:
    """The truce noun and the words of its phrase a place may hang on ("a truce effective from
    Monday in X", "a truce on Friday in X"), not inside its clauses."""
    out, stack = [], [thing]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack += [c for c in tok.children if c.dep_ in ("amod", "prep", "pobj", "advmod")]
    return out


def _places(holders: list[Token], area: Callable[[Token], bool]) -> list[Token]:
    """Place objects of "in" (also "in occupied X", read as a participle's object)."""
    objs = prep_objects(holders, _IN)
    objs += [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in _IN
             for p in c.children if p.dep_ == "pcomp" for g in p.children
             if g.dep_ == "dobj"]  # fmt: skip
    return [g for g in objs if area(g)]


def truce_area(
    cand: Candidate, lex: Lexicon, area: Callable[[Token], bool]
) -> tuple[list[Token], str]:
    """The place a truce named by the event holds in, and why; ``area`` tells a place."""
    if cand.event not in _TYPES:
        return [], ""
    for thing in _things(cand, lex):
        if cand.event == "ASSAULT" and (
            thing.lemma_.lower() not in _TRUCES or thing.head.lemma_.lower() not in _BREAK
        ):
            continue
        verb = thing.head
        while verb.dep_ in ("pobj", "prep") and verb.head is not verb:
            verb = verb.head
        holders = _phrase(thing)
        holders += [verb] if verb.pos_ in ("VERB", "AUX") else []
        found = _places(holders, area)
        if found:
            return found, f"where the '{thing.text}' holds ('{{place}}'): whom it is aimed at"
    return [], ""


def truce_owner(cand: Candidate, lex: Lexicon) -> None:
    """ "violated the government's truce": the owner of a broken truce is its recipient."""
    if cand.event != "ASSAULT":
        return
    actors = {t.i for a in cand.actor_args for t in a.tokens}
    for thing in _things(cand, lex):
        if thing.lemma_.lower() not in _TRUCES or thing.head.lemma_.lower() not in _BREAK:
            continue
        for owner in (c for c in thing.children if c.dep_ == "poss" and c.pos_ != "PRON"):
            if owner.i in actors:
                continue
            why = f"whose '{thing.text}' was broken ('{owner.text}')"
            cand.recipient_args = spans_for(owner, "recipient", why, lex.words) + [
                a for a in cand.recipient_args if a.head.i != owner.i
            ]
            return
