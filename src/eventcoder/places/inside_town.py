"""Where a street, road, building, area or event named in the text stands: a point inside
the town written after it ("Elm Street in Dover") or before it as a possessive
("Manchester's Bridgewater Hall"), or the town its name opens with when the article names that
town ("the Cavan Institute", "the Sligo Feis", "the Tijuana River"). The article's own town is
the fallback (``Resolution._built_in_town``)."""

from __future__ import annotations

from dataclasses import replace

from ..document import Sentence
from ..knowledge import Gazetteer, Place
from ..knowledge.names import norm
from .common import _POSSESSIVE, BIG_PLACE, Mention
from .resolve import km, own_name

#: GeoNames feature class and code of a point inside a town: a street, a building.
STREET_FEATURE = ("R", "ST")
BUILDING_FEATURE = ("S", "BLDG")
ROAD_FEATURE = ("R", "RD")
AREA_FEATURE = ("L", "AREA")


def point_in_town(town: Place, kind: str) -> Place:
    """The town's point, as a street's or building's inside it: no GeoNames id of its own
    (the town's id is not the street's), the kind in the feature class and code."""
    fclass, code = {"street": STREET_FEATURE, "road": ROAD_FEATURE, "area": AREA_FEATURE}.get(
        kind, BUILDING_FEATURE
    )
    return replace(town, geonameid=None, feature_class=fclass, feature_code=code)


def named_after_placed(
    mentions: list[Mention], kinds: dict[int, str | None], gaz: Gazetteer
) -> list[Mention]:
    """ "the Cavan Institute", "the Sligo Feis", "Belfast Magistrate's Court" in an article that
    places Cavan, Sligo, Belfast: a building or an event whose name opens with a town the
    article names stands or is held there (not a street: "Boston Road" runs towards Boston);
    an event also where its name opens with a city of ``BIG_PLACE`` people ("the New York Auto
    Show"; "the Rugby World Cup" is no event of the town of Rugby); any other name of several
    words the gazetteer lacks lies by the town it opens with ("the Tijuana River")."""
    placed: dict[str, Mention] = {}
    for m in mentions:
        if m.place is not None and m.place.precision == "city" and not kinds.get(id(m)):
            placed.setdefault(norm(m.span.text), m)
        elif m.place is not None and m.place.precision == "country" and not kinds.get(id(m)):
            city = city_state(m.place, m.span.text, gaz)  # "the Vatican Library"
            if city is not None:
                placed.setdefault(
                    norm(m.span.text),
                    Mention(
                        m.sentence,
                        m.span,
                        city,
                        (
                            f"{city.name}, the city of {m.place.name}, which holds most of its people"
                        ),
                    ),
                )
    out = []
    for m in mentions:
        kind = kinds.get(id(m))
        words = m.span.text.split()
        todo = m.place is None and (
            kind in ("building", "event")
            or (kind is None and len(words) > 1 and all(t.ent_type_ != "PERSON" for t in m.span))
        )  # ... or any name the gazetteer lacks: "the Tijuana River", "St. Louis Hills"
        for j in range(len(words) - 1, 0, -1) if todo else ():
            name = _POSSESSIVE.sub("", " ".join(words[:j]))
            hit = placed.get(norm(name))
            if (hit is None or hit.place is None) and kind == "event":
                big = [p for p in gaz.lookup(name)[:1]
                       if p.precision == "city" and p.population >= BIG_PLACE]  # fmt: skip
                if big:
                    hit = Mention(m.sentence, m.span, big[0], f"a city of "
                                  f"{big[0].population:,} people")  # fmt: skip
            if hit is None or hit.place is None:
                continue
            place = hit.place if kind == "event" else point_in_town(hit.place, kind or "area")
            verb = {"event": "is held in", "building": "stands in"}.get(kind or "", "lies by")
            m = Mention(m.sentence, m.span, place, f"'{m.span.text}' {verb} "
                        f"{hit.place.name}, the place its name opens with ({hit.reason})")  # fmt: skip
            kinds[id(m)] = None
            break
        out.append(m)
    return out


def in_the_town_after(mentions: list[Mention], kinds: dict[int, str | None]) -> list[Mention]:
    """ "the Mercer General Hospital in Leeds", "the Palace Theatre, Leeds": a street or
    building stands in the place written right after it (a point inside that town)."""
    starts = {(id(m.span.doc), m.span.start): m for m in mentions if m.place is not None}
    ends = {(id(m.span.doc), m.span.end): m for m in mentions if m.place is not None}
    out = []
    for m in mentions:
        span, doc = m.span, m.span.doc
        kind = kinds.get(id(m))
        town, where = None, "in"
        if kind and span.start > 1 and doc[span.start - 1].text in ("'s", "’s"):
            before = ends.get((id(doc), span.start - 1))  # "Manchester's Bridgewater Hall"
            if before is not None and before.place is not None and before.place.precision == "city":
                town, where = before, "of"
        if (
            town is None
            and m.place is None
            and kind
            and span.end + 1 < len(doc)
            and doc[span.end].lower_ in ("in", ",")
        ):
            town = starts.get((id(doc), span.end + 1))
            if town is None and doc[span.end + 1].lower_ == "the":  # "in the Bronx"
                town = starts.get((id(doc), span.end + 2))  # (not "in the U.S.": a country
                if town is not None and town.place and town.place.precision == "country":
                    town = None  # is no point for a building; its capital may be)
        if town is not None and town.place is not None:
            m = _inside(m, town, town.place, kind, where)
            kinds[id(m)] = None
        out.append(m)
    return out


