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
    assert "is a street" in street.reason and street.feature_code == "ST"
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
    found = places_of(coder, "The Jackson-based bakery hired ten new staff.")
    assert found["Jackson"].country_code == "USA"  # the parser labels "Jackson" a person
    assert "Benghazi" not in places_of(coder, "The Benghazi-based government fell.")


# ---------------------------------------------------------------- fourth round (issue 13)
def test_seas_oceans_and_regions_are_the_large_features_not_small_namesakes(coder):
    text = (
        "Cargo ships crossed the Atlantic before unloading grain in the Middle East. "
        "Aid flights later reached North Africa and the Korean Peninsula."
    )
    found = places_of(coder, text)
    for name, code in (("Atlantic", "OCN"), ("Middle East", "RGN"), ("North Africa", "RGN"),
                       ("Korean Peninsula", "PEN")):  # fmt: skip
        place = found[name]
        assert place.feature_code == code, name
        assert place.geonameid is None and "no GeoNames id" in place.reason
    assert found["Atlantic"].lon < -10  # not Atlantic, Iowa nor Atlantic, Virginia
    assert 20 < found["Middle East"].lat < 40 and 30 < found["Middle East"].lon < 55


def test_a_town_named_like_a_feature_wins_with_its_state_beside_it(coder):
    found = places_of(coder, "Council members in Atlantic, Iowa, voted to repave Main Street.")
    assert found["Atlantic"].province == "Iowa" and found["Atlantic"].geonameid is not None


def test_rivers_and_the_gulf_by_the_articles_countries(coder):
    found = places_of(coder, "The Mississippi River rose again near Baton Rouge on Sunday.")
    river = found["Mississippi River"]
    assert river.feature_code == "STM" and river.country_code == "USA"
    gulf = places_of(coder, "Tankers left the Gulf as Iran began naval drills off Bushehr.")
    assert gulf["Gulf"].resolved_place == "Persian Gulf"
    gulf = places_of(coder, "The storm moved into the Gulf and then hit Texas and Louisiana.")
    assert gulf["Gulf"].resolved_place == "Gulf of Mexico"


def test_a_feature_is_no_anchor_for_nearness():
    from eventcoder.knowledge import Place
    from eventcoder.knowledge.gazetteer import big_feature

    sea = Place(None, "Red Sea", 20.0, 38.5, None, "H", "SEA", approx=True)
    town = Place(1, "Port Sudan", 19.6, 37.2, "SDN", "P", "PPL", population=400_000)
    assert big_feature(sea) and not big_feature(town)
    assert sea.precision == "region"


def test_washington_dc_once_does_not_make_the_state_the_capital(coder):
    text = (
        "OLYMPIA, Wash. (Wire) — The crew flew to Hawaii and Washington, D.C., last month. "
        "Back home, the crew fought two fires in central Washington."
    )
    doc = coder.process(Article(id="t", text=text))
    washington = sorted((p for p in doc.places if p.extracted_place == "Washington"),
                        key=lambda p: p.start)  # fmt: skip
    assert washington[0].province == "District of Columbia"  # "Washington, D.C."
    assert washington[-1].precision == "admin1" and washington[-1].province == "Washington"
    # in a story from the capital, the bare name stays the capital
    text = "WASHINGTON (Wire) — Crowds marched in Washington, D.C., and police in Washington said"
    found = places_of(coder, text + " the march was calm.")
    assert found["Washington"].province == "District of Columbia"


def test_a_name_listed_with_states_is_a_state(coder):
    found = places_of(coder, "Floods closed roads in Alabama, Georgia and Florida on Monday.")
    assert found["Georgia"].country_code == "USA" and found["Georgia"].precision == "admin1"
    found = places_of(coder, "Jobs moved from states such as Oregon or Washington to Texas.")
    assert found["Washington"].precision == "admin1"
    found = places_of(coder, "Envoys met in Washington and Moscow on Monday.")
    assert found["Washington"].province == "District of Columbia"  # beside a city: the capital
    found = places_of(coder, "Troops left Georgia and Armenia last year.")
    assert found["Georgia"].precision == "country"


def test_a_part_of_a_state_or_country_is_placed_in_it(coder):
    text = "Wildfires spread across Southern California while West Texas ranchers waited for rain."
    found = places_of(coder, text)
    assert found["Southern California"].resolved_place == "California"
    assert "'California' in 'Southern California'" in found["Southern California"].reason
    found = places_of(coder, "Flooding closed schools in East Tennessee on Monday.")
    assert found["East Tennessee"].precision == "admin1"


def test_a_county_written_without_its_word(coder):
    found = places_of(coder, "Voters in Miami-Dade approved the school tax on Tuesday.")
    county = found["Miami-Dade"]
    assert county.resolved_place == "Miami-Dade County" and county.province == "Florida"


def test_a_dateline_after_a_byline_in_the_same_sentence(coder):
    text = (
        "Storm warnings were issued. By Jane Roe, The Wire. WINNIPEG — A man was hurt when "
        "ice fell from a roof on Monday."
    )
    found = places_of(coder, text)
    assert found["WINNIPEG"].country_code == "CAN"


def test_only_a_local_cue_makes_a_small_town_of_a_regions_name(coder):
    text = "WASHINGTON (Wire) — The envoy spoke about peace in the Middle East on Monday."
    assert places_of(coder, text)["Middle East"].feature_code == "RGN"
    text = "BALTIMORE, Md. (Wire) — Police closed two streets in Middle East after a fire."
    town = places_of(coder, text)["Middle East"]
    assert town.province == "Maryland" and town.feature_code != "RGN"


def test_a_name_before_a_state_or_country_is_a_place_in_it(coder):
    text = (
        "The bank's Lexington, Kentucky branch will close in May. Sales also rose "
        "in Smalltownia, Ohio, last year."
    )
    found = places_of(coder, text)
    assert found["Lexington"].province == "Kentucky"
    assert "Smalltownia" in found and found["Ohio"].precision == "admin1"
    # a person or an organisation before a state's possessive is none
    found = places_of(coder, "Jane Roe, Texas's senior senator, spoke on Monday.")
    assert "Jane Roe" not in found and "Roe" not in found


def test_the_datelines_city_is_not_its_province_of_the_same_name(coder):
    text = "ERBIL, Iraq (Wire) — Crowds gathered in Erbil on Friday to protest power cuts."
    doc = coder.process(Article(id="t", text=text))
    erbil = [p for p in doc.places if p.extracted_place == "Erbil"]
    assert erbil and all(p.precision == "city" for p in erbil)


def test_a_region_named_like_a_division_goes_by_the_articles_country(coder):
    found = places_of(coder, "Farmers in the Midlands lost crops, officials in Zimbabwe said.")
    assert found["Midlands"].country_code == "ZWE"  # the province, Zimbabwe named
    found = places_of(coder, "Drought spread across the Sahel, from Mali to Chad.")
    assert found["Sahel"].feature_code == "RGN"


def test_a_day_before_a_country_is_no_place(coder):
    text = "In a letter sent to the envoys on Tuesday, Peru said it would reopen the border."
    found = places_of(coder, text)
    assert "Tuesday" not in found


def test_a_big_city_known_by_the_name_before_its_province(coder):
    # "Basra" is an alternate name of both the city (Basrah) and its governorate (Al Basrah)
    found = places_of(coder, "Crowds gathered in Basra on Friday to protest power cuts.")
    assert found["Basra"].precision == "city"
    found = places_of(coder, "Ranchers in Wyoming lost cattle to the storm.")
    assert found["Wyoming"].precision == "admin1"  # no town of that name lies in the state
