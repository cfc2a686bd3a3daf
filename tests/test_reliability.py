"""Nothing lost, nothing crashes (issue 15): hostile input through ``ingest``, ``code`` and the
Python API. Each numbered case of the issue that lives outside the server and the store has a
test here; ``test_hostile_corpus_*`` runs every kind of trouble at once."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.clean import Clean
from eventcoder.document import Document
from eventcoder.ingest import count_records, ingest, iter_records
from eventcoder.ingest.prepare import LanguageDetector, Prepared, Skip, detect_language, prepare
from eventcoder.ingest.readers import Draft, ReadError, parse_date
from eventcoder.pipeline import TimeBudgetExceeded
from eventcoder.records import Article
from eventcoder.sanitize import InputWarning, looks_binary, scrub
from eventcoder.store import open_store

from .hostile import make_hostile_corpus, story


def _plain(output: str) -> str:
    """CLI output with rich's error box and line wrapping taken out."""
    return re.sub(r"[\s│╭╮╰╯─]+", " ", output)


def _cli(monkeypatch, coder):
    from eventcoder import cli

    monkeypatch.setattr("eventcoder.coder.Coder", lambda **_: coder)
    cli._register_commands()
    return cli.app


# ---------------------------------------------------------------- the hostile corpus


def test_hostile_corpus_nothing_lost_nothing_crashes(tmp_path, monkeypatch, coder):
    """Cases 1-4, 6, 13: the run completes, every good record is stored exactly once, every
    bad one is named (store log and stderr), no traceback; a rerun adds nothing."""
    corpus = make_hostile_corpus(tmp_path / "corpus")
    assert len(set(corpus.kinds)) >= 40
    assert count_records([corpus.folder]) > 0  # counting never fails where coding would not
    app = _cli(monkeypatch, coder)
    db = str(tmp_path / "h.duckdb")
    args = ["ingest", str(corpus.folder), "--db", db, "--no-progress", "--max-chars", "20000"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.exception is None and "Traceback" not in result.output
    with open_store(db) as store:
        stored = [r[0] for r in store.fetchall("SELECT id FROM articles")]
        hashes = [r[0] for r in store.fetchall("SELECT content_hash FROM articles")]
        log = store.fetchall("SELECT source, record, error, kind, article_id FROM ingest_errors")
    assert sorted(stored) == sorted(corpus.good)  # nothing lost, nothing extra
    assert len(set(hashes)) == len(hashes)  # no duplicates
    for where, what in corpus.bad.items():
        named = [r for r in log if where in f"{r[0]} {r[2]}" and what.lower() in r[2].lower()]
        assert named, f"{where} ({what}) not in the store's log"
        assert where.split("[")[0].split(":")[0] in result.output  # and on stderr
    for article_id, what in corpus.warned.items():
        assert any(r[4] == article_id and r[3] == "warning" and what in r[2] for r in log), what
    again = CliRunner().invoke(app, [*args, "--json"])
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout[again.stdout.index("{") :])
    assert summary["new"] == 0 and summary["already_stored"] == len(corpus.good)


