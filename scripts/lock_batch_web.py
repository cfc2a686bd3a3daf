"""Record what the batch and web faces produce on a fixed corpus, to compare before/after a
refactoring: ``python scripts/lock_batch_web.py OUT_DIR`` then ``diff -r BEFORE AFTER``.

Writes, one file each: the CLI exports (plover-jsonl, csv, polecat-tsv) and queries of a store
ingested from ``tests/news_corpus.py``; the API's exports and reads over a store built from the
generated sample corpus; the API's answers to ``POST /api/articles``; and ``Coder.code()``
JSONL on a few texts. Only public interfaces are used (``ingest``, the CLI, the HTTP API).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(out: Path) -> None:
    from fastapi.testclient import TestClient
    from tests import news_corpus
    from typer.testing import CliRunner

    from eventcoder import Coder, cli
    from eventcoder.ingest import ingest
    from eventcoder.serve import create_app, open_for_serving
    from eventcoder.serve.sample import build_sample_store, sample_articles
    from eventcoder.store import open_store

    out.mkdir(parents=True, exist_ok=True)
    coder = Coder()
    work = Path(tempfile.mkdtemp(prefix="lock-"))

    # Coder.code() on a few texts
    texts = [news_corpus.PROTEST, news_corpus.MEETING, news_corpus.SANCTIONS]
    texts += [a.text for a in sample_articles(12)]
    with (out / "code.jsonl").open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            for ev in coder.code(text, date="2020-02-01", doc_id=f"t{i}"):
                fh.write(json.dumps(ev.to_json(), ensure_ascii=False, sort_keys=True) + "\n")

    # the batch face: ingest a corpus, export and query through the CLI
    corpus = news_corpus.write_corpus(work / "corpus")
    db = str(work / "corpus.duckdb")
    with open_store(db) as store:
        ingest([corpus], store, coder=coder)
    cli._register_commands()
    runner = CliRunner()
    for fmt, name in (
        ("plover-jsonl", "cli.jsonl"),
        ("csv", "cli.csv"),
        ("polecat-tsv", "cli.tsv"),
    ):
        res = runner.invoke(cli.app, ["export", "--db", db, "-f", fmt])
        (out / name).write_text(res.stdout, encoding="utf-8")
    for args, name in (
        (["query", "events", "-f", "csv"], "query-events.csv"),
        (["query", "events", "-f", "csv", "--type", "PROTEST", "--since", "2019-10"], "q1.csv"),
        (["query", "counts", "--by", "dyad", "-f", "csv"], "query-dyad.csv"),
        (["query", "counts", "--by", "month", "-f", "csv", "--actor-country", "TUR"], "q2.csv"),
        (["query", "summary", "-f", "csv"], "query-summary.csv"),
    ):
        res = runner.invoke(cli.app, [*args[:2], "--db", db, *args[2:]])
        (out / name).write_text(res.stdout, encoding="utf-8")
    with TestClient(create_app(open_for_serving(db))) as client:
        for fmt, name in (("plover-jsonl", "corpus-api.jsonl"), ("csv", "corpus-api.csv")):
            text = client.get("/api/export", params={"format": fmt}).text
            (out / name).write_text(text, encoding="utf-8")

    # the web face: the sample store, read through the API
    sample = str(work / "sample.duckdb")
    with open_store(sample) as store:
        build_sample_store(store, coder, sample_articles(30))
    reads = {
        "events": ("/api/events", {"limit": 1000}),
        "events-mention": ("/api/events", {"limit": 1000, "level": "mention"}),
        "events-filtered": ("/api/events", {"type": "PROTEST,ASSAULT", "date_from": "2020-02"}),
        "events-country": ("/api/events", {"country": "IRQ", "role": "actor"}),
        "actors": ("/api/actors", {}),
        "places": ("/api/places", {}),
        "articles": ("/api/articles", {"limit": 100}),
        "article": ("/api/articles/sample-003", {}),
        "time": ("/api/aggregates/time", {"interval": "week"}),
        "types": ("/api/aggregates/types", {"level": "mention"}),
        "dyads": ("/api/aggregates/dyads", {}),
        "network": ("/api/network", {}),
    }
    with TestClient(create_app(open_for_serving(sample))) as client:
        for name, (url, params) in reads.items():
            data = client.get(url, params=params).json()
            (out / f"api-{name}.json").write_text(json.dumps(data, indent=1, sort_keys=True))
        first = client.get("/api/events", params={"limit": 1}).json()["events"][0]["id"]
        data = client.get(f"/api/events/{first}").json()
        (out / "api-event.json").write_text(json.dumps(data, indent=1, sort_keys=True))
        for fmt, name in (("plover-jsonl", "api.jsonl"), ("csv", "api.csv")):
            text = client.get("/api/export", params={"format": fmt}).text
            (out / name).write_text(text, encoding="utf-8")

    # the write endpoint
    posted = str(work / "posted.duckdb")
    open_store(posted).close()
    store = open_for_serving(posted, writable=True)
    answers = []
    with TestClient(create_app(store, api_key="k" * 12, coder_factory=lambda **kw: coder)) as c:
        head = {"X-API-Key": "k" * 12}
        for body in (
            {"id": "p1", "text": news_corpus.PROTEST, "date": "2019-10-04", "source": "Wire"},
            {"id": "p2", "text": news_corpus.PROTEST, "date": "2019-10-04"},
            {"id": "p3", "text": news_corpus.PROTEST_COPY, "date": "2019-10-04"},
            {"id": "p1", "text": news_corpus.MEETING},
            {"text": news_corpus.MEETING, "date": "2020-10-12"},
            {"id": "de", "text": news_corpus.GERMAN},
        ):
            res = c.post("/api/articles", json=body, headers=head)
            answers.append({"status": res.status_code, "body": res.json()})
        text = c.get("/api/export", params={"format": "plover-jsonl"}).text
    (out / "posted.json").write_text(json.dumps(answers, indent=1, sort_keys=True))
    (out / "posted.jsonl").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
