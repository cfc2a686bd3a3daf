"""What one app serves: the store (one connection, one statement at a time), the coding slots
and the configuration.

Coding never makes readers wait, nor other coders wait behind one long request:

- ``coders`` worker processes (a ``CodingPool``) code the posted texts, one article each at a
  time; a request waits for a free worker in a queue of at most ``queue`` requests, and beyond
  that gets a 503 with ``Retry-After`` at once (``Busy``), never a hang. ``coders=0`` codes in
  this process, one text at a time (a library user's ``coder_factory``; the tests).
- A worker still coding after ``time_budget`` seconds is killed and replaced; the request gets
  a 422 saying so (``TimeBudgetExceeded``).
- Readers take the store lock only, for one statement at a time; coding holds no store lock.
- ``POST /api/articles`` writes one article at a time (``ingest_lock``), but lets go of that
  lock while its article is coded; posts of one text wait for each other (``story``: a lock
  per content hash in this process, and an advisory lock on PostgreSQL across processes), so
  the story is coded once and the other posts are linked to it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from ..pipeline import TimeBudgetExceeded
from ..worker import OVER_BUDGET, CodingFailure

DEFAULT_MAX_BODY = 1_000_000  # bytes of a request body
DEFAULT_MAX_TEXT = 200_000  # characters of a text to code
DEFAULT_TIME_BUDGET = 120.0  # seconds a posted text may take to code
#: Requests that may wait for a coder, per coder, when ``queue`` is not given.
QUEUE_PER_CODER = 4
#: Seconds a client told "busy" is asked to wait (``Retry-After``).
RETRY_AFTER = 5


class Busy(RuntimeError):
    """Every coder is busy and the queue is full: try again later (a 503)."""


class CodingError(RuntimeError):
    """A text could not be coded (the coder raised, or its worker died)."""


class Service:
    """The store, the coding slots and the configuration one app serves."""

    def __init__(
        self,
        store: Any,
        *,
        api_key: str | None = None,
        coder_factory: Callable[..., Any] | None = None,
        max_text: int = DEFAULT_MAX_TEXT,
        near_threshold: float = 0.8,
        coders: int = 0,
        queue: int | None = None,
        time_budget: float | None = DEFAULT_TIME_BUDGET,
        coder_options: dict[str, Any] | None = None,
    ) -> None:
        self.store = store
        self.api_key = api_key or None
        self.max_text = max_text
        self._coder_factory = coder_factory
        self._coders: dict[bool, Any] = {}
        self.store_lock = threading.Lock()  # one connection: one statement at a time
        self.coder_lock = threading.Lock()  # coders=0: one text coded at a time
        self.ingest_lock = threading.Lock()  # one article written at a time
        self.near_threshold = near_threshold
        self._session: Any = None
        self.coders = max(0, coders)
        slots = max(1, self.coders)
        self.queue = max(0, QUEUE_PER_CODER * slots if queue is None else queue)
        #: coding requests admitted at once (coding or waiting); one more gets a 503
        self.capacity = slots + self.queue
        self.time_budget = time_budget if time_budget and time_budget > 0 else None
        self._admitted = 0
        self._admit_lock = threading.Lock()
        self._pools: dict[bool, Any] = {}
        self._stories: dict[str, list[Any]] = {}  # content hash -> [lock, users]
        self._limiter: Any = None
        self.coder_options = dict(coder_options or {})  # the workers' ``Coder(**options)``

    # ------------------------------------------------------------------ reading
    def read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.store_lock:
            return fn(self.store, *args, **kwargs)

    def iterate(self, items: Iterator[str], chunk: int = 500) -> Iterator[str]:
        """Pull text from a store-reading generator ``chunk`` pieces at a time (one response
        chunk each), holding the lock while pulling only."""
        while True:
            with self.store_lock:
                pieces = []
                for item in items:
                    pieces.append(item)
                    if len(pieces) >= chunk:
                        break
            if not pieces:
                return
            yield "".join(pieces)

    # ------------------------------------------------------------------ coding
    @contextlib.contextmanager
    def admit(self) -> Iterator[None]:
        """One coding request's slot, coding or queued; ``Busy`` when all are taken."""
        with self._admit_lock:
            if self._admitted >= self.capacity:
                raise Busy(
                    f"every coder is busy ({max(1, self.coders)}) and the queue is full "
                    f"({self.queue} waiting); try again in {RETRY_AFTER} s"
                )
            self._admitted += 1
        try:
            yield
        finally:
            with self._admit_lock:
                self._admitted -= 1

    def limiter(self) -> Any:
        """The threads coding requests wait on: apart from the ones readers use, so a
        reader never waits for a thread held by coding (made in the event loop)."""
        if self._limiter is None:
            import anyio

            self._limiter = anyio.CapacityLimiter(self.capacity)
        return self._limiter

    def coder(self, include_unrealised: bool = False) -> Any:
        """The in-process coder (``coders=0``), made on first use."""
        with self.coder_lock:
            if include_unrealised not in self._coders:
                base = self._coders.get(not include_unrealised)
                if self._coder_factory is not None:
                    made = self._coder_factory(include_unrealised=include_unrealised)
                else:
                    from ..coder import Coder

                    made = Coder(
                        include_unrealised=include_unrealised,
                        nlp=base.nlp if base is not None else None,
                        time_budget=self.time_budget,
                    )
                self._coders[include_unrealised] = made
            return self._coders[include_unrealised]

    def code(self, article: Any, include_unrealised: bool = False) -> Any:
        """Code one article (blocking): its ``CodedArticle``; ``TimeBudgetExceeded`` when it
        takes longer than the budget, ``CodingError`` when it cannot be coded."""
        if self.coders == 0:
            coder = self.coder(include_unrealised)
            with self.coder_lock:
                try:
                    return coder.code_article(article)
                except TimeBudgetExceeded:
                    raise
                except Exception as exc:
                    raise CodingError(f"{type(exc).__name__}: {exc}") from None
        from ..parallel import PoolError

        try:
            result = self._pool(include_unrealised).submit(article).result()
        except PoolError as exc:
            raise Busy(f"the coders cannot start: {exc}") from None
        if isinstance(result, CodingFailure):
            if result.reason == OVER_BUDGET:
                raise TimeBudgetExceeded(result.error)
            raise CodingError(result.error)
        return result

    def _pool(self, include_unrealised: bool) -> Any:
        with self.coder_lock:
            pool = self._pools.get(include_unrealised)
            if pool is None:
                from ..parallel import CodingPool

                options = {
                    **self.coder_options,
                    "include_unrealised": include_unrealised,
                    "time_budget": self.time_budget,
                }
                pool = CodingPool(self.coders, options, time_budget=self.time_budget)
                self._pools[include_unrealised] = pool
            return pool

    def close(self) -> None:
        """Stop the coding workers."""
        with self.coder_lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close(cancel=True)

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def story(self, chash: str) -> Iterator[None]:
        """Held while one text (by content hash) is deduplicated, coded and written: by one
        request of this process at a time, and on PostgreSQL by one process at a time."""
        with self._admit_lock:
            entry = self._stories.setdefault(chash, [threading.Lock(), 0])
            entry[1] += 1
        try:
            with entry[0]:
                name = f"story {chash}"
                while True:
                    with self.store_lock:
                        if self.store.try_lock(name):
                            break
                    time.sleep(0.05)  # another process codes this text: wait for it
                try:
                    yield
                finally:
                    with self.store_lock:
                        self.store.unlock(name)
        finally:
            with self._admit_lock:
                entry[1] -= 1
                if entry[1] == 0:
                    del self._stories[chash]

    def ingest(self, draft: Any) -> Any:
        """Write one posted article through ``ingest_one`` (the one write path); returns its
        ``Outcome``. The app's ``IngestSession`` is made on the first write: live, since the
        store may be shared, and writing on the request's thread under the store lock."""
        from ..ingest import IngestSession, Known, ingest_one
        from ..ingest.prepare import content_hash
        from ..ingest.writer import StoreWriter

        with self.story(content_hash(draft.text)), self.ingest_lock:
            if self._session is None:
                with self.store_lock:
                    known = Known.load(self.store, self.near_threshold)
                coder = _ServiceCoder(self)
                self._session = IngestSession(
                    self.store, StoreWriter(threaded=False, linger=0), known,
                    lambda: coder, live=True, store_lock=self.store_lock,
                    coder_lock=_Released(self.ingest_lock),
                )  # fmt: skip
            return ingest_one(draft, self._session)


class _ServiceCoder:
    """What ``ingest_one`` codes with: the service's coding slots."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def code_article(self, article: Any) -> Any:
        try:
            return self.service.code(article, False)
        except CodingError as exc:
            raise RuntimeError(str(exc)) from None


class _Released:
    """Lets go of a held lock for the length of a block (the article being coded), so other
    articles are written meanwhile; takes it back after."""

    def __init__(self, lock: Any) -> None:
        self.lock = lock

    def __enter__(self) -> None:
        self.lock.release()

    def __exit__(self, *_: object) -> None:
        self.lock.acquire()