def test_hostile_corpus_through_code_names_every_bad_record(tmp_path, monkeypatch, coder):
    """``code`` on the same files: records that cannot be coded are named, exit status 1."""
    corpus = make_hostile_corpus(tmp_path / "corpus")
    app = _cli(monkeypatch, coder)
    files = [str(corpus.folder / n) for n in ("plain.txt", "program.txt", "chinese.txt")]
    result = CliRunner().invoke(app, ["code", *files, "-f", "jsonl"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "program.txt: binary content" in result.output
    assert "chinese.txt: language zh" in result.output
    assert "2 record(s) not coded" in result.output
    events = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert events and {e["doc_id"] for e in events} == {"plain"}


# ---------------------------------------------------------------- readers, case by case


def test_csv_unterminated_quote_is_reported_and_never_merged(tmp_path):
    rows = ['id,text,date', '1,"First report.",2021-01-01', '2,"Second report, no end,2021-01-02',
            '3,"Third report.",2021-01-03', '4,Fourth report.,2021-01-04']  # fmt: skip
    path = tmp_path / "t.csv"
    path.write_text("\n".join(rows) + "\n")
    items = list(iter_records([path]))
    drafts = {d.id: d for d in items if isinstance(d, Draft)}
    assert set(drafts) == {"1", "3", "4"}
    assert drafts["3"].text == "Third report." and drafts["3"].date == "2021-01-03"
    [error] = [e for e in items if isinstance(e, ReadError)]
    assert error.origin.endswith("t.csv:3") and "quote" in error.error


def test_symlink_loop_and_broken_link_are_named_and_the_walk_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(story(1))
    (tmp_path / "loop1").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop1")
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")
    items = list(iter_records([tmp_path]))
    assert [d.id for d in items if isinstance(d, Draft)] == ["a"]
    errors = {Path(e.origin).name: e.error for e in items if isinstance(e, ReadError)}
    assert errors == {
        "gone.txt": "cannot read: broken symlink",
        "loop1": "cannot read: symlink loop",
        "loop2": "cannot read: symlink loop",
    }


def test_warc_damage_is_isolated_to_its_record(tmp_path):
    from .hostile import _content_length, _warc, html_page

    pages = [(f"https://x.example/{i}", html_page(i)) for i in range(3)]
    (tmp_path / "s.warc").write_bytes(_content_length(_warc(pages), 1, -25))
    items = list(iter_records([tmp_path / "s.warc"]))
    assert [d.id for d in items if isinstance(d, Draft)] == [pages[0][0], pages[2][0]]
    [bad] = [e for e in items if isinstance(e, ReadError)]
    assert "record 2" in bad.origin and "Content-Length" in bad.error
    # the third record is whole, not shifted by the second one's wrong length
    third = prepare([d for d in items if isinstance(d, Draft)][-1])
    assert isinstance(third, Prepared) and "statement number 2" in third.article.text


def test_invalid_utf8_is_read_with_a_warning_that_counts(tmp_path):
    (tmp_path / "w.txt").write_bytes(story(3).encode("cp1252") + b" caf\xe9 \x81\x8d")
    [draft] = iter_records([tmp_path / "w.txt"])
    assert isinstance(draft, Draft) and "3 undecodable byte sequence(s)" in draft.warnings[0]
    got = prepare(draft)
    assert isinstance(got, Prepared) and "not valid UTF-8" in (got.warning or "")


# ---------------------------------------------------------------- preparation


def test_binary_content_is_rejected(tmp_path):
    ls = Path("/bin/ls")
    data = ls.read_bytes() if ls.exists() else b"\x7fELF\x02\x01" + bytes(range(256)) * 64
    (tmp_path / "ls.txt").write_bytes(data)
    [draft] = iter_records([tmp_path / "ls.txt"])
    got = prepare(draft)
    assert isinstance(got, Skip) and got.reason == "binary content"
    assert not looks_binary(story(4)) and not looks_binary("naïve café — “quoted” 北京")


def test_language_check_works_for_scripts_without_spaces():
    chinese = "北京市政府周一宣布将在全市范围内加强交通管理措施以缓解早晚高峰时段的拥堵状况"
    assert detect_language(chinese, LanguageDetector())[0] == "zh"
    got = prepare(Draft(origin="zh.txt", id="zh", text=chinese))
    assert isinstance(got, Skip) and got.reason == "not English"


def test_surrogates_and_control_characters_are_repaired_one_for_one():
    fixed, n = scrub("a\udfffb\x00c\ud83d\ude00")
    assert (fixed, n) == ("a\ufffdb c\ufffd\ufffd", 4)
    assert len(fixed) == len("a\udfffb\x00c\ud83d\ude00")
    fixed.encode("utf-8")
    draft = Draft(origin="x:1", id="i\udfff", title="t\ud800", source="s\udc80", text=story(5))
    got = prepare(draft)
    assert isinstance(got, Prepared) and "\ufffd" in got.article.id  # scrub_article: id too
    assert all(v.encode("utf-8") for v in (got.article.id, got.article.title, got.article.source))


def test_article_size_limit_is_a_named_skip():
    got = prepare(Draft(origin="big.txt", id="big", text="word " * 50_000), max_chars=100_000)
    assert isinstance(got, Skip) and got.reason == "too long" and "--max-chars" in got.detail
    assert isinstance(prepare(Draft(origin="b", id="b", text=story(6)), max_chars=None), Prepared)


def test_a_5mb_article_is_skipped_by_default(tmp_path):
    sentence = "Police arrested forty protesters in Baghdad on Monday, witnesses said. "
    (tmp_path / "giant.txt").write_text(sentence * (5_000_000 // len(sentence)))
    [draft] = iter_records([tmp_path / "giant.txt"])
    got = prepare(draft)
    assert isinstance(got, Skip) and got.reason == "too long"
    assert "200,000" in got.detail and "giant.txt" in got.detail


def test_dates_with_trailing_garbage_are_not_taken():
    assert parse_date("2020-01-14garbage") == (
        None,
        "publication date '2020-01-14garbage' not understood (kept no date)",
    )
    assert parse_date("2020-01-14T10:00:00Z") == ("2020-01-14", None)
    assert parse_date("Tue, 14 Jan 2020 10:00:00 GMT") == ("2020-01-14", None)


# ---------------------------------------------------------------- the Python API


def test_coder_repairs_surrogates_anywhere_with_a_named_warning(coder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = coder.code(
            "Police arrested \udfff forty protesters in Baghdad on Monday.\x00",
            date="2020-01-14",
            doc_id="id\udfff",
            title="T\ud800",
            source="\udc80",
        )
    named = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    for field in ("id", "text", "title", "source"):
        assert any(f"field '{field}'" in m for m in named), field
    assert events and all(json.dumps(e.to_json(), ensure_ascii=False).encode() for e in events)


@pytest.mark.parametrize(
    ("date", "when"), [("0001-01-01", "yesterday"), ("9999-12-31", "tomorrow")]
)
def test_dates_beyond_the_calendar_abstain_with_a_reason(coder, date, when):
    events = coder.code(f"Police arrested forty protesters in Baghdad {when}.", date=date)
    assert events
    assert events[0].date is None and "outside the calendar" in events[0].date_info.reason


def test_a_date_that_is_no_calendar_day_in_the_text_does_not_crash(coder):
    events = coder.code("Police arrested forty protesters in Baghdad on 2020-02-30.", date=None)
    assert events and all(e.date is None for e in events)
    assert "not a calendar date" in events[0].date_info.reason


def test_time_budget_leaves_the_article_uncoded_and_ingest_goes_on(tmp_path, coder):

    hasty = coder.variant(time_budget=1e-9)
    with pytest.raises(TimeBudgetExceeded, match="time budget"):
        hasty.code(story(7))
    (tmp_path / "a.txt").write_text(story(8))
    with open_store(str(tmp_path / "b.duckdb")) as store:
        summary = ingest([tmp_path / "a.txt"], store, coder=hasty)
        assert summary.skipped == {"over time budget": 1} and summary.new == 0


# ---------------------------------------------------------------- bounded work


def test_cleaning_still_finds_repeats_with_bounded_comparisons():
    lede = "Rebels seized the town of Tal Afar on Sunday after heavy fighting, officials said."
    middle = [f"Paragraph {i} tells of talks number {i} between {i + 2} envoys." for i in range(60)]
    text = "\n\n".join([lede, *middle, lede.replace("Sunday", "Sunday,"), middle[3]])
    doc = Clean()(Document(article=Article(id="r", text=text)))
    kept = [text[s.start : s.end] for s in doc.segments]
    assert len(kept) == 61  # the lede told again (near) and a middle paragraph (exact) set aside
    assert [d.text for d in doc.dropped][-2:] == [lede.replace("Sunday", "Sunday,"), middle[3]]


def test_place_entities_per_sentence_match_spacy(coder):
    from eventcoder.places import _within_span

    doc = coder.nlp(" ".join(story(i).replace("\n\n", " ") for i in range(20)))
    ents = list(doc.ents)
    for sent in doc.sents:
        assert [(e.start, e.end) for e in _within_span(sent, ents)] == [
            (e.start, e.end) for e in sent.ents
        ]


# ---------------------------------------------------------------- the CLI (cases 11-13)


def test_code_cli_messages_instead_of_tracebacks(tmp_path, monkeypatch, coder):
    app = _cli(monkeypatch, coder)
    runner = CliRunner()
    (tmp_path / "a.txt").write_text(story(9))
    bad_date = runner.invoke(app, ["code", str(tmp_path / "a.txt"), "--date", "2020-01-14garbage"])
    assert bad_date.exit_code == 2 and "not an ISO date" in _plain(bad_date.output)
    folder = runner.invoke(app, ["code", str(tmp_path)])
    assert folder.exit_code == 2 and "is a folder" in _plain(folder.output)
    assert "Traceback" not in bad_date.output + folder.output
    ingest_date = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb"),
                                      "--date", "2020-01-14garbage"])  # fmt: skip
    assert ingest_date.exit_code == 2 and "not an ISO date" in _plain(ingest_date.output)


def test_code_jsonl_keeps_a_record_with_a_bad_date_and_exits_by_outcome(
    tmp_path, monkeypatch, coder
):
    app = _cli(monkeypatch, coder)
    runner = CliRunner()
    lines = [
        {
            "id": "good",
            "text": "Police arrested forty protesters in Baghdad.",
            "date": "2020-01-14",
        },
        {"id": "odd", "text": "Troops shelled the town of Kobani.", "date": "2020-01-14garbage"},
        {"id": "sur\udfff", "text": "Rebels attacked a convoy near Mosul."},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = runner.invoke(app, ["code", str(path), "--input", "jsonl", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "pydantic" not in result.output and "not understood" in result.output
    docs = {json.loads(x)["doc_id"] for x in result.stdout.splitlines() if x.startswith("{")}
    assert docs == {"good", "odd", "sur\ufffd"}
    path.write_text('{"id": "x", "text": ""}\n{not json\n')
    failed = runner.invoke(app, ["code", str(path), "--input", "jsonl"])
    assert failed.exit_code == 1
    assert "in.jsonl:1" in failed.output and "in.jsonl:2" in failed.output


def test_code_reads_html_as_ingest_does(tmp_path, monkeypatch, coder):
    app = _cli(monkeypatch, coder)
    page = (
        "<!doctype html><html><head><title>Talks</title><script>var s = 'Police arrested "
        "forty people in Baghdad';</script></head><body><article><p>The foreign ministers of "
        "Turkey and Russia met in Ankara on Monday to discuss the war in Syria, officials "
        "said.</p></article></body></html>"
    )
    for name in ("page.html", "page-as-text.txt"):
        (tmp_path / name).write_text(page)
        result = CliRunner().invoke(app, ["code", str(tmp_path / name), "-f", "jsonl"])
        assert result.exit_code == 0, result.output
        events = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
        assert events and not any("arrested" in " ".join(e["event_text"]) for e in events)


def test_code_warns_about_invalid_utf8(tmp_path, monkeypatch, coder):
    app = _cli(monkeypatch, coder)
    (tmp_path / "w.txt").write_bytes(b"Police arrested forty people in Baghdad \x81\x8d today.")
    result = CliRunner().invoke(app, ["code", str(tmp_path / "w.txt"), "-f", "jsonl"])
    assert result.exit_code == 0 and "warning:" in result.output
    assert "not valid UTF-8" in result.output


# ---------------------------------------------------------------- secrets (case 9)


def test_dsn_passwords_are_masked_in_every_form():
    from eventcoder.redact import redact_dsn

    assert redact_dsn("postgresql://u:PASSWORD@db:5432/ev") == "postgresql://u:***@db:5432/ev"
    assert "p@ss" not in redact_dsn("postgresql://u:p@ss@db/ev")
    assert redact_dsn("host=db password=s3cret dbname=ev") == "host=db password=*** dbname=ev"
    assert "x2" not in redact_dsn("postgres://db/ev?sslmode=require&password=x2")
    assert redact_dsn("events.duckdb") == "events.duckdb"


def test_serve_banner_masks_the_dsn_password(monkeypatch):
    import uvicorn

    from eventcoder import serve
    from eventcoder.cli import _register_commands, app

    class Quiet:
        def close(self) -> None:
            pass

    monkeypatch.setattr(serve, "open_for_serving", lambda *a, **k: Quiet())
    monkeypatch.setattr(serve, "create_app", lambda *a, **k: object())
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    _register_commands()
    dsn = "postgresql://reader:PASSWORD@db.example:5432/events"
    result = CliRunner().invoke(app, ["serve", "--db", dsn])
    assert result.exit_code == 0, result.output
    assert "PASSWORD" not in result.output and "reader:***@db.example" in result.output
