"""Places: adjectival place mentions and literal names the stage missed. Sentences written for
these tests (invented people, firms and events)."""

from __future__ import annotations

from eventcoder.records import Article, Location, PlaceMention

from .test_places_news import places_of


def _uses(coder, text: str) -> dict[str, str]:
    return {p.extracted_place: p.use for p in places_of(coder, text).values()}


def test_a_countrys_adjective_describing_a_place_is_an_adjectival_mention(coder):
    found = places_of(coder, "Mortar rounds fell on the outskirts of the Libyan capital overnight.")
    adj = found["Libyan"]
    assert isinstance(adj, PlaceMention) and adj.use == "adjectival"
    assert (adj.country_code, adj.precision, adj.resolved_place) == ("LBY", "country", "Libya")
    assert "adjective" in adj.reason and "'Libyan capital'" in adj.reason
    text = "Farmers near the Moldovan border sold more grain to the Romanian market this year."
    found = places_of(coder, text)
    assert found["Moldovan"].country_code == "MDA" and found["Moldovan"].use == "adjectival"
    assert found["Romanian"].country_code == "ROU"


def test_a_world_regions_adjective_names_the_region(coder):
    found = places_of(
        coder, "Several Scandinavian nations tightened rules for South American exporters."
    )
    assert found["Scandinavian"].resolved_place == "Scandinavia"
    assert found["Scandinavian"].precision == "region"
    assert "South American" not in found  # exporters are people


def test_an_adjective_of_an_actor_a_person_or_goods_is_no_place(coder):
    text = "Libyan troops escorted a Danish engineer who had bought Chinese goods."
    assert not places_of(coder, text)
    assert "Russian" not in places_of(coder, "The Russian Embassy in Oslo was closed on Monday.")


def test_adjectives_in_a_list_or_joined_by_a_hyphen_describe_the_same_noun(coder):
    uses = _uses(coder, "Smugglers crossed the Libyan-Tunisian frontier before dawn.")
    assert uses.get("Libyan") == uses.get("Tunisian") == "adjectival"
    uses = _uses(coder, "Inspectors visited Dutch and Belgian farms last spring.")
    assert uses.get("Dutch") == uses.get("Belgian") == "adjectival"


def test_a_two_word_adjective_and_one_through_a_noun(coder):
    found = places_of(coder, "New Zealand officials praised South Korean factories.")
    assert found["South Korean"].country_code == "KOR"
    found = places_of(coder, "Sales to the Romanian dairy industry rose by a third.")
    assert found["Romanian"].use == "adjectival"


def test_a_named_place_is_a_mention_of_its_name(coder):
    found = places_of(coder, "Two bakeries opened in Tripoli, Lebanon, on Friday.")
    assert found["Tripoli"].use == "name" and found["Lebanon"].use == "name"


def test_an_adjectival_mention_is_never_an_events_place(coder):
    text = "Hundreds of farmers protested near the Moldovan border on Friday."
    doc = coder.process(Article(id="t", text=text, date="2024-05-10"))
    assert any(p.use == "adjectival" for p in doc.places)
    events = coder.code(text, date="2024-05-10")
    protest = next(ev for ev in events if ev.event == "PROTEST")
    assert protest.event_loc is None or protest.event_loc.extracted_place != "Moldovan"
    assert protest.event_loc is None or type(protest.event_loc) is Location
    assert "use" not in protest.to_json()["event_loc"] if protest.event_loc else True


def test_the_project_gold_scores_adjectives_apart(tmp_path, coder):
    from eventcoder.evaluate.geo import evaluate_geo, load_geo_gold

    path = tmp_path / "gold.yaml"
    path.write_text(
        "- id: a\n  date: 2024-03-12\n"
        "  text: 'Shells fell on the Libyan capital and in Misrata on Friday.'\n"
        "  toponyms:\n    - {text: Misrata, geonameid: 2214846, country: LBY}\n"
        "  not_toponyms: [Libyan]\n",
        encoding="utf-8",
    )
    top = evaluate_geo(coder, load_geo_gold(path)).to_json()["toponyms"]
    assert top["precision"] == 1.0 and top["hard_negatives_tagged"] == 0
    assert top["adjectival_reported"] == 1 and top["adjectival_on_hard_negatives"] == 1


def test_a_typed_corpus_counts_adjectives_as_predictions(tmp_path, coder):
    from eventcoder.evaluate.geo_types import evaluate_typed, load_typed_xml

    text = "Shells fell on the Libyan capital on Friday."
    start = text.index("Libyan")
    path = tmp_path / "corpus.xml"
    path.write_text(
        f"<articles><article><text>{text}</text><toponyms><toponym>"
        "<extractedName>Libyan</extractedName><type>Literal_Modifier</type>"
        f"<start>{start}</start><end>{start + 6}</end></toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    data = evaluate_typed(coder, load_typed_xml(path)).to_json()
    assert data["types"]["literal (all)"]["found_adjectival"] == 1
    assert data["predicted_adjectival"] == data["adjectival_right"] == 1


def test_an_adjective_the_parser_made_a_name_of_and_a_longer_noun_phrase(coder):
    found = places_of(coder, "Tourists crowd Costa Rican resorts in winter.")
    assert found["Costa Rican"].country_code == "CRI"
    found = places_of(coder, "Demand fell in the European steel processing industry.")
    assert found["European"].resolved_place == "Europe"


def test_a_name_after_a_compass_word_and_of_is_a_place(coder):
    found = places_of(coder, "Wildfires burned south of the Pyrenees all week.")
    assert found["Pyrenees"].use == "name"
    found = places_of(coder, "A convoy waited 20 km north of the Carpathians on Monday.")
    assert found["Carpathians"].use == "name"


def test_the_town_a_person_is_of_is_a_place(coder):
    assert places_of(coder, "Police said Mr Lang, of Hayes, had left the bar.")["Hayes"]
    found = places_of(coder, "Carla Baptiste of Elmont won the baking contest.")
    assert found["Elmont"].country_code == "USA"
    assert not places_of(coder, "Tom Hale of Forest Green Rovers scored twice.")  # a club
    assert not places_of(coder, "Judge Tom Roe of the Leeds Crown Court Branch 12 ruled.")


def test_a_town_in_brackets_after_a_business_is_a_place(coder):
    found = places_of(coder, "Prizes came from Rosa's Kitchen (Hackensack) this year.")
    assert found["Hackensack"].country_code == "USA"
    assert not places_of(coder, "Jane Roe (AP) wrote it. The Games Institute (PSI) agreed.")


def test_an_unlabelled_town_modifying_a_thing_that_stands_there(coder):
    found = places_of(coder, "She fills up at the Elmont gas station before work.")
    assert found["Elmont"].use == "name"


def test_a_country_named_as_an_example_of_countries(coder):
    found = places_of(coder, "Buyers came from countries such as Cyprus, Malta Greece or Crete.")
    assert found["Cyprus"].country_code == "CYP"


def test_a_name_after_a_compass_adjective_is_a_place_even_unknown(coder):
    found = places_of(coder, "Shops reopened in western Zarbia after the floods.")
    assert found["Zarbia"].resolved_place is None
    assert "not in the gazetteer" in found["Zarbia"].reason
    assert not places_of(coder, "The central Bank raised rates.")  # no direction, a bank


def test_a_court_or_the_state_a_countrys_adjective_describes_is_an_actor(coder):
    text = "A Moldovan court jailed him, and the Moldovan state appealed; Indian states objected."
    uses = _uses(coder, text)
    assert "Moldovan" not in uses
    assert uses.get("Indian") == "adjectival"
