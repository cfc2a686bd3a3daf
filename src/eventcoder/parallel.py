"""Every core: a pool of local processes that code articles, each loading the ``Coder`` once.

>>> with CodingPool(2, {"include_unrealised": False}) as pool:       # doctest: +SKIP
...     for article, coded in pool.map(articles):                   # input order
...         print(article.id, coded)          # a CodedArticle, or a CodingFailure

A worker is a process holding one ``Coder(**coder_options)``; it codes one article at a time,
so the pool always knows which article a worker has, and a worker that dies (a crash in a
parser, the kernel's OOM killer) fails that article alone (``CodingFailure``) and is replaced.
An exception while coding comes back as a ``CodingFailure`` naming it; the pool goes on.

Start methods. ``fork`` when this process is single-threaded and already holds the coder (the
``code`` command: the children share the loaded model's memory, nothing is loaded again);
otherwise ``forkserver`` (a process with threads, e.g. an ingest with its store writer, must
not fork): its server process loads the spaCy pipeline and the coder's data once
(:mod:`eventcoder.warm`) and every worker is forked from it, sharing that memory. Workers run
BLAS and torch on one thread each (N workers on N cores, no oversubscription) and ignore
Ctrl-C: the pool's owner catches it and ``close(cancel=True)`` ends them.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import os
import pickle
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any

from .worker import OVER_BUDGET, WORKER_CODERS, CodingFailure, coder_for, options_key, worker_main

if TYPE_CHECKING:  # pragma: no cover
    from .coder import Coder
    from .records import Article, CodedArticle

__all__ = [
    "CodingFailure",
    "CodingPool",
    "PoolError",
    "code_in_order",
    "coder_for",
    "default_workers",
]

#: Seconds a worker may take to load the coder before the pool gives up.
LOAD_TIMEOUT = 600.0


def default_workers() -> int:
    """The number of CPUs this process may run on."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return max(1, counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class PoolError(RuntimeError):
    """The pool cannot code at all (a worker cannot load the coder, or the pool is closed)."""


class _Worker:
    def __init__(self, ctx: Any, options: dict[str, Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=worker_main, args=(child, options), name="eventcoder-worker", daemon=True
        )
        self.process.start()
        child.close()
        self.task: tuple[Article, Future] | None = None
        self.started = 0.0  # when the task was handed over (time.monotonic)

    def wait_ready(self, timeout: float) -> None:
        if not wait([self.conn, self.process.sentinel], timeout):
            raise PoolError(f"a worker did not load the coder within {timeout:.0f} s")
        try:
            kind, detail = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1)
            raise PoolError(
                f"a worker died while loading the coder (exit code {self.process.exitcode})"
            ) from None
        if kind != "ready":
            raise PoolError(f"a worker cannot load the coder: {detail}")

    def stop(self, cancel: bool) -> None:
        if not cancel:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
        self.conn.close()


def _start_method(fork_ok: bool) -> str:
    methods = mp.get_all_start_methods()
    if fork_ok and "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


