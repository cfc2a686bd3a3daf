"""A building's name written with "the" ("the White House", "the Round Tower") that the
gazetteer has only as a town of that name of fewer than ``BIG_PLACE`` people is the building,
not the town, unless the article's geography places the town (``landmark_words`` of
``place_words.yaml``; towns are written without "the")."""

from __future__ import annotations

from ..knowledge.words import PlaceWords
from .common import BIG_PLACE, Mention
from .resolve import placed_by_article, same_name


def landmarks_not_towns(
    mentions: list[Mention], words: PlaceWords
) -> tuple[list[Mention], set[tuple[int, int]]]:
    """The mentions with such landmarks unplaced, and their (``id`` of doc, first token)."""
    out, landmarks = [], set()
    for m in mentions:
        p, span = m.place, m.span
        if (
            p is not None
            and p.feature_class == "P"
            and p.population < BIG_PLACE
            and len(span) >= 2
            and span[-1].lower_ in words.landmark_words
            and span.start > 0
            and span.doc[span.start - 1].lower_ == "the"
            and same_name(p.name, span.text)
            and not placed_by_article(m.reason)
        ):
            m = Mention(m.sentence, span, None,
                        f"'the {span.text}' is a building, not the town {p.name} ({p.country}, "
                        f"{p.population:,} people)")  # fmt: skip
            landmarks.add((id(span.doc), span.start))
        out.append(m)
    return out, landmarks
