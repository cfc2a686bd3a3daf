"""Every core: the local coding pool, ``ingest --workers`` and ``code --workers``."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.coder import DEFAULT_STAGES
from eventcoder.parallel import CodingFailure, CodingPool, PoolError, code_in_order, coder_for
from eventcoder.pipeline import register_stage
from eventcoder.records import Article
from eventcoder.store import open_store
from eventcoder.worker import WORKER_CODERS, options_key

from .conftest import need_module
from .news_corpus import write_corpus

PLACES = ["Baghdad", "Ankara", "Kabul", "Beirut", "Cairo", "Tunis", "Amman", "Sanaa"]


def _articles(n: int) -> list[Article]:
    """``n`` distinct short articles (numbers and places vary: no two are near duplicates)."""
    out = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        text = (
            f"About {100 + 37 * i} farmers marched through {place} on Friday, demanding higher "
            f"prices for wheat, organisers said. Report number {i}.\n\n"
            f"Police arrested {i + 2} people near the ministry of agriculture in {place}, a "
            f"spokesman said on day {i}."
        )
        out.append(Article(id=f"k{i:03d}", text=text, date="2021-03-05"))
    return out


@register_stage("test_trouble")
class Trouble:
    """A stage that fails on article "bad" and kills its process on article "die"."""

    name = "test_trouble"

    def __call__(self, doc):
        if doc.article.id == "bad":
            raise ValueError("no parse for this one")
        if doc.article.id == "die":
            os._exit(7)
        return doc


TROUBLE = {"stages": [*DEFAULT_STAGES, "test_trouble"]}


def test_options_key_drops_defaults():
    assert options_key({}) == options_key({"include_unrealised": False, "model": None})
    assert options_key({"include_unrealised": True}) != options_key({})


@pytest.mark.slow
def test_pool_codes_in_input_order_and_a_failure_stays_with_its_article(coder):
    """A worker sharing this process's coder (fork): results in input order and equal to
    coding here; an exception and a dead worker fail their article alone, the pool goes on."""
    local = coder_for(TROUBLE)  # forked workers inherit it: nothing is loaded again
    articles = _articles(10)
    articles[3] = articles[3].model_copy(update={"id": "bad"})
    articles[6] = articles[6].model_copy(update={"id": "die"})
    try:
        with CodingPool(2, TROUBLE, start_method="fork") as pool:
            results = list(pool.map(articles, inflight=3))
            assert pool.cpu_seconds > 0
    finally:
        WORKER_CODERS.clear()
    assert [a.id for a, _ in results] == [a.id for a in articles]
    bad, die = results[3][1], results[6][1]
    assert bad == CodingFailure("bad", "ValueError: no parse for this one")
    assert isinstance(die, CodingFailure) and "worker process died (exit code 7)" in die.error
    for article, result in results:
        if article.id not in ("bad", "die"):
            expected = [e.to_json() for e in local.code_article(article).events]
            assert [e.to_json() for e in result.events] == expected and expected


@pytest.mark.slow
def test_pool_cancel_ends_the_workers_at_once(coder):
    WORKER_CODERS[options_key({})] = coder  # forked workers share it
    try:
        pool = CodingPool(2, {}, start_method="fork")
        futures = [pool.submit(a) for a in _articles(12)]
        processes = [w.process for w in [*pool._idle, *pool._busy]]
        t0 = time.perf_counter()
        pool.close(cancel=True)
        assert time.perf_counter() - t0 < 15
    finally:
        WORKER_CODERS.clear()
    assert processes and not any(p.is_alive() for p in processes)
    assert any(f.cancelled() for f in futures)
    with pytest.raises(PoolError, match="closed"):
        pool.submit(_articles(1)[0])


@pytest.mark.slow
def test_a_worker_that_cannot_load_the_coder_is_a_pool_error(tmp_path):
    pool = CodingPool(1, {"model": str(tmp_path / "no-such-model")}, start_method="fork")
    with pytest.raises(PoolError, match="cannot load the coder"), pool:
        pool.submit(_articles(1)[0])


@pytest.mark.slow
def test_code_jsonl_with_two_workers_prints_what_one_worker_prints(tmp_path, monkeypatch, coder):
    from eventcoder import cli

    monkeypatch.setattr("eventcoder.coder.Coder", lambda **_: coder)
    path = tmp_path / "in.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for article in _articles(9):
            fh.write(json.dumps({"id": article.id, "text": article.text, "date": "2021-03-05"}))
            fh.write("\n")
        fh.write("{broken\n")
    runner = CliRunner()
    outputs = []
    for workers in ("1", "2"):
        args = ["code", str(path), "--input", "jsonl", "-f", "jsonl", "--workers", workers]
        result = runner.invoke(cli.app, args)
        assert result.exit_code == 1, result.output  # the broken record is named, not coded
        outputs.append(result.stdout)
        assert "1 record(s) not coded" in result.stderr
    one, two = outputs
    assert one == two
    assert {json.loads(line)["doc_id"] for line in one.splitlines()} >= {"k000", "k008"}


def test_code_in_order_keeps_few_articles_in_this_process(coder):
    class Counting:
        def __init__(self):
            self.seen = []

        def code_article(self, article):
            self.seen.append(article.id)
            if article.id == "k001":
                raise RuntimeError("boom")
            return article.id

    counting = Counting()
    out = list(code_in_order(_articles(3), counting, {}, None))  # a handful: no pool
    assert counting.seen == ["k000", "k001", "k002"]
    assert out[1][1] == CodingFailure("k001", "RuntimeError: boom")


def _tables(path: str) -> dict[str, list]:
    """Every table of a DuckDB store, rows sorted, timestamps left out."""
    with open_store(path) as store:
        names = [r[0] for r in store.fetchall("SELECT table_name FROM duckdb_tables()")]
        out = {}
        for name in names:
            cols = [
                r[0]
                for r in store.fetchall(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                    "AND data_type NOT LIKE 'TIMESTAMP%' ORDER BY column_index",
                    [name],
                )
            ]
            listed = ", ".join(f'"{c}"' for c in cols)
            out[name] = store.fetchall(f"SELECT {listed} FROM {name} ORDER BY ALL")
        out["order"] = store.fetchall("SELECT id FROM articles ORDER BY ingested_at, rowid")
    return out


@pytest.mark.slow
def test_ingest_with_two_workers_makes_the_same_store(tmp_path, monkeypatch, coder):
    """``ingest --workers 2`` (a pool started from a forkserver) and ``--workers 1`` write the
    same rows, in the same order: duplicates, skips and errors included."""
    from eventcoder import cli

    monkeypatch.setattr("eventcoder.coder.Coder", lambda **_: coder)  # the one-worker run
    cli._register_commands()
    corpus = write_corpus(tmp_path / "corpus")
    with (corpus / "more.jsonl").open("w", encoding="utf-8") as fh:
        for article in _articles(8):
            fh.write(json.dumps({"id": article.id, "text": article.text, "date": "2021-03-05"}))
            fh.write("\n")
    runner = CliRunner()
    stores = []
    for workers in ("1", "2"):
        db = str(tmp_path / f"w{workers}.duckdb")
        args = ["ingest", str(corpus), "--db", db, "--json", "--no-progress", "--workers", workers]
        result = runner.invoke(cli.app, args)
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout[result.stdout.index("{") :])
        assert summary["new"] == 5 + 8 and summary["near_duplicates"] == 1
        stores.append(_tables(db))
    one, two = stores
    assert one.keys() == two.keys() and len(one["events"]) > 10
    for name in one:
        assert one[name] == two[name], name


def _descendants(pid: int) -> set[int]:
    """Processes below ``pid`` (from /proc): the forkserver and the workers."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text(encoding="utf-8")
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _gone(pids: set[int], timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(os.path.exists(f"/proc/{p}") for p in pids):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_ingest_with_workers_stops_cleanly_on_ctrl_c_and_kill_then_resumes(tmp_path, run_cli):
    """Ctrl-C: exit 130, the workers end; kill -9: the workers end by themselves; the next
    run finishes the corpus with nothing lost or doubled."""
    import signal

    from .test_ingest import _corpus_for_kill, _run, _wait_for_progress

    corpus = _corpus_for_kill(tmp_path / "corpus", 16)
    db = str(tmp_path / "events.duckdb")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    args = ["ingest", str(corpus), "--db", db, "--workers", "2", "--log-every", "0"]
    for sig in (signal.SIGINT, signal.SIGKILL):
        proc = _run(args, env)
        _wait_for_progress(proc, 12)
        below = _descendants(proc.pid)
        assert len(below) >= 2  # the workers (and their forkserver)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        if sig == signal.SIGINT:
            assert proc.returncode == 130, err
            assert "run the same command again to resume" in err
        assert _gone(below), "worker processes outlived the run"
    # the next run (in this process, one worker: what it must find is the store the stopped
    # runs left) stores the rest
    done = run_cli(*args[:-4], "--workers", "1", "--json", "--no-progress")
    assert done.exit_code == 0, done.output
    with open_store(db) as store:
        ids = [r[0] for r in store.fetchall("SELECT id FROM articles")]
        assert sorted(ids) == [f"k{i:03d}" for i in range(16)]
        event_ids = [r[0] for r in store.fetchall("SELECT id FROM events")]
        assert len(event_ids) == len(set(event_ids))
        (n_sum,) = store.fetchall("SELECT sum(n_events) FROM articles")[0]
        assert int(n_sum) == len(event_ids) > 0


@pytest.mark.slow
def test_ingest_on_a_dask_scheduler_and_worker_started_by_hand(tmp_path, monkeypatch, coder):
    """The setup docs/workers.md describes: ``dask scheduler``, ``dask worker``, then
    ``eventcoder ingest --dask tcp://...``; the store is the one a local run makes."""
    import shutil
    import subprocess

    need_module("distributed")
    if shutil.which("dask") is None:
        pytest.skip("the 'dask' command is not installed")
    from eventcoder import cli

    monkeypatch.setattr("eventcoder.coder.Coder", lambda **_: coder)  # the local run
    cli._register_commands()
    corpus = write_corpus(tmp_path / "corpus")
    info = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        ["dask", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(info)], **quiet,
    )  # fmt: skip
    worker = None
    try:
        deadline = time.monotonic() + 120
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        address = json.loads(info.read_text(encoding="utf-8"))["address"]
        assert address.startswith("tcp://")
        worker = subprocess.Popen(
            ["dask", "worker", "--scheduler-file", str(info), "--nworkers", "1",
             "--nthreads", "1", "--no-dashboard", "--memory-limit", "0"], **quiet,
        )  # fmt: skip
        runner = CliRunner()
        stores = []
        for extra in (["--workers", "1"], ["--dask", address]):
            db = str(tmp_path / f"{extra[0][2:]}.duckdb")
            result = runner.invoke(cli.app, ["ingest", str(corpus), "--db", db, *extra])
            assert result.exit_code == 0, result.output
            stores.append(_tables(db))
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=60)
    local, remote = stores
    assert len(local["events"]) > 0
    for name in local:
        assert local[name] == remote[name], name
