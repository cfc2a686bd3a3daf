"""RSS and Atom feeds: one article per entry (its content, else its summary, as an HTML
fragment), with the entry's id or link, title, date and author and the feed's title as source."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .readers import Draft, Item, Opener, ReadError, _str, fragment_marker


def _feed_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    for key in ("published", "updated"):
        if entry.get(key):
            return str(entry[key])
    return None


def read_feed(origin: str, base: str, opener: Opener) -> Iterator[Item]:
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
