"""Geolocation on sentences written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from eventcoder.places import gazetteer


def loc(events, event_type):
    ev = next(e for e in events if e.event == event_type)
    return ev.event_loc


def test_gazetteer_exact_names_and_alternates():
    gaz = gazetteer()
    assert gaz.lookup("Qom")[0].geonameid == 119208
    assert gaz.lookup("Basra")[0].geonameid == 99532  # an alternate name of Basrah
    assert {p.country for p in gaz.lookup("Tripoli")} >= {"LBY", "LBN"}
    assert gaz.lookup("Hami") and all(p.name != "Qom" for p in gaz.lookup("Hami"))


def test_place_of_the_event_from_its_locative_phrase(coder):
    events = coder.code(
        "The envoy met with tribal leaders in his office in the Iranian city of Qom."
    )
    where = loc(events, "CONSULT")
    assert (where.geonameid, where.country_code, where.precision) == (119208, "IRN", "city")
    text = "The envoy met with tribal leaders in his office in the Iranian city of Qom."
    assert text[where.start : where.end] == "Qom"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Clashes erupted in Tripoli, Lebanon, on Friday.", "LBN"),
        ("The Lebanese army said clashes erupted in Tripoli on Friday.", "LBN"),
        ("Clashes erupted in Tripoli on Friday.", "LBY"),  # the most populous of that name
    ],
)
def test_same_name_in_several_countries(coder, text, country):
    events = coder.code(text)
    assert loc(events, "ASSAULT").country_code == country


def test_demonym_place_is_country_level(coder):
    events = coder.code("Protests that began in October spread to many Iraqi cities.")
    events = coder.code("Protesters marched in many southern Iraqi cities.")
    where = loc(events, "PROTEST")
    assert (where.country_code, where.precision) == ("IRQ", "country")


def test_object_and_actor_places_are_not_the_event_place(coder):
    events = coder.code("The minister said US troops would not leave Iraq.")
    assert loc(events, "REJECT") is None
    ev = next(e for e in events if e.event == "REJECT")
    assert ev.reasons["event_loc"] == "no place in text"


def test_dateline_fallback(coder):
    text = "BAGHDAD (Wire) – Gunmen attacked a police patrol on Sunday, officials said."
    where = loc(coder.code(text), "ASSAULT")
    assert where.resolved_place == "Baghdad" and where.reason == "dateline fallback"


def test_places_command_lists_mentions(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Police clashed with protesters in Basra and in Najaf on Friday.", encoding="utf-8"
    )
    out = subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", "places", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["extracted_place"], r["geonameid"]) for r in rows] == [
        ("Basra", 99532),
        ("Najaf", 98860),
    ]
    assert all(r["doc_id"] == "a" for r in rows)