class CodingPool:
    """``workers`` processes coding with ``Coder(**coder_options)``; started on first use.

    ``submit(article)`` gives a ``Future`` of the ``CodedArticle`` or ``CodingFailure``;
    ``map(articles)`` yields ``(article, result)`` in input order with a bounded number of
    articles in flight. ``start_method``: see the module's text (default: ``fork`` when this
    process is single-threaded and already holds that coder, else ``forkserver``).
    ``cpu_seconds`` and ``busy_seconds``: CPU and wall time the workers spent coding (their
    ratio: the share of a core a worker got); ``load_seconds``: time to start them.

    ``time_budget``: seconds a worker may spend on one article. A worker still coding after
    that is killed (a running stage cannot be interrupted otherwise) and replaced; the
    article comes back as a ``CodingFailure`` whose ``reason`` is "over time budget", and
    the pool goes on. ``stopped`` counts the workers killed so.
    """

    def __init__(
        self,
        workers: int | None = None,
        coder_options: dict[str, Any] | None = None,
        *,
        start_method: str | None = None,
        time_budget: float | None = None,
    ) -> None:
        self.workers = max(1, workers or default_workers())
        self.time_budget = time_budget if time_budget and time_budget > 0 else None
        self.stopped = 0
        self.options = dict(coder_options or {})
        self.start_method = start_method
        self.cpu_seconds = self.busy_seconds = 0.0
        self.load_seconds = 0.0
        self._lock = threading.Lock()
        self._queue: deque[tuple[Article, Future]] = deque()
        self._idle: deque[_Worker] = deque()
        self._busy: list[_Worker] = []
        self._ctx: Any = None
        self._thread: threading.Thread | None = None
        self._closing = self._closed = False
        self._error: PoolError | None = None
        self._wake_r, self._wake_w = os.pipe()

    # ------------------------------------------------------------------ the caller's side

    def submit(self, article: Article) -> Future:
        with self._lock:
            if self._closing:
                raise self._error or PoolError("the coding pool is closed")
            if self._thread is None:
                self._start()
            future: Future = Future()
            self._queue.append((article, future))
        os.write(self._wake_w, b"x")
        return future

    def map(
        self, articles: Iterable[Article], inflight: int | None = None
    ) -> Iterator[tuple[Article, CodedArticle | CodingFailure]]:
        """``(article, result)`` in input order; at most ``inflight`` (default 4 per worker)
        articles are read ahead, so memory stays flat on any input."""
        limit = max(1, inflight or 4 * self.workers)
        window: deque[tuple[Article, Future]] = deque()
        for article in articles:
            window.append((article, self.submit(article)))
            if len(window) >= limit:
                head, future = window.popleft()
                yield head, future.result()
        while window:
            head, future = window.popleft()
            yield head, future.result()

    def close(self, cancel: bool = False) -> None:
        """Stop the workers: after what was submitted is coded, or at once (``cancel``)."""
        with self._lock:
            if self._closed:
                return
            self._closed = self._closing = True
            if cancel:
                while self._queue:
                    self._queue.popleft()[1].cancel()
        os.write(self._wake_w, b"x")
        if self._thread is not None:
            if cancel:
                for worker in list(self._busy):
                    worker.process.terminate()
            self._thread.join()
        for worker in self._idle:
            worker.stop(cancel)
        os.close(self._wake_r)
        os.close(self._wake_w)

    def __enter__(self) -> CodingPool:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        self.close(cancel=exc_type is not None)

    # ------------------------------------------------------------------ workers

    def _start(self) -> None:
        method = self.start_method or _start_method(options_key(self.options) in WORKER_CODERS)
        self._ctx = mp.get_context(method)
        if method == "forkserver":
            self._ctx.set_forkserver_preload(["eventcoder.warm"])
        t0 = time.perf_counter()
        started = [self._spawn() for _ in range(self.workers)]
        try:
            for worker in started:
                worker.wait_ready(LOAD_TIMEOUT)
        except BaseException:
            for worker in started:
                worker.stop(cancel=True)
            raise
        self.load_seconds = time.perf_counter() - t0
        self._idle.extend(started)
        self._thread = threading.Thread(target=self._pump, name="eventcoder-pool", daemon=True)
        self._thread.start()

    def _spawn(self) -> _Worker:
        for stream in (sys.stdout, sys.stderr):  # a forked child must not repeat buffered output
            with contextlib.suppress(Exception):
                stream.flush()
        return _Worker(self._ctx, self.options)

    def _pump(self) -> None:
        """Hand queued articles to idle workers and complete futures as results come back."""
        while True:
            with self._lock:
                while self._idle and self._queue:
                    worker = self._idle.popleft()
                    article, future = self._queue.popleft()
                    if not future.set_running_or_notify_cancel():
                        self._idle.appendleft(worker)
                        continue
                    worker.task = (article, future)
                    worker.started = time.monotonic()
                    with contextlib.suppress(OSError, EOFError):  # a death is seen below
                        worker.conn.send(article)
                    self._busy.append(worker)
                if self._closing and not self._busy and not self._queue:
                    return
            waiting: list[Any] = [self._wake_r]
            for worker in self._busy:
                waiting += [worker.conn, worker.process.sentinel]
            for ready in wait(waiting, timeout=self._next_deadline()):
                if ready == self._wake_r:
                    os.read(self._wake_r, 4096)
                    continue
                worker = next(
                    (w for w in self._busy if ready in (w.conn, w.process.sentinel)), None
                )
                if worker is not None:
                    self._collect(worker)
            self._stop_overdue()

    def _next_deadline(self) -> float:
        """Seconds to wait for a result: at most until the next worker is over its budget."""
        if self.time_budget is None or not self._busy:
            return 5.0
        first = min(w.started for w in self._busy) + self.time_budget
        return min(5.0, max(0.0, first - time.monotonic()))

    def _stop_overdue(self) -> None:
        """Kill and replace every worker coding one article for longer than the budget."""
        if self.time_budget is None:
            return
        now = time.monotonic()
        for worker in [w for w in self._busy if now - w.started > self.time_budget]:
            if worker.conn.poll():  # its result came in just now: take it
                self._collect(worker)
                continue
            assert worker.task is not None
            article, future = worker.task
            worker.process.kill()
            worker.process.join(5)
            self.stopped += 1
            self.busy_seconds += now - worker.started
            self._replace(worker)
            worker.task = None
            future.set_result(
                CodingFailure(
                    article.id,
                    f"article {article.id!r}: still coding after its time budget of "
                    f"{self.time_budget:g} s; the worker was stopped and the article left "
                    "uncoded",
                    OVER_BUDGET,
                )
            )

    def _replace(self, worker: _Worker) -> None:
        """A worker that died (or was killed) leaves the pool; a new one takes its place."""
        worker.conn.close()
        self._busy.remove(worker)
        if self._closing:
            return
        try:
            replacement = self._spawn()
            replacement.wait_ready(LOAD_TIMEOUT)
            with self._lock:
                self._idle.append(replacement)
        except (PoolError, OSError) as exc:
            self._fail_all(PoolError(f"cannot replace a worker that died: {exc}"))

    def _collect(self, worker: _Worker) -> None:
        assert worker.task is not None
        article, future = worker.task
        try:
            data = worker.conn.recv_bytes()
            cpu, busy = struct.unpack("dd", data[:16])
            result = pickle.loads(data[16:])
        except (EOFError, OSError):  # the worker died on this article
            worker.process.join(1)
            code = worker.process.exitcode
            result = CodingFailure(article.id, f"worker process died (exit code {code})")
            cpu = busy = 0.0
            self._replace(worker)
        else:
            self._busy.remove(worker)
            with self._lock:
                self._idle.append(worker)
        worker.task = None
        self.cpu_seconds += cpu
        self.busy_seconds += busy
        future.set_result(result)

    def _fail_all(self, error: PoolError) -> None:
        with self._lock:
            self._closing = True
            self._error = error
            while self._queue:
                self._queue.popleft()[1].set_exception(error)


