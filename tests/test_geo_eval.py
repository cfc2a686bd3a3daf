"""Scoring of where and when (``eventcoder evaluate-geo``) on the project's own gold articles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventcoder.evaluate.geo import (
    GoldDate,
    GoldError,
    date_range,
    evaluate_geo,
    km,
    load_all,
    load_geo_gold,
    same_date,
)

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data"
GOLD = [DATA / "geo_gold_dev.yaml", DATA / "geo_gold_test.yaml"]


def test_gold_files_are_consistent():
    articles = load_all(GOLD)
    assert len(articles) >= 15
    toponyms = [t for a in articles for t in a.toponyms]
    dates = [d for a in articles for d in a.dates]
    assert len(toponyms) >= 90 and len(dates) >= 40
    for art in articles:
        for t in art.toponyms:
            assert art.text[t.start : t.end] == t.text
            assert t.country and (t.geonameid or t.lat is not None), t
        for d in art.dates:
            assert art.text[d.start : d.end] == d.text
    # the hard cases the set is for
    tripolis = {(a.id, t.country) for a in articles for t in a.toponyms if t.text == "Tripoli"}
    assert {c for _, c in tripolis} == {"LBN", "LBY"}
    negatives = {w for a in articles for _, _, w in a.not_toponyms}
    assert {"Iraqi", "Basra Oil Company", "Cairo Criminal Court", "Turkey"} <= negatives


def test_bad_gold_names_the_record(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- id: one\n  text: Police fired in Basra.\n  toponyms:\n    - {text: Najaf, country: IRQ}\n",
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match=r"bad.yaml record 1 \(one\).*'Najaf' occurs 0 time"):
        load_geo_gold(bad)


def test_distance_and_date_ranges():
    assert km(33.3152, 44.3661, 33.3152, 44.3661) == 0
    assert 300 < km(33.34, 44.40, 36.19, 44.01) < 340  # Baghdad-Erbil, about 320 km
    assert date_range("2019-10", "month") == (dt.date(2019, 10, 1), dt.date(2019, 10, 31))
    assert date_range("2020-12", "month")[1] == dt.date(2020, 12, 31)
    assert date_range("2022-02-24", "week") == (dt.date(2022, 2, 21), dt.date(2022, 2, 27))
    gold = GoldDate(0, 0, "", "2019-10-15", "day")
    assert same_date("2019-10", "month", gold) == (False, True)
    assert same_date("2019-10-15", "day", gold) == (True, True)
    assert same_date("2019-11", "month", gold) == (False, False)
    week = GoldDate(0, 0, "", "2022-02-21", "week")
    assert same_date("2022-02-24", "day", week) == (False, True)


def test_scores_move_with_the_gold(tmp_path, coder):
    text = "Clashes erupted in Tripoli, Lebanon, on Friday, the army said."
    right = tmp_path / "right.yaml"
    wrong = tmp_path / "wrong.yaml"
    for path, gid, country in ((right, 266826, "LBN"), (wrong, 2210247, "LBY")):
        path.write_text(
            "- id: a\n  date: 2024-03-12\n"
            f"  text: '{text}'\n"
            f"  toponyms:\n    - {{text: Tripoli, geonameid: {gid}, country: {country}}}\n"
            "    - {text: Lebanon, geonameid: 272103, country: LBN}\n"
            "  dates:\n    - {text: on Friday, value: 2024-03-08, precision: day}\n"
            f"  events:\n    - {{trigger: Clashes, loc: {{geonameid: {gid}, country: {country}}}, "
            "date: {value: 2024-03-08, precision: day}}\n",
            encoding="utf-8",
        )
    good = evaluate_geo(coder, load_geo_gold(right)).to_json()
    bad = evaluate_geo(coder, load_geo_gold(wrong)).to_json()
    assert good["toponyms"]["recall"] == 1.0 and good["toponyms"]["precision"] == 1.0
    assert good["resolution"]["exact_id"] == 1.0 and bad["resolution"]["exact_id"] == 0.5
    assert bad["resolution"]["within_161km"] == 0.5  # Tripoli, Libya is 2,000 km away
    assert good["events"]["loc_country"] == 1.0 and bad["events"]["loc_country"] == 0.0
    assert good["dates"]["exact"] == 1.0 and good["events"]["date_exact"] == 1.0


@pytest.mark.slow
def test_goals_on_the_gold_articles(coder):
    """The issue's goals, on both halves together (README: per half)."""
    report = evaluate_geo(coder, load_all(GOLD)).to_json()
    top, res, ev = report["toponyms"], report["resolution"], report["events"]
    assert top["recall"] >= 0.85 and top["precision"] >= 0.85
    assert res["country_of_resolved"] >= 0.95 and res["within_161km"] >= 0.85
    assert ev["loc_country"] >= 0.95 and ev["loc_within_161km"] >= 0.85
    assert report["dates"]["exact"] >= 0.9
    assert top["hard_negatives_tagged"] <= 0.1 * top["hard_negatives"]


