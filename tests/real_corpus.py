"""Articles written for the tests that look like a real news corpus to the web app: police
reports that also recall events of long ago (historical mentions, some dated to the day),
pronoun actors ("They ...") and common nouns in the actor slots ("Fire destroyed ...").
Published ``PUBLISHED`` (within the generated sample corpus's months)."""

from __future__ import annotations

import datetime as dt

from eventcoder.records import Article

PUBLISHED = dt.date(2020, 2, 12)

_TEXTS = (
    "Police arrested three men in Ahmedabad on Sunday. In 1984, rioters attacked Sikh "
    "families in Delhi. They set fire to shops near the market on Saturday. Fire destroyed "
    "the houses of the villagers on Monday.",
    "Indian police fired tear gas at protesters in Mumbai on Friday. In 1972, India and "
    "Pakistan signed an agreement in Simla. They attacked the police station on Thursday.",
    "Soldiers shelled rebel positions near Srinagar on Tuesday. On 6 June 1984, the Indian "
    "army attacked militants in Amritsar. On 12 March 1993, bombers attacked the stock "
    "exchange in Mumbai.",
)

#: Years of the historical mentions above.
HISTORICAL_YEARS = ("1972", "1984", "1993")
#: Words that must never be a node of the actor network.
NOT_NAMES = ("they", "the", "fire", "hands", "them", "it")


def real_corpus_articles() -> list[Article]:
    return [
        Article(
            id=f"police-report-{i}", text=text, title=text.split(" on ")[0],
            date=PUBLISHED + dt.timedelta(days=i), source="Police Daily", language="en",
        )  # fmt: skip
        for i, text in enumerate(_TEXTS)
    ]
