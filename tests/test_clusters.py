"""Event clusters: the reports of one real-world event across articles and outlets."""

from __future__ import annotations

import json
import random
import zlib

import pytest

from eventcoder.clusters import ClusterIndex, Report, cluster_id_for, reports_from_coded
from eventcoder.clusters.report import proper_names
from eventcoder.clusters.similarity import contradiction
from eventcoder.clusters.store import (
    ASSIGNMENT_COLUMNS,
    CLUSTER_COLUMNS,
    SCHEMA_SQL,
    assignment_rows,
    cluster_rows,
    reports_from_rows,
    store_loader,
    write_batch,
)
from eventcoder.records import Article, Entity, Event, EventDate, Location

# ---------------------------------------------------------------------------- hand-made records
CITIES = {
    "Lagos": (6.454, 3.395, "05", "NGA"),
    "Kano": (12.0, 8.517, "29", "NGA"),
    "Nairobi": (-1.283, 36.817, "30", "KEN"),
}


def event(
    doc: str,
    kind: str = "PROTEST",
    *,
    day: str | None = "2024-03-08",
    pub: str = "2024-03-09",
    city: str | None = "Lagos",
    actor: tuple[str, str, str] = ("Nigerian farmers", "NGA", "CVL"),
    recipient: tuple[str, str | None, str | None] | None = None,
    text: str = "Farmers marched in Lagos demanding lower fuel prices.",
    start: int = 0,
) -> tuple[Event, str]:
    """A coded event (as the coder would give it) and its article's publication date."""
    if day is None:
        info = EventDate(value=pub, precision="day", reason="publication date")
    else:
        info = EventDate(value=day, precision="day", text="on Friday", reason="from 'on Friday'")
    loc = None
    if city is not None:
        lat, lon, admin, country = CITIES[city]
        loc = Location(resolved_place=city, geonameid=zlib.crc32(city.encode()) % 10**6, lat=lat, lon=lon,
                       province=admin, country_code=country, precision="city",
                       reason="test")  # fmt: skip
    entities = [Entity(entity_text=actor[0], code=actor[1], sector=actor[2])]
    recipients = (
        [Entity(entity_text=recipient[0], code=recipient[1], sector=recipient[2])]
        if recipient
        else []
    )
    ev = Event(
        id=f"{doc}:{start}:{kind}", doc_id=doc, date=info.value, date_info=info, event=kind,
        actor=entities, recipient=recipients, event_loc=loc, text=text, sentence_start=start,
        sentence_end=start + len(text), sentence_index=0, confidence=0.8, detector="test",
    )  # fmt: skip
    return ev, pub


def reports(*items: tuple[Event, str], source: str = "Outlet") -> list[Report]:
    return [Report.from_event(e, pub_date=pub, source=f"{source}-{e.doc_id}") for e, pub in items]


def corpus() -> list[Report]:
    """Two retold protests, a protest in another city the same day, and an attack."""
    return reports(
        event("a1", text="Thousands of farmers marched through Lagos on Friday."),
        event("a2", pub="2024-03-10", text="Nigerian farmers protested in Lagos over fuel."),
        event(
            "a3",
            day=None,
            pub="2024-03-09",
            city=None,
            text="Farmers rallied in Lagos, demanding lower fuel prices.",
        ),  # fmt: skip
        event("b1", city="Kano", text="Farmers marched through Kano on Friday."),
        event("b2", city="Kano", pub="2024-03-10", text="Kano farmers protested on Friday."),
        event(
            "c1",
            "ASSAULT",
            actor=("Gunmen", "NGA", "REB"),
            recipient=("a market", None, None),
            text="Gunmen attacked a market in Lagos on Friday.",
        ),  # fmt: skip
        event(
            "c2",
            "ASSAULT",
            actor=("Suspected militants", "NGA", "REB"),
            pub="2024-03-10",
            recipient=("a market", None, None),
            text="Suspected militants stormed a market in Lagos.",
        ),  # fmt: skip
    )


def groups(labels: dict[str, str]) -> set[frozenset[str]]:
    by: dict[str, set[str]] = {}
    for eid, cid in labels.items():
        by.setdefault(cid, set()).add(eid.split(":")[0])
    return {frozenset(v) for v in by.values()}


