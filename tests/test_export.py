"""Export: PLOVER JSONL, POLECAT TSV (POLECAT's columns, in order), CSV, Parquet; the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from eventcoder.export import (
    COLUMNS,
    POLECAT_COLUMNS,
    ExportFormat,
    export,
    polecat_row,
    snake,
    write_parquet,
)
from eventcoder.ingest import ingest
from eventcoder.store import open_store

from .news_corpus import write_corpus


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder):
    folder = tmp_path_factory.mktemp("export")
    corpus = write_corpus(folder / "corpus")
    target = str(folder / "events.duckdb")
    with open_store(target) as store:
        summary = ingest([corpus], store, coder=coder)
    assert summary.events > 0
    return target


@pytest.fixture(scope="module")
def stored(db):
    with open_store(db) as store:
        records = {
            r[0]: (json.loads(r[1]), r[2], r[3])
            for r in store.fetchall(
                "SELECT e.id, e.record, a.source, a.reports FROM events e "
                "JOIN articles a ON a.id = e.doc_id"
            )
        }
    return records


def test_polecat_tsv_has_polecats_columns_in_order(db, stored):
    with open_store(db) as store:
        text = export(store, "polecat-tsv")
    lines = text.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    assert tuple(header[: len(POLECAT_COLUMNS)]) == POLECAT_COLUMNS
    assert len(POLECAT_COLUMNS) == 40
    assert tuple(header) == COLUMNS
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == len(stored)
    assert all(len(line.split("\t")) == len(COLUMNS) for line in lines)  # no stray tabs
    by_id = {r["Event ID"]: r for r in rows}
    for event_id, (record, source, reports) in stored.items():
        row = by_id[event_id]
        assert row["Event Type"] == record["event"]
        assert row["Quad Code"] == str(record["quad_code"])
        assert row["Source"] == (source or "")
        assert row["Reports"] == str(reports)
        codes = [m["code"] for m in record["actor"] if m.get("code")]
        assert row["Actor Country"] == ";".join(codes)
        precise = record["date_info"]["precision"] in ("day", "week")
        assert row["Event Date"] == (record["date"] if precise else "")
        assert row["Event Date Value"] == (record["date"] or "")
    protest = next(r for r in rows if r["Event Type"] == "PROTEST")
    assert protest["Placename"] == "Baghdad" and protest["Country"] == "IRQ"
    assert protest["Latitude"] and protest["GeoNames ID"].isdigit()
    assert protest["Publication Date"] == "2019-10-04"
    assert protest["Reports"] == "3"
    assert protest["Language"] == "en"


def test_polecat_row_never_invents_a_day():
    record = {
        "id": "x:1:PROTEST",
        "date": "2019-10",
        "date_info": {"precision": "month"},
        "event": "PROTEST",
        "actor": [],
        "recipient": [],
    }
    row = polecat_row(record, {})
    assert row["Event Date"] is None and row["Event Date Value"] == "2019-10"
    assert row["Date Precision"] == "month"


def test_plover_jsonl_is_the_record_with_citation(db, stored):
    with open_store(db) as store:
        text = export(store, ExportFormat.plover_jsonl)
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) == len(stored)
    for rec in records:
        original, source, reports = stored[rec["id"]]
        for key, value in original.items():
            assert rec[key] == value
        assert rec["reports"] == reports
        assert rec["coder"].startswith("eventcoder ")
        if source:
            assert rec["cite_info"]["publication"] == source
    page = next(r for r in records if r["doc_id"] == "page")
    assert page["cite_info"]["url"] == "https://news.example.org/eu-belarus"
    assert page["cite_info"]["title"] == "EU sanctions Belarus"
    assert page["publication_date"] == "2021-06-22"
    assert len(page["coded_date"]) == 10 and page["coded_date"][4] == "-"


def test_csv_and_parquet_carry_the_same_rows(db, stored, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    with open_store(db) as store:
        text = export(store, "csv")
        path = tmp_path / "events.parquet"
        n = write_parquet(store, str(path))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [snake(c) for c in COLUMNS]
    assert len(rows) == n == len(stored)
    table = pq.read_table(path)
    assert table.num_rows == n
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("geonames_id").type == pa.int64()
    assert sorted(table.column("event_id").to_pylist()) == sorted(r["event_id"] for r in rows)
    with open_store(db) as store, pytest.raises(ValueError, match="output file"):
        export(store, "parquet")


def test_filters_apply_to_exports(db, stored):
    from eventcoder.store.filters import Filters

    with open_store(db) as store:
        text = export(store, "plover-jsonl", filters=Filters(types=["PROTEST"]))
    events = [json.loads(line)["event"] for line in text.splitlines()]
    assert events and set(events) == {"PROTEST"}


def test_cli_writes_stdout_or_file(db, tmp_path):
    from eventcoder import cli

    cli._register_commands()
    runner = CliRunner()
    out = runner.invoke(cli.app, ["export", "--db", db, "--format", "polecat-tsv"])
    assert out.exit_code == 0, out.output
    assert out.stdout.startswith("Event ID\tEvent Date\tEvent Type")
    target = tmp_path / "e.jsonl"
    res = runner.invoke(
        cli.app, ["export", "--db", db, "-f", "plover-jsonl", "-o", str(target), "-t", "ASSAULT"]
    )
    assert res.exit_code == 0, res.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(x)["event"] == "ASSAULT" for x in lines)
    assert f"{len(lines)} event(s) written" in res.output
    binary = runner.invoke(cli.app, ["export", "--db", db, "-f", "parquet"])
    assert binary.exit_code == 2 and "-o" in binary.output
    missing = runner.invoke(cli.app, ["export", "--db", str(tmp_path / "no.duckdb"), "-f", "csv"])
    assert missing.exit_code == 2 and "no store" in missing.output


def test_cli_query_formats(db):
    from eventcoder import cli

    cli._register_commands()
    runner = CliRunner()
    res = runner.invoke(cli.app, ["query", "counts", "--db", db, "--by", "month", "-f", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data and set(data[0]) == {"month", "events", "reports"}
    res = runner.invoke(cli.app, ["query", "events", "--db", db, "--type", "PROTEST", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and {r["event"] for r in rows} == {"PROTEST"}
    res = runner.invoke(cli.app, ["query", "errors", "--db", db, "-f", "csv"])
    kinds = {r["kind"] for r in csv.DictReader(io.StringIO(res.stdout))}
    assert kinds == {"skipped"}
    res = runner.invoke(cli.app, ["query", "events", "--db", db, "--since", "2020-13"])
    assert res.exit_code == 2
    res = runner.invoke(cli.app, ["query", "counts", "--db", db, "--by", "weather"])
    assert res.exit_code == 2 and "choose from" in res.output


def test_plover_line_is_the_record_encoded_whole(db):
    """The JSONL line appends the extensions to the stored text: the same bytes as encoding
    the whole record, also when the record's text mentions an extension's name."""
    from eventcoder.export.formats import plover_line, plover_record

    article = {"url": "https://x.example/1", "title": "T ü", "source": "Wire", "reports": 2,
               "pub_date": "2020-01-02", "ingested_at": "2020-01-03 10:00:00"}  # fmt: skip
    with open_store(db) as store:
        stored = [r[0] for r in store.fetchall("SELECT record FROM events ORDER BY id")]
    tricky = json.dumps(
        {"id": "x", "text": 'he said "reports": many', "n": 1.5}, ensure_ascii=False
    )
    for text in [*stored, tricky]:
        whole = json.dumps(plover_record(json.loads(text), article), ensure_ascii=False) + "\n"
        assert plover_line(text, article) == whole
    assert json.loads(plover_line(tricky, article))["reports"] == 2
