"""A clock time with a time zone ("from 7 a.m. CT", "at 9:30 p.m. EDT") sets the article in
the countries keeping that zone (``time_zones`` of ``place_words.yaml``): once per article, as
weak as a country named once ("Manchester" in a story timed in Eastern Time is New
Hampshire's)."""

from __future__ import annotations

import re

from ..document import Document
from ..knowledge.words import PlaceWords
from .resolve import Context

_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:[ap]\.m\.|[ap]m)\s+(?:\(\s*)?(?P<zone>[A-Z]{2,4})\b"
)


def count_time_zones(ctx: Context, doc: Document, words: PlaceWords) -> None:
    """Reads the kept paragraphs' text (one regular expression over each, no tokens)."""
    countries: set[str] = set()
    for seg in doc.segments:
        for m in _CLOCK.finditer(doc.text, seg.start, seg.end):
            countries |= words.time_zones.get(m.group("zone"), frozenset())
    for country in countries:
        ctx.countries[country] += 1
