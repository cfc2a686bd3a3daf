"""Batch ingest: files and folders of news in, a queryable event store out.

>>> from eventcoder.ingest import ingest
>>> from eventcoder.store import open_store
>>> summary = ingest(["corpus/"], open_store("events.duckdb"))     # doctest: +SKIP
>>> print(summary.render())                                        # doctest: +SKIP

For every record: read (:mod:`.readers`), clean and check the language (:mod:`.prepare`),
link exact and near duplicates to the article already coded (:mod:`.dedup`), code the rest
with the ``Coder``, and write each article with its events in one transaction. Records that
are skipped or fail are counted by reason and logged in the store (``ingest_errors``); the
run goes on.

Idempotent and resumable: article ids are stable, an id already in the store is passed over
before any work is done on it, and nothing is written for an article until its events are
ready, so a run stopped at any point (Ctrl-C, ``kill -9``) is finished by running it again.
The CLI (``eventcoder ingest``) and the web app share this function.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..pipeline import TimeBudgetExceeded
from ..sanitize import scrub
from ..store import ArticleWrite
from .dedup import DEFAULT_THRESHOLD, NearDuplicateIndex, decode, encode
from .prepare import MAX_CHARS, Prepared, Skip, content_hash, prepare
from .readers import DEFAULT_FIELDS, Draft, ReadError, iter_records, parse_fields
from .writer import StoreWriter

if TYPE_CHECKING:  # pragma: no cover
    from ..coder import Coder
    from ..records import Article, CodedArticle
    from ..store import Store

__all__ = [
    "DEFAULT_FIELDS",
    "IngestError",
    "IngestSummary",
    "count_records",
    "ingest",
    "iter_records",
    "parse_fields",
]


class IngestError(RuntimeError):
    """The run itself cannot go on (no input, store unusable)."""


@dataclass
class IngestSummary:
    """What one ingest run did. ``render()`` gives the text the CLI prints."""

    read: int = 0
    new: int = 0
    already_stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    events: int = 0
    skipped: Counter = field(default_factory=Counter)
    warnings: int = 0
    logged: int = 0
    interrupted: bool = False
    seconds: float = 0.0
    load_seconds: float = 0.0
    code_seconds: float = 0.0
    store_seconds: float = 0.0
    store_wait_seconds: float = 0.0
    store_cpu_seconds: float = 0.0
    code_cpu_seconds: float = 0.0
    total: int | None = None

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def done(self) -> int:
        """Records dealt with (read, whatever became of them)."""
        return self.read

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["skipped"] = dict(self.skipped)
        out["skipped_total"] = self.skipped_total
        out["articles_per_second"] = round(self.rate, 2)
        for key in (
            "seconds",
            "load_seconds",
            "code_seconds",
            "store_seconds",
            "store_wait_seconds",
            "store_cpu_seconds",
            "code_cpu_seconds",
        ):
            out[key] = round(out[key], 3)
        return out

    def render(self) -> str:
        lines = [
            f"read {self.read} record(s) in {self.seconds:.1f} s ({self.rate:.1f}/s)"
            + (" — interrupted: run the same command again to resume" if self.interrupted else ""),
            f"  coded and stored   {self.new} article(s), {self.events} event(s)",
            f"  already in store   {self.already_stored}",
            f"  duplicates linked  {self.exact_duplicates} exact, {self.near_duplicates} near"
            " (coded once, counted as reports)",
            f"  skipped            {self.skipped_total}"
            + (
                " (" + ", ".join(f"{why}: {n}" for why, n in sorted(self.skipped.items())) + ")"
                if self.skipped
                else ""
            ),
        ]
        if self.warnings:
            lines.append(f"  warnings           {self.warnings}")
        if self.skipped or self.warnings:
            lines.append("  (each one is in the store's log: eventcoder query errors --db ...)")
        if self.seconds:
            lines.append(
                f"  time: model load {self.load_seconds:.1f} s, coding {self.code_seconds:.1f} s, "
                f"store writes {self.store_seconds:.1f} s in the background"
                f" ({100 * self.store_seconds / self.seconds:.1f}%; coding waited "
                f"{self.store_wait_seconds:.1f} s for them)"
            )
        return "\n".join(lines)


Progress = Callable[[IngestSummary], None]


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


@dataclass
class _Known:
    """What the store already holds: ids (with their content hash) and cluster heads."""

    hash_of_id: dict[str, str | None]
    cluster_of_hash: dict[str, str]
    index: NearDuplicateIndex

    @classmethod
    def load(cls, store: Store, threshold: float) -> _Known:
        hash_of_id: dict[str, str | None] = {}
        cluster_of_hash: dict[str, str] = {}
        for aid, chash, cluster in store.fetchall(
            "SELECT id, content_hash, cluster_id FROM articles ORDER BY ingested_at, id"
        ):
            hash_of_id[aid] = chash
            if chash and chash not in cluster_of_hash:
                cluster_of_hash[chash] = cluster or aid
        index = NearDuplicateIndex(threshold)
        for aid, _chash, minhash in store.signatures():
            if minhash:
                index.add(aid, decode(minhash))
        return cls(hash_of_id, cluster_of_hash, index)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    coder: Coder | Callable[[], Coder] | None = None,
    fields: dict[str, str] | None = None,
    default_date: str | None = None,
    near_threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
    count_first: bool = True,
    limit: int | None = None,
    threaded_writes: bool = True,
    commit_every: float = 2.0,
    dask: Any = None,
    coder_options: dict[str, Any] | None = None,
    max_chars: int | None = MAX_CHARS,
    echo: Callable[[str, str], None] | None = None,
) -> IngestSummary:
    """Ingest files and folders into ``store``; returns what was done.

    ``coder``: a ``Coder`` (or a function making one, called only when an article needs
    coding); default ``Coder()``. ``fields``: record keys for JSONL/CSV input (see
    ``parse_fields``). ``default_date``: publication date for records without one.
    ``progress`` is called with the running summary after each record (``summary.total`` is
    the record count when ``count_first``). ``limit``: stop after this many records.
    ``threaded_writes``: write to the store from a second thread while coding goes on
    (see :mod:`.writer`); the store must then not be used by anyone else until this returns.
    ``commit_every``: seconds of coded articles written per transaction (group commit; 0:
    one article per transaction). A killed run loses at most that much work, redone next run.
    ``dask``: a ``distributed.Client`` (or a scheduler address): articles are coded on its
    workers (each builds ``Coder(**coder_options)`` once) while this process reads, links
    duplicates and writes, in reading order.
    ``max_chars``: articles longer than this are skipped as "too long" (None: no limit).
    ``echo(kind, message)``: told every record skipped or failed and every warning, as it is
    logged in the store (the CLI prints them on stderr).
    Raises ``IngestError`` when there is nothing to read; ``KeyboardInterrupt`` is re-raised
    after the summary is marked ``interrupted`` (everything written so far is complete).
    """
    paths = list(paths)
    if not paths:
        raise IngestError("no input: give at least one file or folder")
    for p in paths:
        if not Path(p).exists():
            raise IngestError(f"no input: no such file or folder: {p}")
    fmap = fields or DEFAULT_FIELDS
    exclude = _store_files(store)
    summary = IngestSummary()
    t_start = time.perf_counter()
    if count_first:
        summary.total = count_records(paths, fmap, exclude)
        if limit is not None:
            summary.total = min(summary.total, limit)
    known = _Known.load(store, near_threshold)
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

    client = _dask_client(dask)
    own_client = client is not None and client is not dask
    threads = _single_threaded(store)
    writer = StoreWriter(threaded=threaded_writes, linger=commit_every)
    out = _Out(store, writer, summary, client=client, coder_options=dict(coder_options or {}))
    out.echo, out.max_chars = echo, max_chars
    if client is not None:
        workers = max(1, sum(client.nthreads().values()))
        out.max_inflight = 4 * workers
    try:
        for item in _limited(iter_records(paths, fmap, exclude), limit):
            summary.read += 1
            _one(item, out, known, get_coder, default_date)
            out.drain()
            summary.seconds = time.perf_counter() - t_start
            summary.store_seconds = writer.busy_seconds
            summary.store_wait_seconds = writer.wait_seconds
            if progress is not None:
                progress(summary)
        out.drain(block=True)
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
            if threads is not None:
                store.execute(f"SET threads = {int(threads)}")
    if summary.read == 0:
        raise IngestError("no input: the given files hold no records")
    return summary


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


@dataclass
class _Out:
    """Where one record's results go: the store, through the writer, in reading order.

    With Dask, articles are coded on workers while reading goes on; what follows an article
    still being coded waits in ``pending`` so the store sees everything in reading order (an
    article before the duplicates linked to it)."""

    store: Store
    writer: StoreWriter
    summary: IngestSummary
    client: Any = None
    coder_options: dict[str, Any] = field(default_factory=dict)
    max_inflight: int = 8
    pending: deque = field(default_factory=deque)
    flushing: bool = False
    echo: Callable[[str, str], None] | None = None
    max_chars: int | None = MAX_CHARS

    def emit(self, action: Callable[[], None]) -> None:
        if self.pending and not self.flushing:
            self.pending.append((None, action))
        else:  # nothing waits ahead of it (or it is the head being written now)
            action()

    def emit_after(self, future: Any, finish: Callable[[Any], None]) -> None:
        self.pending.append((future, finish))

    def drain(self, block: bool = False) -> None:
        """Write what is ready at the head of ``pending`` (all of it when ``block``)."""
        while self.pending:
            future, action = self.pending[0]
            if future is not None and not future.done():
                if not block and len(self.pending) <= self.max_inflight:
                    return
                t0 = time.perf_counter()
                future.result()
                self.summary.code_seconds += time.perf_counter() - t0
            self.pending.popleft()
            self.flushing = True
            try:
                if future is None:
                    action()
                else:
                    action(future.result())
            finally:
                self.flushing = False

    def log(
        self, origin: str, record: str, message: str, kind: str, article_id: str | None = None
    ) -> None:
        summary = self.summary
        origin, record, message = (scrub(x)[0] for x in (origin, record, message))
        if self.echo is not None:
            self.echo(kind, message if message.startswith(origin) else f"{origin}: {message}")

        def counted(written: bool) -> None:
            if written:
                summary.logged += 1

        self.emit(
            lambda: self.writer.submit(
                self.store.add_error,
                origin,
                record,
                message,
                kind=kind,
                article_id=article_id,
                done=counted,
            )
        )


#: Coders of this worker process, by their options (``Coder`` loads a model once).
_WORKER_CODERS: dict[str, Any] = {}


def code_on_worker(article: Article, options: dict[str, Any]) -> Any:
    """Code one article on a Dask worker; a failure comes back as ``("error", message)``."""
    import json as _json

    key = _json.dumps(options, sort_keys=True)
    try:
        coder = _WORKER_CODERS.get(key)
        if coder is None:
            from ..coder import Coder

            coder = _WORKER_CODERS[key] = Coder(**options)
        return coder.code_article(article)
    except Exception as exc:  # reported by the client, which logs it and goes on
        return ("error", f"{type(exc).__name__}: {exc}")


def _one(
    item: Draft | ReadError,
    out: _Out,
    known: _Known,
    get_coder: Callable[[], Coder],
    default_date: str | None,
) -> None:
    summary = out.summary
    if isinstance(item, ReadError):
        summary.skipped[item.reason] += 1
        out.log(item.origin, "", item.error, "skipped")
        return
    if item.id in known.hash_of_id:  # stored by an earlier run (or earlier in this one)
        summary.already_stored += 1
        return
    try:
        prepared = prepare(item, default_date, max_chars=out.max_chars)
    except Exception as exc:  # a record the cleaners choke on never stops the run
        prepared = Skip(
            "cleaning failed", f"{item.origin}: cleaning failed: {type(exc).__name__}: {exc}"
        )
    if isinstance(prepared, Skip):
        summary.skipped[prepared.reason] += 1
        out.log(item.origin, item.id, prepared.detail, "skipped", item.id)
        return
    if prepared.warning:
        summary.warnings += 1
        out.log(item.origin, item.id, prepared.warning, "warning", item.id)
    article = prepared.article
    chash = content_hash(article.text)
    origin = item.origin
    head = known.cluster_of_hash.get(chash)
    if head is not None:
        _store_duplicate(out, known, prepared, chash, head, "exact", 1.0, origin)
        return
    signature = known.index.signature(article.text)
    near = known.index.match(signature)
    if near is not None:
        head, sim = near
        _store_duplicate(out, known, prepared, chash, head, "near", sim, origin)
        return
    if out.client is not None:  # code on a Dask worker, write here in reading order
        future = out.client.submit(code_on_worker, article, out.coder_options, pure=False)
        _claim(known, article.id, chash, signature)

        def finish(result: Any) -> None:
            if isinstance(result, tuple):
                _coding_failed(out, origin, article.id, result[1])
            else:
                _store_coded(out, known, result, prepared, chash, signature, origin)

        out.emit_after(future, finish)
        return
    coder = get_coder()
    t0, c0 = time.perf_counter(), time.thread_time()
    try:
        coded = coder.code_article(article)
    except TimeBudgetExceeded as exc:
        summary.skipped["over time budget"] += 1
        out.log(origin, article.id, str(exc), "skipped", article.id)
        return
    except Exception as exc:  # one bad article never stops the run
        _coding_failed(out, origin, article.id, f"{type(exc).__name__}: {exc}")
        return
    finally:
        summary.code_seconds += time.perf_counter() - t0
        summary.code_cpu_seconds += time.thread_time() - c0
    _store_coded(out, known, coded, prepared, chash, signature, origin)


def _coding_failed(out: _Out, origin: str, article_id: str, message: str) -> None:
    out.summary.skipped["coding failed"] += 1
    out.log(origin, article_id, f"coding failed: {message}", "error", article_id)


def _claim(known: _Known, article_id: str, chash: str, signature: Any) -> None:
    """Mark an article as the head of its story (exact and near copies link to it)."""
    known.hash_of_id[article_id] = chash
    known.cluster_of_hash.setdefault(chash, article_id)
    known.index.add(article_id, signature)


def _store_coded(
    out: _Out,
    known: _Known,
    coded: CodedArticle,
    prepared: Prepared,
    chash: str,
    signature: Any,
    origin: str,
) -> None:
    article = coded.article
    summary = out.summary

    def written(n: int) -> None:
        summary.events += n

    write = ArticleWrite(
        coded,
        article,
        chash,
        article.id,
        author=prepared.author,
        origin=origin,
        minhash=encode(signature),
    )
    out.emit(lambda: out.writer.submit_article(out.store, write, done=written))
    summary.new += 1
    _claim(known, article.id, chash, signature)


def _store_duplicate(
    out: _Out,
    known: _Known,
    prepared: Prepared,
    chash: str,
    head: str,
    kind: str,
    similarity: float,
    origin: str,
) -> None:
    article: Article = prepared.article
    summary = out.summary
    write = ArticleWrite(
        None,
        article,
        chash,
        head,
        author=prepared.author,
        origin=origin,
        duplicate_kind=kind,
        similarity=round(similarity, 4),
    )
    out.emit(lambda: out.writer.submit_article(out.store, write))
    if kind == "exact":
        summary.exact_duplicates += 1
    else:
        summary.near_duplicates += 1
    known.hash_of_id[article.id] = chash
    known.cluster_of_hash.setdefault(chash, head)
