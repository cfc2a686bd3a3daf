"""Purpose told as "in a bid to", "in an effort to", "in a rush to": news often hangs the purpose
of an act on a noun of trying rather than on the verb ("sent a team to Kordova in a bid to
investigate the crash"). ``purpose_holders`` gives those nouns, so that a rule reading the
verb's infinitive clauses ("sent a team to investigate") reads theirs too. The nouns are
``purpose_nouns`` in ``data/detect_words.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import infinitive

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..knowledge.words import DetectWords


def purpose_holders(verb: Token, words: DetectWords) -> list[Token]:
    """The nouns of "in a bid (an effort, a rush ...) to <verb>" hanging on ``verb`` that carry
    an infinitive clause."""
    out: list[Token] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            if noun.lemma_.lower() in words.purpose_nouns and any(
                c.dep_ in ("acl", "relcl") and infinitive(c) for c in noun.children
            ):
                out.append(noun)
    return out
