"""Places, ninth round (issue 13): names no gazetteer entry holds, placed by the article's own
geography: the place written right after the name, else the article's town. Sentences written
for these tests (invented villages, capes and people; real towns and counties)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from eventcoder.knowledge.gazetteer import load_gazetteer
from eventcoder.knowledge.words import PlaceWords
from eventcoder.places.inside_town import city_state
from eventcoder.places.unknown_names import stands_as_place

from .test_places_news import places_of

WORDS = PlaceWords.load()


def test_a_name_written_before_its_county_lies_in_that_county(coder):
    text = "The rally returns to Harlow Park, Cumbria, on Sunday after a year away."
    park = places_of(coder, text)["Harlow Park"]
    assert (park.resolved_place, park.country_code) == ("Cumbria", "GBR")
    assert park.geonameid is None  # the county's id is not the park's
    assert "written after it" in park.reason and "not in the gazetteer" in park.reason


def test_a_name_written_before_in_and_a_town_lies_in_that_town(coder):
    text = "Divers found an old anchor off Cape Tarrow in Fremantle last week, the museum said."
    cape = places_of(coder, text)["Cape Tarrow"]
    assert (cape.resolved_place, cape.country_code, cape.geonameid) == ("Fremantle", "AUS", None)
    assert "'Cape Tarrow in Fremantle'" in cape.reason


def test_villages_of_a_local_story_are_placed_by_its_dateline_town(coder):
    text = (
        "MULLINGAR, Ireland - Thirty families are on the housing list in Mullingar, with nine "
        "in Ballykeeran and four in Cloonbrack, the council said. Most of those in Ballykeeran "
        "have waited two years."
    )
    found = [p for p in coder.process(_article(text)).places if p.extracted_place == "Ballykeeran"]
    assert len(found) == 2
    for village in found:
        assert (village.country_code, village.geonameid) == ("IRL", None)
        assert village.lat is not None and abs(village.lat - 53.5) < 0.5
        assert "the dateline's" in village.reason and "written after 'in'" in village.reason


def test_one_sense_per_article_for_a_name_written_once_as_a_place(coder):
    text = (
        "Ana lived in Clonmoylan for a decade before she moved back to Kisumu. Officials in "
        "Kisumu said Clonmoylan had no water, and she went back to Clonmoylan in May."
    )
    found = [p for p in coder.process(_article(text)).places if p.extracted_place == "Clonmoylan"]
    assert len(found) >= 2
    assert all(p.resolved_place == "Kisumu" and p.geonameid is None for p in found)


def test_no_town_in_the_article_leaves_the_name_unresolved(coder):
    village = places_of(coder, "She grew up in Kilbarron and now teaches music in a school.")
    assert village["Kilbarron"].resolved_place is None
    assert "not in the gazetteer" in village["Kilbarron"].reason


def test_initials_are_not_placed_by_the_articles_town(coder):
    text = "The Falcons won in OT on Saturday. Fans in Atlanta cheered the win in Atlanta."
    ot = places_of(coder, text).get("OT")
    assert ot is None or ot.resolved_place is None


def _article(text: str):
    from eventcoder.records import Article

    return Article(id="t", text=text)


def _span(words: list[str], start: int, end: int, label: str = "") -> Span:
    doc = spacy.blank("en").make_doc(" ".join(words))
    if label:
        doc.ents = [Span(doc, start, end, label=label)]
    return doc[start:end]


def test_how_a_name_stands_as_a_place():
    words = ["farmers", "from", "the", "village", "of", "Umbekka", "said"]
    assert stands_as_place(_span(words, 5, 6), WORDS) == "written after 'village of'"
    words = ["a", "ferry", "around", "Gull", "Island", "left"]
    assert stands_as_place(_span(words, 3, 5), WORDS) == "written after 'around'"
    words = ["chefs", "from", "Le", "Tallon", "cooked"]  # "from": often far from the town
    assert stands_as_place(_span(words, 2, 4), WORDS) is None
    words = ["fighting", "in", "eastern", "Ghara", "went", "on"]
    assert stands_as_place(_span(words, 3, 4), WORDS) == "written after 'in'"
    words = [
        "a",
        "letter",
        "sent",
        "to",
        "Mara",
        "Quillon",
    ]  # "to": an addressee as often as a place
    assert stands_as_place(_span(words, 4, 6), WORDS) is None
    words = ["the", "cooks", "of", "Tamber", "Bay", "said"]
    assert stands_as_place(_span(words, 3, 5), WORDS) is None
    assert stands_as_place(_span(words, 3, 5, "LOC"), WORDS) == "labelled LOC by the parser"
    assert stands_as_place(_span(words, 3, 5, "GPE"), WORDS) is None
    words = ["In", "Ana", "Reyes", "'s", "East", "Corridor", "staff", "wait"]
    assert stands_as_place(_span(words, 4, 6), WORDS) == "written after 'In'"
    words = ["a", "ferry", "to", "and", "from", "Gull", "Island", "left"]
    assert stands_as_place(_span(words, 5, 7), WORDS) == "written after 'to and from'"
    words = ["chefs", "from", "Le", "Tallon", "cooked"]  # where they come from: anywhere
    assert stands_as_place(_span(words, 2, 4, "FAC"), WORDS) is None


def test_a_name_after_a_possessive_and_a_preposition_is_written_as_a_place(coder):
    text = (
        "WASHINGTON (AP) - Aides say the mood in Mayor Ana Reyes's East Corridor has soured. Few in "
        "Washington expect East Corridor staff to stay quiet."
    )
    found = [
        p for p in coder.process(_article(text)).places if p.extracted_place == "East Corridor"
    ]
    assert len(found) == 2  # the second by one sense per article
    for corridor in found:
        assert (corridor.resolved_place, corridor.geonameid) == ("Washington", None)
        assert "written after 'in'" in corridor.reason


def test_a_dateline_town_no_gazetteer_holds_is_placed_in_the_state_written_after_it(coder):
    fort = places_of(coder, "FORT KELLAND, Ore. - Soldiers packed sandbags on Monday.")
    fort = fort["FORT KELLAND"]
    assert (fort.resolved_place, fort.country_code, fort.geonameid) == ("Oregon", "USA", None)
    assert "the state written after it" in fort.reason


def test_initials_read_as_an_acronym_stand_in_the_town_written_after_them(coder):
    chu = places_of(coder, "Nurses at the CHU in Nantes said the patient was recovering well.")
    assert (chu["CHU"].resolved_place, chu["CHU"].geonameid) == ("Nantes", None)
    assert "acronym" in chu["CHU"].reason and "'CHU in Nantes'" in chu["CHU"].reason
    alone = places_of(coder, "Nurses at the CHU said the patient was recovering well.")
    assert alone["CHU"].resolved_place is None


def test_a_building_of_a_story_that_names_one_county_and_no_town_stands_in_it(coder):
    text = (
        "Nurses at the Harwood Medical Center say the levy keeps its doors open. Voters in "
        "Cuyahoga County decide on the levy in May."
    )
    center = places_of(coder, text)["Harwood Medical Center"]
    assert (center.resolved_place, center.geonameid) == ("Cuyahoga County", None)
    assert "the one county the article names" in center.reason
    two = text.replace("Cuyahoga County", "Cuyahoga County and Summit County")
    assert places_of(coder, two)["Harwood Medical Center"].resolved_place is None


def test_a_building_in_the_place_written_after_it_with_the(coder):
    text = "Firefighters were called to the Larkspur Hospital in the Bronx on Sunday night."
    hospital = places_of(coder, text)["Larkspur Hospital"]
    assert (hospital.resolved_place, hospital.geonameid) == ("The Bronx", None)
    embassy = places_of(coder, "Diplomats gathered at the Zarbian Embassy in the U.S. on Friday.")
    assert embassy["Zarbian Embassy"].resolved_place is None  # a country is no building's point


def test_a_building_named_after_a_city_state_stands_in_its_city(coder):
    text = (
        "The Pope blessed the crowd in the Vatican Gardens on Sunday. Pilgrims had come to the "
        "Vatican from Spain."
    )
    gardens = places_of(coder, text)["Vatican Gardens"]
    assert (gardens.resolved_place, gardens.country_code, gardens.geonameid) == (
        "Vatican City", "VAT", None,
    )  # fmt: skip
    assert "holds most of its people" in gardens.reason


def test_only_a_capital_holding_most_of_its_countrys_people_is_a_city_state():
    gaz = load_gazetteer()
    assert city_state(gaz.countries["VAT"], "Vatican", gaz) is not None
    assert city_state(gaz.countries["KWT"], "Kuwait", gaz) is None  # Kuwait City: a tenth
    assert city_state(gaz.countries["MEX"], "Mexico", gaz) is None
