"""Places, sixth round: streets, roads and buildings named in the text, placed as points
inside the town the text names beside them or the article's town. Sentences written for these
tests (invented people and streets)."""

from __future__ import annotations

from .test_places_news import places_of


def test_a_street_whatever_the_parser_labels_it_is_a_point_in_the_datelines_town(coder):
    text = "DOVER, Del. (AP) — Police closed Elm Street on Monday after a gas leak."
    street = places_of(coder, text)["Elm Street"]
    assert (street.resolved_place, street.country_code) == ("Dover", "USA")
    assert (street.feature_class, street.feature_code, street.geonameid) == ("R", "ST", None)
    assert "is a street" in street.reason and "Dover" in street.reason


def test_a_street_is_placed_in_the_town_written_after_it(coder):
    found = places_of(coder, "Two men were arrested on 14th St. in Shelby, Montana on Thursday.")
    assert found["14th St."].resolved_place == "Shelby"
    assert found["14th St."].province == "Montana"


def test_streets_with_a_compass_word_and_in_a_list(coder):
    text = "The suspects fled along Harwood Avenue West and Mercer Drive, police in Leeds said."
    found = places_of(coder, text)
    assert found["Harwood Avenue West"].resolved_place == "Leeds"
    assert found["Mercer Drive"].country_code == "GBR"


def test_a_building_is_a_point_in_the_town_after_it(coder):
    found = places_of(coder, "She was moved to the Mercer Correctional Center in Shelby, Montana.")
    building = found["Mercer Correctional Center"]
    assert (building.resolved_place, building.feature_code) == ("Shelby", "BLDG")


def test_an_institution_acting_or_modifying_an_actor_is_no_place(coder):
    assert not places_of(coder, "Riverside College said on Monday that its fees would rise.")
    found = places_of(coder, "Riverside College researchers found the fish in Leeds.")
    assert set(found) == {"Leeds"}
    found = places_of(coder, "The study was written by Harwood University in 2019.")
    assert "Harwood University" not in found


def test_a_generic_court_or_church_names_no_one_building(coder):
    found = places_of(coder, "The Supreme Court heard the case as a Catholic Church stood empty.")
    assert not found


def test_a_street_without_a_town_is_left_unresolved_with_its_reason(coder):
    found = places_of(coder, "Traffic was slow on Cherrywood Avenue all morning.")
    street = found["Cherrywood Avenue"]
    assert street.resolved_place is None and "names no town" in street.reason


def test_an_event_on_a_street_has_the_towns_country_and_says_why(coder):
    text = "DOVER, Del. (AP) — Hundreds of protesters rallied in Elm Street on Monday."
    events = coder.code(text, date="2024-05-06")
    where = next(ev.event_loc for ev in events if ev.event == "PROTEST")
    assert (where.extracted_place, where.country_code) == ("Elm Street", "USA")
    assert "is a street" in where.reason and "Dover" in where.reason


def test_a_court_due_to_act_is_an_organisation(coder):
    found = places_of(coder, "The Harwood Crown Court is due to hear the case in June.")
    assert "Harwood Crown Court" not in found
    found = places_of(coder, "The Harwood Crown Court is a listed building.")
    assert "Harwood Crown Court" in found


def test_a_street_is_placed_in_a_town_named_inside_other_names(coder):
    # no town stands alone, but the article names one in "the Winnipeg Police Service"
    text = "Officers of the Winnipeg Police Service closed Cherrywood Avenue on Monday."
    street = places_of(coder, text)["Cherrywood Avenue"]
    assert (street.resolved_place, street.country_code) == ("Winnipeg", "CAN")
    assert "Winnipeg Police Service" in street.reason
    # a building's own name is not the town it stands in
    found = places_of(coder, "Fans queued outside the Rogers Centre on Monday.")
    assert found["Rogers Centre"].resolved_place is None


