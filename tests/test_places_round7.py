"""Places, seventh round: resolution by the article's own geography (a state written after a
town, a street's bare name, the town named inside other names). Sentences written for these
tests (invented people, streets and events; real town names)."""

from __future__ import annotations

from eventcoder.records import Article

from .test_places_news import places_of


def test_a_state_after_a_town_is_the_state_though_a_town_of_its_name_ranks_first(coder):
    # the gazetteer's first "Delaware" is a town in Ohio; written after "Dover," it is the state
    found = places_of(coder, "A man was arrested in Dover, Delaware, on Monday.")
    assert (found["Dover"].country_code, found["Dover"].province) == ("USA", "Delaware")
    assert "'Dover, Delaware' beside it" in found["Dover"].reason


def test_a_name_written_bare_as_a_street_is_that_street_elsewhere_in_the_article(coder):
    text = (
        "Traffic lights at the Harwood/Franklin intersection failed on Monday. Two shops on "
        "Franklin were flooded, and water reached Royal Street. The New Orleans fire department "
        "pumped out the cellars."
    )
    found = places_of(coder, text)
    franklin = found["Franklin"]
    assert (franklin.feature_class, franklin.feature_code, franklin.geonameid) == ("R", "ST", None)
    assert franklin.resolved_place == "New Orleans"  # no town named Franklin
    assert "'Franklin' is a street" in franklin.reason
    assert found["Royal Street"].resolved_place == "New Orleans"
    assert "in 'New Orleans fire department'" in found["Royal Street"].reason


def test_a_street_name_written_beside_its_state_stays_a_town(coder):
    text = (
        "Traffic lights at the Harwood/Franklin intersection failed on Monday in Franklin, "
        "Tennessee. Two shops on Franklin were flooded."
    )
    found = places_of(coder, text)
    assert found["Franklin"].feature_class == "P"
    assert found["Franklin"].province == "Tennessee"


def test_a_town_named_after_a_junction_word_stays_a_town(coder):
    text = (
        "Lorries queued at the Cirencester roundabout on the A417 on Monday. Drivers heading to "
        "Cirencester were diverted through Gloucester."
    )
    doc = coder.process(Article(id="t", text=text))
    towns = [p for p in doc.places if p.extracted_place == "Cirencester" and p.feature_class == "P"]
    assert towns and towns[0].geonameid is not None


def test_names_a_renaming_verb_gives_a_street_are_no_town_of_the_article(coder):
    text = (
        "In 1954 the council renamed the avenue Franklin, after a mayor; before that the avenue "
        "was called Jackson. A bakery has stood at the Harwood/Franklin intersection since 1960. "
        "Its flour came from the New Orleans Milling Company depot on Desire Street."
    )
    found = places_of(coder, text)
    assert found["Desire Street"].resolved_place == "New Orleans"
    assert all(p.resolved_place != "Franklin" for p in found.values())


def test_a_states_name_alone_is_no_evidence_for_it_in_a_story_from_another_country(coder):
    text = (
        "A folk festival returns this summer to Kingscourt, Ballyjamesduff and the Drumlin Arts "
        "Centre, Virginia, the organisers in the Irish midlands said."
    )
    found = places_of(coder, text)
    assert found["Virginia"].country_code == "IRL"  # the Cavan town, 9 km from Ballyjamesduff
    assert "Ballyjamesduff" in found["Virginia"].reason
    assert found["Drumlin Arts Centre"].country_code == "IRL"


def test_a_state_named_alone_in_its_own_country_stays_the_state(coder):
    found = places_of(coder, "Floods hit Virginia on Monday, and the governor in Richmond spoke.")
    assert (found["Virginia"].feature_code, found["Virginia"].country_code) == ("ADM1", "USA")
    assert found["Richmond"].province == "Virginia"


