"""Scoring on tiny gold sets with answers worked out by hand."""

from __future__ import annotations

import json

import pytest

from eventcoder.evaluate import GoldItem, evaluate, load_gold, prf
from eventcoder.records import Article, CodedArticle, Entity, Event, EventDate

from .conftest import PLOVER_GOLD, MainEventsOnly, need_shared


class FakeCoder:
    """Answers from a table: text -> list of (type, actor code)."""

    def __init__(self, answers):
        self.answers = answers

    def code_article(self, article: Article) -> CodedArticle:
        events = [
            Event(
                id=f"{article.id}:{n}",
                date_info=EventDate(reason="test"),
                event=t,
                actor=[Entity(entity_text="X", code=code)],
                text=article.text,
                sentence_start=0,
                sentence_end=len(article.text),
                sentence_index=0,
                confidence=1.0,
                detector="fake",
            )  # fmt: skip
            for n, (t, code) in enumerate(self.answers.get(article.text, []))
        ]
        return CodedArticle(article=article, events=events)


def test_prf_by_hand():
    assert prf(2, 1, 1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_scores_per_type_any_event_and_false_events():
    gold = [
        GoldItem("1", "a", "PROTEST"),
        GoldItem("2", "b", "PROTEST"),
        GoldItem("3", "c", "ASSAULT"),
        GoldItem("4", "d", "NONE"),
        GoldItem("5", "e", "NONE"),
    ]
    coder = FakeCoder({"a": [("PROTEST", "IRQ")], "b": [("ASSAULT", None)], "c": [("ASSAULT", None)],
                       "d": [("REQUEST", None)]})  # fmt: skip
    report = evaluate(coder, gold)
    # PROTEST: tp 1, fn 1, fp 0 -> P 1, R .5; ASSAULT: tp 1, fp 1 -> P .5, R 1
    assert report.per_type["PROTEST"]["precision"] == 1.0
    assert report.per_type["PROTEST"]["recall"] == 0.5
    assert report.per_type["ASSAULT"]["precision"] == 0.5
    assert report.any_event_recall == 1.0
    assert report.false_event_rate == 0.5
    assert report.confusion["PROTEST"] == {"PROTEST": 1, "ASSAULT": 1}
    assert report.macro["f1"] == pytest.approx((2 / 3 + 2 / 3) / 2)


def test_actor_country_accuracy():
    from eventcoder.evaluate import GoldActor

    gold = [GoldItem("1", "a", "PROTEST", source=[GoldActor("X", "IRQ", None)]),
            GoldItem("2", "b", "PROTEST", source=[GoldActor("X", "IRN", None)])]  # fmt: skip
    report = evaluate(FakeCoder({"a": [("PROTEST", "IRQ")], "b": [("PROTEST", "IRQ")]}), gold)
    assert report.actors["actor"]["country"] == 0.5


def test_csv_and_jsonl_gold(tmp_path):
    csv_path = tmp_path / "g.csv"
    csv_path.write_text(
        'text,label,source\n"Police arrested him.",COERCE,IRQ COP\n', encoding="utf-8"
    )
    [item] = load_gold(csv_path)
    assert (item.label, item.source[0].code, item.source[0].sector) == ("COERCE", "IRQ", "COP")
    jl = tmp_path / "g.jsonl"
    jl.write_text(json.dumps({"text": "x", "label": "FIGHT"}) + "\n", encoding="utf-8")
    assert load_gold(jl)[0].label == "ASSAULT"  # PLOVER 0.5 label mapped
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nx,DANCE\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a PLOVER type"):
        load_gold(bad)


def test_plover_gold_records_parse():
    items = load_gold(need_shared(PLOVER_GOLD))
    assert len(items) == 322
    assert {i.label for i in items} <= {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
        "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
        "COERCE", "ASSAULT"}  # fmt: skip
    assert not [a for i in items for a in i.source if a.code in ("JAP", "ITL", "VTN")]


@pytest.mark.slow
def test_evaluate_command_writes_json(tmp_path, run_cli):
    gold = tmp_path / "g.csv"
    gold.write_text(
        "text,label\n"
        '"Police arrested three opposition activists in Lagos.",COERCE\n'
        '"The river is 300 kilometres long.",NONE\n',
        encoding="utf-8",
    )
    out = tmp_path / "scores.json"
    assert run_cli("evaluate", gold, "--json", out).exit_code == 0
    scores = json.loads(out.read_text())
    assert scores["per_type"]["COERCE"]["recall"] == 1.0
    assert scores["false_event_rate"] == 0.0


def test_type_scores_count_as_evaluate_does():
    from eventcoder.evaluate import type_scores

    gold = [GoldItem("1", "a", "PROTEST"), GoldItem("2", "b", "PROTEST"),
            GoldItem("3", "c", "ASSAULT"), GoldItem("4", "d", "NONE"), GoldItem("5", "e", "NONE")]  # fmt: skip
    answers = {"a": [("PROTEST", None), ("REQUEST", None)], "b": [("ASSAULT", None)],
               "c": [("ASSAULT", None)], "d": [("REQUEST", None)]}  # fmt: skip
    report = evaluate(FakeCoder(answers), gold)
    pairs = [(g.label, {t for t, _ in answers.get(g.text, [])}) for g in gold]
    scores = type_scores(pairs)
    assert scores["macro_f1"] == pytest.approx(report.macro["f1"])
    assert scores["micro_f1"] == pytest.approx(report.micro["f1"])
    assert scores["any_event_recall"] == report.any_event_recall == 1.0
    assert scores["false_event_rate"] == report.false_event_rate == 0.5


@pytest.mark.slow
def test_evaluate_scores_main_events_unless_all_events(tmp_path, run_cli):
    gold = tmp_path / "g.csv"
    gold.write_text(
        "text,label\n"
        '"Serbia lifted the night curfew in the town, where 28 people were killed in riots.",'
        "CONCEDE\n",
        encoding="utf-8",
    )
    scores = {}
    for flag in ([], ["--all-events"]):
        out = tmp_path / f"scores{len(flag)}.json"
        assert run_cli("evaluate", gold, "--json", out, *flag).exit_code == 0
        scores[bool(flag)] = json.loads(out.read_text())
    assert scores[False]["events_scored"] == "main" and scores[True]["events_scored"] == "all"
    assert scores[False]["per_type"]["CONCEDE"]["precision"] == 1.0
    assert "ASSAULT" not in scores[False]["per_type"]
    assert scores[True]["per_type"]["ASSAULT"]["precision"] == 0.0  # the background killings


@pytest.mark.slow
def test_accuracy_on_the_held_out_sentences_does_not_regress(coded_once):
    """A guard, not a target: the figures the README reports for the rules (macro-F1 0.84,
    false-event rate 0.05 on benchmarks/data/heldout_sentences.csv) with some slack. The
    main-events-only coding is read from the session's coding of these sentences (the
    behaviour lock codes them too): ``MainEventsOnly``, the same events and scores."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "heldout_sentences.csv"
    items = load_gold(path)
    assert len(items) == 170
    report = evaluate(MainEventsOnly(coded_once), items)
    assert report.macro["f1"] >= 0.80
    assert report.any_event_recall >= 0.78
    assert report.false_event_rate is not None and report.false_event_rate <= 0.10


def _event(t: str, actor: str = "", recipient: str = "", conf: float = 1.0, salience="main"):
    return Event(
        id=f"e-{t}-{conf}", date_info=EventDate(reason="test"), event=t,
        actor=[Entity(entity_text=actor)] if actor else [],
        recipient=[Entity(entity_text=recipient)] if recipient else [],
        text="x", sentence_start=0, sentence_end=1, sentence_index=0, confidence=conf,
        detector="fake", salience=salience,
    )  # fmt: skip


class EventCoder:
    """Answers from a table: text -> list of events."""

    def __init__(self, answers):
        self.answers = answers

    def code_article(self, article: Article) -> CodedArticle:
        return CodedArticle(article=article, events=self.answers.get(article.text, []))


def test_marked_form_gives_text_and_spans():
    from eventcoder.evaluate.roles import parse_marked

    text, source, target = parse_marked("On Monday <s>the army</s> shelled <t>rebel bases</t>.")
    assert text == "On Monday the army shelled rebel bases."
    assert (source, target) == ("the army", "rebel bases")
    assert parse_marked("No marks here.") == ("No marks here.", None, None)


def test_role_labelled_csv_with_yield(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text(
        "sentence_id,text,label,source,target,marked\n"
        '7,"The FBI questioned Ann Lee.",CONSULT,The FBI,Ann Lee,'
        '"<s>The FBI</s> questioned <t>Ann Lee</t>."\n'
        '8,"Rebels left the town.",YIELD,Rebels,the town,"<s>Rebels</s> left <t>the town</t>."\n',
        encoding="utf-8",
    )
    first, second = load_gold(path)
    assert (first.id, first.source_span, first.target_span) == ("7", "The FBI", "Ann Lee")
    assert first.source == [] and second.label == "YIELD"
    only_marked = tmp_path / "marked.jsonl"
    only_marked.write_text(json.dumps({"marked": "<s>Iran</s> warned <t>Iraq</t>.",
                                       "label": "THREATEN"}) + "\n", encoding="utf-8")  # fmt: skip
    [item] = load_gold(only_marked)
    assert (item.text, item.source_span, item.target_span) == ("Iran warned Iraq.", "Iran", "Iraq")


def test_one_type_per_sentence_and_role_overlap():
    gold = [
        GoldItem("1", "a", "ASSAULT", source_span="the Syrian army", target_span="rebel positions"),
        GoldItem("2", "b", "YIELD", source_span="the rebels", target_span="the town"),
        GoldItem("3", "c", "ACCUSE", source_span="Jane Doe", target_span="the mayor"),
        GoldItem("4", "d", "ACCUSE", source_span="Lee", target_span="the court"),
    ]
    answers = {
        # background first in text, but the main event decides; the recipient shares "rebel"
        "a": [_event("PROTEST", salience="background"),
              _event("ASSAULT", "army", "the rebel fighters", conf=0.6)],
        # RETREAT counts as YIELD; no recipient coded
        "b": [_event("RETREAT", "rebels")],
        # the more confident event is the sentence's type: a miss for ACCUSE
        "c": [_event("ACCUSE", "Doe", "mayor", conf=0.5), _event("REJECT", "Doe", conf=0.9)],
    }  # fmt: skip
    report = evaluate(EventCoder(answers), gold)
    s = report.sentence
    assert s["yield_is_concede_or_retreat"] is True
    assert s["accuracy"] == 0.5
    # ASSAULT 1/1, YIELD 1/1, ACCUSE 0 of 2 (REJECT is a false positive, not a gold type)
    assert s["macro_f1"] == pytest.approx((1 + 1 + 0) / 3)
    # sources: army (overlap, head), rebels (overlap, head), Doe (ACCUSE event exists), Lee (none)
    assert s["source"]["overlap"] == 0.75
    assert s["target"]["overlap"] == 0.5  # rebel, mayor
    assert s["target"]["head_match"] == 0.25  # only "mayor": "positions" is not in the recipient
    assert s["recipient_rate"]["coded"] == 0.5  # a and c (c's ACCUSE event has one)
    assert [m["id"] for m in report.misses] == ["2", "3", "4"]
    assert report.misses[2]["coded"] == "NONE"


@pytest.mark.slow
def test_evaluate_command_on_role_labelled_gold(tmp_path, run_cli):
    gold = tmp_path / "roles.csv"
    gold.write_text(
        "text,label,source,target\n"
        '"Police arrested three opposition activists in Lagos.",COERCE,Police,'
        "three opposition activists\n"
        '"The rebels withdrew from the town on Sunday.",YIELD,The rebels,the town\n',
        encoding="utf-8",
    )
    out = tmp_path / "scores.json"
    run = run_cli("evaluate", gold, "--errors", "--json", out)
    assert run.exit_code == 0
    assert "YIELD = a coded CONCEDE or RETREAT" in run.stdout
    s = json.loads(out.read_text())["sentence"]
    assert s["sentences"] == 2 and s["yield_is_concede_or_retreat"] is True
    assert s["source"]["per_type"]["COERCE"]["overlap"] == 1.0
    assert s["target"]["per_type"]["COERCE"]["head_match"] == 1.0
    for miss in json.loads(out.read_text())["misses"]:
        assert f"[{miss['id']}] missed" in run.stdout
