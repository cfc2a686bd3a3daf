"""The API on a store that looks like a real corpus (tests/real_corpus.py): historical
mentions, pronoun and common-noun actors, among the generated sample corpus. Built through
the real ingest path (``build_sample_store`` -> ``ingest_one``)."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from eventcoder.serve import create_app, open_for_serving
from eventcoder.serve.sample import build_sample_store, sample_articles
from eventcoder.store import aggregates, open_store, reads
from eventcoder.store.filters import HISTORICAL_DAYS, FilterError, Filters

from .real_corpus import HISTORICAL_YEARS, NOT_NAMES, PUBLISHED, real_corpus_articles
from .stores import BACKENDS, fresh_target


@pytest.fixture(scope="module")
def client(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("real") / "events.duckdb"
    store = open_store(str(path))
    build_sample_store(store, coder, sample_articles(30), extra=real_corpus_articles())
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


def test_network_group_node_filters_back_to_its_events(client):
    data = client.get("/api/network", params={"country": "IND", "sector": "COP"}).json()
    assert any(n["id"] == "IND COP" for n in data["nodes"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_historical_timeline_and_network_on_both_backends(backend, tmp_path, coder):
    for target in fresh_target(backend, tmp_path):
        store = open_store(target)
        try:
            build_sample_store(store, coder, sample_articles(5), extra=real_corpus_articles())
            only = reads.list_events(store, Filters(historical="only"), limit=None)
            assert sorted(ev["date"][:4] for ev in only) == ["1972", "1984", "1984", "1993"]
            rest = reads.count_events(store, Filters(historical="exclude"))
            assert rest + len(only) == reads.count_events(store, Filters())
            line = aggregates.timeline(store, Filters(), interval="day")
            assert line["before"] == 2 and line["periods"][0] >= "2019"
            net = aggregates.network(store, Filters())
            assert not {n["id"].lower() for n in net["nodes"]} & set(NOT_NAMES)
            assert net["unnamed"] >= 1 and net["edges"]
        finally:
            store.close()
