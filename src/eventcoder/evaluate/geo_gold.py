"""Gold files for ``evaluate-geo``: YAML (or JSON) lists of articles in the layout of
``benchmarks/data/geo_gold_dev.yaml`` (documented in ``benchmarks/data/GEO_GOLD.md``), read into
typed records with every span found in the text (by its text and occurrence, or by
``start``/``end``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path


class GoldError(ValueError):
    """A gold record is malformed; the message names the file and the record."""


@dataclass
class GoldPlace:
    start: int
    end: int
    text: str
    geonameid: int | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class GoldDate:
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None


@dataclass
class GoldEvent:
    start: int
    end: int
    trigger: str
    loc: GoldPlace | None
    date: GoldDate | None


@dataclass
class GoldArticle:
    id: str
    text: str
    date: str | None
    toponyms: list[GoldPlace]
    not_toponyms: list[tuple[int, int, str]]
    dates: list[GoldDate]
    events: list[GoldEvent]


def _find(text: str, needle: str, n: int, where: str) -> tuple[int, int]:
    hits = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)]
    if len(hits) < n:
        raise GoldError(f"{where}: {needle!r} occurs {len(hits)} time(s), not {n}")
    return hits[n - 1], hits[n - 1] + len(needle)


def _span(text: str, item: dict, key: str, where: str) -> tuple[int, int, str]:
    if "start" in item and "end" in item:
        start, end = int(item["start"]), int(item["end"])
        if item.get(key) is not None and text[start:end] != item[key]:
            raise GoldError(f"{where}: text[{start}:{end}] is {text[start:end]!r}")
        return start, end, text[start:end]
    if not item.get(key):
        raise GoldError(f"{where}: needs '{key}' or 'start'/'end'")
    start, end = _find(text, str(item[key]), int(item.get("n", 1)), where)
    return start, end, str(item[key])


def _place(
    text: str, item: dict, where: str, span: tuple[int, int, str] | None = None
) -> GoldPlace:
    start, end, surface = span or _span(text, item, "text", where)
    gid = item.get("geonameid")
    return GoldPlace(
        start, end, surface, int(gid) if gid is not None else None, item.get("country"),
        item.get("lat"), item.get("lon"),
    )  # fmt: skip


def _date_value(item: dict) -> tuple[str | None, str | None]:
    value = item.get("value")
    if isinstance(value, dt.date):
        value = value.isoformat()
    return (str(value) if value is not None else None), item.get("precision")


def load_geo_gold(path: Path) -> list[GoldArticle]:
    """Read a gold file (YAML or JSON list of articles); errors name the file and record."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        records = json.loads(raw)
    else:
        import yaml

        records = yaml.safe_load(raw)
    if not isinstance(records, list):
        raise GoldError(f"{path}: expected a list of articles")
    out = []
    for i, rec in enumerate(records, 1):
        where = f"{path.name} record {i} ({rec.get('id') if isinstance(rec, dict) else '?'})"
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise GoldError(f"{where}: needs 'id' and 'text'")
        text = rec["text"]
        date = rec.get("date")
        date = date.isoformat() if isinstance(date, dt.date) else date
        tops = [_place(text, t, f"{where} toponym {t}") for t in rec.get("toponyms") or []]
        negs = []
        for word in rec.get("not_toponyms") or []:
            negs += [(m.start(), m.end(), word)
                     for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)]  # fmt: skip
        dates = []
        for d in rec.get("dates") or []:
            start, end, surface = _span(text, d, "text", f"{where} date {d}")
            dates.append(GoldDate(start, end, surface, *_date_value(d)))
        events = []
        for e in rec.get("events") or []:
            w = f"{where} event {e.get('trigger')}"
            start, end, surface = _span(text, e, "trigger", w)
            loc = e.get("loc")
            gloc = None
            if loc:
                gloc = GoldPlace(0, 0, loc.get("text", ""), loc.get("geonameid"),
                                 loc.get("country"), loc.get("lat"), loc.get("lon"))  # fmt: skip
            gdate = None
            if e.get("date"):
                gdate = GoldDate(0, 0, "", *_date_value(e["date"]))
            events.append(GoldEvent(start, end, surface, gloc, gdate))
        out.append(GoldArticle(str(rec.get("id", i)), text, date, tops, negs, dates, events))
    return out


# ---------------------------------------------------------------------------------- helpers
def load_all(paths: list[Path]) -> list[GoldArticle]:
    out: list[GoldArticle] = []
    for path in paths:
        if not path.exists():
            raise GoldError(f"no such file: {path}")
        out.extend(load_geo_gold(path))
    return out
