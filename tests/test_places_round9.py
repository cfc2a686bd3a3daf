"""Places, ninth round: names the parser cuts or runs together, resolved far away before
(a possessive place name cut after its "'s", country names written with the comma left out).
Sentences written for these tests (invented people and events; real place names)."""

from __future__ import annotations

import pytest

from .test_places_news import places_of


def test_country_names_run_together_are_each_a_country(coder):
    text = "Exports fell in Greece Italy and Spain, the trade office said on Tuesday."
    found = places_of(coder, text)
    assert "Greece Italy" not in found
    assert found["Greece"].country_code == "GRC"
    assert found["Italy"].country_code == "ITA"


def test_a_country_of_several_words_is_not_cut(coder):
    found = places_of(coder, "Aid flights to Papua New Guinea resumed on Monday.")
    assert found["Papua New Guinea"].country_code == "PNG"


@pytest.fixture(scope="module")
def parsed():
    from eventcoder.annotate import load_nlp
    from eventcoder.places import load_gazetteer

    return load_nlp(), load_gazetteer()


def test_a_possessive_place_name_cut_after_its_s_is_whole(parsed):
    from eventcoder.places.run_together import possessive_name

    nlp, gaz = parsed
    doc = nlp("A barn burned down in Estey's Bridge on Sunday.")
    i = next(t.i for t in doc if t.text == "Bridge")
    whole = possessive_name(doc, i, i + 1, set(), gaz)
    assert whole is not None and whole.text == "Estey's Bridge"
    assert any(p.country == "CAN" for p in gaz.lookup(whole.text))


def test_a_persons_possessive_before_a_place_is_no_place_name(parsed):
    from eventcoder.places.run_together import possessive_name

    nlp, gaz = parsed
    doc = nlp("She moved to Obama's Chicago in 1990.")
    i = next(t.i for t in doc if t.text == "Chicago")
    assert possessive_name(doc, i, i + 1, set(), gaz) is None


def test_country_runs_are_only_countries(parsed):
    from eventcoder.places.run_together import countries_run_together

    nlp, gaz = parsed
    doc = nlp("He flew to Paris Texas last year.")
    assert countries_run_together(doc[4:6], gaz) == []
    doc = nlp("Officials from Norway Sweden and Finland met.")
    parts = countries_run_together(doc[2:4], gaz)
    assert [p.text for p in parts] == ["Norway", "Sweden"]


def test_a_country_hung_on_the_next_country_is_a_list_item_not_a_modifier(coder):
    found = places_of(coder, "Fishing ministers from Norway Sweden and Finland met in Oslo.")
    assert {"Norway", "Sweden", "Finland"} <= set(found)
    assert found["Norway"].country_code == "NOR"


def test_an_actors_country_before_a_noun_stays_left_out(coder):
    assert "US" not in places_of(coder, "US troops left the base in Kandahar on Friday.")


def test_a_name_cut_to_its_last_word_is_not_a_town_of_that_other_name(coder):
    # the parser leaves "Windsor" as a modifier of "Castle"; GeoNames lists "Castle" among the
    # names of a town in Minnesota: the name is the castle, never that town
    text = "The christening will be held on 3 June in St Mary's Chapel at Windsor Castle."
    found = places_of(coder, text)
    assert "Castle" not in found
    assert found["Windsor Castle"].country_code != "USA"


def test_a_place_named_last_after_a_modifier_is_still_the_place(parsed):
    from eventcoder.places.run_together import last_word_of_a_name

    nlp, gaz = parsed
    doc = nlp("Traffic slowed in Downtown Houston on Friday.")
    tok = next(t for t in doc if t.text == "Houston")
    assert last_word_of_a_name(tok, doc[tok.i - 1 : tok.i + 1], gaz) is None


def test_a_direction_written_as_a_name_is_no_town_of_that_name(coder):
    found = places_of(coder, "The prince wants to polish his country's image in the West.")
    west = found["West"]
    assert west.resolved_place is None and "word of direction" in west.reason


def test_a_direction_word_does_not_name_the_articles_country(coder):
    # towns called North are all in the US; the word tells no story's country, so Leeds is
    # the English city, not a US namesake
    found = places_of(
        coder, "Snow closed schools across the North on Monday, officials in Leeds said."
    )
    assert found["Leeds"].country_code == "GBR"
