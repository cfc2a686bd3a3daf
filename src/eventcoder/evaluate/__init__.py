"""Measured accuracy: score the coder against gold files.

Gold formats:
- PLOVER gold-standard records: a JSON list of records with ``text``, ``event`` (older PLOVER
  0.5 labels are mapped: DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT),
  ``source`` / ``target`` lists of ``{actorText, code, sector}`` (CAMEO codes JAP/ITL/VTN are
  mapped to ISO); records labelled DOCUMENT are skipped;
- CSV or JSONL of sentences: ``text,label[,source,target]`` with label a PLOVER type or NONE;
  ``source``/``target`` optionally ``CODE`` or ``CODE SECTOR``;
- role-labelled CSV or JSONL: ``text,label,source,target`` where source and target are text
  spans of the sentence (a file with a ``marked`` column, or any source/target value that is not
  a code, is read this way), or only ``marked,label`` with the sentence written
  ``<s>source</s> ... <t>target</t>``. The older root YIELD is accepted: a coded CONCEDE or
  RETREAT counts as YIELD.

Each gold sentence is coded as a small article with no publication date. Two type scores: per
type over all events (an event counts as found when its type matches; a sentence may yield
several types, each beyond the gold one a false positive of its type), and one type per sentence
with accuracy and the role scores of ``roles.py``.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ontology import PLOVER_TYPES, normalise_label
from ..records import Article, Entity
from .roles import YIELD_SPLIT, SentenceScorer, parse_marked

NONE = "NONE"
#: Older roots accepted in gold files (scored by merging the newer types they split into).
OLDER_ROOTS = frozenset({"YIELD"})
_CODE = re.compile(r"^[A-Z]{3}( [A-Za-z]{3,8})?$")


@dataclass
class GoldActor:
    text: str | None
    code: str | None
    sector: str | None


@dataclass
class GoldItem:
    id: str
    text: str
    label: str
    mode: str | None = None
    source: list[GoldActor] = field(default_factory=list)
    target: list[GoldActor] = field(default_factory=list)
    source_span: str | None = None
    target_span: str | None = None


def _span_form(rows: list[dict[str, Any]]) -> bool:
    """A role-labelled file: a ``marked`` column, or a source/target that is not a code."""
    if any("marked" in row for row in rows[:1]):
        return True
    if any(isinstance(row.get(k), list) for row in rows for k in ("source", "target")):
        return False  # PLOVER records: lists of {actorText, code, sector}
    for row in rows:
        for key in ("source", "target"):
            value = row.get(key)
            if isinstance(value, str) and value.strip() and not _CODE.match(value.strip()):
                return True
    return False


def _record_span(value: Any) -> str | None:
    if isinstance(value, list):
        texts = [
            str(v.get("actorText")) for v in value if isinstance(v, dict) and v.get("actorText")
        ]
        return " ; ".join(texts) or None
    return None


def _actors(value: Any, cameo: dict[str, str]) -> list[GoldActor]:
    if not value:
        return []
    if isinstance(value, str):
        parts = value.split()
        code = cameo.get(parts[0].upper(), parts[0].upper()) if parts else None
        return [GoldActor(None, code, parts[1].upper() if len(parts) > 1 else None)]
    out = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            code = item.get("code")
            code = cameo.get(code.upper(), code.upper()) if code else None
            out.append(GoldActor(item.get("actorText"), code, item.get("sector")))
    return out


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read a gold file (PLOVER JSON records, CSV or JSONL)."""
    from ..resources import load_yaml

    cameo: dict[str, str] = dict(load_yaml("countries.yaml").get("cameo_codes") or {})
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    items: list[GoldItem] = []
    if path.suffix.lower() == ".csv":
        rows: list[dict[str, Any]] = list(csv.DictReader(raw.splitlines()))
    elif raw.lstrip().startswith("["):
        rows = json.loads(raw)
    else:
        rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
    spans = _span_form(rows)
    for n, row in enumerate(rows, 1):
        label = row.get("label") or row.get("event")
        text, source_span, target_span = row.get("text"), None, None
        if spans and row.get("marked"):
            plain, source_span, target_span = parse_marked(str(row["marked"]))
            text = text or plain
        if spans:
            source_span = _text(row.get("source")) or source_span
            target_span = _text(row.get("target")) or target_span
        else:
            source_span, target_span = (
                _record_span(row.get("source")),
                _record_span(row.get("target")),
            )
        if not text or not label or str(label).upper() == "DOCUMENT":
            continue
        event, mode = normalise_label(str(label))
        if event != NONE and event not in PLOVER_TYPES and event not in OLDER_ROOTS:
            raise ValueError(f"{path}:{n}: label {label!r} is not a PLOVER type or NONE")
        items.append(
            GoldItem(
                id=str(row.get("id") or row.get("sentence_id") or f"{path.stem}-{n}"),
                text=str(text),
                label=event,
                mode=mode or row.get("mode") or None,
                source=[] if spans else _actors(row.get("source"), cameo),
                target=[] if spans else _actors(row.get("target"), cameo),
                source_span=source_span,
                target_span=target_span,
            )
        )
    return items


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _overlaps(gold: GoldActor, ent: Entity) -> bool:
    if not gold.text:
        return True
    a, b = gold.text.lower(), ent.entity_text.lower()
    return a in b or b in a


