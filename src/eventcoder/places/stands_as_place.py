"""More spots where only places stand, for names the parser labelled otherwise or not at all:

- after a compass word and "of": "south of the Pyrenees", "20 km north of Harwood";
- after a person's name and "of", as news writes where someone lives: "Carla Baptiste of Elmont",
  "Mr Lang, of Hayes" (a town or a division the gazetteer knows);
- a town or a division in brackets after a name: "Rosa's Kitchen (Hackensack)";
- a name after a lower-case compass adjective, whether or not the gazetteer has it: "in western
  Zarbia" (one it lacks is left unresolved, with that reason);
- a town of 10,000 people or more, or a division, that no entity covers, modifying a thing
  that stands somewhere: "the Elmont gas station", "the Dover area" (``geo_heads``,
  ``located_heads``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge import Gazetteer, Place
from ..knowledge.words import PlaceWords
from ..nlp import Span
from .name_forms import KNOWN_TOWN

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: What a compass adjective must say for the name after it to be a place ("eastern", not
#: "central": "the central Bank").
_DIRECTIONS = ("north", "south", "east", "west")
#: A place a person is "of": a populated place or a division, not a country ("Jane of Arc").
_RESIDENCE_KINDS = frozenset({"city", "admin1", "admin2"})


def after_compass_or_person(tok: Token, words: PlaceWords, gaz: Gazetteer) -> bool:
    """``tok`` is the object of "of" after a compass word ("west of X") or, when the gazetteer
    has a town or division of its name, after a person's name ("Jane Roe of X")."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    owner = tok.head.head
    if owner.lower_ in words.compass and owner.pos_ in ("NOUN", "ADV", "PROPN", "ADJ"):
        return bool(gaz.lookup(_name_of(tok).text))
    if owner.ent_type_ != "PERSON" or owner.pos_ != "PROPN":
        return False
    if tok.head.i != owner.i + 1 and not _comma_between(owner, tok.head):
        return False  # "Jane Roe of X", "Mr Doe, of X"
    if tok.ent_type_ not in ("", "GPE", "LOC", "PERSON") or tok.ent_iob_ == "I":
        return (
            False  # a club or a firm ("Tom Hale of Forest Green Rovers"), or the person's own name
        )
    if any(c.dep_ == "det" for c in tok.children):
        return False  # "Judge Roe of the Harwood Court": no town takes "the"
    found = gaz.lookup(_name_of(tok).text)[:1]
    return bool(found) and _kind(found[0]) in _RESIDENCE_KINDS


def in_brackets_after_name(tok: Token, gaz: Gazetteer) -> bool:
    """ "Rosa's Kitchen (Hackensack)": a town or division in brackets right after a name, as
    news lists a business or a venue with its town (not an acronym: "(AP)", "(PSI)")."""
    doc = tok.doc
    if tok.i < 2 or tok.i + 1 >= len(doc) or doc[tok.i - 1].text != "(":
        return False
    if doc[tok.i + 1].text != ")" or tok.text.isupper() or not tok.text[:1].isupper():
        return False
    before = doc[tok.i - 2]
    if before.pos_ != "PROPN" or not before.text[:1].isupper():
        return False
    found = gaz.lookup(tok.text)[:1]
    return bool(found) and _kind(found[0]) in _RESIDENCE_KINDS


def after_compass_adjective(span: Span, words: PlaceWords, gaz: Gazetteer) -> bool:
    """ "in western Zarbia", "across northern Harwood": a capitalised name right after a
    lower-case compass adjective of direction that modifies it is a place's name, whatever the
    parser labelled it ("western Zarbia" read as an organisation): a town of 10,000+ people, a
    division, a country or a feature the gazetteer has, or, where it has none of that name, an
    object ("parts of western Zarbia"; not "the central Bank raised rates")."""
    first = span[0]
    root = span.root
    if first.i == 0 or root.pos_ != "PROPN":
        return False
    prev = first.doc[first.i - 1]
    if not (
        prev.is_lower
        and prev.lower_ in words.compass
        and any(d in prev.lower_ for d in _DIRECTIONS)
        and prev.dep_ == "amod"
        and span.start <= prev.head.i < span.end
    ):
        return False
    found = gaz.lookup(span.text)[:1]
    if not found:
        return root.dep_ in ("pobj", "dobj")
    top = found[0]
    return top.precision in ("country", "admin1", "region") or top.population >= KNOWN_TOWN


def modifies_located_thing(tok: Token, words: PlaceWords, gaz: Gazetteer) -> bool:
    """A capitalised name outside any entity on a noun of a thing that stands somewhere ("the
    Riverdale gas station"), when it is a town of 10,000+ people or a division."""
    if tok.dep_ != "compound" or tok.ent_type_ or tok.i == tok.sent.start:
        return False
    head = tok.head
    if head.pos_ != "NOUN" or head.ent_type_:
        return False
    if not (words.is_located(head.lower_) or (
        head.dep_ == "compound" and words.is_located(head.head.lower_)
    )):  # fmt: skip
        return False
    found = gaz.lookup(tok.text)[:1]
    if not found:
        return False
    top = found[0]
    return top.precision in ("admin1", "country") or top.population >= KNOWN_TOWN


def _name_of(tok: Token) -> Span:
    """The name ``tok`` ends: its entity, else the capitalised words before it that the parser
    hangs on it ("Forest Green": no town Green)."""
    doc = tok.doc
    i, j = tok.i, tok.i + 1
    if tok.ent_iob_ in ("B", "I"):
        while i > 0 and doc[i].ent_iob_ == "I":
            i -= 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        return doc[i:j]
    while i > 0 and doc[i - 1].dep_ == "compound" and doc[i - 1].head.i == tok.i and (
        doc[i - 1].pos_ == "PROPN"
    ):  # fmt: skip
        i -= 1
    return doc[i:j]


def _comma_between(owner: Token, of: Token) -> bool:
    """ "Mr Lang, of Hayes": the person's name, a comma, then "of"."""
    return of.i == owner.i + 2 and owner.doc[owner.i + 1].text == ","


def _kind(place: Place) -> str:
    return "admin2" if place.feature_code == "ADM2" else place.precision
