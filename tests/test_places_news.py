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
