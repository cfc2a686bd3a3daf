"""Places, eighth round: namesakes resolved by the article's own geography (a state abroad
beside a village of its name, an embassy's host town, a building's name that is also a small
town). Sentences written for these tests (invented people and events; real place names)."""

from __future__ import annotations

from eventcoder.records import Article

from .test_places_news import places_of


def test_a_state_abroad_loses_to_a_village_of_its_name_beside_the_articles_places(coder):
    # Virginia is also a village of County Cavan: a story from Cavan that names no other US
    # place means the village, not the US state
    text = (
        "Councillors in Cavan said the new library in Virginia would open in May. "
        "Ireland's arts council paid for most of it."
    )
    virginia = places_of(coder, text)["Virginia"]
    assert virginia.country_code == "IRL"
    assert "km from Cavan" in virginia.reason


def test_a_state_stays_the_state_when_the_articles_places_lie_far_from_its_namesake(coder):
    for text in (
        "Storms knocked out power across Virginia on Monday. In Ireland, rain closed schools "
        "in Cork.",
        "The governor of Virginia flew to Dublin on Monday to meet Irish ministers.",
    ):
        virginia = places_of(coder, text)["Virginia"]
        assert (virginia.country_code, virginia.precision) == ("USA", "admin1"), text


def test_a_countrys_mission_stands_outside_that_country(coder):
    text = (
        "Stones were thrown at the Iranian Embassy on Sunday, police in London said. Iran's "
        "foreign ministry in Tehran protested and Tehran's mayor called it an outrage."
    )
    embassy = places_of(coder, text)["Iranian Embassy"]
    assert (embassy.resolved_place, embassy.country_code, embassy.geonameid) == (
        "London", "GBR", None,
    )  # fmt: skip
    assert "outside IRN" in embassy.reason


def test_a_mission_named_by_its_countrys_name_is_not_that_country(coder):
    text = (
        "Guests at a reception held by the Embassy of the Republic of Peru heard a choir on "
        "Friday. Peru's culture minister spoke."
    )
    embassy = places_of(coder, text)["Embassy of the Republic of Peru"]
    assert embassy.country_code != "PER"  # no town named: left unresolved, with the reason
    assert embassy.resolved_place is None and "no town" in embassy.reason


def test_a_building_in_a_countrys_capital_described_by_its_adjective(coder):
    text = "Police closed the road outside the Turkish Consulate in the German capital on Friday."
    consulate = places_of(coder, text)["Turkish Consulate"]
    assert (consulate.resolved_place, consulate.country_code) == ("Berlin", "DEU")
    assert "'the German capital'" in consulate.reason


def test_a_building_in_the_town_named_most_though_another_country_is_named_more(coder):
    # more US states than Emirati places are named, but the only town named is Dubai, whose
    # country the article names by another word too ("the UAE")
    text = (
        "Fans packed the Grandview Racecourse for the final. Police in Dubai said 30,000 came, "
        "the most for a race in the UAE. Riders from Texas, Ohio and Kentucky won three races, "
        "and a US trainer took the cup home to Florida. The race returns to Dubai next year."
    )
    course = places_of(coder, text)["Grandview Racecourse"]
    assert (course.resolved_place, course.country_code) == ("Dubai", "ARE")
    assert "the town the article names most" in course.reason


def test_a_town_known_by_another_name_only_is_no_article_town_abroad(coder):
    # "Castle" is another name of a Minnesota town: a US mention elsewhere does not make it
    # the town of a chapel in a story from Iceland
    text = (
        "Choirs from Iceland sang in the Hallgrim Chapel at the Castle on Sunday. Reykjavik "
        "schools sent 200 pupils, and a US orchestra played."
    )
    chapel = places_of(coder, text).get("Hallgrim Chapel")
    assert chapel is None or chapel.country_code != "USA"


def test_a_divisions_adjective_places_what_it_describes_in_the_division(coder):
    found = places_of(coder, "Police searched a house in an English city after the attack.")
    english = found["English"]
    assert (english.resolved_place, english.precision, english.use) == (
        "England", "admin1", "adjectival",
    )  # fmt: skip
    found = places_of(coder, "Farmers on a Scottish island lost their boats in the storm.")
    assert found["Scottish"].resolved_place == "Scotland"


