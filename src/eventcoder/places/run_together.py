"""Names the parser cuts at a possessive or runs together (ninth round).

- A place whose own name holds a possessive ("King's Lynn", "St. John's", "Martha's Vineyard"):
  where the parser took only the word after the "'s" (an entity or a bare noun "Bridge" of
  "Estey's Bridge"), the whole name is the place when the gazetteer has it as a place's own
  name (of any size: the possessive form itself is the evidence), not a person's thing ("Trump's
  Washington" is no place of that name).
- Country names written one after the other with the comma left out ("talks with Norway Sweden
  and Finland"): each is a country of its own when the run as a whole is no place's
  name; only countries (never towns: "Paris Texas" may be a film, "Kansas City Missouri" a
  town and its state written loosely); the first of them hung on the second as a modifier is a
  list item too, not an actor's country ("US troops").
- A name the parser left to its last word ("at Windsor Castle" read as "Castle") is the whole
  name when that word alone is only another name of the gazetteer's places, not a town of its
  own name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge import Gazetteer
from ..nlp import Span
from .resolve import same_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: The most name words before the possessive ("Saint Mary's Bay" has two).
_MAX_OWNER = 3
#: The most countries in one run (four run together is already rare).
_MAX_RUN = 4


def _name_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.pos_ == "PROPN"


def possessive_name(doc: Doc, start: int, end: int, seen: set[int], gaz: Gazetteer) -> Span | None:
    """The whole name "Owner's Name" when the name ``doc[start:end]`` follows a possessive
    and the gazetteer has the whole as a place's own name; else None."""
    k = start - 1
    if k < 1 or doc[k].tag_ != "POS" or not _name_word(doc[k - 1]):
        return None
    best = None
    a = k - 1
    while a >= 0 and k - a <= _MAX_OWNER and _name_word(doc[a]) and a not in seen:
        whole = Span(doc, a, end, label="GPE")
        if any(same_name(p.name, whole.text) for p in gaz.lookup(whole.text)[:5]):
            best = whole  # the longest owner the gazetteer knows
        a -= 1
    return best


def countries_run_together(span: Span, gaz: Gazetteer) -> list[Span]:
    """The countries a run of name words names one after another ("Norway Sweden"), as spans
    labelled GPE; [] when the run is one place's name or any part is no country."""
    words = list(span)
    if not 2 <= len(words) <= 2 * _MAX_RUN or not all(_name_word(t) for t in words):
        return []
    if gaz.lookup(span.text):
        return []  # "Papua New Guinea", "Costa Rica": one name
    doc = span.doc

    # the fewest parts (a country's own name of several words before its single words)
    best: dict[int, list[int]] = {span.start: []}  # end of a parse -> cut points so far
    for i in range(span.start, span.end):
        if i not in best:
            continue
        for j in range(i + 1, span.end + 1):
            if _country(doc[i:j].text, gaz) and (j not in best or len(best[j]) > len(best[i]) + 1):
                best[j] = [*best[i], j]
    cuts = best.get(span.end)
    if not cuts or not 2 <= len(cuts) <= _MAX_RUN:
        return []
    starts = [span.start, *cuts[:-1]]
    return [Span(doc, a, b, label="GPE") for a, b in zip(starts, cuts, strict=True)]


def country_before_country(tok: Token, gaz: Gazetteer) -> bool:
    """ "talks with Norway Sweden and Finland": a country's name the parser hangs on the next
    country's name as a modifier is a list item with its comma left out, not an actor's
    country ("US troops")."""
    head = tok.head
    if tok.dep_ != "compound" or head.i != tok.i + 1 or not _name_word(head):
        return False
    return _country(tok.text, gaz) and _country(head.text, gaz)


def _country(text: str, gaz: Gazetteer) -> bool:
    """The gazetteer's first reading of ``text`` is a country ("Britain" too: another name of a
    country is the country)."""
    top = gaz.lookup(text)[:1]
    return bool(top) and top[0].precision == "country"


def last_word_of_a_name(tok: Token, whole: Span | None, gaz: Gazetteer) -> Span | None:
    """ "at Windsor Castle" where the parser left the name to its last word: ``whole`` (the
    name words before ``tok`` with it) when ``tok`` alone is only another name of the
    gazetteer's places ("Castle", among the names of a town in Minnesota), not a place's own
    name ("Downtown Houston" keeps Houston, a place named last)."""
    if whole is None or len(whole) < 2:
        return None
    found = gaz.lookup(tok.text)[:5]
    if not found or any(same_name(p.name, tok.text) for p in found):
        return None
    return whole


def whole_name(tok: Token, seen: set[int], gaz: Gazetteer, compound: Span | None) -> Span | None:
    """The name a bare word ``tok`` in a place phrase is the last word of ("in King's Lynn" cut
    after the "'s", "at Windsor Castle" cut to "Castle"; ``compound``: the name words the parser
    hung on it), or None when the word stands as a name of its own."""
    return possessive_name(tok.doc, tok.i, tok.i + 1, seen, gaz) or last_word_of_a_name(
        tok, compound, gaz
    )
