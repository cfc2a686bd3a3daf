"""Names no gazetteer entry holds, placed by the article's own geography (ninth round):

- a name written right before the place it lies in: "Harlow Point, Devon", "Cape Varne in
  Portlow", "the market at Kell", "Dunmore, near Carlow": the place written after it (a town, a
  state or a county; not a country: too coarse to stand for a village or a cape);
- else a name written where news writes a place ("grew up in Balnagh", "a ferry to and from
  Gull Island", or a name the parser labels a place) in an article that has a town of its own
  (the dateline's, the town it names most): local news names the villages and districts around
  its town, which no gazetteer of towns of 500 people holds; the name is placed by that town,
  as an area with no GeoNames id of its own, with a reason that says so.

A name the parser labels a person, and a street, building or event (placed or left by
``inside_town`` and ``Resolution._built_in_town``), is left alone; with no town, nothing is
invented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..knowledge import Gazetteer, Place
from ..knowledge.names import norm
from ..knowledge.words import PlaceWords
from ..nlp import Span
from .common import Mention

#: Words between a name and the place written after it: "X, Y", "X in Y", "X at Y", "X near Y",
#: "X, near Y".
_BEFORE_PLACE = frozenset({"in", "at", "near"})
#: Prepositions of where something is, happens or comes from.
#: (Not "to": "wrote to Ana Ruiz", "a letter sent to El Sol".)
_LOCATIVE = frozenset({"in", "at", "from", "near", "outside", "inside", "into", "around",
                       "across", "toward", "towards", "via"})  # fmt: skip
#: Words that may stand between such a preposition and the name: "in the eastern Kell".
_BETWEEN = frozenset({"the", "eastern", "western", "northern", "southern", "central", "upper",
                      "lower", "rural", "downtown", "suburban", "nearby", "neighbouring",
                      "neighboring", "and", "or"})  # fmt: skip
#: Entity labels of places the parser gives names it does not know (not "GPE": the small model
#: labels many a foreign person's name so).
_PLACE_LABELS = frozenset({"LOC", "FAC"})
#: Feature codes of divisions a name may be placed in ("Harlow Point, Devon").
_DIVISIONS = frozenset({"ADM1", "ADM2"})
#: What ``far_namesakes`` says of a name it left unresolved (its only entry is far away).
_FAR_LEFT = "left unresolved"


def unknown(m: Mention, gaz: Gazetteer) -> bool:
    """``m`` is left unresolved because no gazetteer entry holds its name (or its only entry is a
    namesake far from the article), and the parser does not call it a person."""
    text = m.span.text
    return (
        m.place is None
        and text[:1].isupper()
        and not any(c.isdigit() for c in text)  # "GT3", "Route 9"
        and not (text.isupper() and len(text) > 1)  # "OT", "ICON": initials, a heading
        and all(t.ent_type_ != "PERSON" for t in m.span)
        and all(t.ent_type_ != "PERSON" for t in m.span)
        and (m.reason.endswith(_FAR_LEFT) or not gaz.lookup(text))
    )


def _as_area(place: Place) -> Place:
    """A point by ``place`` (a town, or a division's point) standing for a place of its own: no
    GeoNames id (the town's or county's id is not the village's)."""
    return replace(place, geonameid=None, feature_class="L", feature_code="AREA")


def _container(m: Mention, starts: dict[tuple[int, int], Mention]) -> tuple[Mention, str] | None:
    """The resolved town or division written right after ``m`` ("X, Devon", "X in Portlow",
    "X, near Carlow") and the words between."""
    doc, i = m.span.doc, m.span.end
    words = []
    if i < len(doc) and doc[i].text == ",":
        words.append(",")
        i += 1
    if i < len(doc) and doc[i].lower_ in _BEFORE_PLACE:
        words.append(doc[i].lower_)
        i += 1
    if not words:
        return None
    hit = starts.get((id(doc), i))
    if hit is None or hit.place is None:
        return None
    p = hit.place
    if p.feature_code in _DIVISIONS:
        return hit, " ".join(words)
    if p.precision != "city":
        return None
    end = hit.span.end
    if words == [","] and end < len(doc) and doc[end].lower_ in (",", "and", "or"):
        return None  # "Kell, Portlow, Dunmore and Carlow": a list, not a town after its village
    return hit, " ".join(words)


def place_unknown(
    mentions: list[Mention],
    gaz: Gazetteer,
    words: PlaceWords,
    built_kind: Callable[[Span], str | None],
    article_town: Callable[[list[Mention], dict[int, str | None]], tuple[Place | None, str]],
) -> list[Mention]:
    """The article's unknown names placed by the place written after them, else by the
    article's town (``article_town``: ``Resolution._article_town``); ``built_kind`` tells the
    streets and buildings left alone."""
    kinds = {id(m): built_kind(m.span) for m in mentions}
    mentions = placed_by_place_after(mentions, kinds, gaz)
    kinds = {id(m): kinds.get(id(m)) for m in mentions}
    hows: dict[str, str] = {}  # one sense per article: how one mention of the name is written
    for m in mentions:
        if not kinds[id(m)] and unknown(m, gaz):
            how = stands_as_place(m.span, words.place_nouns)
            if how is not None:
                hows.setdefault(norm(m.span.text), how)
    if not hows:
        return mentions
    town, why = article_town(mentions, kinds)
    if town is None or not _the_articles_own(why):
        return mentions
    out = []
    for m in mentions:
        how = hows.get(norm(m.span.text)) if not kinds[id(m)] and unknown(m, gaz) else None
        if how is not None:
            m = Mention(m.sentence, m.span, _as_area(town),
                        f"'{m.span.text}' is not in the gazetteer: a place ({how}), "
                        f"placed by {town.name}, {why}")  # fmt: skip
        out.append(m)
    return out


def _the_articles_own(why: str) -> bool:
    """The town ``_article_town`` found is the article's own: its dateline's or the town it
    names most, not one read inside another name ("the Sutton Trust")."""
    return "(in '" not in why


def placed_by_place_after(
    mentions: list[Mention], kinds: dict[int, str | None], gaz: Gazetteer
) -> list[Mention]:
    """Unknown names written right before the place they lie in ("Harlow Point, Devon")."""
    starts = {(id(m.span.doc), m.span.start): m for m in mentions if m.place is not None}
    out = []
    for m in mentions:
        if not kinds.get(id(m)) and unknown(m, gaz):
            found = _container(m, starts)
            if found is not None:
                hit, words = found
                assert hit.place is not None
                where = hit.place.name if words != "near" else f"near {hit.place.name}"
                m = Mention(m.sentence, m.span, _as_area(hit.place),
                            f"'{m.span.text}' is not in the gazetteer: placed in {where}, "
                            f"written after it ('{m.span.text}{' ' if words != ',' else ''}"
                            f"{words} {hit.span.text}'; {hit.reason})")  # fmt: skip
        out.append(m)
    return out


def stands_as_place(span: Span, place_nouns: frozenset[str]) -> str | None:
    """How ``span`` is written where news writes a place: after a preposition of place ("grew up
    in Balnagh", "to and from Gull Island", "in eastern Kell"), after a place's noun and "of"
    ("the village of Balnagh"), or labelled a place by the parser; None if none."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and doc[i].lower_ in _BETWEEN:
        i -= 1
    if i >= 0 and doc[i].lower_ in _LOCATIVE:
        return f"written after '{doc[i].text}'"
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in place_nouns:
        return f"written after '{doc[i - 1].text} of'"
    if span[0].ent_type_ in _PLACE_LABELS:
        return f"labelled {span[0].ent_type_} by the parser"
    return None
