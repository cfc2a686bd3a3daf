"""A name the article gives a street is the street's, not a town's.

- "the avenue was renamed Jefferson in 1902", "they called the lane Kingsway": the name a
  renaming verb (``renaming_verbs``) gives a thing whose noun is a street's word is that
  street (``renamed_street``);
- "the Harwood/Franklin corner", "Bourbon and Dauphine streets": a name the article writes
  bare as a street or road is that street wherever else it stands alone in the article ("the
  houses below Franklin"), one sense per article, unless a place written beside it or a
  division makes it a town (``as_streets``); such a name is then no town the article names,
  and its streets are not placed in a namesake town elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge.names import norm
from .common import Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..document import Sentence
    from ..knowledge.words import PlaceWords

#: The dependency labels of the name a renaming verb gives ("called Lafayette", "named it X").
_GIVEN_NAME_DEPS = frozenset({"oprd", "dobj", "attr", "xcomp", "appos"})
#: How far up from the renaming verb the street's noun is looked for ("Originally named X, the
#: street was ..."; "called X and then Y before finally being named Z").
_MAX_CLIMB = 5
#: Written between two streets' names where they meet ("the Harwood/Franklin corner").
_MEETING = frozenset({"/", "&", "and"})


def _street_noun(tok: Token, words: PlaceWords) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in words.street_words


def renamed_street(tok: Token, words: PlaceWords) -> bool:
    """ "the avenue was renamed Jefferson in 1902", "the avenue, once named Jefferson", "they
    renamed the road Kingsway": ``tok`` is the name a renaming verb gives a street."""
    while tok.dep_ == "conj" and tok.head.pos_ == "PROPN":  # "called Lafayette and then Jackson"
        tok = tok.head
    verb = tok.head
    if tok.dep_ not in _GIVEN_NAME_DEPS or verb.lemma_.lower() not in words.renaming_verbs:
        return False
    v = verb
    for _ in range(_MAX_CLIMB):
        if _street_noun(v, words):
            return True  # "the avenue, once named Jefferson": the verb modifies the street
        if any(
            c is not tok and c.dep_ in ("nsubjpass", "nsubj", "dobj") and _street_noun(c, words)
            for c in v.children
        ):
            return True
        if v.head is v or v.pos_ not in ("VERB", "AUX", "ADP", "PROPN", "SCONJ"):
            return False  # "a man named Franklin": the thing named is no street
        v = v.head
    return False


def bare_street_names(mentions: list[Mention], kinds: dict[int, str | None],
                      words: PlaceWords) -> set[str]:  # fmt: skip
    """The names the article writes bare as a street or road ("Franklin" of "the
    Harwood/Franklin corner", "Bourbon" of "Bourbon and Dauphine streets", "Lafayette" of "the
    street was called Lafayette"): no street's word in them, no number; not one name before a
    junction's word ("the Cirencester roundabout" is named after the town)."""
    out = set()
    for m in mentions:
        span, doc = m.span, m.span.doc
        parts = span.text.split("/")  # "Harwood/Franklin": two streets that meet
        if (
            len(parts) == 1
            and span.end < len(doc)
            and doc[span.end].lower_ in words.junction_words
            and not (span.start > 0 and doc[span.start - 1].text in _MEETING)
        ):
            continue  # "the Cirencester roundabout" is named after the town, not a street
        if kinds.get(id(m)) in ("street", "road") and all(
            part.replace(" ", "").isalpha()
            and not words.street_words.intersection(part.lower().replace(".", "").split())
            for part in parts
        ):
            out.update(norm(part) for part in parts)
    return out


def as_streets(mentions: list[Mention], kinds: dict[int, str | None],
               words: PlaceWords) -> list[Mention]:  # fmt: skip
    """One sense per article for a street's bare name: another mention of a name the article
    writes bare as a street ("the houses below Franklin") is that street, not a town of its
    name, unless it was placed by what is written beside it ("Franklin, Tenn.") or is a
    country, a state or a large feature. Its place is dropped so that the street is placed in
    the article's town; ``kinds`` gets the street kind."""
    bare = bare_street_names(mentions, kinds, words)
    if not bare:
        return mentions
    out = []
    for m in mentions:
        p = m.place
        if (
            kinds.get(id(m)) is None
            and norm(m.span.text) in bare
            and (p is None or (p.precision == "city" and p.feature_class == "P"))
            and "beside it" not in m.reason
        ):
            m = Mention(m.sentence, m.span, None, m.reason)
            kinds[id(m)] = "street"
        out.append(m)
    return out


def street_name_tokens(sentences: list[Sentence], mentions: list[Mention],
                       kinds: dict[int, str | None], words: PlaceWords) -> set[tuple[int, int]]:  # fmt: skip
    """The words of the article that are a street's bare name (``bare_street_names``, or a
    name a renaming verb gives a street), as (doc, index) pairs: no town the article names
    inside other names (``BuiltNames.town_in_names``)."""
    names = bare_street_names(mentions, kinds, words)
    tokens = [t for sent in sentences for t in sent.span if t.pos_ == "PROPN"]
    names.update(norm(t.text) for t in tokens if renamed_street(t, words))
    return {(id(t.doc), t.i) for t in tokens if norm(t.text) in names} if names else set()
