"""Checks on one mention's choice (``Resolution.toponyms``): names written after a town and a
comma, words in capitals that are acronyms, not towns ("OAS", "BA"), and one part of a country
named in two ("Trinidad" in a story naming Trinidad and Tobago)."""

from __future__ import annotations

from ..knowledge.gazetteer import Place
from ..knowledge.names import norm
from ..nlp import Span
from .resolve import Choice

#: A town at least this big may be written in capitals ("LA"); a smaller one is an acronym.
ACRONYM_TOWN_OVER = 500_000


def _after_town(span: Span) -> bool:
    """ "Springfield, LA": the name is written after a town and a comma (a postal code)."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].text == ","
        and doc[span.start - 2].text[:1].isupper()
    )


def _acronym(span: Span, choice: Choice) -> Choice:
    """ "OAS", "BA": a word in capitals in a sentence that is not is an acronym, not a town
    spelt with the same letters ("Ba"), unless the town is big enough for news to write it so
    ("LA"); countries and divisions (postal codes) are read before this."""
    place, text = choice.place, span.text
    if (
        place is None
        or place.feature_class != "P"
        or place.population >= ACRONYM_TOWN_OVER
        or not (2 <= len(text) <= 5 and text.isalpha() and text.isupper())
    ):
        return choice
    words = [t.text for t in span.sent if t.is_alpha and len(t.text) > 1]
    if 2 * sum(w.isupper() for w in words) > len(words):  # a sentence in capitals
        return choice
    return Choice(None, f"'{text}' is written as an acronym; the town {place.name} is too small "
                  f"to be written so ({place.population:,} people)")  # fmt: skip


def country_parts(countries: dict[str, Place], text: str) -> dict[str, Place]:
    """ "Trinidad", "Bosnia", "Nevis" in an article whose ``text`` names Trinidad and Tobago,
    Bosnia and Herzegovina, Saint Kitts and Nevis: each part (normalised) of a country named in
    two, to that country; such a part is the country, not a town of its name elsewhere."""
    out = {}
    for country in countries.values():
        parts = country.name.strip().split(" and ")
        if len(parts) == 2 and country.name.strip() in text:
            out.update((norm(part), country) for part in parts)
    return out