# ---------------------------------------------------------------------------- behaviour
def test_retold_events_merge_and_lookalikes_stay_apart():
    index = ClusterIndex()
    index.add(corpus())
    assert groups(index.labels()) == {
        frozenset({"a1", "a2", "a3"}),  # one protest, three outlets (one without a place)
        frozenset({"b1", "b2"}),  # the same day, another city: another protest
        frozenset({"c1", "c2"}),  # an attack in the same city: another type
    }


def test_other_day_same_city_stays_apart():
    items = reports(
        event("d1", day="2024-03-08", text="Farmers marched in Lagos on Friday."),
        event("d2", day="2024-03-12", pub="2024-03-12", text="Farmers marched in Lagos again."),
    )
    index = ClusterIndex()
    index.add(items)
    assert len(index) == 2
    assert contradiction(items[1], index.clusters[cluster_id_for(items[0].event_id)].profile()) \
        == "date"  # fmt: skip


def test_reprisal_is_not_a_retelling():
    army = ("Nigerian troops", "NGA", "MIL")
    rebels = ("Boko Haram fighters", "NGA", "REB")
    items = reports(
        event("r1", "ASSAULT", actor=army, recipient=rebels, text="Troops attacked rebels."),
        event("r2", "ASSAULT", actor=rebels, recipient=army, text="Rebels attacked troops."),
    )
    index = ClusterIndex()
    index.add(items)
    assert len(index) == 2


def test_wording_alone_never_merges():
    """Boilerplate side sentences with no place, name or party in common stay apart."""
    text = "Officers seized weapons and cash during the operation."
    items = reports(
        event("s1", "COERCE", city=None, day=None, actor=("Officers", None, "COP"), text=text),
        event("s2", "COERCE", city=None, day=None, actor=("Officers", None, "COP"), text=text),
    )
    index = ClusterIndex()
    index.add(items)
    assert len(index) == 2


def test_near_duplicate_articles_first():
    a, b = reports(
        event("n1", city=None, day=None, actor=("Protesters", None, "CVL"), text="Crowds rallied."),
        event("n2", city=None, day=None, actor=("Demonstrators", None, "CVL"), text="A march."),
    )
    a.article_group = b.article_group = "n1"
    index = ClusterIndex()
    index.add([a, b])
    assert len(index) == 1


def test_batch_order_does_not_matter_and_readding_changes_nothing():
    items = corpus()
    first = ClusterIndex()
    out = first.add(items)
    shuffled = items[:]
    random.Random(3).shuffle(shuffled)
    second = ClusterIndex()
    second.add(shuffled)
    assert first.labels() == second.labels()
    before = json.dumps(first.to_dict(), sort_keys=True)
    again = first.add(items)
    assert again == out
    assert json.dumps(first.to_dict(), sort_keys=True) == before


def test_incremental_equals_batch_in_publication_order():
    items = corpus()
    batch = ClusterIndex()
    batch.add(items)
    incremental = ClusterIndex()
    for day in sorted({r.pub_date for r in items}):
        incremental.add([r for r in items if r.pub_date == day])
    assert incremental.labels() == batch.labels()
    assert incremental.summaries() == batch.summaries()


def test_stable_ids_save_load_and_rebuild(tmp_path):
    items = corpus()
    index = ClusterIndex()
    index.add(items)
    founders = {s["founder"] for s in index.summaries()}
    assert set(index.clusters) == {cluster_id_for(f) for f in founders}
    path = tmp_path / "state.json"
    index.save(path)
    loaded = ClusterIndex.load(path)
    assert loaded.labels() == index.labels()
    assert loaded.add(items) == index.add(items)  # with each report's founded flag and score
    assert loaded.summaries() == index.summaries()
    rebuilt = ClusterIndex.from_assignments(items, index.labels())
    assert rebuilt.summaries() == index.summaries()
    # A new report joins the same cluster in the original, the loaded and the rebuilt index.
    (late,) = reports(event("a4", pub="2024-03-11", text="Lagos farmers marched on Friday."))
    results = {i.add([late])[0].cluster_id for i in (index, loaded, rebuilt)}
    assert results == {index.labels()["a1:0:PROTEST"]}


