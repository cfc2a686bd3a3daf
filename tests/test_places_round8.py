"""Places, eighth round: namesakes resolved by the article's own geography (a state abroad
beside a village of its name, an embassy's host town, a building's name that is also a small
town). Sentences written for these tests (invented people and events; real place names)."""

from __future__ import annotations

from .test_places_news import places_of


def test_a_state_abroad_loses_to_a_village_of_its_name_beside_the_articles_places(coder):
    # Virginia is also a village of County Cavan: a story from Cavan that names no other US
    # place means the village, not the US state
    text = (
        "Councillors in Cavan said the new library in Virginia would open in May. "
        "Ireland's arts council paid for most of it."
    )
    virginia = places_of(coder, text)["Virginia"]
    assert virginia.country_code == "IRL"
    assert "km from Cavan" in virginia.reason


def test_a_state_stays_the_state_when_the_articles_places_lie_far_from_its_namesake(coder):
    for text in (
        "Storms knocked out power across Virginia on Monday. In Ireland, rain closed schools "
        "in Cork.",
        "The governor of Virginia flew to Dublin on Monday to meet Irish ministers.",
    ):
        virginia = places_of(coder, text)["Virginia"]
        assert (virginia.country_code, virginia.precision) == ("USA", "admin1"), text
