"""Batch ingest: readers, cleaning, duplicates, the run itself, and resuming after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.ingest import (
    IngestError,
    IngestOptions,
    count_records,
    ingest,
    iter_records,
    parse_fields,
)
from eventcoder.ingest.dedup import NearDuplicateIndex, decode, encode
from eventcoder.ingest.prepare import (
    LanguageDetector,
    Prepared,
    Skip,
    content_hash,
    detect_language,
    fix_text,
    prepare,
)
from eventcoder.ingest.readers import Draft, ReadError, parse_date
from eventcoder.store import open_store

from .conftest import need_module
from .news_corpus import (
    ATOM,
    GERMAN,
    HTML_PAGE,
    MEETING,
    PROTEST,
    PROTEST_COPY,
    RSS,
    SANCTIONS,
    gz,
    make_warc,
    write_corpus,
    zipped,
)
from .stores import BACKENDS, fresh_target


def _drafts(*paths, fields=None):
    return list(iter_records([str(p) for p in paths], fields))


# ---------------------------------------------------------------- readers


def test_text_html_and_unknown_files(tmp_path):
    (tmp_path / "a.txt").write_text(SANCTIONS, encoding="utf-8")
    (tmp_path / "b.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "c.docx").write_bytes(b"?")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    items = _drafts(tmp_path)
    assert [type(i).__name__ for i in items] == ["Draft", "Draft", "ReadError"]
    assert items[0].id == "a" and items[0].text == SANCTIONS
    assert items[1].id == "b" and b"Belarus" in items[1].html
    assert items[2].reason == "unsupported file type" and "c.docx" in items[2].origin
    # a file given directly is named by its own name
    assert _drafts(tmp_path / "a.txt")[0].id == "a"


def test_jsonl_fields_are_configurable_and_bad_lines_are_named(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(
        "\n"
        + json.dumps(
            {"key": 7, "body": "Police arrested ten people.", "meta": {"day": "2020-01-02"}}
        )
        + "\n{oops\n"
        + json.dumps({"key": 8, "body": ""})
        + "\n"
        + json.dumps(["not", "an", "object"])
        + "\n",
        encoding="utf-8",
    )
    fields = parse_fields(["id=key", "text=body", "date=meta.day"])
    items = _drafts(path, fields=fields)
    assert isinstance(items[0], Draft)
    assert (items[0].id, items[0].date, items[0].origin) == ("7", "2020-01-02", f"{path}:2")
    assert isinstance(items[1], ReadError) and items[1].origin == f"{path}:3"
    assert "not valid JSON" in items[1].error
    assert isinstance(items[2], ReadError) and items[2].reason == "empty text"
    assert isinstance(items[3], ReadError) and "expected an object" in items[3].error
    with pytest.raises(ValueError, match="unknown field"):
        parse_fields(["body=text"])
    with pytest.raises(ValueError, match="FIELD=NAME"):
        parse_fields(["text"])


def test_json_array_csv_and_tsv(tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps([{"id": "j1", "text": MEETING}, {"text": SANCTIONS}]), encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text(
        'story,headline,published\n"' + MEETING.replace('"', '""') + '",Talks,2020-10-12\n',
        encoding="utf-8",
    )
    (tmp_path / "c.tsv").write_text("id\ttext\nt1\tPolice arrested ten people.\n", encoding="utf-8")
    (tmp_path / "d.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    fields = parse_fields(["text=story", "title=headline", "date=published"])
    items = _drafts(tmp_path / "a.json", tmp_path / "b.csv", fields=None)
    assert [i.id for i in items[:2]] == ["j1", "a#2"]
    assert isinstance(items[2], ReadError) and "--field text=COLUMN" in items[2].error
    csv_items = _drafts(tmp_path / "b.csv", fields=fields)
    assert csv_items[0].text == MEETING and csv_items[0].title == "Talks"
    assert csv_items[0].date == "2020-10-12" and csv_items[0].id == "b#1"
    assert _drafts(tmp_path / "c.tsv")[0].id == "t1"
    assert isinstance(_drafts(tmp_path / "d.csv")[0], ReadError)


def test_feeds_rss_and_atom(tmp_path):
    (tmp_path / "f.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "g.atom").write_text(ATOM, encoding="utf-8")
    items = _drafts(tmp_path)
    first, empty, atom = items
    assert first.id == "wire-1" and first.url == "https://wire.example.org/1"
    assert first.date == "2020-10-12" and first.source == "Example Wire"
    assert first.language == "en-us"
    assert isinstance(empty, ReadError) and empty.reason == "empty text"
    assert atom.id == "urn:atom:1" and atom.date == "2021-06-22"
    prepared = prepare(first)
    assert isinstance(prepared, Prepared)
    paras = prepared.article.text.split("\n\n")
    assert paras[0].startswith("The foreign ministers") and paras[1].startswith("Turkey accused")
    assert prepared.article.language == "en"


def test_warc_gz_and_zip(tmp_path):
    warc = make_warc(tmp_path / "crawl.warc.gz", {"https://news.example.org/eu": HTML_PAGE})
    items = _drafts(warc)
    assert len(items) == 1  # the image response is not an article
    assert items[0].id == "https://news.example.org/eu" and b"Belarus" in items[0].html
    gz(tmp_path / "wire.jsonl.gz", (json.dumps({"id": "g1", "text": MEETING}) + "\n").encode())
    assert _drafts(tmp_path / "wire.jsonl.gz")[0].id == "g1"
    zipped(
        tmp_path / "bundle.zip",
        {
            "2020/a.txt": SANCTIONS.encode(),
            "2020/b.html": HTML_PAGE.encode(),
            "__MACOSX/._a.txt": b"junk",
        },
    )
    items = _drafts(tmp_path / "bundle.zip")
    assert [i.id for i in items] == ["bundle/2020/a", "bundle/2020/b"]
    assert items[0].origin.endswith("bundle.zip!2020/a.txt")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    broken = _drafts(tmp_path / "broken.zip")
    assert isinstance(broken[0], ReadError) and "broken.zip" in broken[0].error


# ---------------------------------------------------------------- cleaning


def test_html_main_text_and_metadata():
    prepared = prepare(Draft(origin="p.html", id="p", html=HTML_PAGE))
    assert isinstance(prepared, Prepared)
    article = prepared.article
    assert article.title == "EU sanctions Belarus"
    assert str(article.date) == "2021-06-22"
    assert article.source == "Example News"
    assert article.url == "https://news.example.org/eu-belarus"
    assert prepared.author == "Ann Writer"
    assert "Home" not in article.text and "Share this" not in article.text
    assert "\n\n" in article.text  # paragraphs kept apart for the clean stage


def test_mojibake_is_fixed_and_curly_quotes_kept():
    broken = "The minister said â€œwe will winâ€\x9d in Kata’ib.\r\nNext line"
    assert fix_text(broken) == "The minister said “we will win” in Kata’ib.\nNext line"
    latin1 = SANCTIONS.replace("Union", "Union’s").encode("cp1252")
    items = prepare(Draft(origin="x", id="x", text=latin1.decode("cp1252")))
    assert "Union’s" in items.article.text


def test_other_languages_are_skipped_with_the_language():
    got = prepare(Draft(origin="z.txt", id="z", text=GERMAN))
    assert isinstance(got, Skip) and got.reason == "not English"
    assert "language de (detected)" in got.detail
    declared = prepare(Draft(origin="f", id="f", text=SANCTIONS, language="fr-FR"))
    assert isinstance(declared, Skip) and "language fr (declared)" in declared.detail
    english = prepare(Draft(origin="e", id="e", text=SANCTIONS))
    assert english.article.language == "en"
    short = prepare(Draft(origin="s", id="s", text="Guten Tag"))
    assert isinstance(short, Prepared) and short.article.language is None  # too short to tell


def test_names_do_not_make_an_english_report_another_language():
    """py3langid took these for Nigerian Pidgin (pcm) on their names and ingest skipped them;
    the language is read from the words without a capital letter."""
    talks = (
        "Chinedu Okafor of Nigeria and Emeka Adebayo held talks in Abuja with Tunde Okonkwo "
        "and agreed to meet again next month to discuss the border."
    )
    got = prepare(Draft(origin="t", id="t", text=talks))
    assert isinstance(got, Prepared) and got.article.language == "en"
    # a short one: too few common words to tell, so it is kept
    short = "Nigerian police held 14 traders in Kano on Tuesday, Chinedu Okafor said."
    assert detect_language(short, LanguageDetector()) == (None, 0.0)
    pidgin = (
        "Wetin dey happen for Lagos? Dem say di police don arrest plenty pipo for di market "
        "yesterday, dem no gree talk wetin cause am."
    )
    assert detect_language(pidgin, LanguageDetector())[0] == "pcm"  # real Pidgin still is


def test_a_text_in_capitals_is_read_for_its_language():
    """Every word of an all-capitals wire begins with a capital letter: it is read whole."""
    german = prepare(Draft(origin="g", id="g", text=GERMAN.upper()))
    assert isinstance(german, Skip) and "language de (detected)" in german.detail
    english = prepare(Draft(origin="e", id="e", text=SANCTIONS.upper()))
    assert isinstance(english, Prepared) and english.article.language == "en"


def test_dates_are_read_or_flagged():
    assert parse_date("2020-01-14T10:00:00Z") == ("2020-01-14", None)
    assert parse_date("Tue, 14 Jan 2020 10:00:00 GMT") == ("2020-01-14", None)
    value, warning = parse_date("sometime last spring")
    assert value is None and "not understood" in warning
    got = prepare(Draft(origin="d", id="d", text=SANCTIONS, date="yesterday-ish"))
    assert got.article.date is None and "not understood" in got.warning
    got = prepare(Draft(origin="d", id="d", text=SANCTIONS), default_date="2021-06-22")
    assert str(got.article.date) == "2021-06-22"


def test_exact_and_near_duplicates():
    assert content_hash(PROTEST) == content_hash(PROTEST.upper().replace("\n\n", "  \n"))
    assert content_hash(PROTEST) != content_hash(PROTEST_COPY)
    index = NearDuplicateIndex(threshold=0.8)
    index.add("protest", index.signature(PROTEST))
    index.add("meeting", index.signature(MEETING))
    key, sim = index.match(index.signature(PROTEST_COPY))
    assert key == "protest" and 0.8 <= sim < 1.0
    assert index.match(index.signature(SANCTIONS)) is None
    stored = decode(encode(index.signature(PROTEST)))
    assert stored.jaccard(index.signature(PROTEST)) == 1.0
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0)


# ---------------------------------------------------------------- the run


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    yield from fresh_target(request.param, tmp_path)


def test_ingest_is_complete_and_idempotent(target, tmp_path, coder):
    corpus = write_corpus(tmp_path / "corpus")
    seen = []
    with open_store(target) as store:
        summary = ingest([corpus], store, coder=coder, progress=lambda s: seen.append(s.read))
        # jsonl: 5 records + 1 broken line; txt, html, rss (2 entries), docx
        assert summary.total == summary.read == 11
        assert seen == list(range(1, 12))
        # protest-1, meeting-1, sanctions.txt, page.html (more text than sanctions.txt: not a
        # near duplicate of it), feed entry 1 (shorter than meeting-1: not one either)
        assert summary.new == 5
        assert summary.exact_duplicates == 1  # protest-3 is protest-1 word for word
        assert summary.near_duplicates == 1  # protest-2, the wire copy
        assert dict(summary.skipped) == {
            "not English": 1,
            "unreadable record": 1,
            "empty text": 1,
            "unsupported file type": 1,
        }
        first_counts = store.counts()
        assert first_counts["articles"] == 5 + 2
        assert first_counts["events"] == summary.events > 0
        assert first_counts["ingest_errors"] == 4
        reports = dict(store.fetchall("SELECT id, reports FROM articles"))
        assert reports["protest-1"] == 3  # itself, the exact copy, the wire copy
        links = store.fetchall(
            "SELECT id, cluster_id, duplicate_kind FROM articles WHERE n_events IS NULL ORDER BY id"
        )
        assert links == [("protest-2", "protest-1", "near"), ("protest-3", "protest-1", "exact")]
        (title,) = store.fetchall("SELECT title FROM articles WHERE id = 'page'")[0]
        assert title == "EU sanctions Belarus"

        again = ingest([corpus], store, coder=coder)
        assert again.new == again.events == 0
        assert again.already_stored == 7
        assert again.exact_duplicates == again.near_duplicates == 0
        assert store.counts() == first_counts


def test_near_duplicates_link_to_articles_of_an_earlier_run(tmp_path, coder):
    target = str(tmp_path / "s.duckdb")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "first.txt").write_text(PROTEST, encoding="utf-8")
    (tmp_path / "b" / "later.txt").write_text(PROTEST_COPY, encoding="utf-8")
    with open_store(target) as store:
        assert ingest([tmp_path / "a"], store, coder=coder).new == 1
    with open_store(target) as store:  # a new process: the index comes from the store
        summary = ingest([tmp_path / "b"], store, coder=coder)
        assert summary.near_duplicates == 1 and summary.new == 0
        assert store.fetchall("SELECT reports FROM articles WHERE id = 'first'") == [(2,)]


def test_an_article_that_fails_to_code_is_logged_and_the_run_goes_on(tmp_path, coder):
    class Flaky:
        def code_article(self, article):
            if article.id == "meeting":
                raise RuntimeError("parser crashed")
            return coder.code_article(article)

    (tmp_path / "meeting.txt").write_text(MEETING, encoding="utf-8")
    (tmp_path / "sanctions.txt").write_text(SANCTIONS, encoding="utf-8")
    with open_store(str(tmp_path / "s.duckdb")) as store:
        summary = ingest([tmp_path], store, coder=Flaky())
        assert summary.new == 1 and summary.skipped == {"coding failed": 1}
        (row,) = store.fetchall("SELECT kind, record, error FROM ingest_errors")
        assert row[:2] == ("error", "meeting") and "parser crashed" in row[2]
        # the next run codes what failed before
        again = ingest([tmp_path], store, coder=coder)
        assert again.new == 1 and again.already_stored == 1


def test_no_input_is_an_error(tmp_path):
    with open_store(str(tmp_path / "s.duckdb")) as store:
        with pytest.raises(IngestError, match="no such file"):
            ingest([tmp_path / "nothing-here"], store)
        (tmp_path / "empty").mkdir()
        with pytest.raises(IngestError, match="hold no records"):
            ingest([tmp_path / "empty"], store)
    assert count_records([]) == 0


def test_cli_exit_status_and_summary(tmp_path, monkeypatch, coder):
    from eventcoder import cli

    monkeypatch.setattr("eventcoder.coder.Coder", lambda **_: coder)
    cli._register_commands()
    runner = CliRunner()
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SANCTIONS, encoding="utf-8")
    (corpus / "b.txt").write_text(GERMAN, encoding="utf-8")
    db = str(tmp_path / "e.duckdb")
    result = runner.invoke(cli.app, ["ingest", str(corpus), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "coded and stored   1 article(s)" in result.output
    assert "not English: 1" in result.output
    result = runner.invoke(cli.app, ["ingest", str(corpus), "--db", db, "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout[result.stdout.index("{") :])
    assert data["already_stored"] == 1 and data["new"] == 0
    missing = runner.invoke(cli.app, ["ingest", str(tmp_path / "nope"), "--db", db])
    assert missing.exit_code == 2 and "no such file" in missing.output
    no_store = runner.invoke(cli.app, ["ingest", str(corpus), "--db", "/nonexistent/dir/x.db"])
    assert no_store.exit_code == 2 and "no folder" in no_store.output
    bad_field = runner.invoke(cli.app, ["ingest", str(corpus), "--db", db, "--field", "x=y"])
    assert bad_field.exit_code == 2 and "unknown field" in bad_field.output


# ---------------------------------------------------------------- interrupted runs


def _corpus_for_kill(folder: Path, n: int) -> Path:
    """``n`` distinct short articles (numbers and places vary so none is a near duplicate)."""
    places = ["Baghdad", "Ankara", "Kabul", "Beirut", "Cairo", "Tunis", "Amman", "Sanaa"]
    verbs = ["marched through", "rallied in", "gathered in", "blocked roads in"]
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n):
            place, verb = places[i % len(places)], verbs[i % len(verbs)]
            text = (
                f"About {100 + 37 * i} farmers {verb} {place} on Friday, demanding higher "
                f"prices for wheat, organisers said. Report number {i}.\n\n"
                f"Police arrested {i + 2} people near the ministry of agriculture in {place}, "
                f"a spokesman said on day {i}."
            )
            fh.write(json.dumps({"id": f"k{i:03d}", "text": text, "date": "2021-03-05"}) + "\n")
    return folder


def _default_sigint() -> None:
    """In the child: Ctrl-C as in a terminal, even when this test run was started in the
    background by a shell without job control (which leaves SIGINT ignored, and a Python
    started with SIGINT ignored never raises KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "eventcoder.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_default_sigint,
    )


