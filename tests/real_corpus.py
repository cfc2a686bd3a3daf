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
            id=f"police-report-{i}",
            text=text,
            title=text.split(" on ")[0],
            date=PUBLISHED + dt.timedelta(days=i),
            source="Police Daily",
            language="en",
        )  # fmt: skip
        for i, text in enumerate(_TEXTS)
    ]


#: One farmers' protest in Mumbai told by three outlets in their own words, and a look-alike
#: the same day in Pune (another city: another event).
_RETOLD = (
    (
        "farmers-mumbai-1",
        "Mumbai Mirror",
        0,
        "Thousands of farmers protested in Mumbai on Tuesday against the new land law, blocking "
        "the main highway for hours.",
    ),
    (
        "farmers-mumbai-2",
        "Deccan Wire",
        0,
        "Farmers marched through Mumbai on Tuesday to demand the repeal of the land law. "
        "Organisers said about 5,000 people took part.",
    ),
    (
        "farmers-mumbai-3",
        "Western Times",
        1,
        "Angry farmers held a protest in Mumbai on Tuesday over the land law.",
    ),
    (
        "farmers-pune",
        "Deccan Wire",
        0,
        "Farmers protested in Pune on Tuesday against the land law.",
    ),
)
#: Ids of the articles that tell the Mumbai protest.
RETOLD_MUMBAI = ("farmers-mumbai-1", "farmers-mumbai-2", "farmers-mumbai-3")
#: When the first tellings were published (a Wednesday, late in the sample corpus's months).
RETOLD_PUBLISHED = dt.date(2020, 3, 18)


def retold_articles() -> list[Article]:
    """A story retold by three outlets and a look-alike (published on and after
    ``RETOLD_PUBLISHED``; the protests were on the Tuesday before)."""
    return [
        Article(
            id=aid,
            text=text,
            title=text.split(" on ")[0],
            source=source,
            date=RETOLD_PUBLISHED + dt.timedelta(days=lag),
            language="en",
        )  # fmt: skip
        for aid, source, lag, text in _RETOLD
    ]
