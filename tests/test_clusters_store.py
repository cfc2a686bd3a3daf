"""Event clusters in the store: the ingest clusters what it wrote, on DuckDB and PostgreSQL;
``--level cluster`` counts each real-world event once (docs/clusters.md, "In the store")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.clusters.store import write_batch
from eventcoder.ingest import ingest
from eventcoder.store import clustering, open_store
from eventcoder.store.aggregates import by_type, counts
from eventcoder.store.clustering import cluster_new, rebuild
from eventcoder.store.filters import FilterError, Filters

from .stores import BACKENDS, fresh_target

# Two outlets tell the same protest in their own words; a look-alike the same day in another
# city; a day later a third outlet retells the first protest (the second batch).
FIRST = [
    ("mirror-1", "2025-03-08", "Daily Mirror",
     "Thousands of teachers protested in Nairobi on Friday, demanding higher pay."),
    ("herald-1", "2025-03-08", "The Herald",
     "Teachers marched through the streets of Nairobi on Friday to demand better salaries."),
    ("coast-1", "2025-03-08", "Coast Weekly",
     "Hundreds of fishermen protested in Mombasa on Friday against new licence fees."),
]  # fmt: skip
LATER = [
    ("star-2", "2025-03-09", "The Star",
     "Kenyan teachers demonstrated in Nairobi on Friday over pay, their union said."),
]  # fmt: skip


def _write(path: Path, stories: list[tuple[str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for doc, day, source, text in stories:
            out.write(json.dumps({"id": doc, "date": day, "source": source, "text": text}) + "\n")
    return path


def _protest_clusters(store) -> dict[str, str]:
    return dict(
        store.fetchall(
            "SELECT e.doc_id, ec.cluster_id FROM events e "
            "JOIN event_clusters ec ON ec.event_id = e.id WHERE e.event = 'PROTEST'"
        )
    )


def _tables(store) -> tuple[list[tuple], list[tuple]]:
    return (
        sorted(store.fetchall("SELECT * FROM event_clusters")),
        sorted(store.fetchall("SELECT * FROM clusters")),
    )


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    gen = fresh_target(request.param, tmp_path)
    yield next(gen)
    gen.close()


@pytest.mark.slow
def test_ingest_clusters_retold_stories(target, tmp_path, coder, monkeypatch):
    first = _write(tmp_path / "first.jsonl", FIRST)
    later = _write(tmp_path / "later.jsonl", LATER)
    with open_store(target) as store:
        summary = ingest([first], store, coder=coder)
        assert summary.clustered == store.counts()["events"] == summary.events
        protests = _protest_clusters(store)
        assert set(protests) == {"mirror-1", "herald-1", "coast-1"}
        assert protests["mirror-1"] == protests["herald-1"] != protests["coast-1"]
        sizes = dict(store.fetchall("SELECT id, n_reports FROM clusters"))
        assert sizes[protests["mirror-1"]] == 2
        assert sizes[protests["coast-1"]] == 1
        (n_sources,) = store.fetchall(
            "SELECT n_sources FROM clusters WHERE id = ?", (protests["mirror-1"],)
        )[0]
        assert n_sources == 2

        # by level: the Nairobi protest counts twice as events, once as a cluster
        protest = Filters.from_params(type="PROTEST")
        assert counts(store, ["type"], protest)[1] == [("PROTEST", 3, 3)]
        cluster = Filters.from_params(type="PROTEST", level="cluster")
        assert counts(store, ["type"], cluster) == (["event", "clusters", "reports"],
                                                    [("PROTEST", 2, 3)])  # fmt: skip
        weights = {lv: by_type(store, protest, level=lv)[0]["count"] for lv in
                   ("event", "cluster", "report")}  # fmt: skip
        assert weights == {"event": 3, "cluster": 2, "report": 3}

        # re-ingesting the batch changes nothing
        before = _tables(store)
        again = ingest([first], store, coder=coder)
        assert again.new == again.clustered == 0
        assert _tables(store) == before
        assert cluster_new(store).events == 0  # nothing new: one query, no write

        # a second batch joins the stored cluster
        second = ingest([later], store, coder=coder)
        assert second.clusters_joined >= 1
        protests = _protest_clusters(store)
        assert protests["star-2"] == protests["mirror-1"] != protests["coast-1"]
        sizes = dict(store.fetchall("SELECT id, n_reports FROM clusters"))
        assert sizes[protests["mirror-1"]] == 3

        # rebuilding from scratch gives the same clusters
        tables = _tables(store)
        assert rebuild(store).events == store.counts()["events"]
        rebuilt = _tables(store)
        assert [r[:2] for r in rebuilt[0]] == [r[:2] for r in tables[0]]
        # the multi-row writer writes exactly what the engine's write_batch writes
        monkeypatch.setattr(clustering, "write_rows",
                            lambda st, index, done: write_batch(st.execute, index, done))  # fmt: skip
        rebuild(store)
        assert _tables(store) == rebuilt


@pytest.mark.slow
def test_copy_linked_later_recounts_its_cluster(target, tmp_path, coder):
    """A wire copy of a clustered article ingested in a later run is not coded (no new event),
    yet its cluster's stored articles and sources count it."""
    first = _write(tmp_path / "first.jsonl", FIRST)
    mirror_text = FIRST[0][3]
    copies = _write(tmp_path / "copies.jsonl", [
        ("nation-2", "2025-03-09", "Daily Nation", mirror_text),
        ("echo-3", "2025-03-10", "Evening Echo", mirror_text),
    ])  # fmt: skip
    with open_store(target) as store:
        ingest([first], store, coder=coder)
        nairobi = _protest_clusters(store)["mirror-1"]

        def row() -> tuple:
            n_articles, n_sources, sources = store.fetchall(
                "SELECT n_articles, n_sources, sources FROM clusters WHERE id = ?", (nairobi,)
            )[0]
            return n_articles, n_sources, json.loads(sources)

        assert row() == (2, 2, ["Daily Mirror", "The Herald"])
        before = sorted(store.fetchall("SELECT * FROM event_clusters"))
        summary = ingest([copies], store, coder=coder)
        assert summary.clustered == 0  # the copies are linked, not coded
        assert row() == (4, 4, ["Daily Mirror", "Daily Nation", "Evening Echo", "The Herald"])
        assert sorted(store.fetchall("SELECT * FROM event_clusters")) == before
        (coast,) = store.fetchall(
            "SELECT n_articles, n_sources FROM clusters WHERE id = ?",
            (_protest_clusters(store)["coast-1"],),
        )
        assert tuple(coast) == (1, 1)  # other clusters untouched
        assert clustering.refresh_copies(store) == 0  # nothing stale any more
        # a rebuild counts the copies as well
        rebuild(store)
        nairobi = _protest_clusters(store)["mirror-1"]
        assert row() == (4, 4, ["Daily Mirror", "Daily Nation", "Evening Echo", "The Herald"])


