"""Request parameters shared by the routes: the filters (built from the one vocabulary,
``store.filters.VOCABULARY``), paging, and checks of free text."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query

from ..store.filters import VOCABULARY, FilterError, Filters

_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(value: str | None, name: str) -> None:
    """A 400 naming the field for text no store or response can hold: NUL characters and
    lone surrogates (JSON ``"\\udfff"``, which Python decodes but UTF-8 cannot encode)."""
    if not isinstance(value, str):
        return
    if "\x00" in value:
        raise HTTPException(400, f"{name}: NUL characters are not allowed")
    bad = _SURROGATE.search(value)
    if bad is not None:
        raise HTTPException(
            400, f"{name}: a lone surrogate (U+{ord(bad.group()):04X}) at character "
            f"{bad.start()} is not valid Unicode",
        )  # fmt: skip


def parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def filters_dep(**values: str | None) -> Filters:
    """The ``Filters`` of a request's query parameters (one per ``VOCABULARY`` entry)."""
    for name, value in values.items():
        check_text(value, name)
    try:
        return Filters.from_params(**values)
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from None


filters_dep.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter(
            spec.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                str | None,
                Query(
                    max_length=spec.max_length,
                    description=spec.help + (", comma-separated" if spec.multiple else ""),
                ),
            ],
        )
        for spec in VOCABULARY
    ]
)

FiltersDep = Annotated[Filters, Depends(filters_dep)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size (1-1000)")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]
Level = Annotated[
    str, Query(max_length=10, description="event (each event once) or mention (every telling)")
]


def page(total: int, limit: int, offset: int, **rows: Any) -> dict:
    """A page of rows as the API answers it."""
    return {"total": total, "limit": limit, "offset": offset, **rows}
