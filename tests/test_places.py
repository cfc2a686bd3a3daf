"""Geolocation on sentences written for these tests."""

from __future__ import annotations

import json

import pytest


def loc(events, event_type):
    ev = next(e for e in events if e.event == event_type)
    return ev.event_loc


def test_gazetteer_exact_names_and_alternates(coder):
    gaz = coder.knowledge.gazetteer
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


def test_a_march_through_a_city_happened_there(coder):
    text = "Several hundred nurses marched through Lagos on Saturday, demanding unpaid wages."
    where = loc(coder.code(text), "PROTEST")
    assert (where.resolved_place, where.country_code) == ("Lagos", "NGA")
    assert text[where.start : where.end] == "Lagos"


def test_a_crowd_counted_in_thousands_is_the_doer(coder):
    [protest] = [e for e in coder.code("Thousands of dockers protested in Durban on Monday.")
                 if e.event == "PROTEST"]  # fmt: skip
    assert [a.entity_text for a in protest.actor] == ["Thousands of dockers"]
    assert protest.event_loc.resolved_place == "Durban"


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


def test_places_command_lists_mentions(tmp_path, run_cli):
    path = tmp_path / "a.txt"
    path.write_text(
        "Police clashed with protesters in Basra and in Najaf on Friday.", encoding="utf-8"
    )
    out = run_cli("places", path)
    assert out.exit_code == 0
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["extracted_place"], r["geonameid"]) for r in rows] == [
        ("Basra", 99532),
        ("Najaf", 98860),
    ]
    assert all(r["doc_id"] == "a" for r in rows)


def test_own_name_before_a_larger_alternate_and_admin1(coder):
    gaz = coder.knowledge.gazetteer
    assert gaz.lookup("Islamabad")[0].country == "PAK"  # not Chattogram, once so named
    assert gaz.lookup("New Delhi")[0].geonameid == 1261481  # not Delhi
    [sindh] = [p for p in gaz.lookup("Sindh") if p.precision == "admin1"]
    assert sindh.country == "PAK" and 23 < sindh.lat < 29 and 66 < sindh.lon < 72
    assert gaz.lookup("Basra")[0].feature_class == "P"  # the city before the governorate
    assert not gaz.lookup("Western")  # a division's generic name is no place name


def places_of(coder, text, date=None):
    from eventcoder.records import Article

    doc = coder.process(Article(id="t", text=text, date=date))
    return [(p.extracted_place, p.country_code, p.reason) for p in doc.places]


def test_mislabelled_names_in_place_positions_and_acting_governments(coder):
    text = (
        "Hundreds of farmers rallied in Multan and Faisalabad on Sunday. "
        "Canada and Norway condemned the crackdown, while diplomats in Brussels met."
    )
    found = {name: country for name, country, _ in places_of(coder, text)}
    assert found.get("Multan") == "PAK" and found.get("Faisalabad") == "PAK"
    assert found.get("Brussels") == "BEL"
    assert "Canada" not in found and "Norway" not in found  # governments acting


def test_place_modifiers_and_admin1(coder):
    text = "Troops patrolled the Herat border and villages in Helmand province."
    found = {name: (country, reason) for name, country, reason in places_of(coder, text)}
    assert found["Herat"][0] == "AFG"
    assert found["Helmand"][0] == "AFG"  # the name without "province"
    text = "Gaza's health ministry said the Syrian army had fired on the town."
    assert not places_of(coder, text)


def test_dateline_with_its_country(coder):
    text = "TRIPOLI, Lebanon (Wire) – Gunmen attacked an army post overnight, officials said."
    rows = places_of(coder, text)
    assert rows[0][:2] == ("TRIPOLI", "LBN") and rows[1][:2] == ("Lebanon", "LBN")
    where = loc(coder.code(text), "ASSAULT")
    assert (where.geonameid, where.reason) == (266826, "dateline fallback")


def test_physical_target_and_clause_boundary(coder):
    events = coder.code("Government troops shelled Ajdabiya on Sunday.", date="2011-03-21")
    assert loc(events, "ASSAULT").geonameid == 89113
    text = "Soldiers shot dead two men on Monday as the president arrived in Cairo."
    where = loc(coder.code(text), "ASSAULT")
    assert where is None or where.resolved_place != "Cairo"


def test_big_places_as_objects(coder):
    where = loc(coder.code("Government forces bombed Aleppo overnight."), "ASSAULT")
    assert where.geonameid == 170063 and "what 'bombed' is aimed at" in where.reason
    events = coder.code("The prime minister visited Baghdad on Monday.", date="2024-03-12")
    assert events[0].event_loc.geonameid == 98182


def test_any_trigger_word_of_an_event_can_carry_its_place(coder):
    text = (
        "NEW DELHI (Wire) – Two people were killed when police opened fire on demonstrators "
        "in Mangaluru, officials said."
    )
    events = coder.code(text, date="2019-12-20")
    attack = next(e for e in events if e.event == "ASSAULT")
    assert attack.event_loc is not None and attack.event_loc.resolved_place == "Mangaluru"
    assert attack.event_loc.reason.startswith("from 'in Mangaluru' in the event sentence")


