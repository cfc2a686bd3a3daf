"""A country's diplomatic mission named after it ("the Zarbian Embassy", "the Embassy of the
Republic of Peru") stands abroad: never in that country (``mission_words`` of
``place_words.yaml``); a building "in the U.S. capital" stands in that country's capital."""

from __future__ import annotations

from ..knowledge import Countries, Gazetteer
from ..knowledge.words import PlaceWords
from ..nlp import Span
from .common import Mention
from .inside_town import a_kind, point_in_town

#: Words in a country's name at most ("the Democratic Republic of the Congo" is 6).
_MAX_NAME_WORDS = 6


def mission_of(span: Span, countries: Countries, words: PlaceWords) -> str | None:
    """The country (ISO alpha-3) whose embassy or consulate ``span`` names, by the country's
    name or adjective inside it; None for any other name."""
    if not any(t.lower_ in words.mission_words for t in span):
        return None
    for i in range(len(span)):
        if not span[i].text[:1].isupper() or span[i].lower_ in words.mission_words:
            continue
        for j in range(min(len(span), i + _MAX_NAME_WORDS), i, -1):
            hit = countries.get(span[i:j].text)
            if hit is not None and hit.kind in ("name", "demonym"):
                return hit.code
    return None


def missions_abroad(
    mentions: list[Mention], countries: Countries, words: PlaceWords
) -> tuple[list[Mention], dict[tuple[int, int], str]]:
    """The mentions with every mission placed in its own country unplaced (it is then placed
    as a building, outside that country), and the missions' countries by (``id`` of the doc, first token)."""
    out, abroad = [], {}
    for m in mentions:
        code = mission_of(m.span, countries, words)
        if code is None:
            out.append(m)
            continue
        if m.place is not None and m.place.country == code:
            m = Mention(m.sentence, m.span, None,
                        f"'{m.span.text}' is {code}'s mission: it stands outside {code}")  # fmt: skip
        abroad[(id(m.span.doc), m.span.start)] = code
        out.append(m)
    return out, abroad


def in_the_capital_after(
    mentions: list[Mention],
    kinds: dict[int, str | None],
    countries: Countries,
    gaz: Gazetteer,
) -> list[Mention]:
    """ "the Zarbian Embassy in the U.S. capital", "a hospital in the Iraqi capital": a street
    or building stands in the capital of the country named (or described) right after it."""
    out = []
    for m in mentions:
        span, kind = m.span, kinds.get(id(m))
        doc = span.doc
        if m.place is None and kind and doc[span.end : span.end + 2].text.lower() == "in the":
            words = doc[span.end + 2 : span.end + 2 + _MAX_NAME_WORDS + 1]
            cap = next((t.i for t in words if t.lower_ == "capital"), None)
            hit = countries.get(doc[span.end + 2 : cap].text) if cap else None
            hit = hit if hit is not None and hit.kind in ("name", "demonym") else None
            name = countries.capitals.get(hit.code) if hit is not None else None
            town = next((p for p in gaz.lookup(name) if p.country == hit.code
                         and p.feature_class == "P"), None) if hit and name else None  # fmt: skip
            if town is not None:
                m = Mention(m.sentence, span, point_in_town(town, kind),
                            f"'{span.text}' is {a_kind(kind)} in "
                            f"'{doc[span.end + 1 : (cap or 0) + 1].text}': {town.name}")  # fmt: skip
                kinds[id(m)] = None
        out.append(m)
    return out
