"""Geoparsing scored per toponym type, on corpora in the GeoWebNews XML layout.

The layout (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation"): ``<articles>`` of
``<article>`` with ``<text>`` and ``<toponyms>``; each ``<toponym>`` has ``extractedName``,
``type``, ``start``/``end`` (character offsets into the text) and, where geocoded,
``geonamesID``, ``latitude`` and ``longitude``.

Scores, for each type and for the group of literal types (places where something is):
- recall: gold toponyms that a predicted place overlaps;
- of those found: exact GeoNames id (of the gold toponyms that have one), within 161 km of the
  gold point, "within 161 km or the gold id", and the AUC of the error distance as the
  geoparsing literature reports it (Gritta et al. 2018): the area under the curve of the sorted
  errors on a log scale, ``ln(1 + km) / ln(20039)``, averaged; lower is better, 0 is perfect;
  a found name left unresolved counts as the largest error.
- precision, over all predictions: a prediction is right when it overlaps a toponym of any
  place type (every type but the unnamed ``*_Expression`` ones and ``Non_Toponym``).
Adjectival place mentions ("the Libyan capital", ``PlaceMention.use``) are predictions like any
other (the corpus types such adjectives as modifiers); how many there are, how many are right
and how many gold names only they find are reported beside the scores.
"""

from __future__ import annotations

import math
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .geo import KM_LIMIT, km

#: Types that are places where something is or happens (the issue's "literal toponyms").
LITERAL_TYPES = ("Literal", "Mixed", "Coercion", "Literal_Modifier", "Embedded_Literal")
#: Names used for something else: a government, people, a modifier of an actor.
NON_LITERAL_TYPES = ("Metonymic", "Demonym", "Non_Literal_Modifier", "Embedded_Non_Lit",
                     "Homonym", "Language")  # fmt: skip
#: Not a place name at all: a prediction overlapping only these is wrong.
NOT_NAMES = frozenset({"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"})
EARTH_HALF_CIRCUMFERENCE_KM = 20039.0


@dataclass
class TypedToponym:
    start: int
    end: int
    text: str
    type: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class TypedArticle:
    id: str
    text: str
    toponyms: list[TypedToponym]


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def _float(text: str | None) -> float | None:
    try:
        return float((text or "").strip())
    except ValueError:
        return None


def load_typed_xml(path: Path) -> list[TypedArticle]:
    """Articles of a GeoWebNews-style XML file; toponyms whose offsets do not fit are skipped."""
    root = ET.parse(path).getroot()
    out = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            start, end = _int(t.findtext("start")), _int(t.findtext("end"))
            if start is None or end is None or end > len(text) or start >= end:
                continue  # a record with broken offsets (the corpus has a few negative ones)
            tops.append(TypedToponym(
                start, end, text[start:end], (t.findtext("type") or "").strip(),
                _int(t.findtext("geonamesID")), _float(t.findtext("latitude")),
                _float(t.findtext("longitude")),
            ))  # fmt: skip
        out.append(TypedArticle(str(art.get("file", i)), text, tops))
    return out


@dataclass
class TypeScore:
    gold: int = 0
    found: int = 0
    id_gold: int = 0
    id_ok: int = 0
    km_gold: int = 0
    km_ok: int = 0
    ok_161_or_id: int = 0
    judged: int = 0  # found names with a gold id or point
    excluded: int = 0  # missed because the conventions leave the name out ("US troops")
    adjectival: int = 0  # found by an adjectival mention ("the Libyan capital")
    errors_km: list[float] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        def r(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "gold": self.gold, "recall": r(self.found, self.gold), "found": self.found,
            "missed_by_convention": self.excluded, "found_adjectival": self.adjectival,
            "exact_id": r(self.id_ok, self.id_gold), "exact_id_n": self.id_gold,
            "within_161km": r(self.km_ok, self.km_gold), "within_161km_n": self.km_gold,
            "within_161km_or_id": r(self.ok_161_or_id, self.judged), "judged_n": self.judged,
            "auc": auc(self.errors_km),
        }  # fmt: skip


def auc(errors_km: list[float]) -> float | None:
    """Area under the curve of sorted log error distances, normalised to [0, 1]."""
    if not errors_km:
        return None
    scale = math.log(1 + EARTH_HALF_CIRCUMFERENCE_KM)
    logs = sorted(math.log(1 + min(e, EARTH_HALF_CIRCUMFERENCE_KM)) / scale for e in errors_km)
    if len(logs) == 1:
        return round(logs[0], 3)
    area = sum((logs[i] + logs[i + 1]) / 2 for i in range(len(logs) - 1))
    return round(area / (len(logs) - 1), 3)


@dataclass
class TypedReport:
    articles: int
    by_type: dict[str, TypeScore]
    predicted: int
    predicted_ok: int
    errors: list[str]
    seconds: float
    adjectival: tuple[int, int] = (0, 0)  # adjectival predictions, of them right

    def to_json(self) -> dict[str, Any]:
        p = round(self.predicted_ok / self.predicted, 3) if self.predicted else None
        return {
            "articles": self.articles, "predicted": self.predicted, "precision": p,
            "predicted_adjectival": self.adjectival[0],
            "adjectival_right": self.adjectival[1],
            "types": {k: v.to_json() for k, v in self.by_type.items()},
            "seconds": round(self.seconds, 1),
        }  # fmt: skip


