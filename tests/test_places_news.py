"""News-style places on sentences written for these tests: datelines in their common forms,
names modifying things that stand somewhere, and places in their own states."""

from __future__ import annotations

import pytest

from eventcoder.clean import Clean
from eventcoder.document import Document
from eventcoder.records import Article


def places_of(coder, text):
    doc = coder.process(Article(id="t", text=text))
    return {p.extracted_place: p for p in doc.places}


@pytest.mark.parametrize(
    ("text", "place", "rest"),
    [
        ("MOSUL (Wire) Gunmen attacked a checkpoint.", "Mosul", "Gunmen"),  # no dash
        ("ERBIL—Gunmen attacked a checkpoint.", "Erbil", "Gunmen"),  # the dash touches
        ("AMMAN (Wire) \ufffd Gunmen attacked a checkpoint.", "Amman", "Gunmen"),  # mangled dash
        ("Kirkuk (Wire) – Gunmen attacked a checkpoint.", "Kirkuk", "Gunmen"),  # title case
        ("TIKRIT, May 4 (Wire): Gunmen attacked a checkpoint.", "Tikrit", "Gunmen"),
        ("By Jane Roe. BASRA (Wire) - Gunmen attacked a checkpoint.", "Basra", "Gunmen"),
        ("DOHUK, Iraq--Gunmen attacked a checkpoint.", "Dohuk", "Gunmen"),
        ("NEW DELHI: Gunmen attacked a checkpoint.", "New Delhi", "Gunmen"),
    ],
)
def test_dateline_forms(text, place, rest):
    doc = Clean()(Document(article=Article(id="t", text=text)))
    assert doc.dateline_place == place
    assert doc.dateline is not None
    assert text[doc.dateline.start :].lower().startswith(place.lower())
    assert doc.text[doc.segments[0].start :].startswith(rest)


@pytest.mark.parametrize(
    "text",
    [
        "FBI Director Jane Roe said the agency would appeal.",
        "US President Jane Roe met the envoy.",
        "Jane Roe (R-Ohio) said the bill would pass.",
    ],
)
def test_no_dateline_in_ordinary_openings(text):
    doc = Clean()(Document(article=Article(id="t", text=text)))
    assert doc.dateline is None and doc.text[doc.segments[0].start :] == text


def test_a_heading_with_a_colon_is_no_dateline_place(coder):
    found = places_of(coder, "UPDATE: Police arrested two men in Leeds on Monday.")
    assert "UPDATE" not in found and found["Leeds"].country_code == "GBR"


def test_names_modifying_things_that_stand_there_are_places(coder):
    text = (
        "A Tulsa-based company bought the Fresno gas station, and the Bakersfield jail was "
        "closed. Nevada's economy grew. Idaho has a young population."
    )
    found = places_of(coder, text)
    assert found["Tulsa"].country_code == "USA"
    assert found["Fresno"].province == "California"
    assert found["Bakersfield"].province == "California"
    assert found["Nevada"].precision == "admin1" and found["Idaho"].precision == "admin1"


def test_names_modifying_actors_stay_out(coder):
    found = places_of(coder, "Ohio voters and Texas officials met US troops in Kuwait.")
    assert set(found) == {"Kuwait"}
    found = places_of(coder, "The Benghazi-based government condemned the raid in Sirte.")
    assert set(found) == {"Sirte"}


def test_a_name_describing_a_thing_is_not_where_the_event_was(coder):
    text = "Gunmen shot dead the commander of Turkey's rebel ally in northern Syria on Sunday."
    found = places_of(coder, text)
    assert {"Turkey", "Syria"} <= set(found)  # "Turkey's ally" names Turkey, a place
    [assault] = [e for e in coder.code(text) if e.event == "ASSAULT"]
    assert assault.event_loc.country_code == "SYR"


def test_a_later_stories_dateline_and_lists_of_places(coder):
    text = (
        "The vote was delayed. FRESNO, Calif. (Wire) - Officials said the count resumed. "
        "The chain closed its stores in Bratislava, Trnava, Nitra and Zvolen last year."
    )
    found = places_of(coder, text)
    assert found["FRESNO"].province == "California"
    assert {"Trnava", "Nitra", "Zvolen"} <= set(found)
    assert all(found[n].country_code == "SVK" for n in ("Trnava", "Nitra", "Zvolen"))


def test_a_street_or_building_stands_in_the_articles_town(coder):
    text = (
        "Firefighters in Tulsa were called to a house on Cherrywood Street on Sunday. "
        "The mayor later spoke at Tulsa City Hall."
    )
    found = places_of(coder, text)
    street = found["Cherrywood Street"]
    assert (street.resolved_place, street.province) == ("Tulsa", "Oklahoma")
    assert "street or building" in street.reason
    assert found["Tulsa City Hall"].resolved_place == "Tulsa"


