"""The event store on both backends: schema and migrations, atomic writes, queries.

Every test runs on DuckDB and on PostgreSQL (a fresh schema each; see tests/stores.py).
"""

from __future__ import annotations

import json

import pytest

from eventcoder.records import Article
from eventcoder.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    StoreError,
    open_store,
)
from eventcoder.store.aggregates import counts
from eventcoder.store.filters import Filters
from eventcoder.store.reads import event_table, get_event, summary

from .news_corpus import MEETING, PROTEST, SANCTIONS
from .stores import BACKENDS, fresh_target


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    yield from fresh_target(request.param, tmp_path)


@pytest.fixture(scope="module")
def coded_articles(coder):
    """Three articles written for the tests, coded once for the module."""
    out = []
    for doc_id, text, date, source in (
        ("protest", PROTEST, "2019-10-04", "Wire"),
        ("meeting", MEETING, "2020-10-12", "Wire"),
        ("sanctions", SANCTIONS, "2021-06-22", "Daily"),
    ):
        article = Article(id=doc_id, text=text, date=date, source=source, language="en")
        out.append(coder.code_article(article))
    assert all(c.events for c in out), "the test articles must yield events"
    return out


def _fill(store, coded_articles) -> int:
    n = 0
    for coded in coded_articles:
        n += store.add_article(coded, coded.article, f"hash-{coded.article.id}", coded.article.id)
    return n


def test_new_store_has_the_current_schema(target):
    with open_store(target) as store:
        assert store.version() == SCHEMA_VERSION == max(MIGRATIONS)
        assert store.counts() == {table: 0 for table in TABLES}
    with open_store(target) as store:  # reopening migrates nothing twice
        rows = store.fetchall("SELECT version FROM schema_version ORDER BY version")
        assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))


def test_article_and_events_are_written_together(target, coded_articles):
    with open_store(target) as store:
        written = _fill(store, coded_articles)
        expected = sum(len(c.events) for c in coded_articles)
        assert written == expected
        got = store.counts()
        assert got["articles"] == 3
        assert got["events"] == expected
        members = sum(len(e.actor) + len(e.recipient) for c in coded_articles for e in c.events)
        assert got["entities"] == members
        told = sum(1 + len(e.other_sentences) for c in coded_articles for e in c.events)
        assert got["mentions"] == told
        placed = sum(1 for c in coded_articles for e in c.events if e.event_loc is not None)
        assert got["places"] == placed
        # the stored record is the event as coded
        first = coded_articles[0].events[0]
        record, article = get_event(store, first.id)
        assert record == json.loads(json.dumps(first.to_json()))
        assert article["id"] == "protest"
        # the dateline became article metadata
        row = store.fetchall(
            "SELECT dateline, dateline_place, n_events FROM articles WHERE id = ?", ["protest"]
        )
        assert row[0][0].startswith("BAGHDAD (Wire)")
        assert row[0][1] == "Baghdad"
        assert row[0][2] == len(coded_articles[0].events)


def test_a_failed_write_leaves_nothing_behind(target, coded_articles, monkeypatch):
    coded = coded_articles[0]
    with open_store(target) as store:
        original = store._insert_rows

        def fail_at_places(table, columns, rows):
            if table == "places":  # articles, events, entities, mentions already written
                raise RuntimeError("disk full")
            original(table, columns, rows)

        monkeypatch.setattr(store, "_insert_rows", fail_at_places)
        with pytest.raises(RuntimeError, match="disk full"):
            store.add_article(coded, coded.article, "h", coded.article.id)
        assert store.counts() == {table: 0 for table in TABLES}
        monkeypatch.undo()
        # the store is usable afterwards and the same article goes in whole
        assert store.add_article(coded, coded.article, "h", coded.article.id) == len(coded.events)
        assert store.counts()["events"] == len(coded.events)


def test_duplicates_link_to_the_coded_article_and_count_as_reports(target, coded_articles):
    coded = coded_articles[0]
    with open_store(target) as store:
        store.add_article(coded, coded.article, "h1", coded.article.id, minhash="x")
        copy = coded.article.model_copy(update={"id": "protest-copy", "source": "Daily"})
        assert store.add_article(None, copy, "h1", "protest", duplicate_kind="exact") == 0
        copy2 = coded.article.model_copy(update={"id": "protest-near"})
        store.add_article(None, copy2, "h2", "protest", duplicate_kind="near", similarity=0.9)
        rows = dict(store.fetchall("SELECT id, reports FROM articles"))
        assert rows == {"protest": 3, "protest-copy": 1, "protest-near": 1}
        assert store.counts()["events"] == len(coded.events)  # coded once
        assert store.article_by_hash("h1").id == "protest"
        kinds = store.fetchall(
            "SELECT id, cluster_id, duplicate_kind, similarity FROM articles "
            "WHERE n_events IS NULL ORDER BY id"
        )
        assert kinds == [
            ("protest-copy", "protest", "exact", None),
            ("protest-near", "protest", "near", 0.9),
        ]
        assert [s[0] for s in store.signatures()] == ["protest"]


def test_the_same_article_id_cannot_be_written_twice(target, coded_articles):
    coded = coded_articles[1]
    with open_store(target) as store:
        assert store.add_article(coded, coded.article, "h", coded.article.id) > 0
        if store.backend == "postgresql":  # shared by writers: a lost race stores nothing
            assert store.add_article(coded, coded.article, "h", coded.article.id) == 0
        else:
            with pytest.raises(Exception):  # noqa: B017 - the backend's own integrity error
                store.add_article(coded, coded.article, "h", coded.article.id)
        assert store.counts()["articles"] == 1
        assert store.counts()["events"] == len(coded.events)