def _judge(score: TypeScore, loc: Any, g: TypedToponym) -> str | None:
    """Tally one found gold toponym; returns an error note when it is wrong."""
    resolved = loc is not None and loc.lat is not None and loc.lon is not None
    id_ok = g.geonameid is not None and loc is not None and loc.geonameid == g.geonameid
    if g.geonameid is not None:
        score.id_gold += 1
        score.id_ok += id_ok
    dist = None
    if g.lat is not None and g.lon is not None:
        score.km_gold += 1
        if resolved:
            dist = km(loc.lat, loc.lon, g.lat, g.lon)
            score.km_ok += dist <= KM_LIMIT
        score.errors_km.append(dist if dist is not None else EARTH_HALF_CIRCUMFERENCE_KM)
    if g.geonameid is None and dist is None and g.lat is None:
        return None  # nothing to judge against
    score.judged += 1
    ok = id_ok or (dist is not None and dist <= KM_LIMIT)
    score.ok_161_or_id += ok
    if ok:
        return None
    if loc is None or not resolved:
        return f"unresolved ({loc.reason if loc is not None else 'no place'})"
    return f"-> {loc.resolved_place} [{loc.country_code}] {dist:.0f} km off ({loc.reason})"


def evaluate_typed(coder: Any, articles: list[TypedArticle]) -> TypedReport:
    """Code each article once; score every toponym type apart."""
    from ..records import Article

    t0 = time.perf_counter()
    by_type: dict[str, TypeScore] = {}
    literal = by_type.setdefault("literal (all)", TypeScore())
    predicted = predicted_ok = adj = adj_ok = 0
    errors: list[str] = []
    for art in articles:
        doc = coder.process(Article(id=art.id, text=art.text))
        preds = {}
        for loc in doc.places:
            if loc.start is not None and loc.end is not None:
                preds.setdefault((loc.start, loc.end), loc)
        names = [g for g in art.toponyms if g.type not in NOT_NAMES]
        excluded = doc.places_excluded
        for (s, e), loc in preds.items():
            predicted += 1
            right = any(s < g.end and g.start < e for g in names)
            if getattr(loc, "use", "name") == "adjectival":
                adj, adj_ok = adj + 1, adj_ok + right
            if right:
                predicted_ok += 1
            else:
                errors.append(f"{art.id}: extra {art.text[s:e]!r} ({loc.reason})")
        for g in art.toponyms:
            if g.type in NOT_NAMES:
                continue
            scores = [by_type.setdefault(g.type, TypeScore())]
            if g.type in LITERAL_TYPES:
                scores.append(literal)
            hit = next(
                (loc for (s, e), loc in sorted(preds.items(), key=lambda kv: -(kv[0][1] - kv[0][0]))
                 if s < g.end and g.start < e),
                None,
            )  # fmt: skip
            for sc in scores:
                sc.gold += 1
            if hit is None:
                why = next((w for s, e, _, w in excluded if s < g.end and g.start < e), None)
                for sc in scores:
                    sc.excluded += why is not None
                if g.type in LITERAL_TYPES:
                    note = f" (left out on purpose: {why})" if why else ""
                    errors.append(f"{art.id}: missed {g.type} {g.text!r} at {g.start}{note}")
                continue
            note = None
            for sc in scores:
                sc.found += 1
                sc.adjectival += getattr(hit, "use", "name") == "adjectival"
                note = _judge(sc, hit, g)
            if note and g.type in LITERAL_TYPES:
                errors.append(f"{art.id}: {g.type} {g.text!r}: {note}")
    order = ["literal (all)", *LITERAL_TYPES, *NON_LITERAL_TYPES]
    ordered = {k: by_type[k] for k in order if k in by_type}
    ordered.update({k: v for k, v in by_type.items() if k not in ordered})
    return TypedReport(len(articles), ordered, predicted, predicted_ok, errors,
                       time.perf_counter() - t0, (adj, adj_ok))  # fmt: skip


def print_typed_report(data: dict[str, Any], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for col in ("type", "gold", "recall", "left out by convention", "exact id", "<=161 km",
                "<=161 km or id", "AUC"):  # fmt: skip
        table.add_column(col, justify="left" if col == "type" else "right")

    def f(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    for name, s in data["types"].items():
        table.add_row(name, str(s["gold"]), f(s["recall"]), str(s["missed_by_convention"]),
                      f(s["exact_id"]),
                      f(s["within_161km"]), f(s["within_161km_or_id"]), f(s["auc"]))  # fmt: skip
    console = Console(width=max(Console().width, 110))
    console.print(table)
    console.print(f"precision (a prediction overlaps a toponym of any place type): "
                  f"{f(data['precision'])} of {data['predicted']} predictions; "
                  f"{data['seconds']:.0f} s")  # fmt: skip
    lit = data["types"].get("literal (all)", {})
    console.print(f"adjectival place mentions: {data['predicted_adjectival']} predicted, "
                  f"{data['adjectival_right']} right; literal toponyms found only by one: "
                  f"{lit.get('found_adjectival', 0)}")  # fmt: skip


def markdown_table(data: dict[str, Any]) -> str:
    """The per-type scores as a Markdown table (for docs/places-and-dates.md)."""

    def f(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    lines = [
        "| toponym type | gold | recall | left out by convention | exact id | ≤ 161 km "
        "| ≤ 161 km or gold id | AUC |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, s in data["types"].items():
        label = f"**{name}**" if name == "literal (all)" else name
        lines.append(
            f"| {label} | {s['gold']} | {f(s['recall'])} | {s['missed_by_convention']} | "
            f"{f(s['exact_id'])} | {f(s['within_161km'])} | {f(s['within_161km_or_id'])} | "
            f"{f(s['auc'])} |"
        )
    lines.append(
        f"\nPrecision (a prediction overlapping a toponym of any place type): "
        f"**{f(data['precision'])}** of {data['predicted']} predictions."
    )
    return "\n".join(lines)
