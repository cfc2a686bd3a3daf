"""Places, eighth round of recall: more adjectival heads and names that stand as places by what
news writes around them. Sentences written for these tests (invented people, firms and places)."""

from __future__ import annotations

from .test_places_news import places_of


def _adjectival(coder, text: str) -> dict[str, str]:
    return {
        p.extracted_place: p.resolved_place
        for p in places_of(coder, text).values()
        if p.use == "adjectival"
    }


def test_an_adjective_on_what_is_done_or_built_in_a_country(coder):
    found = _adjectival(coder, "The talks weighed the future of Nigerian development.")
    assert found == {"Nigerian": "Nigeria"}
    found = _adjectival(coder, "Bankers praised several Ghanaian projects on Monday.")
    assert found == {"Ghanaian": "Ghana"}
    found = _adjectival(coder, "Inspectors toured two Chilean heritage sites last week.")
    assert found == {"Chilean": "Chile"}
    found = _adjectival(coder, "Troops moved into an Armenian enclave at dawn.")
    assert found == {"Armenian": "Armenia"}


def test_an_adjective_of_people_is_still_no_place(coder):
    assert not _adjectival(coder, "Ghanaian workers and Nigerian traders met on Monday.")


def test_a_venue_placed_in_a_town_written_after_it(coder):
    found = places_of(coder, "She bought the cake from Sweet Crumb Studio in Spokane on Friday.")
    venue = found["Sweet Crumb Studio"]
    assert venue.use == "name" and venue.resolved_place == "Spokane"
    assert "Spokane" in venue.reason
    found = places_of(coder, "An analyst at Harlow Capital in London said prices would rise.")
    assert found["Harlow Capital"].resolved_place == "London"


def test_no_venue_without_a_place_after_it_or_for_a_person(coder):
    found = places_of(coder, "She bought the cake from Sweet Crumb Studio in 2019.")
    assert "Sweet Crumb Studio" not in found
    found = places_of(coder, "Reporters spoke to Ana Ruiz in Madrid on Tuesday.")
    assert set(found) == {"Madrid"}


def test_a_place_that_only_seems_or_used_to_be_is_no_actor(coder):
    found = places_of(coder, "By then Ghana had started to look like a safer bet for growers.")
    assert "Ghana" in found
    assert "Chile" in places_of(coder, "Chile used to be the main copper supplier of the region.")
    found = places_of(coder, "Together, Ghana and Peru accounted for half of the cocoa sold.")
    assert {"Ghana", "Peru"} <= set(found)
    assert not places_of(coder, "Ghana continued to expel the diplomats.")  # it acts


def test_a_town_modifying_a_place_noun_is_no_persons_name(coder):
    text = (
        "The owner of the Elmont Quick Gas station, Nora Elmont, said sales were good. "
        "Traffic in the Elmont area was slow."
    )
    found = places_of(coder, text)
    assert found["Elmont"].resolved_place == "Elmont"
    assert "the Elmont area" in text[found["Elmont"].start - 4 : found["Elmont"].end + 5]


def test_places_joined_in_one_entity_are_each_a_place(coder):
    found = places_of(coder, "The buses drove through the Harrogate/Ripon area at noon.")
    assert {"Harrogate", "Ripon"} <= set(found)
    found = places_of(coder, "The school sits between Harrogate and Knaresborough.")
    assert found["Harrogate"].country_code == found["Knaresborough"].country_code == "GBR"
    text = "Tickets for the Leeds-Paris route went on sale this week."
    found = places_of(coder, text)
    assert found["Leeds"].country_code == "GBR" and found["Paris"].country_code == "FRA"


def test_one_place_or_a_firm_is_not_split(coder):
    found = places_of(coder, "Troops left Guinea-Bissau on Monday.")
    assert set(found) == {"Guinea-Bissau"}
    assert not places_of(coder, "Shares of Marks and Spencer fell on Monday.")
    found = places_of(coder, "A crash closed the Leeds/Bradford intersection in Dover.")
    assert "Leeds" not in found  # two streets meeting, left to the street rules
    assert found["Bradford"].resolved_place == "Dover"


def test_a_state_written_in_two_words_with_no_entity_on_it(coder):
    from eventcoder.places.toponyms import _compound_name

    doc = coder.nlp("Police say the suspects were arrested in Kogi State.")
    doc.ents = []  # as when the model labels nothing
    state = next(t for t in doc if t.text == "State")
    assert _compound_name(state, set()).text == "Kogi State"
    assert _compound_name(state, {state.i - 1}) is None  # "Kogi" already taken


def test_a_name_after_a_place_noun_and_of_is_kept_unknown(coder):
    found = places_of(coder, "Gunmen attacked the village of Tafawa on Monday.")
    assert found["Tafawa"].resolved_place is None  # no gazetteer has it: found, unresolved
    assert "not in the gazetteer" in found["Tafawa"].reason


def test_a_regions_adjective_on_its_history(coder):
    found = _adjectival(coder, "Students read Scandinavian history.")
    assert found == {"Scandinavian": "Scandinavia"}


def test_a_town_the_parser_calls_a_firm_before_foothills(coder):
    found = places_of(coder, "Crews from Ventura Fire cleared the Ojai foothills.")
    assert found["Ojai"].resolved_place == "Ojai"
