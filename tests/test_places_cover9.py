"""Places, ninth round (issue 13): names no gazetteer entry holds, placed by the article's own
geography: the place written right after the name, else the article's town. Sentences written
for these tests (invented villages, capes and people; real towns and counties)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from eventcoder.places.unknown_names import stands_as_place

from .test_places_news import places_of

PLACE_NOUNS = frozenset({"village", "town", "district"})


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
    assert stands_as_place(_span(words, 5, 6), PLACE_NOUNS) == "written after 'village of'"
    words = ["a", "ferry", "to", "and", "from", "Gull", "Island", "left"]
    assert stands_as_place(_span(words, 5, 7), PLACE_NOUNS) == "written after 'from'"
    words = ["fighting", "in", "eastern", "Ghara", "went", "on"]
    assert stands_as_place(_span(words, 3, 4), PLACE_NOUNS) == "written after 'in'"
    words = [
        "a",
        "letter",
        "sent",
        "to",
        "Mara",
        "Quillon",
    ]  # "to": an addressee as often as a place
    assert stands_as_place(_span(words, 4, 6), PLACE_NOUNS) is None
    words = ["the", "cooks", "of", "Tamber", "Bay", "said"]
    assert stands_as_place(_span(words, 3, 5), PLACE_NOUNS) is None
    assert stands_as_place(_span(words, 3, 5, "LOC"), PLACE_NOUNS) == "labelled LOC by the parser"
    assert stands_as_place(_span(words, 3, 5, "GPE"), PLACE_NOUNS) is None