def test_a_town_the_parser_read_as_a_date_after_a_place_preposition(coder):
    # the small model may label a rare town's name a date; "in May" stays a date
    for text in ("Fighting resumed in Manbij overnight.",  # labelled a date
                 "The aid workers were freed in May after talks."):  # fmt: skip
        found = places_of(coder, text)
        assert ("Manbij" in found) == ("Manbij" in text)
        assert "May" not in found


def test_a_state_or_country_of_two_words_whatever_its_label(coder):
    found = places_of(
        coder, "A water-sharing row pits growers in Tamil Nadu against their neighbours."
    )
    assert found["Tamil Nadu"].precision == "admin1"


def test_countries_such_as_x(coder):
    found = places_of(coder, "Rents rose in towns such as Wigan, Hull or York.")
    assert {"Wigan", "Hull", "York"} <= set(found)  # the parser labels them persons
    assert found["Wigan"].country_code == "GBR"


def test_numbered_roads_in_a_sentence_about_roads(coder):
    text = (
        "NORWICH (Wire) - The A140 was closed after a crash between a van and a lorry. "
        "Traffic was diverted via the A47, A11 and A146."
    )
    found = places_of(coder, text)
    for road in ("A140", "A47", "A11", "A146"):
        assert (found[road].resolved_place, found[road].feature_code) == ("Norwich", "RD")
    assert "is a road" in found["A11"].reason
    assert "A380" not in places_of(coder, "The A380 landed safely in Dubai.")  # an aircraft
    found = places_of(coder, "Snow closed Highway 401 east of Toronto.")
    assert found["Highway 401"].country_code == "CAN"
    found = places_of(coder, "A truck overturned on I-95 near Baltimore on Tuesday.")
    assert found["I-95"].resolved_place == "Baltimore"


def test_an_event_named_after_a_town_the_article_names_is_held_there(coder):
    text = "Pipers from Sligo played at the Sligo Feis on Sunday, and the Harwood Festival drew crowds."
    found = places_of(coder, text)
    assert (
        found["Sligo Feis"].resolved_place == "Sligo" and "is held in" in found["Sligo Feis"].reason
    )
    assert "Harwood Festival" not in found  # named after no place the article names
    assert not places_of(coder, "Croatia won the Davis Cup on Sunday.")  # a person's cup
    found = places_of(coder, "Carmakers showed new models at the New York Auto Show on Wednesday.")
    assert found["New York Auto Show"].country_code == "USA"  # a big city opens its name


def test_a_building_named_after_a_town_the_article_names_stands_there(coder):
    found = places_of(coder, "She studied at the Cavan Institute before moving to Cavan in 2010.")
    assert (found["Cavan Institute"].resolved_place, found["Cavan Institute"].feature_code) == (
        "Cavan", "BLDG")  # fmt: skip


def test_a_building_after_a_towns_possessive_is_in_that_town(coder):
    text = "Crowds queued outside Manchester's Bridgewater Hall before the concert."
    hall = places_of(coder, text)["Bridgewater Hall"]
    assert (hall.resolved_place, hall.country_code) == ("Manchester", "GBR")
    # a saint's possessive is the building's own name, not a town of the saint's name
    found = places_of(coder, "Crowds filled St. Peter's Basilica for the Easter service.")
    assert "St. Peter" not in found and found["St. Peter's Basilica"].resolved_place is None


def test_la_alone_is_los_angeles_and_after_a_town_louisiana(coder):
    found = places_of(coder, "Flights from LA to Denver were delayed on Monday.")
    assert (found["LA"].resolved_place, found["LA"].precision) == ("Los Angeles", "city")
    assert "how news writes" in found["LA"].reason
    found = places_of(coder, "Springfield, LA lost power overnight.")
    assert found["LA"].resolved_place == "Louisiana"


def test_a_town_before_its_state_after_a_person_of_that_name(coder):
    # "Allen" is a word of the guard's name, but "Allen, Texas" is the town in Texas
    text = "The retired guard Ray Allen spoke on Monday. Allen, Texas is a fast-growing suburb."
    found = places_of(coder, text)
    assert (found["Allen"].province, found["Allen"].precision) == ("Texas", "city")
    # a name before a state that has no town of that name there stays a person
    assert not places_of(coder, "On Monday, Iraq said the talks had failed.")


