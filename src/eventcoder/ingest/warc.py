"""WARC / ARC reader (warcio) that isolates damage to the record it is in.

Every HTML or plain-text response (or resource) is one article. A damaged archive never stops
the run and never loses a record silently:

- a record whose ``Content-Length`` is wrong (the record does not end where it says it does)
  is reported as malformed, not stored half or merged with the next;
- a last record cut short (the file ends before its ``Content-Length``) is reported, not
  stored partially;
- junk between records, or a header that cannot be read, is reported with its byte offset and
  reading starts again at the next record found after it (the next ``WARC/`` header line in a
  plain WARC, the next gzip member in a ``.warc.gz``) when the file can be searched.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import IO, Any

from .readers import Draft, Item, Opener, ReadError, decode_noting

#: How far past a damaged spot to search for the next record (bytes).
RESYNC_LIMIT = 256 * 1024 * 1024
_CHUNK = 1 << 20


def _find(fh: IO[bytes], start: int, markers: tuple[bytes, ...]) -> int | None:
    """Offset of the first marker at or after ``start`` (a record's start), else None."""
    pos = start
    keep = max(len(m) for m in markers)
    tail = b""
    while pos - start < RESYNC_LIMIT:
        fh.seek(pos)
        chunk = fh.read(_CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        base = pos - len(tail)
        hits = [i for m in markers if (i := data.find(m)) >= 0]
        if hits:
            return base + min(hits)
        tail = data[-keep:]
        pos += len(chunk)
    return None


def _is_gzip(fh: IO[bytes]) -> bool:
    head = fh.read(2)
    fh.seek(0)
    return head == b"\x1f\x8b"


def read_warc(origin: str, base: str, opener: Opener) -> Iterator[Item]:
    with opener() as fh:
        seekable = fh.seekable()
        gz = _is_gzip(fh) if seekable else False
        markers = (b"\x1f\x8b\x08",) if gz else (b"WARC/1.0\r\n", b"WARC/1.1\r\n", b"WARC/0.")
        start, n = 0, 0
        while True:
            state = _State(origin, base, n)
            yield from state.run(fh, start)
            n = state.n
            if state.failed_at is None:
                return
            where = state.failed_at
            if not seekable:
                yield ReadError(
                    f"{origin}[after record {n}]",
                    f"damaged archive at byte {where}: {state.error}; the rest of the file "
                    "cannot be searched for further records",
                    "malformed record",
                )
                return
            resume = _find(fh, state.last_start + 1, markers)
            yield ReadError(
                f"{origin}[after record {n}]",
                f"damaged archive at byte {where}: {state.error}; "
                + (f"reading goes on at byte {resume}" if resume else "no further record found"),
                "malformed record",
            )
            if resume is None or resume <= start:
                return
            start = resume


class _State:
    """One pass of warcio over the archive from one offset, until the end or the first damage."""

    def __init__(self, origin: str, base: str, n: int) -> None:
        self.origin, self.base, self.n = origin, base, n
        self.failed_at: int | None = None
        self.error = ""
        self.last_start = 0

    def run(self, fh: IO[bytes], start: int) -> Iterator[Item]:
        from warcio.archiveiterator import ArchiveIterator

        self.last_start = start
        if start:
            fh.seek(start)
        held: Item | None = None  # a record is handed on once the next one shows it ended well
        sink = io.StringIO()  # warcio's own complaints: read through err_count instead
        iterator: Any = None
        errors = 0
        try:
            with contextlib.redirect_stderr(sink):
                iterator = ArchiveIterator(fh, arc2warc=True)
                records = iter(iterator)
            while True:
                with contextlib.redirect_stderr(sink):
                    record = next(records, None)
                if iterator.err_count != errors and held is not None:
                    held = self._damaged(held, "it does not end where its Content-Length says")
                errors = iterator.err_count
                if held is not None:
                    yield held
                    held = None
                if record is None:
                    return
                self.n += 1
                self.last_start = max(self.last_start, int(iterator.offset or 0))
                held = self._item(record, iterator.offset)
        except Exception as exc:  # ArchiveLoadFailed, bad headers, a broken gzip member
            if held is not None:
                if iterator is not None and iterator.err_count != errors:
                    held = self._damaged(held, "it does not end where its Content-Length says")
                yield held
            said = "".join(c if c.isprintable() else "?" for c in str(exc).strip()[:120])
            self.error = f"{type(exc).__name__}: {said}"
            offset = getattr(iterator, "offset", None)
            self.failed_at = int(offset) if offset is not None else self.last_start

    def _damaged(self, held: Item, why: str) -> Item:
        if isinstance(held, ReadError):
            return held
        return ReadError(held.origin, f"malformed WARC record: {why}; left out", "malformed record")

    def _item(self, record: Any, offset: int | None) -> Item | None:
        uri = record.rec_headers.get_header("WARC-Target-URI")
        where = f"{self.origin}[record {self.n} at byte {offset}: {uri}]"
        if record.rec_type not in ("response", "resource"):
            return None
        if record.rec_type == "response":
            http = record.http_headers
            if http is None:
                return None
            status = http.get_statuscode()
            ctype = (http.get_header("Content-Type") or "").lower()
            if status and not str(status).startswith("2"):
                return None
        else:
            ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
        if "html" not in ctype and "text/plain" not in ctype:
            return None  # images, scripts, style sheets: not articles
        payload = record.content_stream().read()
        missing = getattr(record.raw_stream, "limit", 0) or 0
        if missing > 0:
            declared = record.rec_headers.get_header("Content-Length")
            return ReadError(
                where,
                f"truncated WARC record: the file ends {missing} byte(s) before its "
                f"Content-Length ({declared}); left out",
                "malformed record",
            )
        record_id = uri or f"{self.base}#{self.n}"
        if "html" in ctype:
            return Draft(origin=where, id=record_id, html=payload, url=uri)
        text, note = decode_noting(payload)
        return Draft(
            origin=where, id=record_id, text=text, url=uri, warnings=[note] if note else []
        )
