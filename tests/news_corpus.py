"""A small news corpus written for the tests (not taken from any outlet), in every input form."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

PROTEST = (
    "Baghdad protest\n\n"
    "BAGHDAD (Wire) – Thousands of protesters marched through central Baghdad on Friday, "
    "demanding that the government resign over corruption and unemployment.\n\n"
    "Police fired tear gas at demonstrators near Tahrir Square, witnesses said.\n\n"
    "The prime minister promised reforms in a televised speech on Saturday.\n\n"
    "Read More: Parliament to meet again next week\n\n"
    "Editing by Jane Roe"
)

#: The same wire story as another outlet ran it: one sentence added, sign-off dropped.
PROTEST_COPY = (
    "BAGHDAD (Wire) – Thousands of protesters marched through central Baghdad on Friday, "
    "demanding that the government resign over corruption and unemployment.\n\n"
    "Police fired tear gas at demonstrators near Tahrir Square, witnesses said.\n\n"
    "The prime minister promised reforms in a televised speech on Saturday.\n\n"
    "Read More: Parliament to meet again next week"
)

MEETING = (
    "The foreign ministers of Turkey and Russia met in Ankara on Monday to discuss the war in "
    "Syria, officials said.\n\n"
    "Turkey accused Syrian government forces of shelling a border town last week."
)

SANCTIONS = (
    "The European Union imposed new sanctions on Belarus on Tuesday over the crackdown on the "
    "opposition.\n\n"
    "Belarus rejected the measures and threatened to retaliate."
)

GERMAN = (
    "Die Regierung hat am Freitag neue Sanktionen gegen Russland beschlossen, teilte das "
    "Ministerium in Berlin mit. Die Opposition kritisierte die Entscheidung scharf."
)

HTML_PAGE = """<!doctype html><html lang="en"><head>
<title>EU sanctions Belarus | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Ann Writer">
<meta property="article:published_time" content="2021-06-22T09:00:00Z">
<link rel="canonical" href="https://news.example.org/eu-belarus">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>EU sanctions Belarus</h1>
<p>The European Union imposed new sanctions on Belarus on Tuesday over the crackdown on the
opposition, diplomats in Brussels said.</p>
<p>Belarus rejected the measures and threatened to retaliate against European companies.</p>
<p>The foreign ministers will meet again next month to review the measures.</p>
</article><footer>Share this article</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><language>en-us</language>
<item><guid>wire-1</guid><title>Ankara talks</title><link>https://wire.example.org/1</link>
<pubDate>Mon, 12 Oct 2020 08:00:00 GMT</pubDate>
<description>&lt;p&gt;The foreign ministers of Turkey and Russia met in Ankara on Monday
to discuss the war in Syria.&lt;/p&gt;&lt;p&gt;Turkey accused Syrian government forces of
shelling a border town.&lt;/p&gt;</description></item>
<item><guid>wire-2</guid><title>Empty</title><link>https://wire.example.org/2</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
<entry><id>urn:atom:1</id><title>Sanctions</title><link href="https://atom.example.org/1"/>
<updated>2021-06-22T10:00:00Z</updated>
<content type="html">&lt;p&gt;The European Union imposed new sanctions on Belarus on
Tuesday.&lt;/p&gt;</content></entry></feed>"""


def jsonl_records() -> list[dict]:
    return [
        {"id": "protest-1", "text": PROTEST, "date": "2019-10-04", "source": "Wire"},
        {"id": "protest-2", "text": PROTEST_COPY, "date": "2019-10-04", "source": "Daily"},
        {"id": "protest-3", "text": PROTEST, "date": "2019-10-05", "source": "Weekly"},
        {"id": "meeting-1", "text": MEETING, "date": "2020-10-12", "source": "Wire"},
        {"id": "german-1", "text": GERMAN, "date": "2021-06-22", "source": "Zeitung"},
    ]


def write_corpus(folder: Path) -> Path:
    """A folder with every supported input form; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as fh:
        for record in jsonl_records():
            fh.write(json.dumps(record) + "\n")
        fh.write("{broken json\n")
    (folder / "sanctions.txt").write_text(SANCTIONS, encoding="utf-8")
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "feed.rss").write_text(RSS, encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"not news")
    return folder


def make_warc(path: Path, pages: dict[str, str]) -> Path:
    """A gzipped WARC with one HTML response per URL, plus an image response to ignore."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages.items():
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://news.example.org/logo.png",
                "response",
                payload=io.BytesIO(b"\x89PNG"),
                http_headers=image,
            )
        )
    return path


def gz(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data))
    return path


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path
