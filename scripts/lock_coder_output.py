"""Lock what the coder outputs, so a refactoring that should change nothing can be checked.

    python scripts/lock_coder_output.py            # compare with the lock, print what changed
    python scripts/lock_coder_output.py --update   # rewrite the lock (a deliberate change)
    python scripts/lock_coder_output.py --jsonl DIR  # also write the full JSONL, one file a set

The coder is run on fixed inputs:

- ``example``: the example article ``examples/fuel-tax-strike-call.txt`` read as
  ``eventcoder code examples/fuel-tax-strike-call.txt --date 2024-07-14`` reads it;
- ``corpus``: 20 articles of the generated news corpus (``benchmarks/make_news_corpus.py``,
  seed 7: stories, reruns, copies, HTML pages, one broken record), read as
  ``eventcoder code --input jsonl`` reads them;
- ``heldout`` and ``none``: the project's own labelled sentences in ``benchmarks/data/``, coded
  as ``eventcoder evaluate`` codes gold sentences;
- ``plover-gsr``: the PLOVER gold standard records in ``../shared`` (left out, and kept as they
  are in the lock, when ``../shared`` is not beside the checkout).

For every record, the coder's full output (the coded article without its events, then every
event, as JSON lines) is hashed; ``tests/data/coder_lock.json`` keeps the sha256 and a readable
one-line summary of every event, so a failing comparison names the records that changed and
what changed in them. ``tests/test_behaviour_lock.py`` runs the comparison.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "tests" / "data" / "coder_lock.json"
EXAMPLE = ROOT / "examples" / "fuel-tax-strike-call.txt"
EXAMPLE_DATE = "2024-07-14"
BENCH = ROOT / "benchmarks"
PLOVER_GOLD = ROOT.parent / "shared" / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"
CORPUS_SIZE = 20
CORPUS_SEED = 7

#: The sets the lock covers; those read from ../shared are only compared when it is there.
SHIPPED = ("example", "corpus", "heldout", "none")
SHARED = ("plover-gsr",)

Lock = dict[str, dict[str, dict[str, Any]]]


def _prepared(drafts: Iterator[Any], date: str | None) -> Iterator[Any]:
    """Articles as the ``code`` command prepares them (``ingest.prepare``); skips yield None."""
    from eventcoder.ingest.prepare import Skip, prepare
    from eventcoder.ingest.readers import ReadError

    for draft in drafts:
        if isinstance(draft, ReadError):
            yield draft.origin, None
            continue
        prepared = prepare(draft, date)
        yield draft.id, None if isinstance(prepared, Skip) else prepared.article


def _example() -> Iterator[tuple[str, Any]]:
    from eventcoder.ingest.readers import Draft, decode_noting

    text, note = decode_noting(EXAMPLE.read_bytes())
    draft = Draft(origin=str(EXAMPLE), id=EXAMPLE.stem, text=text, warnings=[note] if note else [])
    yield from _prepared(iter([draft]), EXAMPLE_DATE)


def _corpus() -> Iterator[tuple[str, Any]]:
    from eventcoder.ingest.readers import DEFAULT_FIELDS
    from eventcoder.ingest.tabular import read_json

    sys.path.insert(0, str(BENCH))
    try:
        from make_news_corpus import generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(BENCH))
    lines = [json.dumps(r, ensure_ascii=False) for r in generate(CORPUS_SIZE, CORPUS_SEED)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    yield from _prepared(
        read_json("corpus", "corpus", lambda: io.BytesIO(data), DEFAULT_FIELDS), None
    )


def _gold(path: Path) -> Callable[[], Iterator[tuple[str, Any]]]:
    def read() -> Iterator[tuple[str, Any]]:
        from eventcoder.evaluate import load_gold
        from eventcoder.records import Article

        for n, item in enumerate(load_gold(path), 1):
            yield f"{n:03d}:{item.id}", Article(id=item.id, text=item.text)

    return read


READERS: dict[str, Callable[[], Iterator[tuple[str, Any]]]] = {
    "example": _example,
    "corpus": _corpus,
    "heldout": _gold(BENCH / "data" / "heldout_sentences.csv"),
    "none": _gold(BENCH / "data" / "none_sentences.csv"),
    "plover-gsr": _gold(PLOVER_GOLD),
}


def available(name: str) -> bool:
    return name in SHIPPED or PLOVER_GOLD.exists()


def _summary(ev: dict[str, Any]) -> str:
    def who(ents: list[dict[str, Any]]) -> str:
        return ",".join(
            " ".join(x for x in (e.get("code"), e.get("sector")) if x) or "?" for e in ents
        )

    loc = ev.get("event_loc") or {}
    place = loc.get("resolved_place") or loc.get("extracted_place") or "-"
    kind = ev["event"] + (f"/{ev['mode']}" if ev.get("mode") else "")
    return (
        f"{kind} {ev.get('cameo')} {who(ev['actor']) or '-'}>{who(ev['recipient']) or '-'} "
        f"{ev['modality']}/{ev['salience']} date={ev.get('date') or '-'} place={place} "
        f"s{ev['sentence_index']} [{' '.join(ev['event_text'])}]"
    )


def code_set(coder: Any, name: str) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    """The lock entries of one set and the full JSONL of every record in it."""
    entries: dict[str, dict[str, Any]] = {}
    jsonl: dict[str, list[str]] = {}
    for key, article in READERS[name]():
        if article is None:
            lines = ['{"skipped": true}']
            summary = ["(not coded: skipped when read)"]
        else:
            coded = coder.code_article(article)
            head = coded.model_dump(mode="json", exclude={"events"})
            events = [ev.to_json() for ev in coded.events]
            lines = [json.dumps(x, ensure_ascii=False, sort_keys=True) for x in (head, *events)]
            summary = [_summary(ev) for ev in events]
            if coded.dropped:
                summary.append(f"(dropped {len(coded.dropped)} span(s) when cleaning)")
        digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
        entries[key] = {"sha256": digest, "events": summary}
        jsonl[key] = lines
    return entries, jsonl


def compute(coder: Any, names: tuple[str, ...]) -> tuple[Lock, dict[str, dict[str, list[str]]]]:
    lock: Lock = {}
    full: dict[str, dict[str, list[str]]] = {}
    for name in names:
        lock[name], full[name] = code_set(coder, name)
    return lock, full


def load_lock(path: Path = LOCK) -> Lock:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def diff(old: Lock, new: Lock) -> list[str]:
    """What changed between two locks, per record: events removed (-) and added (+)."""
    out: list[str] = []
    for name in new:
        before, after = old.get(name, {}), new[name]
        if not before:
            out.append(f"{name}: not in the lock")
            continue
        for key in sorted(before.keys() - after.keys()):
            out.append(f"{name}/{key}: record gone")
        for key in sorted(after.keys() - before.keys()):
            out.append(f"{name}/{key}: new record")
        for key in sorted(before.keys() & after.keys()):
            a, b = before[key], after[key]
            if a["sha256"] == b["sha256"]:
                continue
            old_events, new_events = list(a["events"]), list(b["events"])
            if old_events == new_events:
                out.append(f"{name}/{key}: same events, other fields changed (see --jsonl)")
                continue
            out.append(f"{name}/{key}:")
            out += [f"  - {s}" for s in old_events if s not in new_events]
            out += [f"  + {s}" for s in new_events if s not in old_events]
            if sorted(old_events) == sorted(new_events):
                out.append("  (same events, in another order)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite tests/data/coder_lock.json")
    parser.add_argument("--jsonl", type=Path, help="write the full JSONL of every set here")
    args = parser.parse_args(argv)

    from eventcoder import Coder

    names = tuple(n for n in (*SHIPPED, *SHARED) if available(n))
    skipped = [n for n in SHARED if n not in names]
    new, full = compute(Coder(), names)
    if args.jsonl:
        args.jsonl.mkdir(parents=True, exist_ok=True)
        for name, records in full.items():
            with (args.jsonl / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
                for lines in records.values():
                    fh.write("\n".join(lines) + "\n")
    old = load_lock()
    if args.update:
        kept = {n: old[n] for n in skipped if n in old}  # not recomputed: kept as they were
        LOCK.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({**new, **kept}, ensure_ascii=False, indent=1, sort_keys=True)
        LOCK.write_text(text + "\n", encoding="utf-8")
        records = sum(len(v) for v in new.values())
        print(f"{LOCK.relative_to(ROOT)}: {records} records of {', '.join(names)} written")
        for name in skipped:
            print(f"{name}: ../shared not present, its lock entries kept unchanged")
        return 0
    changes = diff(old, new)
    print("\n".join(changes) if changes else f"unchanged: {', '.join(names)}")
    return 1 if changes else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
