"""Places, fifth round: literal places used as modifiers ("the Pacific typhoon season", "a
Bristol court"), the state or country written after a town whatever the parser made of it, and
lists of towns after a place noun. Sentences written for these tests."""

from __future__ import annotations

from .test_places_news import places_of


def test_a_name_describing_a_noun_across_adjectives_is_a_place(coder):
    # the parser hangs the name on the noun as amod/nmod when adjectives stand between
    found = places_of(coder, "The Pacific typhoon season begins in May, forecasters said.")
    assert "Pacific" in found
    found = places_of(coder, "The 2020 Nevada presidential caucus drew record crowds.")
    assert found["Nevada"].precision == "admin1"


def test_an_adjective_use_or_an_actor_stays_out(coder):
    found = places_of(coder, "Ohio voters and Nevada election officials met on Monday.")
    assert "Ohio" not in found and "Nevada" not in found


def test_a_court_sits_in_the_town_that_names_it(coder):
    found = places_of(coder, "The driver appeared before a Bristol court on Monday.")
    assert found["Bristol"].country_code == "GBR"
    found = places_of(coder, "The supreme court adjourned the hearing on Monday.")
    assert not found  # no name, only a lower-case adjective


def test_a_place_naming_a_building_by_possessive(coder):
    text = "Crowds queued outside Manchester's Bridgewater Hall before the concert."
    found = places_of(coder, text)
    assert found["Manchester"].country_code == "GBR"


def test_the_state_after_a_town_whatever_its_role(coder):
    # "Washington" after "Yakima," is the town's state, even read as the verb's subject
    found = places_of(coder, "A baker from Yakima, Washington shares her bread recipes.")
    state = found["Washington"]
    assert (state.precision, state.country_code) == ("admin1", "USA")
    found = places_of(coder, "She moved to Olympia, Washington, in May with her family.")
    assert found["Washington"].precision == "admin1"
    found = places_of(coder, "The envoy spoke in Tehran, Iran Monday about the talks.")
    assert found["Iran"].precision == "country"


def test_towns_listed_after_a_place_noun(coder):
    # the parser may call both towns persons or organisations
    found = places_of(coder, "Storms closed roads near the cities of Ansan and Bucheon on Sunday.")
    assert found["Bucheon"].country_code == "KOR"
    found = places_of(coder, "Floods hit the towns of Sukkur and Larkana on Sunday.")
    assert found["Larkana"].country_code == "PAK"


def test_a_demonstrative_makes_no_place_name(coder):
    found = places_of(coder, "Photos shared on this Hub are reviewed by editors.")
    assert "Hub" not in found


def test_a_place_name_the_parser_cut_is_read_whole(coder):
    # the parser labels "Foz" alone; the whole name is the town's own name in the gazetteer
    found = places_of(coder, "Traders in Foz do Iguacu closed their shops on Monday.")
    assert found["Foz do Iguacu"].country_code == "BRA"
    assert "Foz" not in found


def test_a_postal_code_is_read_in_the_articles_country(coder):
    # "WA" is Washington in a US story and Western Australia in an Australian one
    text = "Beaches near Perth, Australia were closed. Water in WA is tested every week."
    assert places_of(coder, text)["WA"].resolved_place == "Western Australia"
    text = "Ferries in Seattle were late on Monday. Water in WA is tested every week."
    assert places_of(coder, text)["WA"].resolved_place == "Washington"


def test_an_arab_town_without_its_article(coder):
    # news drops the Arabic article the gazetteer writes ("Al-Kut", "Al Qa'im")
    found = places_of(coder, "Protesters marched in Kut and Diwaniyah on Friday.")
    assert (found["Kut"].country_code, found["Kut"].province) == ("IRQ", "Wāsiţ")
    assert found["Diwaniyah"].country_code == "IRQ"
    found = places_of(coder, "Clashes broke out near Qaim on the border.")
    assert found["Qaim"].country_code == "IRQ"


def test_a_country_known_by_another_name_before_small_towns_abroad(coder):
    found = places_of(coder, "Refugees fled Burma for Bangladesh last year.")
    assert (found["Burma"].country_code, found["Burma"].precision) == ("MMR", "country")
    found = places_of(coder, "Pilgrims travelled to Palestine for Easter.")
    assert found["Palestine"].country_code == "PSE"
    found = places_of(coder, "Snow fell in Palestine, Texas on Monday.")
    assert found["Palestine"].country_code == "USA"  # the town, with its state beside it


def test_a_persons_name_is_not_a_town_of_that_name(coder):
    # one sense per article for persons: "Tanta" after "Yusuf Tanta" is the striker
    text = "The striker Yusuf Tanta scored twice. Children in Tanta's modest home village cheered."
    assert "Tanta" not in places_of(coder, text)
    found = places_of(coder, "The striker Yusuf Tanta scored twice in a match played in Tanta.")
    assert found["Tanta"].country_code == "EGY"  # where only a place stands


def test_in_cased_text_a_place_name_is_capitalised(coder):
    found = places_of(coder, "Rangers patrolled the savannah near Arusha for weeks.")
    assert set(found) == {"Arusha"}
    found = places_of(coder, "rangers patrolled the plains near arusha for weeks.")
    assert found["arusha"].country_code == "TZA"  # a lower-cased text keeps its places


def test_a_word_in_capitals_is_an_acronym_not_a_small_town_of_those_letters(coder):
    found = places_of(coder, "Officials from BA said flights to Lagos were cancelled on Monday.")
    assert found["BA"].country_code is None  # not a Fijian town of 15,000 called Ba
    assert "acronym" in found["BA"].reason
    assert found["Lagos"].country_code == "NGA"
    # a big city written in capitals is still the city
    found = places_of(coder, "Heavy rain flooded streets in LAGOS on Monday.")
    assert found["LAGOS"].country_code == "NGA"