def test_error_log_keeps_one_row_per_record_and_message(target):
    with open_store(target) as store:
        assert store.add_error("a.jsonl:3", "x", "not valid JSON", kind="skipped")
        assert not store.add_error("a.jsonl:3", "x", "not valid JSON", kind="skipped")
        assert store.add_error("a.jsonl:4", "y", "coding failed: boom")  # v1 signature
        rows = store.fetchall("SELECT source, kind FROM ingest_errors ORDER BY source")
        assert rows == [("a.jsonl:3", "skipped"), ("a.jsonl:4", "error")]


def test_version_1_store_is_migrated_and_backfilled(target, coded_articles):
    """A store written by schema version 1 opens, gains the v2 tables, and keeps its data."""
    coded = coded_articles[2]
    with open_store(target) as store:
        backend = store.backend
    if backend == "duckdb":
        import os

        os.remove(target)
    else:
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            for table in (*TABLES, "schema_version"):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
    # write a version-1 store by hand: v1 statements, v1 columns only
    from eventcoder.store import DuckDBStore, PostgresStore

    cls = DuckDBStore if backend == "duckdb" else PostgresStore

    class V1(cls):  # type: ignore[misc, valid-type]
        def migrate(self) -> None:
            for statement in MIGRATIONS[1]:
                self.execute(statement)
            self.execute("INSERT INTO schema_version (version) VALUES (1)")

    old = V1(target)
    ev = coded.events[0]
    old.execute(
        "INSERT INTO articles (id, text, n_events, reports) VALUES (?, ?, ?, 1)",
        [coded.article.id, coded.article.text, 1],
    )
    old.execute(
        "INSERT INTO events (id, doc_id, event, record) VALUES (?, ?, ?, ?)",
        [ev.id, ev.doc_id, ev.event, json.dumps(ev.to_json())],
    )
    assert old.version() == 1
    old.close()
    with open_store(target) as store:
        assert store.version() == SCHEMA_VERSION
        assert store.counts()["mentions"] == 1 + len(ev.other_sentences)
        assert store.counts()["places"] == (1 if ev.event_loc else 0)
        assert store.fetchall("SELECT minhash FROM articles") == [(None,)]


def test_a_newer_store_is_refused(target):
    with open_store(target) as store:
        store.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION + 1])
    with pytest.raises(StoreError, match="upgrade eventcoder"):
        open_store(target)


def test_queries_answer_the_common_questions(target, coded_articles):
    with open_store(target) as store:
        _fill(store, coded_articles)
        cols, rows = event_table(store, Filters.from_params(type="protest"))
        assert [r[cols.index("event")] for r in rows] == ["PROTEST"]
        assert rows[0][cols.index("actor_country")] == "IRQ"
        assert rows[0][cols.index("place")] == "Baghdad"
        _, rows = event_table(store, Filters.from_params(actor_country=["tur"]))
        assert rows and all("TUR" in r[cols.index("actor_country")] for r in rows)
        _, rows = event_table(store, Filters.from_params(date_from="2020-01-01", date_to="2020-12"))
        assert {r[cols.index("doc_id")] for r in rows} == {"meeting"}
        _, rows = event_table(store, Filters.from_params(place="baghdad"))
        assert {r[cols.index("doc_id")] for r in rows} == {"protest"}
        _, rows = event_table(store, Filters.from_params(source="daily"))
        assert {r[cols.index("doc_id")] for r in rows} == {"sanctions"}
        # counts by month add up to every dated event
        cols, rows = counts(store, ["month"])
        assert cols == ["month", "events", "reports"]
        total = sum(len(c.events) for c in coded_articles)
        assert sum(r[1] for r in rows) == total
        assert [r[0] for r in rows] == sorted(r[0] for r in rows)
        # dyads: the EU sanctioning Belarus is one
        cols, rows = counts(store, ["dyad"], Filters(types=["SANCTION"]))
        assert rows == [("EUR", "BLR", 1, 1)]
        with pytest.raises(ValueError, match="choose from"):
            counts(store, ["weather"])
        what = dict(summary(store)[1])
        assert what["articles coded"] == 3 and what["events"] == total


def test_both_backends_answer_alike(tmp_path, coded_articles):
    """The same writes give the same answers on DuckDB and PostgreSQL."""
    answers = []
    gens = [fresh_target("duckdb", tmp_path), fresh_target("postgresql", tmp_path)]
    try:
        for gen in gens:
            target = next(gen)
            with open_store(target) as store:
                _fill(store, coded_articles)
                answers.append(
                    (
                        event_table(store)[1],
                        counts(store, ["month", "type"])[1],
                        counts(store, ["dyad"])[1],
                        store.counts(),
                    )
                )
    finally:
        for gen in gens:
            gen.close()
    assert answers[0] == answers[1]


def test_bad_targets_are_named(tmp_path):
    with pytest.raises(StoreError, match="no folder"):
        open_store(str(tmp_path / "missing" / "x.duckdb"))
    with pytest.raises(StoreError, match="cannot open store"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    try:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    except StoreError as exc:
        assert "secret" not in str(exc)