@pytest.mark.slow
def test_query_counts_level_and_export_cluster_id(tmp_path, coder, run_cli):
    db = str(tmp_path / "events.duckdb")
    with open_store(db) as store:
        ingest([_write(tmp_path / "first.jsonl", FIRST)], store, coder=coder)
    by_level = {}
    for level in ("event", "cluster", "report"):
        result = run_cli("query", "counts", "--db", db, "--by", "type", "--type", "PROTEST",
                         "--level", level, "--format", "json")  # fmt: skip
        assert result.exit_code == 0, result.output
        (row,) = json.loads(result.output)
        by_level[level] = row.get("clusters", row.get("events"))
    assert by_level == {"event": 3, "cluster": 2, "report": 3}

    listed = run_cli("query", "events", "--db", db, "--type", "PROTEST", "--level", "cluster",
                     "--format", "json")  # fmt: skip
    assert len(json.loads(listed.output)) == 2
    clusters = run_cli("query", "clusters", "--db", db, "--format", "json")
    rows = json.loads(clusters.output)
    assert rows[0]["n_reports"] == 2 and rows[0]["event"] == "PROTEST"
    bad = run_cli("query", "counts", "--db", db, "--by", "type", "--level", "story")
    assert bad.exit_code == 2

    out = tmp_path / "events.jsonl"
    run_cli("export", "--db", db, "--format", "plover-jsonl", "--output", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["cluster_id"].startswith("evc-") for r in records)
    by_doc = {r["doc_id"]: r["cluster_id"] for r in records if r["event"] == "PROTEST"}
    assert by_doc["mirror-1"] == by_doc["herald-1"] != by_doc["coast-1"]


@pytest.mark.slow
def test_api_takes_level_cluster(tmp_path, coder):
    from fastapi.testclient import TestClient

    from eventcoder.serve import create_app

    db = str(tmp_path / "events.duckdb")
    with open_store(db) as store:
        ingest([_write(tmp_path / "first.jsonl", FIRST)], store, coder=coder)
    with open_store(db) as store:
        client = TestClient(create_app(store))
        got = {}
        for level in ("event", "cluster", "mention"):
            answer = client.get("/api/events", params={"type": "PROTEST", "level": level})
            assert answer.status_code == 200, answer.text
            got[level] = answer.json()["total"]
        assert got["event"] == 3 and got["cluster"] == 2
        types = client.get("/api/aggregates/types", params={"type": "PROTEST", "level": "cluster"})
        assert types.json()["types"][0]["count"] == 2
        assert client.get("/api/events", params={"level": "story"}).status_code == 400


def test_level_is_validated():
    with pytest.raises(FilterError, match="level"):
        Filters.from_params(level="story")
    assert "NOT EXISTS" in Filters.from_params(level="cluster").where()[0]
    assert Filters.from_params(level="event").where()[0] == ""