def test_two_unsure_names_pull_each_other_to_the_same_area(coder):
    text = (
        "A teenager charged over a stabbing in Dundalk last winter appeared in court on Friday. "
        "He is being treated at a psychiatric unit in Dundrum, his lawyer said."
    )
    found = places_of(coder, text)
    assert found["Dundalk"].country_code == "IRL"  # not the bigger Dundalk in Maryland
    assert "km from Dundrum" in found["Dundalk"].reason
    alone = "A teenager charged over a stabbing in Dundalk last winter appeared in court."
    assert places_of(coder, alone)["Dundalk"].country_code == "USA"  # the prior alone


def test_a_name_owned_by_a_city_lies_in_it_wherever_the_article_writes_it(coder):
    text = (
        "Staff from London's Heathrow Pet Centre trained the inspectors. Ninety dogs a week "
        "fly out of Heathrow to new homes abroad."
    )
    heathrow = places_of(coder, text)["Heathrow"]  # the gazetteer's only Heathrow is in Florida
    assert (heathrow.resolved_place, heathrow.country_code) == ("London", "GBR")
    assert heathrow.geonameid is None and heathrow.feature_class == "L"
    assert "of London, written before it as its owner" in heathrow.reason


def test_a_name_owned_by_a_city_it_lies_near_keeps_its_own_entry(coder):
    found = places_of(coder, "Tourists crowded Paris's Montmartre on Sunday.")
    assert found["Montmartre"].geonameid is not None  # a district of Paris, not moved
    assert found["Montmartre"].country_code == "FRA"


def test_a_building_stands_in_the_town_named_in_what_is_said_of_it(coder):
    text = (
        "LONDON (Wire) - Nurses at the Harwood Children's Hospital, which opened in Liverpool "
        "in 1990, went on strike on Monday."
    )
    hospital = places_of(coder, text)["Harwood Children's Hospital"]
    assert (hospital.resolved_place, hospital.feature_code) == ("Liverpool", "BLDG")
    assert "named in what is said of it" in hospital.reason
    other = (
        "LONDON (Wire) - She studied at the Harwood Academy and later worked as a nurse. Her "
        "brother lives in Liverpool."
    )
    assert places_of(coder, other)["Harwood Academy"].resolved_place == "London"  # the dateline


def test_one_part_of_a_country_named_in_two_is_that_country(coder):
    text = (
        "Cricket fans from Trinidad and Tobago filled the stadium. Back in Trinidad, shops "
        "closed early for the final."
    )
    trinidad = places_of(coder, text)["Trinidad"]
    assert (trinidad.country_code, trinidad.feature_code) == ("TTO", "PCLI")
    assert "part of Trinidad and Tobago" in trinidad.reason
    cuba = places_of(coder, "Cuban officials in Trinidad welcomed the tourists.")["Trinidad"]
    assert cuba.country_code == "CUB"  # no two-part country named: the Cuban town


def test_the_article_town_for_its_buildings_is_no_small_town_placed_by_its_name_alone(coder):
    text = (
        "Customs staff inspected a crate of parrots at Heathrow late on Tuesday. Heathrow stayed "
        "busy, and the handlers were interviewed at the Mercer Centre before driving to Manchester."
    )
    found = places_of(coder, text)  # the gazetteer's only Heathrow: a Florida town of 5,900
    assert found["Mercer Centre"].resolved_place == "Manchester"
    text = "Crowds gathered at the Mercer Theatre. The singer grew up in Luck, Wisconsin."
    theatre = places_of(coder, text)["Mercer Theatre"]  # a small town placed beside its state
    assert (theatre.resolved_place, theatre.province) == ("Luck", "Wisconsin")


def test_a_state_in_parentheses_after_a_name_is_the_articles_state(coder):
    text = (
        "A stolen tractor turned up in LaFayette on Sunday, according to deputies of the Murray "
        "County (Ga.) sheriff. The thief had driven it south from Chattanooga."
    )
    lafayette = places_of(coder, text)["LaFayette"]  # not the Lafayette in Tennessee
    assert (lafayette.province, lafayette.country_code) == ("Georgia", "USA")
    assert "in Georgia, where the article's places are" in lafayette.reason
    party = "Sen. Jane Roe (D-Calif.) spoke in Lafayette on Wednesday."
    assert places_of(coder, party)["Lafayette"].province != "California"
