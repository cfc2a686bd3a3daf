"""Reading the articles a command is given: text, HTML or JSONL files, or stdin."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..records import Article

if TYPE_CHECKING:  # pragma: no cover
    from ..ingest.readers import Item


class InputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


def check_inputs(files: list[str]) -> None:
    """Every input is a file (or '-'), else a usage error naming it, before any work."""
    for path in files:
        if path == "-":
            continue
        p = Path(path)
        if not p.exists():
            raise typer.BadParameter(f"no such file: {path}")
        if p.is_dir():
            raise typer.BadParameter(
                f"{path} is a folder: give the files in it (e.g. {path}/*.txt), or store a "
                f"whole folder with 'eventcoder ingest {path} --db events.duckdb'"
            )


def _stdin_bytes() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _drafts(path: str, fmt: InputFormat) -> Iterator[Item]:
    """What one input holds, read as ``ingest`` reads it."""
    from ..ingest.readers import DEFAULT_FIELDS, Draft, decode_noting, kind_of
    from ..ingest.tabular import read_json

    stdin = path == "-"
    name = "stdin" if stdin else Path(path).name
    stem = "stdin" if stdin else Path(path).stem
    data = _stdin_bytes() if stdin else Path(path).read_bytes()
    if fmt is InputFormat.jsonl:
        yield from read_json(path, stem, lambda: io.BytesIO(data), DEFAULT_FIELDS)
        return
    if kind_of(name) == "html" or _looks_like_html(data):
        yield Draft(origin=path, id=stem, html=data)
        return
    text, note = decode_noting(data)
    yield Draft(origin=path, id=stem, text=text, warnings=[note] if note else [])


def read_articles(
    files: list[str],
    fmt: InputFormat,
    date: str | None,
    errors: list[str],
    warnings: list[str] | None = None,
    max_chars: int | None = None,
) -> Iterator[Article]:
    """Articles from text or HTML files (one article each) or JSONL (one per line).

    Every input goes through the preparation ``ingest`` uses (``ingest.prepare``): HTML
    turned into its main text, binary content and over-long articles skipped, bad bytes and
    characters repaired with a warning, a bad date dropped with a warning (the record kept).
    What is not coded is added to ``errors`` by name; warnings to ``warnings``.
    """
    from ..ingest.prepare import MAX_CHARS, LanguageDetector, Skip, prepare
    from ..ingest.readers import ReadError

    check_inputs(files)
    limit = MAX_CHARS if max_chars is None else max_chars
    languages = LanguageDetector()  # loaded once, on the first article that needs it
    for path in files:
        try:
            items = list(_drafts(path, fmt))
        except OSError as exc:
            errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            continue
        for item in items:
            if isinstance(item, ReadError):
                errors.append(f"{item.origin}: {item.error}")
                continue
            try:
                prepared = prepare(item, date, max_chars=limit or None, languages=languages)
            except Exception as exc:  # a record the cleaners choke on never stops the batch
                errors.append(f"{item.origin}: cleaning failed: {type(exc).__name__}: {exc}")
                continue
            if isinstance(prepared, Skip):
                errors.append(prepared.detail)
                continue
            if prepared.warning and warnings is not None:
                warnings.append(prepared.warning)
            yield prepared.article