def _wait_for_progress(proc: subprocess.Popen, at_least: int, timeout: float = 180) -> int:
    deadline = time.monotonic() + timeout
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if line.startswith("ingest: "):
            done = int(line.split()[1].split("/")[0])
            if done >= at_least:
                return done
    raise AssertionError("the ingest made no progress")


@pytest.mark.slow
def test_kill_and_ctrl_c_then_resume_loses_and_duplicates_nothing(tmp_path, run_cli):
    corpus = _corpus_for_kill(tmp_path / "corpus", 16)
    db = str(tmp_path / "events.duckdb")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    args = ["ingest", str(corpus), "--db", db, "--workers", "1", "--log-every", "0"]

    # Ctrl-C: a clean stop with a message and exit 130
    proc = _run(args, env)
    _wait_for_progress(proc, 3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "run the same command again to resume" in err
    with open_store(db) as store:
        after_int = store.counts()["articles"]
    assert 3 <= after_int < 16

    # kill -9: no chance to clean up at all
    proc = _run(args, env)
    _wait_for_progress(proc, after_int + 5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with open_store(db) as store:
        after_kill = store.counts()["articles"]
        stored_ids = {r[0] for r in store.fetchall("SELECT id FROM articles")}
        events_before = dict(store.fetchall("SELECT doc_id, count(*) FROM events GROUP BY doc_id"))
        n_events = dict(store.fetchall("SELECT id, n_events FROM articles"))
    # (the last few articles may have been coded but not yet committed: they are redone)
    assert after_int <= after_kill < 16
    # every article that made it in has all its events (nothing half-written)
    assert all(events_before.get(aid, 0) == n for aid, n in n_events.items())

    # resume: the same command finishes the rest and redoes nothing (run in this process: what
    # resuming tests is the store the killed runs left, not the process boundary)
    done = run_cli(*args[:-2], "--json", "--no-progress")
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    assert summary["already_stored"] == after_kill
    assert summary["new"] == 16 - after_kill
    with open_store(db) as store:
        ids = [r[0] for r in store.fetchall("SELECT id FROM articles")]
        assert sorted(ids) == [f"k{i:03d}" for i in range(16)]
        assert stored_ids <= set(ids)
        event_ids = [r[0] for r in store.fetchall("SELECT id FROM events")]
        assert len(event_ids) == len(set(event_ids))
        (n_sum,) = store.fetchall("SELECT sum(n_events) FROM articles")[0]
        assert int(n_sum) == len(event_ids) > 0
        assert store.counts()["ingest_errors"] == 0


def test_a_store_that_fails_stops_the_run_with_its_error(tmp_path, coder, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SANCTIONS, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(MEETING, encoding="utf-8")
    with open_store(str(tmp_path / "s.duckdb")) as store:

        def broken(*args, **kwargs):
            raise RuntimeError("server went away")

        monkeypatch.setattr(store, "add_articles", broken)
        with pytest.raises(RuntimeError, match="server went away"):
            ingest([tmp_path / "in"], store, coder=coder)
        monkeypatch.undo()
        assert store.counts()["articles"] == 0
        # nothing was half-done: the next run writes everything
        assert ingest([tmp_path / "in"], store, coder=coder).new == 2


def test_writer_groups_what_queued_up_and_isolates_a_bad_article():
    import threading

    from eventcoder.ingest.writer import StoreWriter

    release = threading.Event()

    class FakeStore:
        def __init__(self):
            self.groups = []

        def add_articles(self, writes):
            release.wait(5)
            if "bad" in writes:
                raise ValueError(f"cannot write {writes}")
            self.groups.append(list(writes))
            return [len(w) for w in writes]

    store, got = FakeStore(), []
    writer = StoreWriter()
    for name in ["a", "bb", "ccc", "dddd"]:
        writer.submit_article(store, name, done=got.append)
    release.set()
    writer.close()
    assert [w for g in store.groups for w in g] == ["a", "bb", "ccc", "dddd"]  # in order
    assert len(store.groups) < 4  # what waited was written together
    assert got == [1, 2, 3, 4]

    release.clear()
    writer = StoreWriter()
    for name in ["e", "bad", "f"]:
        writer.submit_article(store, name)
    release.set()
    with pytest.raises(ValueError, match=r"cannot write \['bad'\]"):  # named on its own
        writer.close()
    assert ["e"] in store.groups


@pytest.mark.slow
def test_dask_codes_on_workers_and_writes_in_reading_order(tmp_path, coder):
    """With a Dask cluster the articles are coded on workers; the store gets the same result
    as a local run (ids, events, duplicate links)."""
    distributed = need_module("distributed")
    from eventcoder.worker import WORKER_CODERS, options_key

    corpus = write_corpus(tmp_path / "corpus")
    local_db, dask_db = str(tmp_path / "local.duckdb"), str(tmp_path / "dask.duckdb")
    with open_store(local_db) as store:
        local = ingest([corpus], store, coder=coder)
    # the in-process worker shares this module: give it the loaded coder (saves a model load)
    WORKER_CODERS[options_key({})] = coder
    try:
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
            open_store(dask_db) as store,
        ):
            remote = ingest([corpus], store, options=IngestOptions(dask=client))
    finally:
        WORKER_CODERS.clear()
    for key in ("read", "new", "exact_duplicates", "near_duplicates", "events"):
        assert getattr(remote, key) == getattr(local, key), key
    assert remote.skipped == local.skipped
    query = "SELECT id, cluster_id, reports, n_events FROM articles ORDER BY id"
    with open_store(local_db) as a, open_store(dask_db) as b:
        assert a.fetchall(query) == b.fetchall(query)
        events = "SELECT id, event, record FROM events ORDER BY id"
        assert a.fetchall(events) == b.fetchall(events)


def test_dask_scheduler_that_cannot_be_reached_is_a_run_error(tmp_path, monkeypatch):
    need_module("distributed")
    monkeypatch.setattr("eventcoder.ingest.run.DASK_CONNECT_TIMEOUT", 2)
    (tmp_path / "a.txt").write_text(SANCTIONS, encoding="utf-8")
    with (
        open_store(str(tmp_path / "s.duckdb")) as store,
        pytest.raises(IngestError, match="cannot reach the Dask scheduler"),
    ):
        ingest([tmp_path / "a.txt"], store, options=IngestOptions(dask="tcp://127.0.0.1:1"))