def test_a_building_named_of_a_continent_stands_in_the_articles_town(coder):
    text = (
        "A fire alarm emptied the SM Mall of Europe on Sunday. Police in Pasay said no one was "
        "hurt, and the Philippines' fire bureau praised the guards."
    )
    mall = places_of(coder, text)["SM Mall of Europe"]
    assert (mall.resolved_place, mall.country_code) == ("Pasay", "PHL")


def test_a_town_inside_a_name_is_not_taken_from_a_country_the_article_never_names(coder):
    text = (
        "Chefs from Le Zermatt cooked for 300 guests at a gala in New York City on Friday. "
        "The United States and Canada sent wine."
    )
    found = places_of(coder, text)["Le Zermatt"]
    assert found.resolved_place is None  # the only Zermatt is in Switzerland
    assert "'Zermatt' in it is Zermatt (CHE): not taken" in found.reason


def test_a_title_case_place_and_colon_opening_the_article_is_its_dateline(coder):
    doc = coder.process(
        Article(
            id="t",
            text="Muscat: Police arrested five protesters on Sunday after a march "
            "against fuel prices.",
        )  # fmt: skip
    )
    muscat = next(p for p in doc.places if p.extracted_place == "Muscat")
    assert (muscat.country_code, muscat.start) == ("OMN", 0)
    assert muscat.reason.startswith("dateline")
    assert any(e.event_loc and e.event_loc.resolved_place == "Muscat" for e in doc.events)


def test_a_title_case_word_and_colon_is_no_dateline_unless_a_known_town(coder):
    doc = coder.process(
        Article(
            id="t",
            text="Update: Police arrested five protesters on Sunday after a march "
            "against fuel prices.",
        )  # fmt: skip
    )
    assert not any(p.reason.startswith("dateline") for p in doc.places)
    assert all(e.event_loc is None for e in doc.events)


def test_an_event_in_a_named_place_no_gazetteer_has_keeps_it_not_the_dateline(coder):
    # the text says where the shelling was; the dateline's town would be an invented point
    doc = coder.process(
        Article(
            id="t",
            text="AMMAN, Jordan (AP) — Rebels shelled villages in western Zarbia "
            "on Monday, killing four people.",
        )  # fmt: skip
    )
    shelling = next(e for e in doc.events if e.event_loc is not None)
    loc = shelling.event_loc
    assert (loc.extracted_place, loc.resolved_place, loc.lat) == ("Zarbia", None, None)
    assert "'in western Zarbia'" in loc.reason and "named but not located" in loc.reason
    assert "dateline fallback" not in loc.reason


def test_a_lone_small_namesake_far_from_every_place_of_the_article_is_left_unresolved(coder):
    text = (
        "A bakery in Meppel sold out of bread by noon on Monday. Officials met the union in "
        "Nairobi, and teachers in Mombasa, Kenya, and Kisumu, Kenya, joined the strike on "
        "Tuesday."
    )
    meppel = places_of(coder, text)["Meppel"]  # the gazetteer's only Meppel is Dutch
    assert meppel.resolved_place is None
    assert "km from the article's places" in meppel.reason
    text = (
        "A bakery in Meppel sold out of bread by noon on Monday. Officials met the union in "
        "Zwolle, and teachers in Assen and Groningen joined the strike on Tuesday."
    )
    assert places_of(coder, text)["Meppel"].country_code == "NLD"


def test_a_north_american_time_zone_after_a_clock_time_sets_the_article_there(coder):
    text = "Voting in Manchester closes at 7 p.m. ET on Tuesday."
    assert places_of(coder, text)["Manchester"].country_code == "USA"
    text = "Voting in Manchester closes at 7 p.m. on Tuesday."
    assert places_of(coder, text)["Manchester"].country_code == "GBR"


def test_a_landmark_written_with_the_is_the_building_not_a_small_town_of_its_name(coder):
    text = "WASHINGTON (AP) — A drone landed on the lawn at the White House late on Thursday."
    house = places_of(coder, text)["White House"]  # also a Tennessee town of 11,000 people
    assert (house.resolved_place, house.feature_class, house.geonameid) == (
        "Washington", "S", None,
    )  # fmt: skip
    assert "is a building" in house.reason