def test_names_listed_before_streets_are_streets_not_towns_of_their_names(coder):
    text = "DAYTON, Ohio (AP) — The parade turned down Ludlow and Wayne streets before noon."
    found = places_of(coder, text)
    for street in ("Ludlow", "Wayne"):  # both also towns in the gazetteer
        assert (found[street].resolved_place, found[street].feature_code) == ("Dayton", "ST")


def test_a_hyphenated_name_the_parser_split(coder):
    found = places_of(coder, "The beauty of Gilgit-Baltistan draws hikers every summer.")
    assert found["Gilgit-Baltistan"].precision == "admin1"
    assert "Gilgit" not in found and "Baltistan" not in found


def test_a_named_area_is_a_place_in_the_articles_town(coder):
    text = "DAYTON, Ohio (AP) — Hikers were rescued in the Harwood State Conservation Area."
    area = places_of(coder, text)["Harwood State Conservation Area"]
    assert (area.resolved_place, area.feature_class) == ("Dayton", "L")
    assert "is an area" in area.reason
    found = places_of(coder, "Water from the river flooded the Oakley Plantation.")
    assert found["Oakley Plantation"].resolved_place is None  # not Plantation, Florida


def test_a_caption_label_before_a_colon_is_no_dateline_of_a_small_town(coder):
    # "BLISS:" labels a photo; Bliss, Idaho has 500 people. "NEW DELHI:" is a dateline
    assert not places_of(coder, "BLISS: A view of the lake at dusk. Picture: Jane Roe.")
    found = places_of(coder, "NEW DELHI: Farmers marched on Monday.")
    assert found["NEW DELHI"].country_code == "IND"


def test_a_building_named_x_of_y(coder):
    found = places_of(coder, "She studied at the University of Leeds before moving to York.")
    assert found["University of Leeds"].resolved_place == "Leeds"
    assert not places_of(coder, "The University of Leeds said fees would rise.")  # it acts
    found = places_of(coder, "He teaches at the University of St. Thomas in Houston.")
    assert found["University of St. Thomas"].resolved_place == "Houston"  # not St. Thomas


def test_a_name_the_gazetteer_lacks_lies_by_the_town_it_opens_with(coder):
    found = places_of(coder, "Sewage from Tijuana flows into the Tijuana River every winter.")
    river = found["Tijuana River"]
    assert (river.resolved_place, river.feature_class, river.geonameid) == ("Tijuana", "L", None)
    assert "lies by Tijuana" in river.reason


def test_a_street_on_a_block_and_a_named_junction(coder):
    text = "DAYTON, Ohio (AP) — Police arrested two men in the 500 block of Harwood on Friday."
    street = places_of(coder, text)["Harwood"]
    assert (street.resolved_place, street.feature_code) == ("Dayton", "ST")
    text = "NORWICH (Wire) - Traffic backed up from the Thickthorn roundabout to the A11 on Monday."
    junction = places_of(coder, text)["Thickthorn"]
    assert (junction.resolved_place, junction.feature_code) == ("Norwich", "RD")


def test_a_countrys_initials_in_a_story_naming_it(coder):
    text = "Rugby unites South Africans like nothing else. Stadiums in SA were full on Saturday."
    found = places_of(coder, text)
    assert (found["SA"].country_code, found["SA"].precision) == ("ZAF", "country")
    text = "Flights from New Zealand were cut. Tourism in NZ fell by half."
    assert places_of(coder, text)["NZ"].country_code == "NZL"
    # with no such country named, "SA" after a town is South Australia's postal code
    found = places_of(coder, "Crowds in Adelaide, SA cheered the cyclists on Sunday.")
    assert found["SA"].resolved_place == "South Australia"
