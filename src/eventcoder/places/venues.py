"""Names that stand as places by what news writes around them (eighth round):

- a name after "at", "in", "from", "inside", "outside" or "near" that is itself placed in a town,
  a state or a country written right after it: "at the Palais Rameau in Lyon", "a cake from
  Rosie Bakes in Reno", "at Harwick Gas in Dover" — a shop, a venue or an office named
  as where something happens or where someone works ("an analyst at Harlow Capital in London":
  the firm's office there; GeoWebNews' "coercion"); not a person's name ("met Ana Ruiz in
  Madrid") and not "in 2015" (the place after "in" is an entity of a place, or a name the
  gazetteer has as a town or a division). Such a name is read as a building: it stands in the town
  written after it (``inside_town.in_the_town_after``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge import Gazetteer
from ..nlp import Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Prepositions of where something happens or comes from ("at", not "to": "wrote to the
#: Harwick Trust in Leeds" names an addressee).
_VENUE_PREPS = frozenset({"at", "in", "from", "inside", "outside", "near"})
#: Entity labels of places: a place written after the name.
_PLACE_LABELS = frozenset({"GPE", "LOC"})


def placed_in_place(span: Span, gaz: Gazetteer) -> bool:
    """``span`` (a name the parser labelled an organisation, an event or a product) stands after
    a venue preposition and right before "in" and a place entity: "at the Palais Rameau in
    Lyon"."""
    root = span.root
    doc = span.doc
    if (
        not span.text[:1].isupper()
        or root.dep_ != "pobj"
        or root.head.lower_ not in _VENUE_PREPS
        or any(t.ent_type_ == "PERSON" for t in span)
        or span.end + 1 >= len(doc)
        or doc[span.end].lower_ != "in"
    ):
        return False
    after: Token = doc[span.end + 1]
    if after.ent_type_ in _PLACE_LABELS and after.ent_iob_ == "B":
        return True
    if after.ent_type_ or after.pos_ != "PROPN":
        return False
    found = gaz.lookup(after.text)[:1]  # "at Harwick Gas in Dover": no entity on the town
    return bool(found) and found[0].precision in ("city", "admin1", "country")
