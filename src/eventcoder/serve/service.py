"""What one app serves: the store (one connection, one statement at a time), the coder
(loaded on first use) and the configuration."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

DEFAULT_MAX_BODY = 1_000_000  # bytes of a request body
DEFAULT_MAX_TEXT = 200_000  # characters of a text to code


class Service:
    """The store, the lazily loaded coder and the configuration one app serves."""

    def __init__(
        self,
        store: Any,
        *,
        api_key: str | None = None,
        coder_factory: Callable[..., Any] | None = None,
        max_text: int = DEFAULT_MAX_TEXT,
        near_threshold: float = 0.8,
    ) -> None:
        self.store = store
        self.api_key = api_key or None
        self.max_text = max_text
        self._coder_factory = coder_factory
        self._coders: dict[bool, Any] = {}
        self.store_lock = threading.Lock()  # one connection: one statement at a time
        self.coder_lock = threading.Lock()
        self.ingest_lock = threading.Lock()  # one article written at a time
        self.near_threshold = near_threshold
        self._session: Any = None

    def read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.store_lock:
            return fn(self.store, *args, **kwargs)

    def coder(self, include_unrealised: bool = False) -> Any:
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
                    )
                self._coders[include_unrealised] = made
            return self._coders[include_unrealised]

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

    def ingest(self, draft: Any) -> Any:
        """Write one posted article through ``ingest_one`` (the one write path), one at a time;
        returns its ``Outcome``. The app's ``IngestSession`` is made on the first write: live,
        since the store may be shared, and writing on the request's thread under the store lock."""
        from ..ingest import IngestSession, Known, ingest_one
        from ..ingest.writer import StoreWriter

        with self.ingest_lock:
            if self._session is None:
                with self.store_lock:
                    known = Known.load(self.store, self.near_threshold)
                self._session = IngestSession(
                    self.store, StoreWriter(threaded=False, linger=0), known,
                    lambda: self.coder(False), live=True, store_lock=self.store_lock,
                    coder_lock=self.coder_lock,
                )  # fmt: skip
            return ingest_one(draft, self._session)
