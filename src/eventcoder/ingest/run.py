"""``ingest()``: files and folders of news in, a queryable event store out (the batch run).

Every record read goes through ``ingest_one`` (:mod:`.session`), the one write path; this
module reads the records, keeps the writer and (optionally) a Dask cluster busy, reports
progress, and says what was done (``IngestSummary``).

Idempotent and resumable: article ids are stable, an id already in the store is passed over
before any work is done on it, and nothing is written for an article until its events are
ready, so a run stopped at any point (Ctrl-C, ``kill -9``) is finished by running it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..parallel import CodingPool
from .dedup import DEFAULT_THRESHOLD
from .prepare import MAX_CHARS
from .readers import DEFAULT_FIELDS, iter_records
from .session import DaskCoding, IngestSession, Known, ingest_one
from .summary import IngestSummary, Progress
from .writer import StoreWriter

if TYPE_CHECKING:  # pragma: no cover
    from ..coder import Coder
    from ..store import Store


#: Records up to which a run codes in this process whatever ``workers`` says.
SMALL_RUN = 8


class IngestError(RuntimeError):
    """The run itself cannot go on (no input, store unusable)."""


@dataclass
class IngestOptions:
    """How a batch run reads, links and writes.

    ``fields``: record keys for JSONL/CSV input (see ``parse_fields``). ``default_date``:
    publication date for records without one. ``near_threshold``: estimated Jaccard
    similarity at which two articles are one story. ``count_first``: count the records first
    (``summary.total``, for progress). ``limit``: stop after this many records.
    ``threaded_writes``: write to the store from a second thread while coding goes on (see
    :mod:`.writer`); the store must then not be used by anyone else until the run returns.
    ``commit_every``: seconds of coded articles written per transaction (group commit; 0: one
    article per transaction); a killed run loses at most that much work, redone next run.
    ``dask``: a ``distributed.Client`` (or a scheduler address): articles are coded on its
    workers (each builds ``Coder(**coder_options)`` once) while this process reads, links
    duplicates and writes, in reading order. ``workers``: without ``dask``, more than 1 codes
    on that many local processes (a ``CodingPool``, each with ``Coder(**coder_options)``; the
    ``coder`` argument of ``ingest`` is then not used), the same way; the store is the same.
    A run of ``SMALL_RUN`` records or fewer codes in this process (starting workers costs
    more than they save). ``max_chars``: articles longer than this are skipped as "too long"
    (None: no limit). ``echo(kind, message)``: told every record skipped or failed and every
    warning as it is logged in the store (the CLI prints them on stderr). ``cluster``: after
    the run's articles are written, cluster the stored events that have no event cluster yet
    (``store.clustering.cluster_new``)."""

    fields: dict[str, str] | None = None
    default_date: str | None = None
    near_threshold: float = DEFAULT_THRESHOLD
    count_first: bool = True
    limit: int | None = None
    threaded_writes: bool = True
    commit_every: float = 2.0
    dask: Any = None
    workers: int = 1
    coder_options: dict[str, Any] = field(default_factory=dict)
    max_chars: int | None = MAX_CHARS
    echo: Callable[[str, str], None] | None = None
    cluster: bool = True


def count_records(
    paths: Iterable[str | Path],
    fields: dict[str, str] | None = None,
    exclude: Iterable[str | Path] = (),
) -> int:
    """How many records the paths hold (cheap: nothing is extracted or coded)."""
    return sum(1 for _ in iter_records(paths, fields, exclude))


def _store_files(store: Store) -> list[str]:
    """The files of a DuckDB store, never to be read as input."""
    if getattr(store, "backend", None) != "duckdb":
        return []
    return [store.target, store.target + ".wal"]


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    coder: Coder | Callable[[], Coder] | None = None,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest files and folders into ``store``; returns what was done.

    ``coder``: a ``Coder`` (or a function making one, called only when an article needs
    coding); default ``Coder()``. ``progress`` is called with the running summary after each
    record. Raises ``IngestError`` when there is nothing to read; ``KeyboardInterrupt`` is
    re-raised after the summary is marked ``interrupted`` (everything written so far is
    complete).
    """
    opts = options or IngestOptions()
    paths = list(paths)
    if not paths:
        raise IngestError("no input: give at least one file or folder")
    for p in paths:
        if not Path(p).exists():
            raise IngestError(f"no input: no such file or folder: {p}")
    fmap = opts.fields or DEFAULT_FIELDS
    exclude = _store_files(store)
    summary = IngestSummary()
    t_start = time.perf_counter()
    if opts.count_first:
        summary.total = count_records(paths, fmap, exclude)
        if opts.limit is not None:
            summary.total = min(summary.total, opts.limit)
    client = _dask_client(opts.dask)
    own_client = client is not None and client is not opts.dask
    coding: DaskCoding | CodingPool | None = None
    if client is not None:
        coding = DaskCoding(client, dict(opts.coder_options))
    elif opts.workers > 1 and (summary.total is None or summary.total > SMALL_RUN):
        coding = CodingPool(  # started on the first article; kills a worker over budget
            opts.workers, opts.coder_options, time_budget=opts.coder_options.get("time_budget")
        )
    threads = _single_threaded(store)
    writer = StoreWriter(threaded=opts.threaded_writes, linger=opts.commit_every)
    session = IngestSession(
        store, writer, Known.load(store, opts.near_threshold), coder_getter(coder, summary),
        summary=summary, default_date=opts.default_date, coding=coding,
        max_chars=opts.max_chars, echo=opts.echo,
    )  # fmt: skip
    if coding is not None:
        session.max_inflight = 4 * coding.workers
    try:
        for item in _limited(iter_records(paths, fmap, exclude), opts.limit):
            summary.read += 1
            ingest_one(item, session)
            session.drain()
            summary.seconds = time.perf_counter() - t_start
            summary.store_seconds = writer.busy_seconds
            summary.store_wait_seconds = writer.wait_seconds
            if progress is not None:
                progress(summary)
        session.drain(block=True)
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        try:
            writer.close()  # what is queued is complete: write it (also after Ctrl-C)
        finally:
            summary.store_seconds = writer.busy_seconds
            summary.store_wait_seconds = writer.wait_seconds
            summary.store_cpu_seconds = writer.busy_cpu_seconds
            summary.seconds = time.perf_counter() - t_start
            if own_client:
                client.close()
            if isinstance(coding, CodingPool):
                coding.close(cancel=summary.interrupted)
                summary.load_seconds += coding.load_seconds
                summary.code_cpu_seconds += coding.cpu_seconds
            if threads is not None:
                store.execute(f"SET threads = {int(threads)}")
    if summary.read == 0:
        raise IngestError("no input: the given files hold no records")
    if opts.cluster:
        from ..store.clustering import cluster_new

        done = cluster_new(store)
        summary.clustered = done.events
        summary.clusters_joined = done.joined_stored
        summary.cluster_seconds = done.seconds
    return summary


