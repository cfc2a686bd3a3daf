"""Whether the place inside a longer name the gazetteer lacks ("Manila Cathedral": Manila) may
stand for that name in this article: not a continent for a building ("the Harbour Mall of
Europe" stands in a town, not at Europe's point), and not a town in a country the article names
nowhere ("Le Zermatt", a restaurant in a story from New York, is not in Zermatt, Switzerland),
unless the article's places or a local cue support it."""

from __future__ import annotations

from ..knowledge.gazetteer import big_feature
from ..knowledge.words import PlaceWords
from .resolve import Choice, Context, placed_by_article


def inner_fits(text: str, choice: Choice, ctx: Context, words: PlaceWords) -> bool:
    """``choice``: the inner name's place, with why it was chosen."""
    place = choice.place
    if place is None:
        return False
    building = any(w.lower() in words.built_heads for w in text.split())
    if building and (big_feature(place) or place.feature_code == "CONT"):
        return False
    return not (
        place.feature_class == "P"
        and ctx.countries
        and not ctx.countries.get(place.country or "")
        and not placed_by_article(choice.reason)
    )