def test_cluster_summary():
    index = ClusterIndex()
    index.add(corpus())
    (summary,) = [s for s in index.summaries() if "a1:0:PROTEST" in s["reports"]]
    assert summary["n_reports"] == 3
    assert summary["n_sources"] == 3
    assert (summary["first_report"], summary["last_report"]) == ("2024-03-09", "2024-03-10")
    assert (summary["place"], summary["place_precision"]) == ("Lagos", "city")
    assert (summary["date"], summary["date_precision"]) == ("2024-03-08", "day")
    assert summary["representative"] != "a3:0:PROTEST"  # no place, no date of its own
    assert "best-evidenced" in summary["representative_reason"]


def test_eviction_keeps_memory_to_the_horizon_and_loader_brings_back():
    items = corpus()
    index = ClusterIndex(horizon_days=5)
    index.add(items)
    (later,) = reports(event("z1", day="2024-04-01", pub="2024-04-01", city="Nairobi",
                             actor=("Kenyan nurses", "KEN", "MED"),
                             text="Nurses marched in Nairobi."))  # fmt: skip
    index.add([later])
    assert len(index) == 1  # the March clusters are final and were dropped
    stored = {r.event_id: r for r in items}
    labels = ClusterIndex().add(items)
    by_cluster: dict[str, list[Report]] = {}
    for a in labels:
        by_cluster.setdefault(a.cluster_id, []).append(stored[a.event_id])
    index.loader = lambda lo, hi: list(by_cluster.items())
    (late,) = reports(event("a5", pub="2024-03-10", text="Farmers marched through Lagos."))
    (done,) = index.add([late])
    assert done.cluster_id == cluster_id_for("a1:0:PROTEST")


def test_proper_names_skip_sentence_start_countries_and_title_case():
    assert proper_names("Police arrested Omar Haddad in Kisumu on Friday.") == {
        "omar", "haddad", "kisumu"}  # fmt: skip
    assert proper_names("Kenyan police detained students in Kenya.") == frozenset()
    assert proper_names("Police Arrest Students In Kisumu After Clashes") == frozenset()


def test_store_rows_fit_the_schema():
    duckdb = pytest.importorskip("duckdb")
    items = corpus()
    index = ClusterIndex()
    done = index.add(items)
    con = duckdb.connect()
    for sql in SCHEMA_SQL:
        con.execute(sql)
    rows = cluster_rows(index)
    con.executemany(f"INSERT INTO clusters VALUES ({', '.join('?' * len(CLUSTER_COLUMNS))})", rows)
    con.executemany(
        f"INSERT INTO event_clusters VALUES ({', '.join('?' * len(ASSIGNMENT_COLUMNS))})",
        assignment_rows(done),
    )
    counts = con.execute(
        "SELECT c.id, c.n_reports, count(*) FROM clusters c "
        "JOIN event_clusters e ON e.cluster_id = c.id GROUP BY c.id, c.n_reports"
    ).fetchall()
    assert len(counts) == 3
    assert all(n == m for _, n, m in counts)
    # Stored events read back as reports, and the loader rebuilds clusters from the tables.
    con.execute(
        "CREATE TABLE articles (id TEXT, pub_date DATE, source TEXT, cluster_id TEXT, "
        "reports INTEGER)"
    )
    con.execute("CREATE TABLE events (id TEXT, doc_id TEXT, record TEXT)")
    events = [e for e, _ in (event("a1", text="Thousands of farmers marched through Lagos."),)]
    con.execute("INSERT INTO articles VALUES ('a1', DATE '2024-03-09', 'Outlet-a1', 'a1', 1)")
    con.execute(
        "INSERT INTO events VALUES (?, 'a1', ?)", (events[0].id, json.dumps(events[0].to_json()))
    )
    back = reports_from_rows(con.execute(
        "SELECT e.record, a.pub_date, a.source, a.cluster_id, a.reports "
        "FROM events e JOIN articles a ON a.id = e.doc_id").fetchall())  # fmt: skip
    assert back[0].event_id == "a1:0:PROTEST" and back[0].article_group == "a1"
    loaded = store_loader(lambda sql, params: con.execute(sql, params).fetchall())
    (cid, members), *_ = list(loaded(items[0].lo or 0, items[0].hi or 0))
    assert cid == cluster_id_for("a1:0:PROTEST") and members[0].event_id == "a1:0:PROTEST"