def coder_getter(
    coder: Coder | Callable[[], Coder] | None, summary: IngestSummary
) -> Callable[[], Coder]:
    """A function giving the coder, made on first use (its load time counted in ``summary``)."""
    state: dict[str, Any] = {"coder": coder}

    def get_coder() -> Coder:
        current = state["coder"]
        if current is not None and hasattr(current, "code_article"):
            return current
        t0 = time.perf_counter()
        if current is None:
            from ..coder import Coder

            current = Coder()
        else:
            current = current()
        state["coder"] = current
        summary.load_seconds += time.perf_counter() - t0
        return current

    return get_coder


def _single_threaded(store: Store) -> int | None:
    """DuckDB: run the ingest's small writes on the writer thread alone (no thread pool to
    wake for each), which is cheaper; returns the setting to restore afterwards."""
    if getattr(store, "backend", None) != "duckdb":
        return None
    before = int(store.fetchall("SELECT current_setting('threads')")[0][0])
    store.execute("SET threads = 1")
    return before


#: Seconds to wait for a Dask scheduler given by address.
DASK_CONNECT_TIMEOUT = 30


def _dask_client(dask: Any) -> Any:
    if dask is None:
        return None
    if hasattr(dask, "submit"):
        return dask
    try:
        from distributed import Client
    except ImportError:
        raise IngestError("--dask needs the 'dask' extra: pip install 'eventcoder[dask]'") from None
    try:
        return Client(dask, timeout=DASK_CONNECT_TIMEOUT)
    except OSError as exc:
        raise IngestError(f"cannot reach the Dask scheduler {dask!r}: {exc}") from None


def _limited(items: Iterator[Any], limit: int | None) -> Iterator[Any]:
    for n, item in enumerate(items):
        if limit is not None and n >= limit:
            return
        yield item
