"""``ingest_one``: the one write path of an article into the store.

A draft (as read from a file, or as posted to ``POST /api/articles``) is cleaned and its
language checked (:mod:`.prepare`), linked to the article already coded when it is an exact or
near duplicate (:mod:`.dedup`), else coded with the ``Coder``; then written with its events in
one transaction, through the session's ``StoreWriter``. Whatever is skipped or fails is
counted in the session's summary and logged in the store (``ingest_errors``).

An ``IngestSession`` holds what a run knows: the store, the writer, which ids, content hashes
and MinHash signatures are stored (loaded once), and how to get a coder. ``ingest()`` (batch)
makes one per run; the web app keeps one, ``live``: a shared store may have been written by
others since, so ids and hashes are also looked up in the store.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..pipeline import TimeBudgetExceeded
from ..sanitize import scrub
from ..store import ArticleWrite
from ..worker import OVER_BUDGET, CodingFailure, coder_for
from .dedup import NearDuplicateIndex, decode, encode
from .prepare import MAX_CHARS, LanguageDetector, Prepared, Skip, content_hash, prepare
from .readers import Draft, ReadError
from .summary import IngestSummary
from .writer import StoreWriter

if TYPE_CHECKING:  # pragma: no cover
    from ..coder import Coder
    from ..records import Article, CodedArticle
    from ..store import Store


@dataclass
class Known:
    """What the store already holds: ids (with their content hash), cluster heads, signatures."""

    hash_of_id: dict[str, str | None]
    cluster_of_hash: dict[str, str]
    index: NearDuplicateIndex

    @classmethod
    def load(cls, store: Store, threshold: float) -> Known:
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

    def claim(self, article_id: str, chash: str, signature: Any) -> None:
        """Mark an article as the head of its story (exact and near copies link to it)."""
        self.hash_of_id[article_id] = chash
        self.cluster_of_hash.setdefault(chash, article_id)
        self.index.add(article_id, signature)


@dataclass
class Outcome:
    """What ``ingest_one`` did with one draft.

    ``kind``: "coded", "queued" (sent to a worker process, written later), "exact" or "near"
    (a duplicate linked to ``duplicate_of``), "already stored", "skipped" or "failed"
    (``detail`` says why)."""

    kind: str
    article_id: str | None = None
    coded: CodedArticle | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    detail: str | None = None


@dataclass
class IngestSession:
    """The state one writer of a store keeps between articles (see the module's text).

    ``store_lock`` guards the store where it is shared with readers (the web app);
    ``coder_lock`` the coder. With ``coding`` (a ``CodingPool`` of local processes, or
    ``DaskCoding``: anything whose ``submit(article)`` gives a future of the ``CodedArticle``
    or ``CodingFailure``), articles are coded elsewhere while reading goes on; what follows an
    article still being coded waits in ``pending`` so the store sees everything in reading
    order (an article before the duplicates linked to it)."""

    store: Store
    writer: StoreWriter
    known: Known
    get_coder: Callable[[], Coder]
    summary: IngestSummary = field(default_factory=IngestSummary)
    default_date: str | None = None
    live: bool = False
    coding: Any = None
    max_inflight: int = 8
    store_lock: Any = field(default_factory=contextlib.nullcontext)
    coder_lock: Any = field(default_factory=contextlib.nullcontext)
    pending: deque = field(default_factory=deque)
    flushing: bool = False
    max_chars: int | None = MAX_CHARS
    echo: Callable[[str, str], None] | None = None
    languages: LanguageDetector = field(default_factory=LanguageDetector)

    def emit(self, action: Callable[[], None]) -> None:
        if self.pending and not self.flushing:
            self.pending.append((None, action))
        else:  # nothing waits ahead of it (or it is the head being written now)
            with self.store_lock:
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
                self.store.add_error, origin, record, message, kind=kind,
                article_id=article_id, done=counted,
            )
        )  # fmt: skip

    def stored(self, article_id: str) -> bool:
        if article_id in self.known.hash_of_id:
            return True
        if self.live:
            with self.store_lock:
                return self.store.has_article(article_id)
        return False

    def head_of(self, chash: str) -> str | None:
        """The coded article a text with this content hash is a copy of, if any."""
        head = self.known.cluster_of_hash.get(chash)
        if head is None and self.live:
            with self.store_lock:
                info = self.store.article_by_hash(chash)
            head = (info.cluster_id or info.id) if info is not None else None
        return head


def code_on_worker(article: Article, options: dict[str, Any]) -> CodedArticle | CodingFailure:
    """Code one article on a Dask worker (its ``Coder(**options)`` built once)."""
    try:
        return coder_for(options).code_article(article)
    except TimeBudgetExceeded as exc:  # checked between stages (a Dask task is not killed)
        return CodingFailure(article.id, str(exc), OVER_BUDGET)
    except Exception as exc:  # reported by the client, which logs it and goes on
        return CodingFailure(article.id, f"{type(exc).__name__}: {exc}")


@dataclass
class DaskCoding:
    """Articles coded on a Dask cluster (``client``): each worker builds the coder once."""

    client: Any
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def workers(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def submit(self, article: Article) -> Any:
        return self.client.submit(code_on_worker, article, self.options, pure=False)


def ingest_one(item: Draft | ReadError, session: IngestSession) -> Outcome:
    """Clean, deduplicate, code and write one record (the only write path of an article)."""
    summary = session.summary
    if isinstance(item, ReadError):
        summary.skipped[item.reason] += 1
        session.log(item.origin, "", item.error, "skipped")
        return Outcome("skipped", detail=item.error)
    if session.stored(item.id):  # stored by an earlier run (or earlier in this one)
        summary.already_stored += 1
        return Outcome("already stored", item.id)
    try:
        prepared = prepare(
            item, session.default_date, max_chars=session.max_chars, languages=session.languages
        )
    except Exception as exc:  # a record the cleaners choke on never stops the run
        prepared = Skip(
            "cleaning failed", f"{item.origin}: cleaning failed: {type(exc).__name__}: {exc}"
        )
    if isinstance(prepared, Skip):
        summary.skipped[prepared.reason] += 1
        session.log(item.origin, item.id, prepared.detail, "skipped", item.id)
        return Outcome("skipped", item.id, detail=prepared.detail)
    if prepared.warning:
        summary.warnings += 1
        session.log(item.origin, item.id, prepared.warning, "warning", item.id)
    article = prepared.article
    chash = content_hash(article.text)
    head = session.head_of(chash)
    if head is not None:
        return _store_duplicate(session, prepared, chash, head, "exact", 1.0, item.origin)
    signature = session.known.index.signature(article.text)
    near = session.known.index.match(signature)
    if near is not None:
        return _store_duplicate(session, prepared, chash, near[0], "near", near[1], item.origin)
    if session.coding is not None:  # code in another process, write here in reading order
        future = session.coding.submit(article)
        session.known.claim(article.id, chash, signature)

        def finish(result: Any) -> None:
            if isinstance(result, CodingFailure) and result.reason == OVER_BUDGET:
                _over_budget(session, item.origin, article.id, result.error)
            elif isinstance(result, CodingFailure):
                _coding_failed(session, item.origin, article.id, result.error)
            else:
                _store_coded(session, result, prepared, chash, signature, item.origin)

        session.emit_after(future, finish)
        return Outcome("queued", article.id)
    coder = session.get_coder()
    t0, c0 = time.perf_counter(), time.thread_time()
    try:
        with session.coder_lock:
            coded = coder.code_article(article)
    except TimeBudgetExceeded as exc:
        _over_budget(session, item.origin, article.id, str(exc))
        return Outcome("skipped", article.id, detail=str(exc))
    except Exception as exc:  # one bad article never stops the run
        message = f"{type(exc).__name__}: {exc}"
        _coding_failed(session, item.origin, article.id, message)
        return Outcome("failed", article.id, detail=f"coding failed: {message}")
    finally:
        summary.code_seconds += time.perf_counter() - t0
        summary.code_cpu_seconds += time.thread_time() - c0
    _store_coded(session, coded, prepared, chash, signature, item.origin)
    return Outcome("coded", article.id, coded=coded)


def _over_budget(session: IngestSession, origin: str, article_id: str, message: str) -> None:
    session.summary.skipped[OVER_BUDGET] += 1
    session.log(origin, article_id, message, "skipped", article_id)


def _coding_failed(session: IngestSession, origin: str, article_id: str, message: str) -> None:
    session.summary.skipped["coding failed"] += 1
    session.log(origin, article_id, f"coding failed: {message}", "error", article_id)


def _store_coded(
    session: IngestSession,
    coded: CodedArticle,
    prepared: Prepared,
    chash: str,
    signature: Any,
    origin: str,
) -> None:
    article = coded.article
    summary = session.summary

    def written(n: int) -> None:
        summary.events += n

    write = ArticleWrite(
        coded, article, chash, article.id, author=prepared.author, origin=origin,
        minhash=encode(signature),
    )  # fmt: skip
    session.emit(lambda: session.writer.submit_article(session.store, write, done=written))
    summary.new += 1
    session.known.claim(article.id, chash, signature)


def _store_duplicate(
    session: IngestSession,
    prepared: Prepared,
    chash: str,
    head: str,
    kind: str,
    similarity: float,
    origin: str,
) -> Outcome:
    article: Article = prepared.article
    similarity = round(similarity, 4)
    write = ArticleWrite(
        None, article, chash, head, author=prepared.author, origin=origin,
        duplicate_kind=kind, similarity=similarity,
    )  # fmt: skip
    session.emit(lambda: session.writer.submit_article(session.store, write))
    if kind == "exact":
        session.summary.exact_duplicates += 1
    else:
        session.summary.near_duplicates += 1
    session.known.hash_of_id[article.id] = chash
    session.known.cluster_of_hash.setdefault(chash, head)
    return Outcome(kind, article.id, duplicate_of=head, similarity=similarity)
