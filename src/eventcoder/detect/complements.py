"""The words that say what a verb makes or finds its object: "found the bishop guilty",
"called the plan a sham", "called the envoy a very stupid man", "called X's envoy, a fool".

Used by the trigger lexicon's ``comp_lemma`` condition (``detect/lexicon.py``): a verb of
naming ("call", "brand", "label") says nothing of its own; what it reports (a reproach, ACCUSE,
or a commendation, SUPPORT) is in its complement: the complement's own word, or, when the
complement is a noun, an adjective on it ("a stupid man") or a noun in apposition to it, which
the parser makes of a complement after a long object ("called the ambassador to Norland a fool").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Arcs of a complement: a clause, an object predicate, an adjective.
COMPLEMENT_ARCS = frozenset({"ccomp", "xcomp", "oprd", "acomp"})


def complement_words(verb: Token) -> list[Token]:
    """The complements of ``verb`` and, for a noun complement ("oprd"), the adjectives on it
    and the nouns in apposition to it (with their adjectives)."""
    comps = [c for c in verb.children if c.dep_ in COMPLEMENT_ARCS]
    nouns = [c for c in comps if c.dep_ == "oprd"]
    nouns += [g for c in nouns for g in c.children if g.dep_ == "appos"]
    return comps + [g for n in nouns for g in n.children if g.dep_ in ("amod", "appos")]
