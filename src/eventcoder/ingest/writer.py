"""The store writer: every write of an ingest run, in order, on one thread of its own.

Coding is CPU work; a store write is mostly waiting (a commit flushes to disk, a PostgreSQL
server answers). Writing from a second thread lets the next article be coded while the last
one is committed, so the store is not the bottleneck. Each article is still written with its
events in one transaction, in the order the run decided them (an article before the
duplicates that link to it). A bounded queue keeps memory flat; ``close()`` writes what is
queued. If the process is killed, what was queued but not committed is simply redone by the
next run (nothing is half-written).

Group commit: the articles coded within ``linger`` seconds (default 1 s, at most
``max_group``) are written together in one transaction (``Store.add_articles``: one
statement per table for all of them). A small transaction costs DuckDB tens of milliseconds
whatever its size, so grouping is what keeps the store far from being the bottleneck. An
article is never half-written: a group is committed whole or not at all, and a run that is
killed loses at most the last ``linger`` seconds of coding, which the next run redoes.
``linger=0`` gives every article its own transaction (still grouping what queued up while a
write was running). If a grouped write fails, its articles are retried one by one, so the
error names the article.

``threaded=False`` writes on the caller's thread (same behaviour, no overlap).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any

_STOP = object()


class StoreWriter:
    """Runs store calls in order; ``busy_seconds`` is the time spent in them, ``wait_seconds``
    the time the submitting thread waited for room in the queue."""

    def __init__(
        self,
        *,
        threaded: bool = True,
        queue_size: int = 256,
        max_group: int = 128,
        linger: float = 1.0,
    ) -> None:
        self.max_group = max_group
        self.linger = linger
        self.groups = 0
        self.threaded = threaded
        self.busy_seconds = 0.0
        self.busy_cpu_seconds = 0.0  # CPU time of the writes themselves (robust to load)
        self.wait_seconds = 0.0
        self.error: BaseException | None = None
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=queue_size)
        self._thread: threading.Thread | None = None
        if threaded:
            self._thread = threading.Thread(target=self._run, name="eventcoder-store", daemon=True)
            self._thread.start()

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Queue ``fn(*args, **kwargs)``; ``done(result)`` runs after it, on the writer."""
        self._raise()
        if not self.threaded:
            self._call(fn, args, kwargs, done)
            self._raise()
            return
        t0 = time.perf_counter()
        self._queue.put((fn, args, kwargs, done))
        self.wait_seconds += time.perf_counter() - t0

    def submit_article(
        self, store: Any, write: Any, done: Callable[[Any], None] | None = None
    ) -> None:
        """Queue one ``ArticleWrite`` for ``store`` (grouped with others queued with it)."""
        self._raise()
        if not self.threaded:
            self._write_group(store, [(write, done)])
            self._raise()
            return
        t0 = time.perf_counter()
        self._queue.put(("article", store, write, done))
        self.wait_seconds += time.perf_counter() - t0

    def close(self) -> None:
        """Write everything queued, stop the thread, and raise a write error if there was one."""
        if self._thread is not None and self._thread.is_alive():
            t0 = time.perf_counter()
            self._queue.put(_STOP)
            self._thread.join()
            self.wait_seconds += time.perf_counter() - t0
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def _call(self, fn: Callable[..., Any], args: tuple, kwargs: dict, done: Any) -> None:
        t0, c0 = time.perf_counter(), time.thread_time()
        try:
            result = fn(*args, **kwargs)
            if done is not None:
                done(result)
        except BaseException as exc:  # handed to the submitting thread
            self.error = exc
        finally:
            self.busy_seconds += time.perf_counter() - t0
            self.busy_cpu_seconds += time.thread_time() - c0

    def _write_group(self, store: Any, group: list[tuple[Any, Any]]) -> None:
        self._call(self._add_group, (store, group), {}, None)

    def _add_group(self, store: Any, group: list[tuple[Any, Any]]) -> None:
        try:
            counts = store.add_articles([w for w, _ in group])
        except Exception:
            if len(group) == 1:
                raise
            counts = [store.add_articles([w])[0] for w, _ in group]  # find the bad one
        self.groups += 1
        for (_, done), n in zip(group, counts, strict=True):
            if done is not None:
                done(n)

    def _run(self) -> None:
        stop = False
        while not stop:
            items = [self._queue.get()]
            deadline = time.monotonic() + self.linger
            while len(items) < self.max_group and items[-1] is not _STOP:
                try:
                    wait = deadline - time.monotonic()
                    items.append(
                        self._queue.get(timeout=wait) if wait > 0 else self._queue.get_nowait()
                    )
                except queue.Empty:
                    break
            group: list[tuple[Any, Any]] = []
            group_store: Any = None
            for item in [*items, None]:
                is_article = isinstance(item, tuple) and item[0] == "article"
                if group and (not is_article or item[1] is not group_store):
                    if self.error is None:
                        self._write_group(group_store, group)
                    group = []
                if item is None:
                    break
                if item is _STOP:
                    stop = True
                    break
                if self.error is not None:
                    continue  # after a failed write, nothing more is written
                if is_article:
                    group_store = item[1]
                    group.append((item[2], item[3]))
                else:
                    fn, args, kwargs, done = item
                    self._call(fn, args, kwargs, done)
