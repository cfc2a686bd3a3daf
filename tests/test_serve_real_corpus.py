"""The API on a store that looks like a real corpus (tests/real_corpus.py): historical
mentions, pronoun and common-noun actors, among the generated sample corpus. Built through
the real ingest path (``build_sample_store`` -> ``ingest_one``)."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from eventcoder.serve import create_app, open_for_serving
from eventcoder.serve.sample import build_sample_store, sample_articles
from eventcoder.store import aggregates, clustering, open_store, reads
from eventcoder.store.filters import HISTORICAL_DAYS, FilterError, Filters

from .real_corpus import (
    HISTORICAL_YEARS,
    NOT_NAMES,
    PUBLISHED,
    RETOLD_MUMBAI,
    real_corpus_articles,
    retold_articles,
)
from .stores import BACKENDS, fresh_target


@pytest.fixture(scope="module")
def client(tmp_path_factory, coded_once):
    path = tmp_path_factory.mktemp("real") / "events.duckdb"
    store = open_store(str(path))
    build_sample_store(
        store, coded_once, sample_articles(30), extra=real_corpus_articles() + retold_articles()
    )
    # as a store coded before the coder marked history (or an event it did not mark) holds it
    store.execute("UPDATE events SET modality = 'called-for' WHERE date = '1993-03-12'")
    store.close()
    serving = open_for_serving(str(path))
    with TestClient(create_app(serving)) as c:
        yield c
    serving.close()


def _events(client, **params) -> list[dict]:
    data = client.get("/api/events", params={"limit": 1000, **params}).json()
    assert data["total"] == len(data["events"])
    return data["events"]


def test_the_default_order_is_newest_first(client):
    rows = _events(client)
    dates = [ev["date"] for ev in rows if ev["date"]]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] >= PUBLISHED.isoformat()
    oldest = _events(client, sort="date")
    assert oldest[0]["date"][:4] in HISTORICAL_YEARS


def test_historical_switch_include_exclude_only(client):
    everything = {ev["id"]: ev for ev in _events(client)}
    shown = _events(client, historical="exclude")
    only = _events(client, historical="only")
    assert {ev["id"] for ev in shown} | {ev["id"] for ev in only} == set(everything)
    assert not {ev["id"] for ev in shown} & {ev["id"] for ev in only}
    # every historical mention written in the corpus is caught, day-dated ones too
    assert {ev["date"][:4] for ev in only} == set(HISTORICAL_YEARS)
    assert any(len(ev["date"]) == 10 for ev in only)
    for ev in shown:
        assert ev["modality"] != "historical"
        pub = dt.date.fromisoformat(ev["pub_date"])
        assert ev["date"] is None or ev["date"] >= str(pub.year - 1)
    assert _events(client, historical="include") == list(everything.values())
    bad = client.get("/api/events", params={"historical": "never"})
    assert bad.status_code == 400 and "historical" in bad.json()["detail"]


def test_dated_long_before_publication_is_historical_whatever_the_modality(client):
    only = _events(client, historical="only")
    assert [ev["modality"] for ev in only if ev["date"] == "1993-03-12"] == ["called-for"]
    shown = _events(client, historical="exclude", modality="called-for")
    assert shown and all(ev["date"] >= "2019" for ev in shown)
    # the aggregates take the switch as the events do
    types = client.get("/api/aggregates/types", params={"historical": "only"}).json()["types"]
    assert sum(t["count"] for t in types) == len(only)
    assert HISTORICAL_DAYS == 365  # the coder's own threshold (dates.HISTORICAL_AFTER_DAYS)
    with pytest.raises(FilterError):
        Filters.from_params(historical="sometimes")


def test_the_timeline_spans_the_bulk_and_counts_the_rest(client):
    drawn = client.get("/api/aggregates/time", params={"interval": "day"}).json()
    assert drawn["periods"][0] >= "2020-01"  # not 1984
    assert drawn["before"] >= 2 and drawn["after"] == 0  # the day-dated 1984 and 1993 events
    assert drawn["first_date"] == "1984-06-06"
    everything = client.get("/api/aggregates/time", params={"interval": "day", "span": "all"})
    assert everything.json()["before"] == 0 and everything.json()["periods"][0] == "1984-06-06"
    default = client.get("/api/aggregates/time", params={"historical": "exclude"}).json()
    assert default["before"] == default["after"] == 0 and default["coarser"] == 0
    assert client.get("/api/aggregates/time", params={"span": "most"}).status_code == 400


def test_bulk_range_keeps_a_spread_out_corpus_whole():
    days = {(dt.date(2001, 1, 1) + dt.timedelta(days=7 * i)).isoformat(): 1 for i in range(200)}
    assert aggregates.bulk_range(days, "month") == (min(days), max(days))
    days["1921-05-01"] = 3
    low, high = aggregates.bulk_range(days, "month")
    assert low == "2001-01-01" and high == max(days)


def test_network_nodes_are_names_or_country_sector_groups(client):
    data = client.get("/api/network", params={"limit": 1000}).json()
    ids = {node["id"] for node in data["nodes"]}
    assert ids and not {i.lower() for i in ids} & set(NOT_NAMES)
    for node in data["nodes"]:
        assert node["kind"] in ("named", "group")
        if node["kind"] == "group":
            code, *sector = node["id"].split(" ")
            assert code == node["code"] and len(code) == 3 and len(sector) <= 1
        else:
            assert node["id"] != node["id"].lower()
    assert {"India", "Pakistan", "IND COP"} <= ids
    assert data["unnamed"] >= 1  # "Fire destroyed the houses ...": left out, and counted
    for edge in data["edges"]:
        assert edge["source"] in ids and edge["target"] in ids and edge["source"] != edge["target"]


def test_actors_and_actor_dyads_are_names_or_country_sector_groups(client):
    """/api/actors and the dyads by actor label actors as the network does: a name a user
    can use, or a country+sector group; never a pronoun or a common noun."""
    data = client.get("/api/actors", params={"limit": 1000}).json()
    assert data["total"] == len(data["actors"]) > 10
    labels = {a["name"] for a in data["actors"]}
    assert not {n.lower() for n in labels} & set(NOT_NAMES)
    for actor in data["actors"]:
        assert actor["kind"] in ("named", "group")
        if actor["kind"] == "group":
            assert actor["name"] == " ".join(filter(None, (actor["code"], actor["sector"])))
        else:
            assert actor["name"] != actor["name"].lower()
        assert actor["as_actor"] + actor["as_recipient"] >= actor["events"] >= 1
    assert {"India", "IND COP"} <= labels
    assert data["unnamed"] >= 2  # "They ...", "Fire ..."
    # the filters narrow them as they do the events
    police = client.get("/api/actors", params={"country": "IND", "sector": "COP"}).json()
    assert "IND COP" in {a["name"] for a in police["actors"]} and police["total"] < data["total"]
    pairs = client.get("/api/aggregates/dyads", params={"by": "actor", "limit": 1000}).json()
    pairs = pairs["dyads"]
    assert pairs and all(d["source"] and d["target"] for d in pairs)
    ends = {d["source"] for d in pairs} | {d["target"] for d in pairs}
    assert not {n.lower() for n in ends} & set(NOT_NAMES) and "IND COP" in ends


def test_network_group_node_filters_back_to_its_events(client):
    data = client.get("/api/network", params={"country": "IND", "sector": "COP"}).json()
    assert any(n["id"] == "IND COP" for n in data["nodes"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_historical_timeline_and_network_on_both_backends(backend, tmp_path, coded_once):
    for target in fresh_target(backend, tmp_path):
        store = open_store(target)
        try:
            build_sample_store(store, coded_once, sample_articles(5), extra=real_corpus_articles())
            only = reads.list_events(store, Filters(historical="only"), limit=None)
            assert sorted(ev["date"][:4] for ev in only) == ["1972", "1984", "1984", "1993"]
            rest = reads.count_events(store, Filters(historical="exclude"))
            assert rest + len(only) == reads.count_events(store, Filters())
            line = aggregates.timeline(store, Filters(), interval="day")
            assert line["before"] == 2 and line["periods"][0] >= "2019"
            net = aggregates.network(store, Filters())
            assert not {n["id"].lower() for n in net["nodes"]} & set(NOT_NAMES)
            assert net["unnamed"] >= 1 and net["edges"]
            _, actors = aggregates.list_actors(store, Filters(), limit=1000)
            assert "IND COP" in {a["name"] for a in actors}
            assert not {a["name"].lower() for a in actors} & set(NOT_NAMES)
            pairs = aggregates.dyads(store, Filters(), by="actor")
            assert pairs and not {d["source"].lower() for d in pairs} & set(NOT_NAMES)
            # build_sample_store clusters as an ingest does; a cluster reads back whole
            ids = [r[0] for r in store.fetchall("SELECT id FROM clusters ORDER BY id")]
            assert len(ids) == len(set(ids)) >= 5
            for cid in ids:
                found = clustering.get_cluster(store, cid)
                assert found is not None and len(found["reports"]) == found["n_reports"]
        finally:
            store.close()


def test_cluster_level_rows_carry_reports_and_sources(client):
    """At cluster level the retold Mumbai protest is one row, with its three reports from
    three sources; at event level each of its reports says so; the look-alike in Pune is
    another event."""
    events = _events(client)
    mumbai = [ev for ev in events if ev["doc_id"] in RETOLD_MUMBAI and ev["event"] == "PROTEST"]
    assert len(mumbai) == 3 and len({ev["cluster_id"] for ev in mumbai}) == 1
    assert all(ev["cluster_reports"] == 3 and ev["cluster_sources"] == 3 for ev in mumbai)
    pune = [ev for ev in events if ev["doc_id"] == "farmers-pune"]
    assert pune and not {ev["cluster_id"] for ev in pune} & {mumbai[0]["cluster_id"]}
    clusters = _events(client, level="cluster")
    assert len(clusters) < len(events)
    assert all(ev["cluster_id"] for ev in clusters)  # every event was clustered
    assert len({ev["cluster_id"] for ev in clusters}) == len(clusters)  # each cluster once
    rows = [ev for ev in clusters if ev["cluster_id"] == mumbai[0]["cluster_id"]]
    assert len(rows) == 1 and rows[0]["cluster_reports"] == 3 and rows[0]["doc_id"] in RETOLD_MUMBAI
    # the same count in the aggregates: each cluster once
    types = client.get("/api/aggregates/types", params={"level": "cluster"}).json()["types"]
    assert sum(t["count"] for t in types) == len(clusters)


def test_a_cluster_lists_every_report(client):
    one = next(ev for ev in _events(client) if ev["doc_id"] == "farmers-mumbai-3")
    data = client.get(f"/api/clusters/{one['cluster_id']}").json()
    assert data["id"] == one["cluster_id"] and data["n_reports"] == 3 and data["n_sources"] == 3
    assert sorted(data["sources"]) == ["Deccan Wire", "Mumbai Mirror", "Western Times"]
    reports = data["reports"]
    # in publication order (then by source)
    assert [r["doc_id"] for r in reports] == ["farmers-mumbai-2", "farmers-mumbai-1",
                                              "farmers-mumbai-3"]  # fmt: skip
    assert [r["pub_date"] for r in reports] == ["2020-03-18", "2020-03-18", "2020-03-19"]
    for r in reports:
        assert "Mumbai" in r["sentence"] and r["title"] and r["event"] == "PROTEST"
        assert r["date"] == "2020-03-17" and r["copies"] == []
    assert sum(r["representative"] for r in reports) == 1
    assert data["representative"] in {r["event_id"] for r in reports}
    # the evidence of one event carries its cluster
    detail = client.get(f"/api/events/{one['id']}").json()
    assert detail["cluster"]["id"] == one["cluster_id"] and len(detail["cluster"]["reports"]) == 3
    missing = client.get("/api/clusters/evc-0000000000000000")
    assert missing.status_code == 404 and "cluster" in missing.json()["detail"]
    assert client.get("/api/clusters/a%00b").status_code == 400


def test_a_cluster_names_the_outlets_that_ran_a_copy(client):
    """The sample's first article is stored again from another site as a linked copy: the
    reports of its events name that site."""
    first = next(ev for ev in _events(client) if ev["doc_id"] == "sample-000")
    reports = client.get(f"/api/clusters/{first['cluster_id']}").json()["reports"]
    mine = next(r for r in reports if r["event_id"] == first["id"])
    assert [c["source"] for c in mine["copies"]] == ["a second site"]
    assert mine["articles"] == 2
