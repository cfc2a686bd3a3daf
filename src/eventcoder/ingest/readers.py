"""Readers: files and folders of news in, one ``Draft`` per article out.

Formats are chosen by file name: ``.txt`` (one article), ``.html``/``.htm`` (one page),
``.jsonl``/``.ndjson``/``.json`` and ``.csv``/``.tsv`` (one article per record, fields
configurable), ``.rss``/``.atom``/``.xml`` (a feed saved on disk: one article per entry),
``.warc``/``.warc.gz``/``.arc`` (every HTML or text response), and any of these inside ``.gz``
or ``.zip``. Folders are walked in name order (hidden files skipped).

Reading is cheap and lazy: HTML is kept as it is and turned into text later
(:mod:`eventcoder.ingest.prepare`), so counting records for the progress bar costs little.
A record that cannot be read becomes a ``ReadError`` that names it (file, line or entry) and
reading goes on.

Article ids are stable from run to run, which is what makes ingest idempotent: a record's own
id field (or its URL, for feeds and WARC captures), else its place: the file name without
extension (the path below the folder given, for files found in a folder), ``#N`` appended for
the N-th record of a file with no id of its own.
"""

from __future__ import annotations

import email.utils
import errno
import gzip
import io
import os
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from ..sanitize import iso_date, scrub

#: The fields an input record can fill, and the record key read for each by default.
DEFAULT_FIELDS: dict[str, str] = {
    "id": "id",
    "text": "text",
    "html": "html",
    "title": "title",
    "url": "url",
    "date": "date",
    "source": "source",
    "author": "author",
    "language": "language",
}

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = (".csv", ".tsv")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".feed")
WARC_SUFFIXES = (".warc", ".arc", ".warc.gz", ".arc.gz")

SUPPORTED = (
    TEXT_SUFFIXES
    + HTML_SUFFIXES
    + JSON_SUFFIXES
    + CSV_SUFFIXES
    + FEED_SUFFIXES
    + WARC_SUFFIXES
    + (".gz", ".zip")
)


@dataclass
class Draft:
    """One article as read, before cleaning. ``origin`` names it in every message."""

    origin: str
    id: str
    text: str | None = None
    html: str | bytes | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: Problems met while reading that did not stop it (bytes not UTF-8, ...): logged as
    #: warnings with the article.
    warnings: list[str] = field(default_factory=list)


@dataclass
class ReadError:
    """A record (or a whole file) that could not be read."""

    origin: str
    error: str
    reason: str = "unreadable record"


Item = Draft | ReadError
Opener = Callable[[], IO[bytes]]


def parse_fields(specs: Iterable[str]) -> dict[str, str]:
    """``["text=body", "date=meta.published"]`` -> a field map over ``DEFAULT_FIELDS``."""
    out = dict(DEFAULT_FIELDS)
    for spec in specs:
        key, sep, name = spec.partition("=")
        key, name = key.strip(), name.strip()
        if not sep or not name:
            raise ValueError(f"field mapping {spec!r} is not FIELD=NAME (e.g. text=body)")
        if key not in DEFAULT_FIELDS:
            raise ValueError(
                f"unknown field {key!r} in {spec!r}; fields are: {', '.join(DEFAULT_FIELDS)}"
            )
        out[key] = name
    return out


def _lookup(record: dict, name: str) -> Any:
    """A record value by key, or by dotted path into nested objects ("meta.published")."""
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # authors, multiple titles: keep them readable
        value = "; ".join(str(v) for v in value if v is not None)
    text = str(value).strip()
    return text or None


def decode(data: bytes) -> str:
    """Bytes -> text: UTF-8 (with or without BOM), else Windows-1252 (old western news)."""
    return decode_noting(data)[0]