def resolved(coder, text):
    from eventcoder.records import Article

    doc = coder.process(Article(id="t", text=text))
    return {p.extracted_place: p for p in doc.places}


def test_full_gazetteer_towns_counties_and_states_with_their_ids(coder):
    gaz = coder.knowledge.gazetteer
    niota = gaz.lookup("Niota")[0]  # a town of ~700 people
    assert (niota.geonameid, niota.country, niota.admin1) == (4645658, "USA", "Tennessee")
    counties = {p.admin1 for p in gaz.lookup("Mason County") if p.feature_code == "ADM2"}
    assert {"West Virginia", "Kentucky", "Illinois"} <= counties
    wv = next(p for p in gaz.lookup("West Virginia") if p.precision == "admin1")
    assert wv.geonameid == 4826850 and 37 < wv.lat < 41 and -83 < wv.lon < -77
    assert not gaz.lookup("Franklin")[0].feature_code.startswith("ADM2")  # county needs "County"
    assert gaz.lookup("Washington")[0].geonameid == 4140963  # the capital before the state
    assert gaz.lookup("US")[0].precision == "country"


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Flood waters rose in Springfield, Ill., on Tuesday.", "Springfield", "Illinois"),
        ("Flood waters rose in Springfield, Mass., on Tuesday.", "Springfield", "Massachusetts"),
        ("A water main broke in Springfield, MO, late on Sunday.", "Springfield", "Missouri"),
        ("The mill in Charleston, W.Va., closed after the storm.", "Charleston", "West Virginia"),
        ("The mill in Charleston, S.C., closed after the storm.", "Charleston", "South Carolina"),
        ("Police in Jordan, Minnesota, arrested two men on Friday.", "Jordan", "Minnesota"),
        ("Voters in Fairfield, Conn., backed the school budget.", "Fairfield", "Connecticut"),
    ],
)
def test_city_and_state_abbreviation(coder, text, name, admin1):
    found = resolved(coder, text)
    assert found[name].country_code == "USA" and found[name].province == admin1
    assert "beside it" in found[name].reason
    abbr = next(p for n, p in found.items() if n != name)  # "Ill.", "MO", "Minnesota"
    assert abbr.precision == "admin1" and abbr.province == admin1


def test_agency_abbreviations_stand_alone_only_where_places_stand():
    from eventcoder.knowledge import Abbreviations
    from eventcoder.places.conventions import abbreviation_spans

    abbr = Abbreviations.load()

    text = "He grew up in Ill. and moved to Tulsa, Okla., then to Wheeling, W.Va. in May."
    got = [(text[s:e], d.name) for s, e, d in abbreviation_spans(text, abbr)]
    assert got == [("Ill.", "Illinois"), ("Okla.", "Oklahoma"), ("W.Va.", "West Virginia")]
    # a postal code only in "City, ST"; a party label or a plain word is no place
    assert not abbreviation_spans("Sen. Jane Roe (D-Calif.) said IN the end OR never.", abbr)
    assert [
        text[s:e]
        for text in ["Crews reached Austin, TX, by noon."]
        for s, e, _ in abbreviation_spans(text, abbr)
    ] == ["TX"]


def test_article_geography_decides_between_namesakes(coder):
    text = (
        "Storms knocked out power across northern Virginia on Monday. In Alexandria, crews "
        "cleared fallen trees, and schools in Arlington and Fairfax County stayed closed."
    )
    found = resolved(coder, text)
    assert found["Alexandria"].country_code == "USA"  # not the Egyptian city
    assert found["Alexandria"].province == "Virginia"
    text = (
        "Wicomico County officials opened shelters on Tuesday. Crews in Salisbury worked "
        "through the night, and roads near Ocean City flooded."
    )
    found = resolved(coder, text)
    assert found["Salisbury"].province == "Maryland"  # not the English or Australian one
    assert found["Ocean City"].province == "Maryland"  # not the larger one in New Jersey
    text = "Fans in Atlanta and Savannah celebrated, and Georgia's governor joined them."
    found = resolved(coder, text)
    assert all(p.country_code == "USA" for p in found.values())


def test_the_bigger_namesake_without_local_cues(coder):
    found = resolved(coder, "Protesters gathered in Alexandria and Cairo on Friday.")
    assert found["Alexandria"].country_code == "EGY"


def test_a_place_inside_a_longer_name(coder):
    from eventcoder.places import _inner_name

    gaz, words = coder.knowledge.gazetteer, coder.knowledge.place_words
    assert _inner_name("Manila Cathedral", gaz, words) == "Manila"  # a cathedral in its town
    assert _inner_name("Old Town Manassas", gaz, words) == "Manassas"  # the place named last
    assert _inner_name("Oaxaca State", gaz, words) == "Oaxaca"
    assert _inner_name("Collins Avenue", gaz, words) is None  # a street named after anyone
    assert _inner_name("North Africa", gaz, words) is None  # a region of its own
    assert _inner_name("Rogers Centre", gaz, words) is None


def test_northern_and_possessive_forms(coder):
    found = resolved(
        coder, "Rockets hit towns in northern Syria as snow fell on New York’s suburbs."
    )
    assert found["Syria"].country_code == "SYR"
    assert found["New York"].country_code == "USA"  # the name without the possessive