@pytest.mark.slow
def test_evaluate_geo_command(tmp_path, run_cli):
    out = tmp_path / "scores.json"
    run = run_cli("evaluate-geo", GOLD[0], "--json", out, "--errors")
    assert run.exit_code == 0
    assert "toponym recall" in run.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["articles"] == len(load_geo_gold(GOLD[0]))
    assert set(data) >= {"toponyms", "resolution", "dates", "events", "errors"}


TYPED_XML = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <text>Flood waters rose in Springfield, Ill., as Ottawa said it would send help.</text>
    <toponyms>
      <toponym><extractedName>Springfield</extractedName><type>Literal</type>
        <start>21</start><end>32</end><geonamesID>4250542</geonamesID>
        <latitude>39.80172</latitude><longitude>-89.64371</longitude></toponym>
      <toponym><extractedName>Ill.</extractedName><type>Literal</type>
        <start>34</start><end>38</end><geonamesID>4896861</geonamesID>
        <latitude>40.00032</latitude><longitude>-89.25037</longitude></toponym>
      <toponym><extractedName>Ottawa</extractedName><type>Metonymic</type>
        <start>43</start><end>49</end></toponym>
      <toponym><extractedName>waters</extractedName><type>Literal_Expression</type>
        <start>6</start><end>12</end></toponym>
      <toponym><extractedName>bad</extractedName><type>Literal</type>
        <start>-5</start><end>-2</end></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_typed_xml_loads_and_auc(tmp_path):
    from eventcoder.evaluate.geo_types import auc, load_typed_xml

    path = tmp_path / "corpus.xml"
    path.write_text(TYPED_XML, encoding="utf-8")
    (art,) = load_typed_xml(path)
    assert [(t.text, t.type) for t in art.toponyms] == [
        ("Springfield", "Literal"),
        ("Ill.", "Literal"),
        ("Ottawa", "Metonymic"),
        ("waters", "Literal_Expression"),
    ]  # the record with negative offsets is skipped
    assert art.toponyms[0].geonameid == 4250542 and art.toponyms[2].lat is None
    assert auc([0.0, 0.0]) == 0.0
    assert auc([20039.0, 20039.0]) == 1.0
    assert 0.0 < auc([0.0, 100.0, 1000.0]) < 0.5  # type: ignore[operator]


def test_typed_scores_move_with_predictions(tmp_path, coder):
    from eventcoder.evaluate.geo_types import evaluate_typed, load_typed_xml

    path = tmp_path / "corpus.xml"
    path.write_text(TYPED_XML, encoding="utf-8")
    data = evaluate_typed(coder, load_typed_xml(path)).to_json()
    lit = data["types"]["literal (all)"]
    assert lit["gold"] == 2 and data["types"]["Metonymic"]["gold"] == 1
    assert lit["recall"] == 1.0  # "Springfield" and "Ill." are found
    assert lit["within_161km_or_id"] == 1.0