def _score_actors(
    gold: list[GoldActor],
    predicted: list[Entity],
    tally: Counter,
    confusion: dict[str, Counter[str]] | None = None,
) -> None:
    from .actors import gold_sector, same_code, tally_confusion

    for g in gold:
        g = GoldActor(g.text, g.code, gold_sector(g.sector))
        tally["gold"] += 1
        match = next((e for e in predicted if _overlaps(g, e)), None)
        if match is None:
            tally["missed"] += 1
            continue
        tally["found"] += 1
        if g.code:
            tally["country_n"] += 1
            tally["country_ok"] += int(same_code(g.code, match.code))
            if confusion is not None:
                tally_confusion(confusion, g.code, match.code)
        if g.code and g.sector:
            tally["both_n"] += 1
            tally["both_ok"] += int(same_code(g.code, match.code) and match.sector == g.sector)
        if g.sector:
            tally["sector_n"] += 1
            tally["sector_ok"] += int(match.sector == g.sector)


@dataclass
class Report:
    n: int
    per_type: dict[str, dict[str, float]]
    micro: dict[str, float]
    macro: dict[str, float]
    any_event_recall: float
    false_event_rate: float | None
    none_sentences: int
    confusion: dict[str, dict[str, int]]
    actors: dict[str, dict[str, float]]
    errors: list[dict[str, Any]]
    actor_confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    sentence: dict[str, Any] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def evaluate(
    coder: Any,
    items: list[GoldItem],
    keep_errors: int = 50,
    *,
    lowercase: bool = False,
    parse: Any | None = None,
) -> Report:
    """Score ``coder`` on ``items``. ``lowercase`` codes each sentence lower-cased (the gold
    spans are compared case-blind anyway); ``parse`` (a spaCy pipeline) finds gold span heads."""
    merge_yield = any(i.label in OLDER_ROOTS for i in items)
    scorer = SentenceScorer(merge_yield=merge_yield, parse=parse)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = {}
    found_any = events_n = 0
    none_n = none_hit = 0
    source: Counter[str] = Counter()
    target: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    actor_confusion: dict[str, Counter[str]] = {}
    for item in items:
        text = item.text.lower() if lowercase else item.text
        events = coder.code_article(Article(id=item.id, text=text)).events
        if merge_yield:
            events = [
                e.model_copy(update={"event": YIELD_SPLIT.get(e.event, e.event)}) for e in events
            ]
        scorer.add(item.id, item.text, item.label, item.source_span, item.target_span, events)
        predicted = sorted({e.event for e in events})
        row = confusion.setdefault(item.label, Counter())
        if item.label == NONE:
            none_n += 1
            none_hit += bool(predicted)
            for p in predicted:
                fp[p] += 1
            row[predicted[0] if predicted else NONE] += 1
            continue
        events_n += 1
        found_any += bool(predicted)
        if item.label in predicted:
            tp[item.label] += 1
            row[item.label] += 1
        else:
            fn[item.label] += 1
            row[predicted[0] if predicted else NONE] += 1
            if len(errors) < keep_errors:
                errors.append({"id": item.id, "gold": item.label, "predicted": predicted})
        for p in predicted:
            if p != item.label:
                fp[p] += 1
        matching = [e for e in events if e.event == item.label] or events
        _score_actors(item.source, [a for e in matching for a in e.actor], source, actor_confusion)
        _score_actors(
            item.target, [a for e in matching for a in e.recipient], target, actor_confusion
        )
    known = PLOVER_TYPES if not merge_yield else {*PLOVER_TYPES, *OLDER_ROOTS} - set(YIELD_SPLIT)
    labels = sorted(set(tp) | set(fn) | {t for t in fp if t in known})
    per_type = {}
    for label in labels:
        p, r, f = prf(tp[label], fp[label], fn[label])
        per_type[label] = {"precision": p, "recall": r, "f1": f, "support": tp[label] + fn[label]}
    gold_types = [t for t in labels if per_type[t]["support"]]
    macro = {
        k: sum(per_type[t][k] for t in gold_types) / len(gold_types) if gold_types else 0.0
        for k in ("precision", "recall", "f1")
    }
    mp, mr, mf = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))

    def actor_scores(t: Counter[str]) -> dict[str, float]:
        def ratio(a: str, b: str) -> float:
            return t[a] / t[b] if t[b] else 0.0

        return {
            "gold": t["gold"],
            "span_found": ratio("found", "gold"),
            "country": ratio("country_ok", "country_n"),
            "sector": ratio("sector_ok", "sector_n"),
            "country_sector": ratio("both_ok", "both_n"),
        }

    return Report(
        n=len(items),
        per_type=per_type,
        micro={"precision": mp, "recall": mr, "f1": mf},
        macro=macro,
        any_event_recall=found_any / events_n if events_n else 0.0,
        false_event_rate=none_hit / none_n if none_n else None,
        none_sentences=none_n,
        confusion={g: dict(c) for g, c in confusion.items()},
        actors={"actor": actor_scores(source), "recipient": actor_scores(target)},
        errors=errors,
        actor_confusion={g: dict(c) for g, c in sorted(actor_confusion.items())},
        sentence=scorer.scores(),
        misses=scorer.errors,
    )


def type_scores(pairs: list[tuple[str, set[str]]]) -> dict[str, float]:
    """Event-type scores from ``(gold label, predicted types)`` pairs, counted exactly as
    ``evaluate`` counts them: macro-F1 over the gold types present, micro-F1, "any event found"
    recall and the false-event rate on NONE items. Used to choose how the classifier and the
    rules are combined, by cross-validation on the project's own sentences."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    found_any = events_n = none_n = none_hit = 0
    for label, predicted in pairs:
        for p in predicted:
            if p != label:
                fp[p] += 1
        if label == NONE:
            none_n += 1
            none_hit += bool(predicted)
            continue
        events_n += 1
        found_any += bool(predicted)
        if label in predicted:
            tp[label] += 1
        else:
            fn[label] += 1
    gold_types = sorted(t for t in set(tp) | set(fn))
    f1s = [prf(tp[t], fp[t], fn[t])[2] for t in gold_types]
    return {
        "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
        "micro_f1": prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))[2],
        "any_event_recall": found_any / events_n if events_n else 0.0,
        "false_event_rate": none_hit / none_n if none_n else 0.0,
    }