#: Articles up to which ``code_in_order`` codes in this process when ``workers`` is not given.
HANDFUL = 4


def code_in_order(
    articles: Iterable[Article],
    coder: Coder,
    options: dict[str, Any],
    workers: int | None = None,
) -> Iterator[tuple[Article, CodedArticle | CodingFailure]]:
    """``(article, result)`` in input order, coded by ``coder`` (built as
    ``Coder(**options)``) in this process, or by ``workers`` processes forked from this one
    that share it. ``workers=None``: every CPU when there are more than ``HANDFUL`` articles."""
    items = iter(articles)
    if workers is None:
        head = list(itertools.islice(items, HANDFUL + 1))
        workers = default_workers() if len(head) > HANDFUL else 1
        items = itertools.chain(head, items)
    # the first article is coded here: that loads the data the coder reads lazily, which
    # workers forked from this process then share
    for article in itertools.islice(items, None if workers <= 1 else 1):
        try:
            yield article, coder.code_article(article)
        except Exception as exc:  # one bad article never stops the batch
            yield article, CodingFailure(article.id, f"{type(exc).__name__}: {exc}")
    if workers <= 1:
        return
    knowledge = getattr(coder, "knowledge", None)
    if knowledge is not None:  # all of its tables (the gazetteer too), shared by the workers
        knowledge.load()
    key = options_key(options)
    lent = key not in WORKER_CODERS
    if lent:  # workers forked from this process find it there: nothing is loaded again
        WORKER_CODERS[key] = coder
    try:
        with CodingPool(workers, options, time_budget=options.get("time_budget")) as pool:
            yield from pool.map(items)
    finally:
        if lent:  # it belongs to the caller
            WORKER_CODERS.pop(key, None)
