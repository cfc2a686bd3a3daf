"""Scoring of where and when: geoparsing, date resolution and each event's place and date.

Gold files are YAML (or JSON) lists of articles in the layout of
``benchmarks/data/geo_gold_dev.yaml`` (documented in ``benchmarks/data/GEO_GOLD.md``): the text,
its publication date, every toponym (by its text and occurrence, or by ``start``/``end``) with
its GeoNames id and/or country and coordinates, every temporal expression with its ISO value and
precision, and some events (a trigger word) with their gold place and date.

Scores:
- toponyms: precision / recall / F1 by exact character offsets (and by any overlap); the gold's
  rules make no adjective a toponym ("Iraqi"), so adjectival place mentions ("the Syrian
  capital", ``PlaceMention.use``) are counted apart, with how many fall on a hard negative;
- resolution of the toponyms found: exact GeoNames id, country, distance <= 161 km (100 miles);
- temporal expressions: precision / recall by overlap, value exact (same value and precision)
  and within precision (the two dates' ranges overlap: "2019-10" holds "2019-10-15");
- events (matched by the gold trigger's offset): place country / <= 161 km / exact id, and date
  exact / within precision.

``eventcoder evaluate-geo GOLD...`` prints the scores; ``benchmarks/geo_accuracy.py`` writes the
README table.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from .geo_gold import (  # noqa: F401  (re-exported: the gold records go with the scores)
    GoldArticle,
    GoldDate,
    GoldError,
    GoldEvent,
    GoldPlace,
    load_all,
    load_geo_gold,
)

KM_LIMIT = 161.0  # 100 miles, the usual geoparsing tolerance


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def date_range(value: str, precision: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day an ISO value at a precision stands for."""
    if len(value) == 4:
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    if len(value) == 7:
        y, m = int(value[:4]), int(value[5:7])
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
    day = dt.date.fromisoformat(value[:10])
    if precision == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    return day, day


def same_date(value: str | None, precision: str | None, gold: GoldDate) -> tuple[bool, bool]:
    """(exact, within precision) for a predicted value against a gold one."""
    if value is None or gold.value is None:
        return False, False
    exact = value == gold.value and (precision or "day") == (gold.precision or "day")
    a0, a1 = date_range(value, precision)
    b0, b1 = date_range(gold.value, gold.precision)
    return exact, a0 <= b1 and b0 <= a1


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def __getitem__(self, key: str) -> int:
        return self.counts.get(key, 0)


class _ById:
    """GeoNames id -> the gazetteer's place (for gold places given by id only)."""

    def __init__(self, gaz: Any) -> None:
        self.gaz = gaz

    def get(self, geonameid: int) -> Any:
        return self.gaz.by_id(geonameid) if self.gaz is not None else None


def _coords(gold: GoldPlace, by_id: Any) -> tuple[float, float] | None:
    if gold.lat is not None and gold.lon is not None:
        return float(gold.lat), float(gold.lon)
    place = by_id.get(gold.geonameid) if gold.geonameid is not None else None
    if place is not None and place.lat is not None:
        return place.lat, place.lon
    return None


def _judge_place(t: Tally, prefix: str, pred: Any, gold: GoldPlace, by_id: Any) -> list[str]:
    """Tally resolution of one predicted Location against a gold place; returns error notes."""
    notes = []
    resolved = pred is not None and (pred.geonameid is not None or pred.country_code)
    t.add(f"{prefix}_resolved", bool(resolved))
    if gold.geonameid is not None:
        t.add(f"{prefix}_id_gold")
        ok = resolved and pred.geonameid == gold.geonameid
        t.add(f"{prefix}_id_ok", bool(ok))
    if gold.country:
        t.add(f"{prefix}_country_gold")
        ok = bool(resolved) and pred.country_code == gold.country
        t.add(f"{prefix}_country_ok", ok)
        if resolved:
            t.add(f"{prefix}_country_resolved")
            t.add(f"{prefix}_country_resolved_ok", ok)
        if not ok:
            got = pred.country_code if pred is not None else None
            notes.append(f"country {got} for {gold.country}")
    coords = _coords(gold, by_id)
    if coords is not None:
        t.add(f"{prefix}_km_gold")
        if resolved and pred.lat is not None and pred.lon is not None:
            d = km(pred.lat, pred.lon, *coords)
            t.add(f"{prefix}_km_ok", d <= KM_LIMIT)
            if d > KM_LIMIT:
                notes.append(f"{d:.0f} km off")
    return notes


