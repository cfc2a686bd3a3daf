"""Criticism told with an adjective: "the president has been sharply critical of the army", "two
watchdogs published a study sharply critical of the police". Being (or saying something) critical
of someone is disapproval of them (PLOVER ACCUSE, disapprove): the one who is critical, or who
issued the critical words, is the actor; whom the "of" phrase names is the recipient. Without an
"of" phrase "critical" means crucial ("a critical moment") and starts nothing.

A finder of the rule detector, called per token like ``blame`` (``RuleDetector.sentence``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate, Sentence
from .arguments import ArgumentFinder
from .blame import MakeCandidate
from .lexicon import Lexicon, Sense, is_party
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Adjectives that, with an "of" phrase, criticise whom it names.
_CRITICAL = frozenset({"critical"})


def _critic(adj: Token, args: ArgumentFinder, copulas: frozenset[str]) -> list[ArgumentSpan]:
    """Who is critical: the copula's subject ("X has been critical of"), the owner of the critical
    words ("X's statement critical of") or whoever issued them ("X issued a report critical
    of")."""
    head = adj.head
    if adj.dep_ == "acomp" and head.lemma_.lower() in copulas:
        return args.actors(head)
    if adj.dep_ not in ("amod", "acl") or head.pos_ != "NOUN":
        return []
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and owner.pos_ != "PRON":
        return [ArgumentSpan([owner], "actor", f"whose '{head.text}' is '{adj.text}'")]
    if head.dep_ in ("dobj", "attr") and head.head.pos_ in ("VERB", "AUX"):
        return args.actors(head.head)
    return []


def critical_of(
    sent: Sentence, tok: Token, lex: Lexicon, args: ArgumentFinder, make: MakeCandidate
) -> Candidate | None:
    """An ACCUSE (disapprove) from "critical of X" (see the module docstring)."""
    if tok.pos_ != "ADJ" or tok.lower_ not in _CRITICAL:
        return None
    criticised = prep_objects([tok], ("of",))
    if not criticised:
        return None
    actors = _critic(tok, args, lex.words.copulas)
    if not any(is_party(t, lex) for a in actors for t in a.tokens):
        return None  # "the study was critical of the police": no party named as the critic
    sense = Sense(lemma=tok.lemma_.lower(), event="ACCUSE", mode="disapprove")
    issued = tok.head.head if tok.dep_ in ("amod", "acl") and tok.head.dep_ == "dobj" else None
    # "issued a report critical of X": the issuing is the act, as "held talks" is
    cand = make(sent, [issued, tok] if issued is not None else [tok], sense)
    cand.actor_args = actors
    why = f"whom '{tok.text} of' names"
    cand.recipient_args = spans_for(criticised[0], "recipient", why, lex.words)
    cand.reasons["event"] = f"'{tok.text} of {criticised[0].text}': disapproval (ACCUSE)"
    return cand
