"""Names no gazetteer entry holds, placed by the article's own geography (ninth round):

- a name written right before the place it lies in: "Harlow Point, Devon", "Cape Varne in
  Portlow", "the market at Kell", "Dunmore, near Carlow": the place written after it (a town, a
  state or a county; not a country: too coarse to stand for a village or a cape);
- else a name written where news writes a place ("grew up in Balnagh", "the village of Umbekka",
  or a name the parser labels a place) in an article that has a town of its own
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
from .resolve import km

#: Words between a name and the place written after it: "X, Y", "X in Y", "X at Y", "X near Y",
#: "X, near Y".
_BEFORE_PLACE = frozenset({"in", "at", "near"})
#: Entity labels of places the parser gives names it does not know (not "GPE": the small model
#: labels many a foreign person's name so).
_PLACE_LABELS = frozenset({"LOC", "FAC"})
#: Prepositions after which a name is no place of the article's town even when labelled one:
#: where someone comes from, whom a letter goes to ("chefs from Le Tallon").
_NOT_AFTER = frozenset({"from", "to"})
#: Feature codes of divisions a name may be placed in ("Harlow Point, Devon").
_DIVISIONS = frozenset({"ADM1", "ADM2"})
#: A local story's towns lie this close to its own town.
LOCAL_KM = 100.0
#: What ``far_namesakes`` says of a name it left unresolved (its only entry is far away).
_FAR_LEFT = "left unresolved"
#: What ``acronyms`` says of a word in capitals it did not take for a small town.
_ACRONYM = "is written as an acronym"


def unknown(m: Mention, gaz: Gazetteer, initials: bool = False) -> bool:
    """``m`` is left unresolved because no gazetteer entry holds its name (or its only entry is a
    namesake far from the article), and the parser does not call it a person; ``initials``: also
    a word in capitals that was read as an acronym ("the CHU in Montpellier")."""
    text = m.span.text
    if m.place is not None or not text[:1].isupper():
        return False
    if any(t.ent_type_ == "PERSON" for t in m.span):
        return False
    if initials and _ACRONYM in m.reason:
        return True
    return (
        not any(c.isdigit() for c in text)  # "GT3", "Route 9"
        and (initials or not (text.isupper() and len(text) > 1))  # "OT", "ICON": a heading
        and (m.reason.endswith(_FAR_LEFT) or not gaz.lookup(text))
    )


def as_area(place: Place) -> Place:
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
            how = stands_as_place(m.span, words)
            if how is not None:
                hows.setdefault(norm(m.span.text), how)
    if not hows:
        return mentions
    town, why = article_town(mentions, kinds)
    towns = [m.place for m in mentions
             if m.place is not None and m.place.feature_class == "P" and m.place.geonameid]  # fmt: skip
    if town is None or not _local_town(town, why, towns):
        return mentions
    out = []
    for m in mentions:
        how = hows.get(norm(m.span.text)) if not kinds[id(m)] and unknown(m, gaz) else None
        if how is not None:
            m = Mention(m.sentence, m.span, as_area(town),
                        f"{m.reason}; a place ({how}): placed by {town.name}, {why}")  # fmt: skip
        out.append(m)
    return out


def _local_town(town: Place, why: str, towns: list[Place]) -> bool:
    """``town`` is the article's own, the town of a local story: most of the towns its text
    (``towns``) and dateline name lie within ``LOCAL_KM`` of it (a dateline alone is no such
    sign: a wire story's dateline over news from elsewhere, "AMMAN - ... in western Zarbia"; nor
    a town among towns across a country), and it is not read inside another name ("the Sutton
    Trust")."""
    dateline = "dateline" in why  # the dateline names the town once more
    near = sum(km(p, town) <= LOCAL_KM for p in towns) + dateline
    return bool(towns) and "(in '" not in why and 2 * near > len(towns) + dateline


def placed_by_place_after(
    mentions: list[Mention], kinds: dict[int, str | None], gaz: Gazetteer
) -> list[Mention]:
    """Unknown names written right before the place they lie in ("Harlow Point, Devon")."""
    starts = {(id(m.span.doc), m.span.start): m for m in mentions if m.place is not None}
    out = []
    for m in mentions:
        if not kinds.get(id(m)) and unknown(m, gaz, initials=True):
            found = _container(m, starts)
            if found is not None:
                hit, words = found
                assert hit.place is not None
                where = hit.place.name if words != "near" else f"near {hit.place.name}"
                m = Mention(m.sentence, m.span, as_area(hit.place),
                            f"{m.reason}; placed in {where}, "
                            f"written after it ('{m.span.text}{' ' if words != ',' else ''}"
                            f"{words} {hit.span.text}'; {hit.reason})")  # fmt: skip
        out.append(m)
    return out


def stands_as_place(span: Span, words: PlaceWords) -> str | None:
    """How ``span`` is written where news writes a place: after a preposition of place ("grew up
    in Balnagh", "a ferry around Gull Island", "in eastern Kell"; "flights to and from Kell": a
    route serves the place, where "from" alone tells an origin), after a place's noun and "of"
    ("the village of Balnagh"), or labelled a place by the parser; None if none."""
    doc, i, preps = span.doc, span.start - 1, words.unknown_place_preps
    while i >= 0:
        if doc[i].lower_ in words.unknown_place_between:
            i -= 1
        elif doc[i].text in ("'s", "’s") and i >= 1 and doc[i - 1].text[:1].isupper():
            i -= 1  # "in Kell's old quarter", "in Mayor Ana Ruiz's Lodge": the owner's name
            while i >= 0 and doc[i].text[:1].isupper() and doc[i].lower_ not in preps:
                i -= 1  # (not "In" opening the sentence)
        else:
            break
    if i >= 0 and doc[i].lower_ in preps:
        return f"written after '{doc[i].text}'"
    if i >= 2 and doc[i - 2 : i + 1].text.lower() == "to and from":  # a route it serves
        return "written after 'to and from'"
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in words.place_nouns:
        return f"written after '{doc[i - 1].text} of'"
    if span[0].ent_type_ in _PLACE_LABELS and not (i >= 0 and doc[i].lower_ in _NOT_AFTER):
        return f"labelled {span[0].ent_type_} by the parser"
    return None


def the_one_county(mentions: list[Mention], not_in: str | None = None) -> tuple[Place | None, str]:
    """The one county (a second-level division) an article that names no town names, and why:
    a building of a county story stands in it ("the Harwood Medical Center" in a story of
    Cuyahoga County); none where it names two or more, or one in the country ``not_in``."""
    counties = {m.place.geonameid: m.place for m in mentions
                if m.place is not None and m.place.feature_code == "ADM2"
                and m.place.country != not_in}  # fmt: skip
    if len(counties) != 1:
        return None, ""
    county = next(iter(counties.values()))
    return county, "the one county the article names, which names no town"