@dataclass
class GeoReport:
    articles: int
    tally: Tally
    errors: list[str]
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        t = self.tally
        p = _ratio(t["top_tp"], t["top_pred"])
        r = _ratio(t["top_tp"], t["top_gold"])
        f1 = round(2 * p * r / (p + r), 3) if p and r else 0.0
        return {
            "articles": self.articles,
            "toponyms": {
                "gold": t["top_gold"], "predicted": t["top_pred"], "exact_match": t["top_tp"],
                "precision": p, "recall": r, "f1": f1,
                "precision_overlap": _ratio(t["top_pred_overlap"], t["top_pred"]),
                "recall_overlap": _ratio(t["top_gold_overlap"], t["top_gold"]),
                "hard_negatives": t["neg_gold"], "hard_negatives_tagged": t["neg_hit"],
                "adjectival_reported": t["adj_pred"],
                "adjectival_on_hard_negatives": t["adj_on_negative"],
            },
            "resolution": {
                "found": t["top_tp"],
                "resolved": _ratio(t["res_resolved"], t["top_tp"]),
                "exact_id": _ratio(t["res_id_ok"], t["res_id_gold"]),
                "exact_id_n": t["res_id_gold"],
                "country": _ratio(t["res_country_ok"], t["res_country_gold"]),
                "country_n": t["res_country_gold"],
                "country_of_resolved": _ratio(t["res_country_resolved_ok"],
                                              t["res_country_resolved"]),
                "country_of_resolved_n": t["res_country_resolved"],
                "within_161km": _ratio(t["res_km_ok"], t["res_km_gold"]),
                "within_161km_n": t["res_km_gold"],
            },
            "dates": {
                "gold": t["date_gold"], "predicted": t["date_pred"],
                "precision": _ratio(t["date_pred_ok"], t["date_pred"]),
                "recall": _ratio(t["date_found"], t["date_gold"]),
                "valued_gold": t["date_valued"],
                "exact": _ratio(t["date_exact"], t["date_valued"]),
                "within_precision": _ratio(t["date_within"], t["date_valued"]),
            },
            "events": {
                "gold": t["ev_gold"], "matched": t["ev_matched"],
                "loc_gold": t["ev_loc_gold"],
                "loc_country": _ratio(t["ev_country_ok"], t["ev_loc_gold"]),
                "loc_placed": _ratio(t["ev_resolved"], t["ev_loc_gold"]),
                "loc_within_161km": _ratio(t["ev_km_ok"], t["ev_km_gold"]),
                "loc_exact_id": _ratio(t["ev_id_ok"], t["ev_id_gold"]),
                "date_gold": t["ev_date_gold"],
                "date_exact": _ratio(t["ev_date_exact"], t["ev_date_gold"]),
                "date_within_precision": _ratio(t["ev_date_within"], t["ev_date_gold"]),
            },
            "seconds": round(self.seconds, 2),
        }  # fmt: skip


