"""Readers for record files: JSON Lines / a JSON array, and CSV / TSV.

Each record is read on its own: a line that is not valid JSON, a line with bytes that are not
UTF-8, a CSV row with an unterminated or stray quote or the wrong number of columns becomes a
``ReadError`` (or a warning on the record) naming the file and line, and reading goes on with
the next record. A CSV row whose quoting is broken is never merged into the rows after it: the
reader starts again on the line after the row's first line.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import deque
from collections.abc import Iterator

from .readers import Draft, Item, Opener, ReadError, _record_draft, decode_noting


def _line_text(data: bytes, first: bool) -> tuple[str, str | None]:
    """One line of a record file as text; a warning when it was not valid UTF-8."""
    try:
        return data.decode("utf-8-sig" if first else "utf-8"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        return text, (
            f"not valid UTF-8 (byte {exc.start} of the line): {bad} byte sequence(s) "
            "replaced with U+FFFD"
        )


def _noted(item: Item, note: str | None) -> Item:
    if note and isinstance(item, Draft):
        item.warnings.append(note)
    return item


def read_json(origin: str, base: str, opener: Opener, fields: dict[str, str]) -> Iterator[Item]:
    with opener() as raw:
        lines = iter(raw)
        first, blank = b"", 0
        for line in lines:
            if line.strip():
                first = line
                break
            blank += 1
        if first.lstrip().lstrip(b"\xef\xbb\xbf").startswith(b"["):  # one JSON array
            body, note = decode_noting(first + b"".join(lines))
            try:
                records = json.loads(body)
            except json.JSONDecodeError as exc:
                yield ReadError(origin, f"not valid JSON ({exc.msg}, line {exc.lineno})")
                return
            if not isinstance(records, list):
                yield ReadError(origin, "not a JSON array of records")
                return
            for n, record in enumerate(records, 1):
                yield _noted(_record_draft(record, f"{origin}[{n}]", f"{base}#{n}", fields), note)
            return
        lineno = blank
        if first:
            lineno += 1
            yield from _json_line(first, lineno, origin, base, fields, first=True)
        for line in lines:
            lineno += 1
            if line.strip():
                yield from _json_line(line, lineno, origin, base, fields, first=False)


def _json_line(
    line: bytes, lineno: int, origin: str, base: str, fields: dict[str, str], first: bool
) -> Iterator[Item]:
    where = f"{origin}:{lineno}"
    text, note = _line_text(line, first)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(where, f"not valid JSON ({exc.msg}, column {exc.colno})")
        return
    except RecursionError:
        yield ReadError(where, "not valid JSON (nested too deeply)")
        return
    yield _noted(_record_draft(record, where, f"{base}#{lineno}", fields), note)


class _Lines:
    """Decoded lines of a CSV file with their numbers; lines can be put back to be read again."""

    def __init__(self, raw: Iterator[bytes]) -> None:
        self.raw = raw
        self.back: deque[tuple[int, str, str | None]] = deque()
        self.number = 0  # number of the last line handed out
        self.read_upto = 0  # number of the last line read from the file
        self.log: list[tuple[int, str, str | None]] = []  # lines of the row being read

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.back:
            entry = self.back.popleft()
        else:
            data = next(self.raw)
            self.read_upto += 1
            text, note = _line_text(data, self.read_upto == 1)
            entry = (self.read_upto, text, note)
        self.log.append(entry)
        self.number = entry[0]
        return entry[1]

    def start_row(self) -> None:
        self.log = []

    def replay_after_first(self) -> None:
        """Put back every line of the row being read but its first."""
        self.back.extendleft(reversed(self.log[1:]))
        self.log = []


def read_csv(
    origin: str, base: str, opener: Opener, fields: dict[str, str], tsv: bool
) -> Iterator[Item]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    delimiter = "\t" if tsv else ","
    with opener() as raw:
        lines = _Lines(iter(raw))
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            yield ReadError(origin, "empty CSV file (no header)", "empty text")
            return
        except csv.Error as exc:
            yield ReadError(f"{origin}:1", f"CSV header unreadable ({exc})", "malformed record")
            return
        header = [h.strip() for h in header]
        wanted = fields["text"], fields["html"]
        if not any(w in header for w in wanted):
            yield ReadError(
                origin,
                f"CSV header has no {fields['text']!r} column (columns: "
                f"{', '.join(header)}); map one with --field text=COLUMN",
            )
            return
        n = 0
        while True:
            lines.start_row()
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                first = lines.log[0][0] if lines.log else lines.number
                yield ReadError(
                    f"{origin}:{first}",
                    f"malformed CSV row ({exc}: an unterminated or stray quote); the row is "
                    "left out and reading goes on with the next line",
                    "malformed record",
                )
                lines.replay_after_first()
                reader = csv.reader(lines, delimiter=delimiter, strict=True)
                continue
            if not row:
                continue
            n += 1
            first = lines.log[0][0] if lines.log else lines.number
            where = f"{origin}:{first}"
            if len(row) != len(header):
                yield ReadError(
                    where,
                    f"malformed CSV row: {len(row)} column(s), the header has {len(header)}",
                    "malformed record",
                )
                continue
            notes = [note for _, _, note in lines.log if note]
            item = _record_draft(dict(zip(header, row, strict=True)), where, f"{base}#{n}", fields)
            yield _noted(item, notes[0] if notes else None)
