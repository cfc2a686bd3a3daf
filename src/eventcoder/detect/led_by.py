"""Doers written into a hyphenated modifier: "a Kordovan-led air strike", "a rebel-claimed
bomb", "the army-imposed curfew". News packs the doer of an act into a compound before the act's
noun (or before the weapon that did it); when the sentence names no doer otherwise, the party
before the hyphen is the actor. A sponsor ("a Varnian-backed militia") is not a doer: only
participles that say who did or led the act count (``doer_participles`` in
``data/detect_words.yaml``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .lexicon import Lexicon, is_party
from .phrases import spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Arcs of the word before the hyphen.
_DOER_ARCS = frozenset({"npadvmod", "compound", "nmod", "amod"})

#: Arcs of the clauses whose subject may be the act or its weapon ("killed after a bomb struck").
_CLAUSES = frozenset({"advcl"})


def _hyphen_doer(noun: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """(doer, participle) of "X-led noun", if ``noun`` carries one."""
    for part in noun.children:
        if part.dep_ != "amod" or part.lower_ not in lex.words.doer_participles:
            continue
        for doer in part.children:
            hyphened = doer.i + 2 == part.i and doer.nbor(1).text == "-"
            named = doer.pos_ == "PROPN" or doer.ent_type_ in ("NORP", "GPE", "ORG")
            if hyphened and doer.dep_ in _DOER_ARCS and (named or is_party(doer, lex)):
                return doer, part
    return None


def _acts(trigger: Token) -> list[Token]:
    """The act's noun and the nouns that did it: the trigger, its subjects, and the subjects of
    its (and its joined verbs') circumstance clauses."""
    out = [trigger]
    verbs = [trigger, *(c for c in trigger.children if c.dep_ == "conj")]  # "killed and wounded"
    clauses = [c for v in verbs for c in v.children if c.dep_ in _CLAUSES]
    for verb in (trigger, *clauses):
        out += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return out


def led_by(cand: Candidate, lex: Lexicon) -> None:
    """Fill an empty actor from a hyphenated doer on the act or on what did it."""
    if cand.actor_args:
        return
    for noun in _acts(cand.trigger):
        found = _hyphen_doer(noun, lex)
        if found is not None:
            doer, part = found
            why = f"'{doer.text}-{part.text}' {noun.text}: the party before the hyphen did it"
            cand.actor_args = spans_for(doer, "actor", why, lex.words)
            cand.reasons.pop("actor", None)  # "an instrument and no user named": now named
            return