def _inside(m: Mention, town: Mention, place: Place, kind: str | None, where: str) -> Mention:
    """``m`` placed in ``town`` (whose place is ``place``): a point inside it when it is a city,
    else the town's own place; ``where`` is "of" for a town written before ("Leeds's") and "in"
    for one written after."""
    if place.precision == "city":
        place = point_in_town(place, kind or "building")
    written = "before" if where == "of" else "after"
    return Mention(m.sentence, m.span, place, f"'{m.span.text}' is {a_kind(kind)} {where} "
                   f"{town.span.text}, written {written} it ({town.reason})")  # fmt: skip


def a_kind(kind: str | None) -> str:
    """ "a street", "an area": the kind with its article."""
    kind = kind or "building"
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


#: A name this far from the city written before it as a possessive is a namesake elsewhere.
FAR_FROM_OWNER_KM = 161.0


def owned_by_town(mentions: list[Mention], gaz: Gazetteer,
                  sentences: list[Sentence]) -> list[Mention]:  # fmt: skip
    """ "London's Heathrow", "Moscow's Red Square": a name written after a city's possessive
    lies in that city, wherever else the article writes it (one sense per article); where it
    was resolved to a namesake far from it (the gazetteer's only "Heathrow" is a Florida town),
    it becomes a point inside the city. The owner is a place the article resolved there, or
    else a city of ``BIG_PLACE`` people of that name."""
    resolved = {(id(m.span.doc), m.span.end): m for m in mentions if m.place is not None}
    owners: dict[str, tuple[Place, str, str]] = {}
    for sent in sentences:
        for tok in sent.span:
            if tok.text not in ("'s", "’s") or tok.i < 1 or tok.i + 1 >= len(tok.doc):
                continue
            name, owned = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
            if not (owned.text[:1].isupper() and owned.is_alpha and name.text[:1].isupper()):
                continue
            hit = resolved.get((id(tok.doc), tok.i))
            if hit is not None and hit.place is not None:
                owner = (hit.place, hit.reason, hit.span.text)
            else:
                big = [p for p in gaz.lookup(name.text)[:1]
                       if p.precision == "city" and p.population >= BIG_PLACE]  # fmt: skip
                if not big:
                    continue
                owner = (big[0], f"a city of {big[0].population:,} people", name.text)
            if owner[0].precision == "city":
                owners.setdefault(norm(owned.text), owner)
    if not owners:
        return mentions
    out = []
    for m in mentions:
        hit = owners.get(norm(m.span.text)) if m.place is not None else None
        if (
            hit is not None
            and m.place is not None
            and m.place.precision == "city"
            and km(m.place, hit[0]) > FAR_FROM_OWNER_KM
        ):
            m = Mention(m.sentence, m.span, point_in_town(hit[0], "area"),
                        f"'{m.span.text}' of {hit[2]}, written before it as its owner "
                        f"({hit[1]}); not {m.place.name} in {m.place.country}")  # fmt: skip
        out.append(m)
    return out


def in_its_own_clause(mentions: list[Mention], kinds: dict[int, str | None]) -> list[Mention]:
    """ "the Harwood Hospital, which opened in Leeds in 1990", "the Mercer Centre, where the
    band rehearsed in Dover last year": a building with no town written right after it stands in
    the one town named in what hangs from its name (a relative clause or a phrase of its own),
    by the town's own name, before the article's town is looked for."""
    by_root = {(id(m.span.doc), m.span.root.i): m for m in mentions
               if m.place is not None and m.place.precision == "city" and not kinds.get(id(m))
               and own_name(m.place, m.span.text)}  # fmt: skip  # not "Castle", another's alias
    if not by_root:
        return mentions
    out = []
    for m in mentions:
        kind = kinds.get(id(m))
        if m.place is None and kind in ("building", "area"):
            root = m.span.root
            towns = {
                id(t): t for tok in root.subtree if tok.i >= m.span.end
                and (t := by_root.get((id(tok.doc), tok.i))) is not None
            }  # fmt: skip
            if len(towns) == 1:
                town = next(iter(towns.values()))
                assert town.place is not None
                m = Mention(m.sentence, m.span, point_in_town(town.place, kind),
                            f"'{m.span.text}' is {a_kind(kind)} in {town.span.text}, named in "
                            f"what is said of it ({town.reason})")  # fmt: skip
                kinds[id(m)] = None
        out.append(m)
    return out


def city_state(country: Place, name: str, gaz: Gazetteer) -> Place | None:
    """The town of a city-state written ``name`` ("Vatican", "Monaco", "Singapore"): its capital
    whose name opens with ``name`` and holds most of its people (not Kuwait City of Kuwait)."""
    return next((p for p in gaz.lookup(name) if p.country == country.country
                 and p.feature_class == "P" and norm(p.name).startswith(norm(name))
                 and 2 * p.population > country.population), None)  # fmt: skip