def test_the_division_or_country_after_a_place(coder):
    text = "Two walkers were found near Aberporth, Ceredigion, and in Ipoh, Malaysia, last week."
    found = places_of(coder, text)
    assert found["Ceredigion"].country_code == "GBR"
    assert found["Malaysia"].precision == "country"


def test_no_street_is_placed_in_a_town_outside_the_articles_country(coder):
    text = (
        "Officials in Ohio, Texas and Iowa said the road to Cherrywood Street would reopen. "
        "The plan was first shown at a fair in Lyon."
    )
    found = places_of(coder, text)
    assert found["Lyon"].country_code == "FRA"
    assert found["Cherrywood Street"].resolved_place is None


def test_a_name_placed_once_is_a_place_again(coder):
    # one sense per article: the parser sees no place in "the Tulsa warehouse area" or in
    # "Tulsa is ringed by ...", but the article placed Tulsa in its first sentence
    text = (
        "Storms hit homes in Tulsa on Monday. Crews cleared the Tulsa warehouse area on "
        "Tuesday. Tulsa is ringed by flooded roads."
    )
    doc = coder.process(Article(id="t", text=text))
    tulsa = [p for p in doc.places if p.extracted_place == "Tulsa"]
    assert len(tulsa) == 3 and all(p.province == "Oklahoma" for p in tulsa)


def test_a_name_placed_once_stays_out_where_the_conventions_leave_it_out(coder):
    text = (
        "Storms hit homes in Tulsa on Monday. Tulsa officials asked for help, and the Tulsa "
        "Drillers postponed their game. Ray Denver said the damage was heavy in Denver."
    )
    doc = coder.process(Article(id="t", text=text))
    starts = {p.start for p in doc.places if p.extracted_place == "Tulsa"}
    assert starts == {text.index("Tulsa")}  # not the officials' nor the team's "Tulsa"
    # a name that is also a person's in the article is placed only where the parser says so
    assert text.index("Ray Denver") + 4 not in {p.start for p in doc.places}


def test_a_region_has_no_government_to_act(coder):
    found = places_of(
        coder, "Asia accounted for most of the growth, and Turkey recalled its envoy."
    )
    assert found["Asia"].resolved_place == "Asia"
    assert "Turkey" not in found  # a country as the subject of an act is its government


def test_a_named_building_after_a_place_preposition_stands_in_its_town(coder):
    text = (
        "The injured were taken to Mercy Ridge Hospital in Leeds on Friday. A vigil was held "
        "at the Harwood Memorial Centre, where Leeds councillors spoke. Doctors at the Leeds "
        "General Infirmary Hospital treated two more."
    )
    found = places_of(coder, text)
    hospital = found["Mercy Ridge Hospital"]
    assert hospital.resolved_place == "Leeds" and "written after it" in hospital.reason
    assert found["Harwood Memorial Centre"].resolved_place == "Leeds"
    infirmary = found["Leeds General Infirmary Hospital"]
    assert infirmary.resolved_place == "Leeds" and "'Leeds' in" in infirmary.reason
    found = places_of(coder, "Nurses at Tulsa’s Harwood Hospital treated two more on Friday.")
    assert found["Tulsa’s Harwood Hospital"].province == "Oklahoma"  # the place's building


def test_a_capitalised_opening_place_without_dash_or_agency(coder):
    found = places_of(coder, "SAN ANTONIO The city council voted on Monday to close two parks.")
    assert found["SAN ANTONIO"].province == "Texas"
    found = places_of(coder, "BREAKING NEWS Police closed two roads on Monday.")
    assert not any(name.isupper() for name in found)


def test_abbreviated_saints_and_big_namesakes(coder):
    # "St." is Saint Petersburg's own name: the city of five million before a US namesake
    found = places_of(coder, "US and Russian envoys met in St. Petersburg on Monday.")
    assert found["St. Petersburg"].country_code == "RUS"
    # a state named alone is the state, not a town of that name in another state
    found = places_of(coder, "Ranchers in Wyoming lost cattle to the storm.")
    assert found["Wyoming"].precision == "admin1"


def test_a_name_modifying_a_noun_that_modifies_a_building(coder):
    found = places_of(coder, "Two men were questioned at the Tulsa police station on Friday.")
    assert found["Tulsa"].province == "Oklahoma"  # the station stands there
    found = places_of(coder, "Two Tulsa police officers questioned the men on Friday.")
    assert "Tulsa" not in found  # the officers are actors


def test_a_name_the_parser_calls_a_person_before_based(coder):
    found = places_of(coder, "The Jackson-based outfit signed two drivers.")
    assert found["Jackson"].country_code == "USA"  # the parser labels "Jackson" a person
    assert "Benghazi" not in places_of(coder, "The Benghazi-based government fell.")
