"""A hostile-input corpus written by the tests: damaged archives, broken records, odd bytes.

``make_hostile_corpus(folder)`` writes one folder holding every kind of trouble a corpus of real
news brings (``Corpus.kinds`` lists them: over 40), mixed with good articles, and says which
article ids must come out stored (``good``) and which problems must be named in the log
(``bad``: a string the logged origin or message must contain). Every article text is made
here from sentence parts written for the tests; each good article is different.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ACTORS = ["Police", "Soldiers", "Protesters", "Farmers", "Students", "Rebels", "Officials",
          "Nurses", "Dockworkers", "Teachers", "Miners", "Villagers"]  # fmt: skip
DEEDS = ["marched through", "blocked roads in", "rallied outside the ministry in",
         "held a sit-in in", "gathered in", "clashed with police in"]  # fmt: skip
PLACES = ["Baghdad", "Lagos", "Caracas", "Kabul", "Karachi", "Nairobi", "Ankara", "Tunis",
          "Lima", "Dhaka", "Manila", "Accra", "Quito", "Amman"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def story(n: int, when: str = "") -> str:
    """A short English news article, different for every ``n``."""
    rng = random.Random(n)
    actor, deed, place = rng.choice(ACTORS), rng.choice(DEEDS), rng.choice(PLACES)
    day = when or f"on {rng.choice(DAYS)}"
    return (
        f"About {120 + 17 * n} {actor.lower()} {deed} {place} {day}, demanding the release of "
        f"{n + 3} detained colleagues, organisers said in statement number {n}.\n\n"
        f"Officials in {place} promised talks within {n % 9 + 2} days, a spokesman said, "
        f"while {rng.choice(ACTORS).lower()} watched from the side of the road."
    )


def html_page(n: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in story(n).split("\n\n"))
    return f"<!doctype html><html lang='en'><head><title>Report {n}</title></head><body><article>{body}</article></body></html>"  # noqa: E501


@dataclass
class Corpus:
    folder: Path
    good: set[str] = field(default_factory=set)
    bad: dict[str, str] = field(default_factory=dict)  # must-appear string -> kind
    kinds: list[str] = field(default_factory=list)
    warned: dict[str, str] = field(default_factory=dict)  # stored id -> warning that must be logged

    def kind(self, name: str) -> None:
        self.kinds.append(name)


def _warc(records: list[tuple[str, str]], gz: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, html in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
        )
    return buf.getvalue()


def _content_length(data: bytes, record: int, delta: int) -> bytes:
    starts = [m.start() for m in re.finditer(rb"WARC/1\.[01]\r\n", data)]
    found = re.compile(rb"Content-Length: (\d+)\r\n").search(data, starts[record])
    assert found is not None
    value = str(int(found.group(1)) + delta).encode()
    return data[: found.start(1)] + value + data[found.end(1) :]


def make_hostile_corpus(folder: Path) -> Corpus:  # noqa: PLR0915 - one long list of kinds
    folder.mkdir(parents=True, exist_ok=True)
    c = Corpus(folder)
    n = iter(range(1, 10_000))

    def good_text(name: str, data: str | bytes) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        c.good.add(Path(name).stem if "/" not in name else name.rsplit(".", 1)[0])

    # -- plain files
    good_text("plain.txt", story(next(n)))
    c.kind("plain text file")
    good_text("crlf.txt", story(next(n)).replace("\n", "\r\n"))
    c.kind("Windows line ends")
    good_text("bom.txt", "\ufeff" + story(next(n)))
    c.kind("UTF-8 byte-order mark")
    good_text("utf16.txt", story(next(n)).encode("utf-16"))
    c.kind("UTF-16 with BOM")
    latin = story(next(n)).replace("officials", "officials’").replace("said", "said café")
    (folder / "cp1252.txt").write_bytes(latin.encode("cp1252"))
    c.good.add("cp1252")
    c.warned["cp1252"] = "not valid UTF-8"
    c.kind("Windows-1252 bytes")
    good_text("page.html", html_page(next(n)))
    c.kind("HTML page")
    good_text("zero-width.txt", story(next(n)).replace("marched", "mar\u200bched") + "\u0301")
    c.kind("zero-width and combining characters")
    good_text("long-line.txt", story(next(n)) + " " + "x" * 5000)
    c.kind("5,000-character word")
    (folder / "sub").mkdir()
    good_text("sub/nested.txt", story(next(n)))
    c.kind("file in a sub-folder")
    (folder / ".hidden.txt").write_text(story(next(n)))
    c.kind("hidden file (ignored)")

    (folder / "empty.txt").write_bytes(b"")
    c.bad["empty.txt"] = "empty"
    c.kind("empty file")
    (folder / "blank.txt").write_text(" \n\t\n ")
    c.bad["blank.txt"] = "empty"
    c.kind("whitespace only")
    elf = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40
    (folder / "program.txt").write_bytes(elf)
    c.bad["program.txt"] = "binary"
    c.kind("program saved as .txt")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(random.Random(1).randbytes(4000))
    (folder / "image.txt").write_bytes(png)
    c.bad["image.txt"] = "binary"
    c.kind("image saved as .txt")
    chinese = (
        "北京市政府周一宣布，将在全市范围内加强交通管理措施，以缓解早晚高峰时段的拥堵状况。" * 3
    )
    (folder / "chinese.txt").write_text(chinese)
    c.bad["chinese.txt"] = "language zh"
    c.kind("Chinese text")
    arabic = "تظاهر آلاف المحتجين في وسط بغداد يوم الجمعة مطالبين الحكومة بالاستقالة بسبب الفساد والبطالة المتفشية في البلاد"  # noqa: E501
    (folder / "arabic.txt").write_text(arabic)
    c.bad["arabic.txt"] = "language ar"
    c.kind("Arabic text")
    (folder / "huge.txt").write_text(story(next(n)) + "\n\n" + "Words of padding here. " * 2000)
    c.bad["huge.txt"] = "size limit"
    c.kind("article over the size limit")
    (folder / "script.html").write_text(
        "<html><body><script>var a = 'Police arrested 40 people in Baghdad';</script></body></html>"
    )  # noqa: E501
    c.bad["script.html"] = "no main text"
    c.kind("HTML with only a script")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 whatever")
    c.bad["notes.pdf"] = "unsupported"
    c.kind("unsupported type")

    odd_name = os.fsdecode(b"caf\xe9-name.txt")  # not UTF-8: a surrogate escape in Python
    (folder / odd_name).write_text(story(next(n)))
    c.good.add("caf\ufffd-name")
    c.warned["caf\ufffd-name"] = "file name is not valid UTF-8"
    c.kind("file name that is not UTF-8")

    # -- links
    os.symlink("loop2", folder / "loop1")
    os.symlink("loop1", folder / "loop2")
    c.bad["loop1"] = "symlink loop"
    c.kind("symlink loop")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    c.bad["dangling.txt"] = "broken symlink"
    c.kind("broken symlink")
    os.symlink("..", folder / "sub" / "up")
    c.kind("folder cycle (sub/up -> ..)")

    # -- compressed
    (folder / "packed.txt.gz").write_bytes(gzip.compress(story(next(n)).encode()))
    c.good.add("packed")
    c.kind("gzip of a text file")
    whole = gzip.compress(story(next(n)).encode() * 3)
    (folder / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    c.bad["cut.txt.gz"] = "EOFError"
    c.kind("truncated gzip")
    broken = bytearray(gzip.compress(story(next(n)).encode() * 3))
    broken[30:50] = b"\x00" * 20
    (folder / "corrupt.txt.gz").write_bytes(bytes(broken))
    c.bad["corrupt.txt.gz"] = "cannot read"
    c.kind("corrupt gzip data")
    buf = io.BytesIO()
    members = {"a.txt": story(next(n)), "b.txt": story(next(n)) * 4, "c.txt": story(next(n))}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
        archive.writestr("__MACOSX/._a.txt", b"\x00\x05\x16\x07")
    data = bytearray(buf.getvalue())
    at = data.index(b"b.txt") + 60  # inside member b's compressed bytes
    data[at : at + 16] = b"\xff" * 16
    (folder / "bundle.zip").write_bytes(bytes(data))
    c.good |= {"bundle/a", "bundle/c"}
    c.bad["bundle.zip!b.txt"] = "cannot read"
    c.kind("zip with a corrupt member")
    (folder / "fake.zip").write_bytes(b"PK\x03\x04 not really a zip")
    c.bad["fake.zip"] = "cannot read"
    c.kind("not a zip")

    # -- WARC
    def pages(tag: str, k: int = 3) -> list[tuple[str, str]]:
        return [(f"https://news.example.org/{tag}/{i}", html_page(next(n))) for i in range(k)]

    recs = pages("junk")
    raw = _warc(recs)
    cut = raw.index(b"WARC/1.", 10)
    (folder / "junk.warc").write_bytes(raw[:cut] + b"GARBAGE BYTES\r\n\x00\x01\x02\r\n" + raw[cut:])
    c.good |= {u for u, _ in recs}
    c.bad["junk.warc[after record"] = "damaged archive"
    c.kind("WARC junk between records")
    recs = pages("short")
    (folder / "short.warc").write_bytes(_content_length(_warc(recs), 1, -25))
    c.good |= {recs[0][0], recs[2][0]}
    c.bad["short.warc[record 2 at byte"] = "Content-Length"
    c.kind("WARC Content-Length too short")
    recs = pages("long")
    (folder / "long.warc").write_bytes(_content_length(_warc(recs), 1, 40))
    c.good |= {recs[0][0], recs[2][0]}
    c.bad["long.warc[record 2 at byte"] = "Content-Length"
    c.kind("WARC Content-Length too long")
    recs = pages("trunc")
    (folder / "trunc.warc").write_bytes(_warc(recs)[:-80])
    c.good |= {recs[0][0], recs[1][0]}
    c.bad["trunc.warc[record 3 at byte"] = "truncated"
    c.kind("WARC last record truncated")
    recs = pages("gz")
    raw = _warc(recs, gz=True)
    cut = raw.index(b"\x1f\x8b\x08", 10)
    (folder / "members.warc.gz").write_bytes(raw[:cut] + b"JUNK" * 8 + raw[cut:])
    c.good |= {u for u, _ in recs}
    c.bad["members.warc.gz[after record"] = "damaged archive"
    c.kind("WARC.gz junk between members")

    # -- CSV
    rows = [(f"csv-{i}", story(next(n)), f"2021-03-0{i}") for i in range(1, 7)]
    lines = ["id,text,date"]
    for rid, text, date in rows:
        if rid == "csv-4":  # the quote never closes: must not swallow csv-5
            c.bad[f"table.csv:{len(lines) + 1}"] = "malformed CSV row"
            lines.append(f'{rid},"{text.replace(chr(10), " ")},{date}')
        else:
            lines.extend(f'{rid},"{text}",{date}'.split("\n"))
    c.bad[f"table.csv:{len(lines) + 1}"] = "malformed CSV row"
    lines.append('csv-7,"one","two",2021-03-07,extra')
    (folder / "table.csv").write_text("\n".join(lines) + "\n")
    c.good |= {r[0] for r in rows if r[0] != "csv-4"}
    c.kind("CSV unterminated quote")
    c.kind("CSV row with too many columns")

    # -- JSON Lines, one trouble per line
    records: list[bytes] = []

    def rec(obj: object, kind: str, good_id: str | None = None, warn: str | None = None) -> int:
        records.append(json.dumps(obj).encode() if not isinstance(obj, bytes) else obj)
        c.kind(kind)
        if good_id is not None:
            c.good.add(good_id)
            if warn:
                c.warned[good_id] = warn
        return len(records)

    rec({"id": "j-ok", "text": story(next(n)), "date": "2021-05-01"}, "JSONL good record", "j-ok")
    rec({"id": "j-sur\udfff", "text": story(next(n))}, "lone surrogate in id", "j-sur\ufffd", "id")
    rec(
        {"id": "j-title", "title": "T\udfff", "text": story(next(n))},
        "lone surrogate in title",
        "j-title",
        "title",
    )  # noqa: E501
    rec(
        {"id": "j-source", "source": "\ud800S", "text": story(next(n))},
        "lone surrogate in source",
        "j-source",
        "source",
    )  # noqa: E501
    rec(
        {"id": "j-text", "text": story(next(n)) + " \udfff"},
        "lone surrogate in text",
        "j-text",
        "text",
    )  # noqa: E501
    rec(
        {"id": "j-nul", "text": story(next(n)).replace(" ", "\x00", 2)},
        "NUL characters in text",
        "j-nul",
        "control",
    )  # noqa: E501
    rec(
        {"id": "j-date", "text": story(next(n)), "date": "2020-01-14garbage"},
        "date with trailing garbage",
        "j-date",
        "not understood",
    )  # noqa: E501
    rec(
        {"id": "j-early", "text": story(next(n), "yesterday"), "date": "0001-01-01"},
        "date 0001-01-01 with 'yesterday'",
        "j-early",
    )  # noqa: E501
    rec(
        {"id": "j-late", "text": story(next(n), "tomorrow"), "date": "9999-12-31"},
        "date 9999-12-31 with 'tomorrow'",
        "j-late",
    )  # noqa: E501
    rec(
        {"id": "j-nodate", "text": story(next(n)), "date": "2020-02-30"},
        "impossible calendar date",
        "j-nodate",
        "not understood",
    )  # noqa: E501
    bad_utf8 = (
        json.dumps({"id": "j-bytes", "text": story(next(n)) + " caf_"})
        .encode()
        .replace(b"caf_", b"caf\xe9")
    )  # noqa: E501
    rec(bad_utf8, "invalid UTF-8 in a JSONL line", "j-bytes", "not valid UTF-8")
    line = rec(b"{this is not json", "line that is not JSON")
    c.bad[f"wire.jsonl:{line}"] = "not valid JSON"
    line = rec([1, 2, 3], "JSON array instead of an object")
    c.bad[f"wire.jsonl:{line}"] = "expected an object"
    line = rec({"id": "j-num", "text": 12345}, "text that is a number")
    c.bad[f"wire.jsonl:{line}"] = "not a string"
    line = rec({"id": "j-empty", "text": "   "}, "empty text field")
    c.bad[f"wire.jsonl:{line}"] = "no text"
    line = rec(b"[" * 100_000, "JSON nested 100,000 deep")
    c.bad[f"wire.jsonl:{line}"] = "JSON"
    (folder / "wire.jsonl").write_bytes(b"\n".join(records) + b"\n")

    # -- feeds
    (folder / "broken.rss").write_text("<rss><channel><item><title>x</title>")
    c.bad["broken.rss"] = "feed"
    c.kind("feed that is not XML")
    return c
