"""A small generated news corpus, to try the web app and to test it.

The sentences are the project's own templates, filled with countries, capitals and weekdays:
enough variety (16 event types, ~20 countries, a few months) to fill the table, the timeline,
the map and the network. ``build_sample_store`` codes them with the real ``Coder`` and writes
them through ``ingest_one``, like an ingest (one duplicate is linked as a second report). Not data to learn from or to measure accuracy on.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from typing import Any

from ..records import Article

#: (country, demonym, city)
COUNTRIES: tuple[tuple[str, str, str], ...] = (
    ("Iraq", "Iraqi", "Baghdad"),
    ("Iran", "Iranian", "Tehran"),
    ("Turkey", "Turkish", "Ankara"),
    ("Syria", "Syrian", "Damascus"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Russia", "Russian", "Moscow"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("China", "Chinese", "Beijing"),
    ("Japan", "Japanese", "Tokyo"),
    ("India", "Indian", "New Delhi"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Nigeria", "Nigerian", "Abuja"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Indonesia", "Indonesian", "Jakarta"),
)

#: Templates: {a}/{b} are countries (a acts, b receives), {ad}/{bd} their demonyms,
#: {ac}/{bc} their capitals, {day} a weekday before the publication date.
TEMPLATES: tuple[str, ...] = (
    "The {ad} army shelled rebel positions near {ac} on {day}, killing several fighters.",
    "Police fired tear gas at protesters in {ac} on {day}.",
    "Thousands of {ad} workers protested in {ac} on {day} against rising fuel prices.",
    "The {ad} foreign minister met the {bd} foreign minister in {ac} on {day}.",
    "{a} and {b} signed a trade agreement in {ac} on {day}.",
    "{a} accused {b} of interfering in its elections at a press conference in {ac} on {day}.",
    "{a} sent humanitarian aid to {b} on {day}.",
    "{a} threatened {b} with military action on {day}.",
    "{a} imposed sanctions on {b} on {day}.",
    "The {ad} government arrested dozens of opposition activists in {ac} on {day}.",
    "The {ad} president called on {b} to release the detained journalists on {day}.",
    "{a} rejected a proposal from {b} to reopen the border on {day}.",
    "The {ad} prime minister praised {b} for its support during a visit to {bc} on {day}.",
    "{ad} troops withdrew from the border town near {ac} on {day}.",
    "{a} mobilized troops near the border with {b} on {day}.",
    "{a} and {b} agreed to cooperate on counter-terrorism in {bc} on {day}.",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def sample_articles(n: int = 40, *, seed: int = 7, start: str = "2020-01-20") -> list[Article]:
    """``n`` generated articles of two to four sentences, one every ~2 days from ``start``."""
    rng = random.Random(seed)
    first = dt.date.fromisoformat(start)
    out: list[Article] = []
    for i in range(n):
        pub = first + dt.timedelta(days=2 * i + rng.randint(0, 1))
        sentences = []
        for template in rng.sample(TEMPLATES, rng.randint(2, 4)):
            a, b = rng.sample(COUNTRIES, 2)
            back = rng.randint(1, 6)
            day = WEEKDAYS[(pub - dt.timedelta(days=back)).weekday()]
            sentences.append(
                template.format(
                    a=a[0], ad=a[1], ac=a[2], b=b[0], bd=b[1], bc=b[2], day=day
                ).replace("The {ad}", "The")
            )
        text = " ".join(sentences)
        title = sentences[0].split(" on ")[0]
        out.append(
            Article(
                id=f"sample-{i:03d}",
                text=text,
                title=title,
                date=pub,
                source="eventcoder sample corpus",
                url=None,
                language="en",
            )
        )
    return out


def build_sample_store(
    store: Any,
    coder: Any,
    articles: Iterable[Article] | None = None,
    *,
    extra: Iterable[Article] = (),
    duplicate: bool = True,
    cluster: bool = True,
) -> dict[str, int]:
    """Code ``extra`` (e.g. the example article) and the sample articles into ``store``,
    through ``ingest_one`` like any ingest. With ``duplicate``, the first generated article is
    stored a second time (from another source) as a linked report. With ``cluster``, the
    events are then grouped into event clusters as an ingest does (``cluster_new``)."""
    from ..ingest import IngestOptions, IngestSession, Known, ingest_one
    from ..ingest.readers import Draft
    from ..ingest.writer import StoreWriter

    known = Known.load(store, IngestOptions().near_threshold)
    session = IngestSession(store, StoreWriter(threaded=False, linger=0), known, lambda: coder)
    generated = list(articles if articles is not None else sample_articles())
    todo = [*extra, *generated]
    if duplicate and generated:
        first = generated[0]
        todo.append(first.model_copy(update={"id": first.id + "-copy", "source": "a second site"}))
    for article in todo:
        draft = Draft(
            origin="sample", id=article.id, text=article.text, title=article.title,
            url=article.url, date=article.date.isoformat() if article.date else None,
            source=article.source, language=article.language or "en",
        )  # fmt: skip
        ingest_one(draft, session)
    summary = session.summary
    linked = summary.exact_duplicates + summary.near_duplicates
    out = {"articles": summary.new + linked, "events": summary.events}
    if cluster:
        from ..store.clustering import cluster_new

        out["clustered"] = cluster_new(store).events
    return out
