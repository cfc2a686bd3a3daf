"""The doer of an act told as a rank: "Varnia became the first state to recognise the new
government", "the Kordovan army was the last to withdraw", "Ruritania is the only country to send
troops". The act is an infinitive hanging on the rank word ("first", "last", "only", an ordinal,
or a noun they qualify), which is the complement of a copula ("be", "become", "remain"); the
copula's subject did the act. Applied only where the act has no actor of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .lexicon import infinitive
from .phrases import spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .lexicon import Lexicon


def _ranked(word: Token, ranks: frozenset[str]) -> bool:
    """ "first", "the only country", "the second state": a rank word (``rank_words`` in
    ``data/detect_words.yaml``) or a noun it qualifies."""
    if word.lower_ in ranks or word.ent_type_ == "ORDINAL":
        return True
    return any(
        c.dep_ == "amod" and (c.lower_ in ranks or c.ent_type_ == "ORDINAL") for c in word.children
    )


def _ranked_subject(verb: Token, ranks: frozenset[str], copulas: frozenset[str]) -> Token | None:
    """The subject of the copula whose ranked complement the infinitive ``verb`` hangs on."""
    if verb.dep_ not in ("relcl", "acl") or not infinitive(verb):
        return None
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "the last country to be invaded": the ranked one suffered the act
    rank = verb.head
    if rank.dep_ not in ("attr", "acomp") or not _ranked(rank, ranks):
        return None
    copula = rank.head
    if copula.lemma_.lower() not in copulas:
        return None
    return next((c for c in copula.children if c.dep_ == "nsubj"), None)


def first_to(cand: Candidate, lex: Lexicon) -> None:
    """Fill an empty actor from the subject of "X is the first to <act>"."""
    verb = cand.trigger
    if cand.actor_args or verb.pos_ != "VERB":
        return
    subj = _ranked_subject(verb, lex.words.rank_words, lex.words.copulas)
    if subj is None or subj.pos_ == "PRON" and subj.lower_ in ("it", "this", "that"):
        return
    rank = verb.head
    words = [c.text for c in rank.children if c.dep_ == "amod" and c.i < rank.i] + [rank.text]
    why = f"subject of '{rank.head.text} the {' '.join(words)} to {verb.text}' (its doer)"
    cand.actor_args = spans_for(subj, "actor", why, lex.words)
    cand.reasons.pop("actor", None)
