"""A name the gazetteer has only as one small town far from every place the article locates,
in a country the article names nowhere else ("Meppel" in a story from Kenya: the Dutch town
is the only Meppel it has) is left unresolved with that reason: abstaining is more honest
than a point thousands of kilometres away."""

from __future__ import annotations

from collections import Counter

from ..knowledge.gazetteer import Gazetteer, generic_name
from ..knowledge.names import norm
from .common import BIG_PLACE, Mention
from .resolve import MAX_CANDIDATES, Context, km, placed_by_article, same_name

#: A town this big is news on its own ("Mosul" in a story from Washington is Mosul).
SMALL_TOWN = 100_000
#: Farther than this from every other place the article locates.
FAR_KM = 1_500.0


def far_single_namesakes(mentions: list[Mention], ctx: Context, gaz: Gazetteer) -> list[Mention]:
    if not any(m.reason == "the only place of that name" for m in mentions):
        return mentions
    mentioned = Counter(norm(m.span.text) for m in mentions)
    out = []
    for m in mentions:
        p = m.place
        if (
            m.reason == "the only place of that name"
            and p is not None
            and p.feature_class == "P"
            and p.population < SMALL_TOWN
            and len(gaz.lookup(m.span.text)[:MAX_CANDIDATES]) == 1
            # the country is named only by this name's own mentions
            and ctx.countries.get(p.country or "", 0) <= mentioned[norm(m.span.text)]
        ):
            others = [km(p, a) for a in ctx.anchors
                      if not same_name(a.name, m.span.text) and a.country != p.country]  # fmt: skip
            if len(others) >= 2 and min(others) > FAR_KM:
                m = Mention(m.sentence, m.span, None,
                            f"'{m.span.text}' is in the gazetteer only as {p.name} ({p.country}), "
                            f"{min(others):,.0f} km from the article's places, in a country it "
                            "names nowhere else: left unresolved")  # fmt: skip
        out.append(m)
    return out


def directions_not_towns(mentions: list[Mention], generic: frozenset[str]) -> list[Mention]:
    """ "its image in the West", "schools across the North": a word of direction or of a kind
    of region (``generic_name_words``) written as a name is no town of that name (West, Texas),
    unless the article's geography places the town; left unresolved with that reason."""
    out = []
    for m in mentions:
        p = m.place
        if (
            p is not None
            and p.feature_class == "P"
            and p.population < BIG_PLACE
            and generic_name(m.span.text, generic)
            and not placed_by_article(m.reason)
        ):
            m = Mention(m.sentence, m.span, None,
                        f"'{m.span.text}' is a word of direction or region here, not the town "
                        f"{p.name} ({p.country}, {p.population:,} people)")  # fmt: skip
        out.append(m)
    return out
