"""Adjectival place mentions: a country's or a world region's adjective describing a place or
what stands or happens there ("the Libyan capital", "the Croatian islands", "the Romanian market",
"Scandinavian nations", "South Korean factories").

They are reported beside the named places in ``Document.places`` as ``PlaceMention`` with
``use="adjectival"``, resolved to the country (from the country table's demonyms) or the region
(``place_words.yaml``, ``region_adjectives``) at country or region precision, each with its
reason. They are never an event's place and change no actor: the stage adds them after the
event places are chosen. An adjective of an actor or a person ("Libyan troops", "a British
engineer"), of a thing from a country ("Chinese goods"), or inside a name ("the Russian
Embassy", "the Indian Ocean") is none: only a common noun of ``place_nouns``, ``geo_heads``,
``located_heads`` or ``adjectival_heads`` may be described, not one of
``adjectival_not_heads`` ("a Moldovan court sentenced", "the Moldovan state" are actors).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Document
from ..knowledge import Knowledge
from ..knowledge.gazetteer import Place
from ..records import PlaceMention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: How an adjective hangs on the noun it describes ("the Libyan capital", "Greek islands").
_ON_NOUN = frozenset({"amod", "compound", "nmod"})
#: Entities that are names of places, read as names by the rest of the stage.
_NAMES = frozenset({"GPE", "LOC", "FAC"})


def adjectival_places(
    doc: Document, knowledge: Knowledge, taken: list[tuple[int, int]]
) -> list[PlaceMention]:
    """The adjectival place mentions of the article, none overlapping a span of ``taken``."""
    words = knowledge.place_words
    heads = words.place_nouns | words.geo_heads | words.located_heads | words.adjectival_heads
    heads -= words.adjectival_not_heads  # "a Moldovan court sentenced": an actor
    out: list[PlaceMention] = []
    for sent in doc.sentences:
        for tok in sent.span:
            if tok.dep_ not in _ON_NOUN and tok.dep_ != "conj":
                continue
            if not tok.text[:1].isupper() or tok.ent_type_ in _NAMES:
                continue  # a place's name ("US", "Syria") is read as a name, elsewhere
            first = _adjective_start(tok)
            if first is None:
                continue  # inside a longer name ("the Russian Embassy"), or not its last word
            text = tok.doc[first : tok.i + 1].text
            place = _place_of(text, knowledge)
            if place is None:
                continue
            noun = _described(tok, heads)
            if noun is None:
                continue
            start = sent.segment.start + tok.doc[first].idx
            end = sent.segment.start + tok.idx + len(tok.text)
            if any(s < end and start < e for s, e in taken):
                continue
            out.append(_mention(text, start, end, place, noun))
    return out


def _adjective_start(tok: Token) -> int | None:
    """Where the entity ending at ``tok`` starts ("South Korean"), or ``tok`` outside any
    entity; None when ``tok`` is not the entity's last word. Whatever the entity's label, it is
    an adjective only when its whole text is one (the parser reads "Costa Rican" or "English"
    as a person or a language; "the Russian Embassy" is no adjective)."""
    doc = tok.doc
    if tok.ent_iob_ not in ("B", "I"):
        return tok.i
    if tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I":
        return None  # not the entity's last word
    i = tok.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i  # the caller keeps it only when the whole entity is an adjective of a place


def _place_of(text: str, knowledge: Knowledge) -> Place | None:
    """The country whose adjective ``text`` is, the world region of a region adjective, or
    the first-level division of a division's adjective ("English": England)."""
    division = knowledge.place_words.division_adjectives.get(text)
    if division is not None:
        found = knowledge.gazetteer.lookup(division)
        return next((p for p in found if p.precision == "admin1"), None)
    region = knowledge.place_words.region_adjectives.get(text)
    if region is not None:
        found = knowledge.gazetteer.lookup(region)
        return found[0] if found and found[0].precision == "region" else None
    hit = knowledge.countries.get(text)
    if hit is None or hit.kind != "demonym" or text.endswith("s"):
        return None  # "Americans" are people
    return knowledge.gazetteer.countries.get(hit.code)


def _described(tok: Token, heads: frozenset[str]) -> Token | None:
    """The common noun the adjective describes, when it names a place or what stands there:
    "the Libyan capital", "the Romanian dairy market" (through a noun modifying it),
    "British and Irish farms" (through a list of adjectives), "the Libyan-Tunisian frontier"."""
    cur = tok
    for _ in range(4):  # up a list of adjectives or a hyphenated pair
        if cur.dep_ == "conj" or (
            cur.dep_ in _ON_NOUN
            and cur.head.pos_ in ("ADJ", "PROPN")
            and cur.head.text[:1].isupper()  # "Libyan-Tunisian", not "Russian military bases"
        ):
            cur = cur.head
        else:
            break
    if cur.dep_ not in _ON_NOUN:
        return None
    noun = cur.head
    for _ in range(3):  # "the Romanian dairy industry": through nouns modifying the noun
        if noun.pos_ != "NOUN" or noun.ent_type_:
            return None
        if noun.lower_ in heads:
            return noun
        if noun.dep_ != "compound":
            return None
        noun = noun.head
    return None


def _mention(text: str, start: int, end: int, place: Place, noun: Token) -> PlaceMention:
    kind = place.precision if place.precision in ("country", "admin1") else "region"
    return PlaceMention(
        extracted_place=text, start=start, end=end, resolved_place=place.name,
        geonameid=place.geonameid, lat=place.lat, lon=place.lon,
        feature_class=place.feature_class, feature_code=place.feature_code,
        country_code=place.country, precision=kind, use="adjectival",
        reason=f"'{text} {noun.text}': {place.name} named by its adjective (an adjectival "
        "use, never an event's place)",
    )  # fmt: skip
