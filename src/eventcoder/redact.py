"""Secrets never printed: a store DSN as it may appear in any message or banner.

``redact_dsn("postgresql://user:s3cret@db/events")`` -> ``"postgresql://user:***@db/events"``;
the keyword form (``"host=db password=s3cret"``) and a ``password=`` query parameter are
masked too. A DuckDB path comes back unchanged.
"""

from __future__ import annotations

import re

#: user:password@ in a URL; the password runs to the last "@" before the host, so one that
#: holds an unescaped "@" is masked whole.
_URL_PASSWORD = re.compile(
    r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*):(?P<secret>[^\s/]*)@(?=[^@\s/]*(?:[/?\s]|$))", re.I
)
#: password=... as a keyword (libpq form) or a query parameter.
_KEYWORD_PASSWORD = re.compile(
    r"(?P<head>\b(?:password|passwd|pwd)\s*=\s*)(?P<secret>'(?:[^'\\]|\\.)*'|[^\s&;]+)", re.I
)


def redact_dsn(text: str) -> str:
    """``text`` with every DSN password in it replaced by ``***``."""
    text = _URL_PASSWORD.sub(lambda m: f"{m.group('head')}:***@", text)
    return _KEYWORD_PASSWORD.sub(lambda m: f"{m.group('head')}***", text)
