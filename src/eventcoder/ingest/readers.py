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

import csv
import email.utils
import gzip
import io
import json
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


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
) -> Iterator[tuple[Path, str]]:
    """``(file, base id)`` for every file under the given paths (folders walked in order).

    ``exclude``: files never read (the store itself, when it lies among the inputs).
    Raises ``FileNotFoundError`` for a path that does not exist.
    """
    skip = {Path(p).resolve() for p in exclude}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise FileNotFoundError(f"no such file or folder: {raw}")
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.resolve() in skip or any(p.startswith(".") for p in rel.parts):
                    continue
                if child.is_file():
                    yield child, PurePosixPath(rel).as_posix()
        elif path.resolve() not in skip:
            yield path, path.name


def iter_records(
    paths: Iterable[str | Path],
    fields: dict[str, str] | None = None,
    exclude: Iterable[str | Path] = (),
) -> Iterator[Item]:
    """Every article (or read error) in the given files and folders, in order."""
    fmap = fields or DEFAULT_FIELDS
    for path, base in discover(paths, exclude):
        yield from read_file(str(path), base, lambda p=path: p.open("rb"), fmap)


def read_file(origin: str, name: str, opener: Opener, fields: dict[str, str]) -> Iterator[Item]:
    """Articles in one file (``name`` decides the format and gives the base id)."""
    kind = kind_of(name)
    base = _strip_suffix(name)
    try:
        if kind is None:
            yield ReadError(origin, f"unsupported file type ({name})", "unsupported file type")
        elif kind == "text":
            with opener() as fh:
                yield Draft(origin=origin, id=base, text=decode(fh.read()))
        elif kind == "html":
            with opener() as fh:
                yield Draft(origin=origin, id=base, html=fh.read())
        elif kind == "json":
            yield from _read_json(origin, base, opener, fields)
        elif kind == "csv":
            yield from _read_csv(origin, base, opener, fields, name.lower().endswith(".tsv"))
        elif kind == "feed":
            yield from _read_feed(origin, base, opener)
        elif kind == "warc":
            yield from _read_warc(origin, base, opener)
        elif kind == "gz":
            inner = name[:-3]

            def open_gz() -> IO[bytes]:
                return gzip.GzipFile(fileobj=opener(), mode="rb")  # type: ignore[return-value]

            yield from read_file(origin, inner, open_gz, fields)
        elif kind == "zip":
            yield from _read_zip(origin, base, opener, fields)
    except (OSError, EOFError, zipfile.BadZipFile, UnicodeError, csv.Error) as exc:
        yield ReadError(origin, f"cannot read {name}: {type(exc).__name__}: {exc}")


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
    return Draft(
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


def _read_json(origin: str, base: str, opener: Opener, fields: dict[str, str]) -> Iterator[Item]:
    with opener() as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace")
        first = ""
        blank = 0
        lines = iter(handle)
        for line in lines:
            if line.strip():
                first = line
                break
            blank += 1
        if first.lstrip().startswith("["):  # one JSON array of records
            body = first + "".join(lines)
            try:
                records = json.loads(body)
            except json.JSONDecodeError as exc:
                yield ReadError(origin, f"not valid JSON ({exc.msg}, line {exc.lineno})")
                return
            for n, record in enumerate(records, 1):
                yield _record_draft(record, f"{origin}[{n}]", f"{base}#{n}", fields)
            return
        for lineno, line in enumerate(_chain(first, lines), blank + 1):
            if not line.strip():
                continue
            where = f"{origin}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadError(where, f"not valid JSON ({exc.msg})")
                continue
            yield _record_draft(record, where, f"{base}#{lineno}", fields)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


def _read_csv(
    origin: str, base: str, opener: Opener, fields: dict[str, str], tsv: bool
) -> Iterator[Item]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with opener() as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.DictReader(handle, delimiter="\t" if tsv else ",")
        if reader.fieldnames is None:
            yield ReadError(origin, "empty CSV file (no header)", "empty text")
            return
        wanted = fields["text"], fields["html"]
        if not any(w in reader.fieldnames for w in wanted):
            yield ReadError(
                origin,
                f"CSV header has no {fields['text']!r} column (columns: "
                f"{', '.join(reader.fieldnames)}); map one with --field text=COLUMN",
            )
            return
        for n, row in enumerate(reader, 1):
            where = f"{origin}:{reader.line_num}"
            yield _record_draft(row, where, f"{base}#{n}", fields)


def _feed_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    for key in ("published", "updated"):
        if entry.get(key):
            return str(entry[key])
    return None


def _read_feed(origin: str, base: str, opener: Opener) -> Iterator[Item]:
    import feedparser

    with opener() as fh:
        parsed = feedparser.parse(fh.read())
    if parsed.bozo and not parsed.entries:
        yield ReadError(origin, f"not an RSS/Atom feed ({parsed.get('bozo_exception')})")
        return
    feed = parsed.get("feed", {})
    source = _str(feed.get("title"))
    language = _str(feed.get("language"))
    for n, entry in enumerate(parsed.entries, 1):
        content = entry.get("content") or []
        body = content[0].get("value") if content else entry.get("summary")
        where = f"{origin}[entry {n}]"
        if not body or not str(body).strip():
            yield ReadError(where, "feed entry has no content or summary", "empty text")
            continue
        yield Draft(
            origin=where,
            id=_str(entry.get("id")) or _str(entry.get("link")) or f"{base}#{n}",
            html=fragment_marker + str(body),
            title=_str(entry.get("title")),
            url=_str(entry.get("link")),
            date=_feed_date(entry),
            source=source,
            author=_str(entry.get("author")),
            language=language,
        )


#: Prefix marking HTML that is a fragment (a feed entry), not a whole page: it is turned into
#: text as it is, without looking for a main-text block.
fragment_marker = "<!--eventcoder:fragment-->"


def _read_warc(origin: str, base: str, opener: Opener) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    with opener() as fh:
        for n, record in enumerate(ArchiveIterator(fh, arc2warc=True), 1):
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}[record {n}: {uri}]"
            if record.rec_type == "response":
                http = record.http_headers
                if http is None:
                    continue
                status = http.get_statuscode()
                ctype = (http.get_header("Content-Type") or "").lower()
                if status and not str(status).startswith("2"):
                    continue
            else:
                ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype and "text/plain" not in ctype:
                continue  # images, scripts, style sheets: not articles
            payload = record.content_stream().read()
            record_id = uri or f"{base}#{n}"
            if "html" in ctype:
                yield Draft(origin=where, id=record_id, html=payload, url=uri)
            else:
                yield Draft(origin=where, id=record_id, text=decode(payload), url=uri)


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
    ("Tue, 14 Jan 2020 10:00:00 GMT").
    """
    if value is None or not value.strip():
        return None, None
    text = value.strip()
    import datetime as dt

    try:
        return dt.date.fromisoformat(text[:10]).isoformat(), None
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat(), None
    except (TypeError, ValueError, IndexError):
        pass
    return None, f"publication date {value!r} not understood (kept no date)"
