"""Input sanity shared by every way in (CLI ``code``, ``ingest``, the Python API, the server).

Text that Python can hold but nothing downstream can take (a lone surrogate such as
``"\\udfff"``, which is valid in JSON but cannot be written as UTF-8; a NUL, which PostgreSQL
refuses) is repaired here, one character for one, so every offset stays an offset into the
text that is stored, and each repair is named in a warning. Content that is not text at all
(a program or an image saved as ``.txt``) is recognised so it can be rejected.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .records import Article

REPLACEMENT = "\ufffd"

#: Control characters other than tab, line feed, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

#: Share of control characters and replacement characters above which content is binary.
BINARY_SHARE = 0.05
#: How much of a text the binary check looks at.
BINARY_SAMPLE = 65_536


class InputWarning(UserWarning):
    """Input that was repaired (or could not be used) before coding; the message says how."""


def scrub(value: str) -> tuple[str, int]:
    """``value`` with lone surrogates replaced by U+FFFD and control characters (NUL, ...)
    by spaces, one character for one; and how many characters were replaced.

    A surrogate pair that stands for one character (as some decoders leave it) is joined.
    """
    changed = 0
    if _SURROGATE.search(value):
        joined = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        if len(joined) == len(value):  # no pairs joined: offsets are unchanged
            changed += sum(1 for a, b in zip(value, joined, strict=True) if a != b)
            value = joined
        else:  # keep one character for one: lone and paired surrogates alike replaced
            changed += len(_SURROGATE.findall(value))
            value = _SURROGATE.sub(REPLACEMENT, value)
    if _CONTROL.search(value):
        changed += len(_CONTROL.findall(value))
        value = _CONTROL.sub(" ", value)
    return value, changed


def binary_share(text: str) -> float:
    """Share of control and replacement characters in (the start of) ``text``."""
    sample = text[:BINARY_SAMPLE]
    if not sample:
        return 0.0
    bad = len(_CONTROL.findall(sample)) + sample.count(REPLACEMENT)
    return bad / len(sample)


def looks_binary(text: str) -> bool:
    """Whether ``text`` is a program, an image or other bytes decoded as if they were text."""
    sample = text[:BINARY_SAMPLE]
    return sample.count("\x00") > max(2, len(sample) // 1000) or binary_share(text) > BINARY_SHARE


def looks_binary_bytes(data: bytes) -> bool:
    """Bytes that are not text: NUL bytes (UTF-16 with a byte-order mark aside)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = data[:BINARY_SAMPLE]
    return sample.count(b"\x00") > max(2, len(sample) // 1000)


def scrub_article(article: Article) -> tuple[Article, list[str]]:
    """The article with every text field scrubbed, and a warning for each field repaired."""
    notes: list[str] = []
    update: dict[str, str] = {}
    for name in ("id", "text", "title", "source", "url", "language"):
        value = getattr(article, name)
        if not isinstance(value, str):
            continue
        fixed, n = scrub(value)
        if n:
            update[name] = fixed
            notes.append(
                f"field {name!r}: {n} character(s) that cannot be stored (lone surrogates, "
                "control characters) replaced"
            )
    if not update:
        return article, notes
    return article.model_copy(update=update), notes


def warn(notes: list[str], where: str) -> None:
    """Issue each note as an ``InputWarning`` naming the article."""
    for note in notes:
        warnings.warn(f"{where}: {note}", InputWarning, stacklevel=3)


#: An ISO date, alone or opening a timestamp ("2020-01-14", "2020-01-14T10:00:00Z",
#: "2020-01-14 10:00"); not "2020-01-14garbage".
_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}\S*(?: ?[+-]\d{2}:?\d{2})?)?\s*")


def iso_date(value: str) -> dt.date:
    """The date of an ISO date or timestamp; ``ValueError`` naming the value otherwise."""
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        raise ValueError(f"date {value!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise ValueError(f"date {value!r} is not a calendar date ({exc})") from None