# ---------------------------------------------------------------------------- real coder
RETOLD = [
    ("p1", "2024-03-09", "Daily Courier",
     "Thousands of farmers marched through Kano on Friday, demanding lower fuel prices."),
    ("p2", "2024-03-10", "Metro Herald",
     "KANO (Wire) – Nigerian farmers took to the streets of Kano on Friday to protest over "
     "the price of fuel, police said."),
    ("p3", "2024-03-09", "Capital Times",
     "Hundreds of farmers rallied in Kano on Friday, calling for cheaper fuel."),
    ("q1", "2024-03-09", "Daily Courier",
     "Thousands of farmers marched through Lagos on Friday, demanding lower fuel prices."),
    ("q2", "2024-03-10", "Global Dispatch",
     "Farmers protested in Lagos on Friday over fuel prices, witnesses said."),
    ("m1", "2024-03-12", "Capital Times",
     "The interior ministers of Nigeria and Niger met in Abuja on Monday to discuss the "
     "attack on a police checkpoint in Maiduguri."),
    ("k1", "2024-03-08", "Metro Herald",
     "Gunmen attacked a police checkpoint in Maiduguri on Thursday, killing four officers."),
    ("k2", "2024-03-09", "Daily Courier",
     "Suspected militants stormed a police checkpoint in Maiduguri on Thursday, killing "
     "four police officers, the army said."),
]  # fmt: skip


@pytest.mark.slow
def test_real_coder_output_clusters(coder):
    index = ClusterIndex()
    coded = [
        coder.code_article(Article(id=doc, text=text, date=pub, source=source))
        for doc, pub, source, text in RETOLD
    ]
    index.add([r for c in coded for r in reports_from_coded(c)])
    by_doc: dict[tuple[str, str], str] = {}
    for c in coded:
        for e in c.events:
            by_doc[(c.article.id, e.event)] = index.labels()[e.id]
    kano = {by_doc[(d, "PROTEST")] for d in ("p1", "p2", "p3") if (d, "PROTEST") in by_doc}
    lagos = {by_doc[(d, "PROTEST")] for d in ("q1", "q2") if (d, "PROTEST") in by_doc}
    assert len(kano) == 1 and len(lagos) == 1, by_doc
    assert kano != lagos  # two protests in two cities on one day
    attack = {by_doc[(d, "ASSAULT")] for d in ("k1", "k2")}
    assert len(attack) == 1
    assert by_doc[("m1", "CONSULT")] not in attack  # the meeting is not the attack


def test_write_batch_incremental_equals_one_batch_and_is_idempotent():
    duckdb = pytest.importorskip("duckdb")

    def tables(batches: list[list[Report]], repeat_last: bool = False) -> tuple[list, list]:
        con = duckdb.connect()
        for sql in SCHEMA_SQL:
            con.execute(sql)
        index = ClusterIndex()
        runs = batches + (batches[-1:] if repeat_last else [])
        for batch in runs:
            write_batch(lambda sql, params: con.execute(sql, params), index, index.add(batch))
        return (
            con.execute("SELECT * FROM clusters ORDER BY id").fetchall(),
            con.execute("SELECT event_id, cluster_id FROM event_clusters ORDER BY 1").fetchall(),
        )

    items = corpus()
    days = sorted({r.pub_date for r in items})
    daily = [[r for r in items if r.pub_date == d] for d in days]
    one = tables([items])
    assert len(one[0]) == 3 and len(one[1]) == len(items)
    assert tables(daily) == one
    assert tables(daily, repeat_last=True) == one


def test_days_at_the_ends_of_the_calendar_stay_inside_it():
    """A window around 0001-01-01 or 9999-12-31 (odd publication dates) reaches past the
    calendar; the cluster rows and the store loader clamp it instead of failing."""
    import datetime as dt

    from eventcoder.clusters.cluster import day

    assert day(0) == dt.date.min and day(-30) == dt.date.min
    assert day(dt.date.max.toordinal() + 5) == dt.date.max
    assert day(dt.date(2020, 1, 14).toordinal()) == dt.date(2020, 1, 14)
