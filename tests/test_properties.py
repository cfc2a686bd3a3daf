"""Property-based tests (hypothesis): the Python API and the readers on random Unicode and
random bytes never raise, and what they hand on can always be stored (valid UTF-8, offsets
inside the text). Small ``max_examples`` keep them quick."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.ingest.prepare import Prepared, Skip, prepare
from eventcoder.ingest.readers import Draft, ReadError, iter_records

#: Pieces real corpora hold that random characters rarely hit.
NASTY = st.sampled_from(
    ["\ud800", "\udfff", "\x00", "\x1b", "\u200b", "\ufeff", "\ufffd", "\u202e", "\r\n", "\n\n",
     "\U0001f600", "北京市", "مرحبا", '"', ",", "\t", "<p>", "</script>", "yesterday", "tomorrow",
     "Police arrested 40 protesters in Baghdad on Monday. ", "2020-02-30", "Mosul, Iraq"]
)  # fmt: skip
CHARS = st.characters(exclude_categories=())  # surrogates and control characters included
TEXT = st.lists(st.one_of(CHARS, NASTY), max_size=40).map("".join)
DATES = st.one_of(st.none(), st.sampled_from(["0001-01-01", "9999-12-31", "2020-01-14"]))
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _storable(*values: object) -> None:
    for value in values:
        if isinstance(value, str):
            value.encode("utf-8")  # raises for a lone surrogate


@pytest.mark.slow
@FAST
@given(text=TEXT, title=TEXT, doc_id=TEXT, source=TEXT, date=DATES)
def test_coder_code_never_raises_and_output_can_be_stored(coder, text, title, doc_id, source, date):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        events = coder.code(text, date=date, doc_id=doc_id or None, title=title, source=source)
    for event in events:
        row = json.dumps(event.to_json(), ensure_ascii=False)
        _storable(row)
        assert 0 <= event.sentence_start <= event.sentence_end <= len(text)


RECORD = st.fixed_dictionaries(
    {"id": TEXT, "text": TEXT, "title": TEXT, "date": st.one_of(TEXT, DATES), "source": TEXT}
)


@settings(max_examples=25, deadline=None)
@given(records=st.lists(RECORD, min_size=1, max_size=6), junk=st.lists(st.binary(max_size=40)))
def test_jsonl_and_csv_readers_account_for_every_record(records, junk):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lines = [json.dumps(r).encode() for r in records]
        lines += [b for b in junk if b.strip() and b"\n" not in b and b"\r" not in b]
        (folder / "r.jsonl").write_bytes(b"\n".join(lines) + b"\n")
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "text", "title", "date", "source"])
        for r in records:
            writer.writerow([r["id"], r["text"], r["title"], r["date"] or "", r["source"]])
        (folder / "r.csv").write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
        items = list(iter_records([folder]))
        from_jsonl = [i for i in items if i.origin.split("/")[-1].startswith("r.jsonl")]
        lines_seen = [line for line in lines if line.strip()]
        if not lines_seen[0].lstrip().startswith(b"["):
            assert len(from_jsonl) == len(lines_seen)  # one item per line: none lost or merged
        for item in items:
            assert isinstance(item, Draft | ReadError)
            if isinstance(item, Draft):
                _storable(item.id, item.title, item.source, item.date, item.url, item.author)
                _prepared_is_storable(item)


def _prepared_is_storable(draft: Draft) -> None:
    got = prepare(draft)
    assert isinstance(got, Prepared | Skip)
    if isinstance(got, Prepared):
        a = got.article
        _storable(a.id, a.text, a.title, a.source, a.url, a.language, got.warning)


SUFFIXES = st.sampled_from(
    [".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".rss", ".warc", ".warc.gz", ".txt.gz",
     ".zip"]
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=3000), suffix=SUFFIXES)
def test_random_bytes_in_any_format_never_raise(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(data)
        for item in iter_records([path]):
            assert isinstance(item, Draft | ReadError)
            if isinstance(item, Draft):
                _prepared_is_storable(item)