def evaluate_geo(coder: Any, articles: list[GoldArticle]) -> GeoReport:
    """Code each gold article once and tally toponyms, dates and event places and dates.

    Event places and dates are scored only on gold events the coder found (matched by the
    trigger's offset); the count of matched events is reported beside them."""
    import time

    from ..dates import resolve_in_text
    from ..records import Article

    start_time = time.perf_counter()
    gaz = coder.pipeline.get("places").gaz if "places" in coder.pipeline.names else None
    by_id = _ById(gaz)
    t = Tally()
    errors: list[str] = []
    for art in articles:
        doc = coder.process(Article(id=art.id, text=art.text, date=art.date))
        preds = {}
        for loc in doc.places:
            if loc.start is None or loc.end is None:
                continue
            if getattr(loc, "use", "name") == "adjectival":  # the gold's rules: no toponym
                t.add("adj_pred")
                t.add("adj_on_negative", any(loc.start < e and s < loc.end
                                             for s, e, _ in art.not_toponyms))  # fmt: skip
                continue
            preds.setdefault((loc.start, loc.end), loc)
        t.add("top_pred", len(preds))
        t.add("top_gold", len(art.toponyms))
        gold_spans = {(g.start, g.end) for g in art.toponyms}
        for (s, e), loc in preds.items():
            if any(s < ge and gs < e for gs, ge in gold_spans):
                t.add("top_pred_overlap")
            elif (s, e) not in gold_spans:
                errors.append(f"{art.id}: extra toponym {art.text[s:e]!r} ({loc.reason})")
        for s, e, _word in art.not_toponyms:
            t.add("neg_gold")
            if any(s < pe and ps < e for ps, pe in preds):
                t.add("neg_hit")
        for g in art.toponyms:
            if any(ps < g.end and g.start < pe for ps, pe in preds):
                t.add("top_gold_overlap")
            pred = preds.get((g.start, g.end))
            if pred is None:
                errors.append(f"{art.id}: missed toponym {g.text!r} at {g.start}")
                continue
            t.add("top_tp")
            for note in _judge_place(t, "res", pred, g, by_id):
                errors.append(f"{art.id}: {g.text!r} -> {pred.resolved_place} ({pred.reason}): "
                              f"{note}")  # fmt: skip
        # temporal expressions, resolved news-style against the publication date
        exprs = resolve_in_text(art.text, art.date)
        t.add("date_gold", len(art.dates))
        t.add("date_pred", len(exprs))
        for x in exprs:
            if any(x.start < g.end and g.start < x.end for g in art.dates):
                t.add("date_pred_ok")
            else:
                errors.append(f"{art.id}: extra date expression {x.text!r}")
        for g in art.dates:
            hit = next((x for x in exprs if x.start < g.end and g.start < x.end), None)
            if hit is None:
                errors.append(f"{art.id}: missed date {g.text!r}")
                continue
            t.add("date_found")
            if g.value is None:
                continue
            t.add("date_valued")
            exact, within = same_date(hit.value, hit.precision, g)
            t.add("date_exact", exact)
            t.add("date_within", within)
            if not exact:
                errors.append(f"{art.id}: date {g.text!r} -> {hit.value} ({hit.precision}), "
                              f"gold {g.value} ({g.precision})")  # fmt: skip
        # events
        events = doc.events
        for g in art.events:
            t.add("ev_gold")
            ev = next(
                (e for e in events
                 if any(s.start <= g.start < s.end for s in e.triggers)),
                None,
            )  # fmt: skip
            if ev is None:
                errors.append(f"{art.id}: event at {g.trigger!r} not coded")
                continue
            t.add("ev_matched")
            if g.loc is not None:
                t.add("ev_loc_gold")
                for note in _judge_place(t, "ev", ev.event_loc, g.loc, by_id):
                    got = ev.event_loc.resolved_place if ev.event_loc else None
                    why = ev.event_loc.reason if ev.event_loc else ev.reasons.get("event_loc")
                    errors.append(f"{art.id}: event {g.trigger!r} placed at {got} ({why}): {note}")
            if g.date is not None:
                t.add("ev_date_gold")
                info = ev.date_info
                exact, within = same_date(info.value, info.precision, g.date)
                t.add("ev_date_exact", exact)
                t.add("ev_date_within", within)
                if not exact:
                    errors.append(f"{art.id}: event {g.trigger!r} dated {info.value} "
                                  f"({info.reason}), gold {g.date.value}")  # fmt: skip
    # 'ev_country_ok' etc. come from _judge_place with prefix 'ev'
    t.counts.setdefault("ev_country_ok", 0)
    return GeoReport(len(articles), t, errors, time.perf_counter() - start_time)


def print_geo_report(data: dict[str, Any], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("n", justify="right")
    top, res, dat, ev = data["toponyms"], data["resolution"], data["dates"], data["events"]

    def fmt(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    rows = [
        ("toponym precision (exact offsets)", top["precision"], top["predicted"]),
        ("toponym recall (exact offsets)", top["recall"], top["gold"]),
        ("toponym F1", top["f1"], None),
        ("toponym precision / recall (overlap)",
         None, None),
        ("resolution: exact GeoNames id", res["exact_id"], res["exact_id_n"]),
        ("resolution: country", res["country"], res["country_n"]),
        ("resolution: country, of those resolved", res["country_of_resolved"],
         res["country_of_resolved_n"]),
        ("resolution: <= 161 km", res["within_161km"], res["within_161km_n"]),
        ("date expressions: precision", dat["precision"], dat["predicted"]),
        ("date expressions: recall", dat["recall"], dat["gold"]),
        ("date values: exact", dat["exact"], dat["valued_gold"]),
        ("date values: within precision", dat["within_precision"], dat["valued_gold"]),
        ("event place: country", ev["loc_country"], ev["loc_gold"]),
        ("event place: <= 161 km", ev["loc_within_161km"], None),
        ("event place: exact id", ev["loc_exact_id"], None),
        ("event date: exact", ev["date_exact"], ev["date_gold"]),
        ("event date: within precision", ev["date_within_precision"], None),
    ]  # fmt: skip
    for name, value, n in rows:
        if name.endswith("(overlap)"):
            value_text = f"{fmt(top['precision_overlap'])} / {fmt(top['recall_overlap'])}"
        else:
            value_text = fmt(value)
        table.add_row(name, value_text, "" if n is None else str(n))
    console.print(table)
    console.print(
        f"gold events found by the coder: {ev['matched']} of {ev['gold']}; hard negatives "
        f"(demonyms, names inside organisations, actors) tagged as places: "
        f"{top['hard_negatives_tagged']} of {top['hard_negatives']}; adjectival place mentions "
        f"(not scored as toponyms): {top['adjectival_reported']}, of them on hard negatives "
        f"{top['adjectival_on_hard_negatives']}"
    )