def decode_noting(data: bytes) -> tuple[str, str | None]:
    """Bytes -> text, and a warning when they were not valid UTF-8.

    Invalid UTF-8 is read as Windows-1252 (old western news) when that decodes every byte;
    otherwise the bad bytes are replaced (U+FFFD) and the warning says how many there were.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        return data.decode("cp1252"), (
            f"not valid UTF-8 (first bad byte at offset {where}): read as Windows-1252"
        )
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd") - data.decode("utf-8-sig", "ignore").count("\ufffd")
        return text, (
            f"not valid UTF-8 (first bad byte at offset {where}): {bad} undecodable byte "
            "sequence(s) replaced with U+FFFD"
        )


def kind_of(name: str) -> str | None:
    """The reader for a file name, or None when the type is not supported."""
    lower = name.lower()
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    if lower.endswith(".gz"):
        return "gz"
    if lower.endswith(".zip"):
        return "zip"
    for kind, suffixes in (
        ("text", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("json", JSON_SUFFIXES),
        ("csv", CSV_SUFFIXES),
        ("feed", FEED_SUFFIXES),
    ):
        if lower.endswith(suffixes):
            return kind
    return None


def _strip_suffix(name: str) -> str:
    lower = name.lower()
    for suffix in sorted(SUPPORTED, key=len, reverse=True):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def discover(
    paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()
) -> Iterator[tuple[Path, str] | ReadError]:
    """``(file, base id)`` for every file under the given paths (folders walked in name
    order), or a ``ReadError`` for an entry that cannot be read (a symlink loop, a broken
    link, a folder without permission): the walk goes on.

    Links to files are read; links to folders are not followed (no cycles).
    ``exclude``: files never read (the store itself, when it lies among the inputs).
    Raises ``FileNotFoundError`` for a path that does not exist.
    """
    skip = {os.path.realpath(p) for p in exclude}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise FileNotFoundError(f"no such file or folder: {raw}")
        if path.is_dir():
            yield from _walk(path, PurePosixPath(), skip)
        elif os.path.realpath(path) not in skip:
            yield path, path.name


def _walk(
    folder: Path, rel: PurePosixPath, skip: set[str]
) -> Iterator[tuple[Path, str] | ReadError]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield ReadError(
            str(folder), f"cannot list folder: {exc.strerror or exc}", "unreadable file"
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child, child_rel = Path(entry.path), rel / entry.name
        try:
            if entry.is_symlink():
                target = os.stat(entry.path)  # raises for a loop or a broken link
                if stat.S_ISDIR(target.st_mode):
                    continue  # not followed: no cycles
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(child, child_rel, skip)
            elif entry.is_file() and os.path.realpath(entry.path) not in skip:
                yield child, child_rel.as_posix()
        except OSError as exc:
            what = "symlink loop" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
            if entry.is_symlink() and exc.errno == errno.ENOENT:
                what = "broken symlink"
            yield ReadError(str(child), f"cannot read: {what}", "unreadable file")


def iter_records(
    paths: Iterable[str | Path],
    fields: dict[str, str] | None = None,
    exclude: Iterable[str | Path] = (),
) -> Iterator[Item]:
    """Every article (or read error) in the given files and folders, in order."""
    fmap = fields or DEFAULT_FIELDS
    for found in discover(paths, exclude):
        if isinstance(found, ReadError):
            found.origin = scrub(found.origin)[0]
            yield found
            continue
        path, base = found
        origin, renamed = scrub(str(path))  # a file name that is not UTF-8 (surrogateescape)
        base = scrub(base)[0]
        for item in read_file(origin, base, lambda p=path: p.open("rb"), fmap):
            if renamed and isinstance(item, Draft):
                item.warnings.append(
                    f"file name is not valid UTF-8: {renamed} character(s) replaced"
                )
            yield item


def read_file(origin: str, name: str, opener: Opener, fields: dict[str, str]) -> Iterator[Item]:
    """Articles in one file (``name`` decides the format and gives the base id).

    Never raises for a damaged file: what was read before the damage is kept and the damage
    becomes a ``ReadError`` naming the file (and the record, line or member where it is).
    """
    kind = kind_of(name)
    base = _strip_suffix(name)
    try:
        if kind is None:
            yield ReadError(origin, f"unsupported file type ({name})", "unsupported file type")
        elif kind == "text":
            with opener() as fh:
                text, note = decode_noting(fh.read())
            yield Draft(origin=origin, id=base, text=text, warnings=[note] if note else [])
        elif kind == "html":
            with opener() as fh:
                yield Draft(origin=origin, id=base, html=fh.read())
        elif kind == "json":
            from .tabular import read_json

            yield from read_json(origin, base, opener, fields)
        elif kind == "csv":
            from .tabular import read_csv

            yield from read_csv(origin, base, opener, fields, name.lower().endswith(".tsv"))
        elif kind == "feed":
            from .feeds import read_feed

            yield from read_feed(origin, base, opener)
        elif kind == "warc":
            from .warc import read_warc

            yield from read_warc(origin, base, opener)
        elif kind == "gz":
            inner = name[:-3]

            def open_gz() -> IO[bytes]:
                return gzip.GzipFile(fileobj=opener(), mode="rb")  # type: ignore[return-value]

            yield from read_file(origin, inner, open_gz, fields)
        elif kind == "zip":
            yield from _read_zip(origin, base, opener, fields)
    except Exception as exc:  # damaged (zlib.error, EOFError, BadZipFile...) or a surprise
        yield ReadError(origin, f"cannot read {name}: {type(exc).__name__}: {exc}", "damaged file")


def _record_draft(record: Any, origin: str, fallback_id: str, fields: dict[str, str]) -> Item:
    if not isinstance(record, dict):
        return ReadError(origin, f"expected an object, got {type(record).__name__}")
    got = {key: _lookup(record, name) for key, name in fields.items()}
    text, html = got["text"], got["html"]
    if text is not None and not isinstance(text, str):
        return ReadError(origin, f"field {fields['text']!r} is not a string")
    if html is not None and not isinstance(html, str):
        return ReadError(origin, f"field {fields['html']!r} is not a string")
    if not (text and text.strip()) and not (html and html.strip()):
        return ReadError(
            origin, f"record has no text (field {fields['text']!r} is empty)", "empty text"
        )
    record_id = _str(got["id"]) or _str(got["url"]) or fallback_id
    draft = Draft(
        origin=origin,
        id=record_id,
        text=text if text and text.strip() else None,
        html=html if not (text and text.strip()) else None,
        title=_str(got["title"]),
        url=_str(got["url"]),
        date=_str(got["date"]),
        source=_str(got["source"]),
        author=_str(got["author"]),
        language=_str(got["language"]),
    )
    return scrub_draft(draft)


def scrub_draft(draft: Draft) -> Draft:
    """Lone surrogates and control characters in the record's metadata replaced
    (``sanitize.scrub``), each field repaired named in a warning, so the record can be logged
    and stored (its text is checked and repaired by ``prepare``, which also rejects binary)."""
    for name in ("id", "title", "url", "date", "source", "author", "language"):
        value = getattr(draft, name)
        if isinstance(value, str):
            fixed, n = scrub(value)
            if n:
                setattr(draft, name, fixed)
                draft.warnings.append(
                    f"field {name!r}: {n} character(s) that cannot be stored (lone surrogates, "
                    "control characters) replaced"
                )
    return draft


#: Prefix marking HTML that is a fragment (a feed entry), not a whole page: it is turned into
#: text as it is, without looking for a main-text block.
fragment_marker = "<!--eventcoder:fragment-->"


def _read_zip(origin: str, base: str, opener: Opener, fields: dict[str, str]) -> Iterator[Item]:
    with opener() as fh:
        data = fh.read()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            parts = PurePosixPath(info.filename).parts
            if any(p.startswith(".") or p == "__MACOSX" for p in parts):
                continue

            def open_member(i: zipfile.ZipInfo = info) -> IO[bytes]:
                return archive.open(i)

            yield from read_file(
                f"{origin}!{info.filename}", f"{base}/{info.filename}", open_member, fields
            )


def parse_date(value: str | None) -> tuple[str | None, str | None]:
    """A publication date as ISO ``YYYY-MM-DD``, and a message when it could not be read.

    Reads ISO dates and timestamps ("2020-01-14T10:00:00Z") and e-mail/RSS dates
    ("Tue, 14 Jan 2020 10:00:00 GMT"); not "2020-01-14garbage".
    """
    if value is None or not value.strip():
        return None, None
    text = value.strip()
    try:
        return iso_date(text).isoformat(), None
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat(), None
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return None, f"publication date {value!r} not understood (kept no date)"
