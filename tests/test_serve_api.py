"""REST API of ``eventcoder serve``, through FastAPI's test client, over a real store built by
coding the example article (when ../shared is present) and a generated corpus."""

from __future__ import annotations

import csv
import io
import json
import os
import uuid

import pytest
from fastapi.testclient import TestClient

from eventcoder.export import COLUMNS, snake
from eventcoder.records import Article
from eventcoder.serve import ServeError, create_app, open_for_serving
from eventcoder.serve.sample import build_sample_store, sample_articles
from eventcoder.store import open_store

from .conftest import EXAMPLE, REQUIRE_SERVICES

EXAMPLE_ID = "kurdistan24-sadr-march"


def _extra() -> list[Article]:
    if not EXAMPLE.exists():
        return []
    return [
        Article(
            id=EXAMPLE_ID, text=EXAMPLE.read_text(encoding="utf-8"), date="2020-01-14",
            title="Sadr calls for a million-man march", source="Kurdistan 24",
        )
    ]  # fmt: skip


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, coded_once):
    path = tmp_path_factory.mktemp("serve") / "events.duckdb"
    store = open_store(str(path))
    build_sample_store(store, coded_once, sample_articles(30), extra=_extra())
    store.close()
    return str(path)


@pytest.fixture(scope="module")
def client(store_path):
    store = open_for_serving(store_path)
    with TestClient(create_app(store)) as c:
        yield c
    store.close()


@pytest.fixture(scope="module")
def all_events(client):
    data = client.get("/api/events", params={"limit": 1000}).json()
    assert data["total"] == len(data["events"]) > 40
    return data["events"]


def test_overview_counts_the_store(client, all_events):
    data = client.get("/api/overview").json()
    assert data["counts"]["events"] == len(all_events)
    assert data["counts"]["articles"] == 30 + len(_extra()) + 1  # and one linked duplicate
    assert data["writable"] is False
    assert data["first_date"] <= data["last_date"]


def test_pagination_is_disjoint_and_complete(client, all_events):
    seen = []
    for offset in range(0, len(all_events), 17):
        page = client.get("/api/events", params={"limit": 17, "offset": offset}).json()
        assert page["total"] == len(all_events)
        seen += [ev["id"] for ev in page["events"]]
    assert sorted(seen) == sorted(ev["id"] for ev in all_events)
    assert len(set(seen)) == len(seen)
    dates = [ev["date"] for ev in client.get("/api/events?sort=-date&limit=1000").json()["events"]]
    assert [d for d in dates if d] == sorted((d for d in dates if d), reverse=True)


def _ids(client, **params) -> set[str]:
    response = client.get("/api/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["total"] == len(data["events"])
    return {ev["id"] for ev in data["events"]}


def _selective(ids: set[str], all_events: list[dict]) -> None:
    assert 0 < len(ids) < len(all_events)


def test_filter_by_type_mode_modality_quad(client, all_events):
    ids = _ids(client, type="ASSAULT,PROTEST")
    _selective(ids, all_events)
    assert ids == {e["id"] for e in all_events if e["event"] in ("ASSAULT", "PROTEST")}
    assert _ids(client, type="assault") == {e["id"] for e in all_events if e["event"] == "ASSAULT"}
    quad = _ids(client, quad="1,2")
    _selective(quad, all_events)
    assert quad == {e["id"] for e in all_events if e["quad_code"] in (1, 2)}
    mode = next(e["mode"] for e in all_events if e["mode"])
    assert _ids(client, mode=mode) == {e["id"] for e in all_events if e["mode"] == mode}
    modality = _ids(client, modality="called-for")
    assert modality == {e["id"] for e in all_events if e["modality"] == "called-for"}


def test_filter_by_actor_country_sector_and_role(client, all_events):
    def has(e, pred, roles=("actors", "recipients")):
        return any(pred(x) for r in roles for x in e[r])

    ids = _ids(client, country="TUR")
    _selective(ids, all_events)
    assert ids == {e["id"] for e in all_events if has(e, lambda x: x["code"] == "TUR")}
    as_actor = _ids(client, country="TUR", role="actor")
    assert as_actor == {
        e["id"] for e in all_events if has(e, lambda x: x["code"] == "TUR", ("actors",))
    }
    assert as_actor < ids
    mil = _ids(client, sector="MIL")
    assert mil == {e["id"] for e in all_events if has(e, lambda x: x["sector"] == "MIL")}
    police = _ids(client, actor="police")
    _selective(police, all_events)
    assert police == {
        e["id"] for e in all_events
        if has(e, lambda x: "police" in (x["name"] or "").lower()
               or "police" in x["entity_text"].lower())
    }  # fmt: skip


def test_filter_by_place_bbox_and_place_country(client, all_events):
    cairo = _ids(client, place="cairo")
    _selective(cairo, all_events)
    assert cairo == {e["id"] for e in all_events if "cairo" in (e["place_name"] or "").lower()}
    assert _ids(client, place_country="EGY") == {
        e["id"] for e in all_events if e["place_country"] == "EGY"
    }
    box = (25.0, 10.0, 60.0, 45.0)  # the Middle East
    inside = _ids(client, bbox=",".join(map(str, box)))
    _selective(inside, all_events)
    assert inside == {
        e["id"] for e in all_events
        if e["lat"] is not None and box[0] <= e["lon"] <= box[2] and box[1] <= e["lat"] <= box[3]
    }  # fmt: skip
    # a box across the antimeridian: east of 170E or west of 0
    wrapped = _ids(client, bbox="170,-90,0,90")
    assert wrapped == {
        e["id"] for e in all_events if e["lon"] is not None and (e["lon"] >= 170 or e["lon"] <= 0)
    }


def test_filter_by_date_range_text_and_doc(client, all_events):
    feb = _ids(client, date_from="2020-02-01", date_to="2020-02-29")
    _selective(feb, all_events)
    assert feb == {
        e["id"] for e in all_events
        if e["date"] and len(e["date"]) == 10 and "2020-02-01" <= e["date"] <= "2020-02-29"
    }  # fmt: skip
    assert _ids(client, date_from="2020-02", date_to="2020-02") == feb
    words = _ids(client, q="sanctions")
    _selective(words, all_events)
    assert words == {e["id"] for e in all_events if "sanctions" in e["sentence"].lower()}
    doc = _ids(client, doc_id="sample-003")
    assert doc and doc == {e["id"] for e in all_events if e["doc_id"] == "sample-003"}


@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared example not present")
def test_month_dated_event_falls_in_its_month(client):
    # the example's October 2019 protests are dated to the month only
    october = client.get("/api/events", params={"date_from": "2019-10-15", "date_to": "2019-10-31"})
    assert october.status_code == 200
    assert [e["event"] for e in october.json()["events"]] == []  # starts 2019-10-01
    whole = client.get("/api/events", params={"date_from": "2019-10", "date_to": "2019-10"}).json()
    assert [e["event"] for e in whole["events"]] == ["PROTEST"]


def test_mention_level_lists_every_telling(client, all_events):
    data = client.get("/api/events", params={"level": "mention", "limit": 1000}).json()
    records = [client.get(f"/api/events/{e['id']}").json()["event"] for e in all_events]
    assert data["total"] == sum(1 + len(r["other_sentences"]) for r in records)
    assert data["total"] >= len(all_events)
    assert {row["event_id"] for row in data["events"]} == {e["id"] for e in all_events}
    texts = {}
    for row in data["events"][:60]:
        if row["doc_id"] not in texts:
            texts[row["doc_id"]] = client.get(f"/api/articles/{row['doc_id']}").json()["text"]
        assert texts[row["doc_id"]][row["sentence_start"] : row["sentence_end"]] == row["sentence"]
    pages = [
        client.get("/api/events", params={"level": "mention", "limit": 40, "offset": o}).json()
        for o in range(0, data["total"], 40)
    ]
    assert sorted(r["id"] for p in pages for r in p["events"]) == sorted(
        r["id"] for r in data["events"]
    )
    filtered = client.get("/api/events", params={"level": "mention", "type": "REQUEST"}).json()
    assert filtered["events"] and {r["event"] for r in filtered["events"]} == {"REQUEST"}


def test_event_detail_has_record_article_and_matching_evidence(client, all_events):
    for ev in all_events[:25]:
        data = client.get(f"/api/events/{ev['id']}").json()
        record, article = data["event"], data["article"]
        assert record["id"] == ev["id"]
        assert article["id"] == ev["doc_id"]
        text = article["text"]
        kinds = {h["kind"] for h in data["highlights"]}
        assert {"sentence", "trigger"} <= kinds
        for h in data["highlights"]:
            assert text[h["start"] : h["end"]] == h["text"]
        sentence = next(h for h in data["highlights"] if h["kind"] == "sentence")
        assert sentence["text"] == record["text"]
        for h in data["highlights"]:
            if h["kind"] in ("trigger", "actor", "recipient") and h["start"] >= sentence["start"]:
                assert h["end"] <= sentence["end"] or h["kind"] != "trigger"
    assert client.get("/api/events/no-such-event").status_code == 404


def test_actors_places_articles(client, all_events):
    actors = client.get("/api/actors", params={"limit": 5}).json()
    assert actors["total"] > 5 and len(actors["actors"]) == 5
    top = actors["actors"][0]
    assert top["events"] >= actors["actors"][-1]["events"]
    assert top["as_actor"] + top["as_recipient"] >= top["events"]
    only_tur = client.get("/api/actors", params={"country": "TUR", "role": "actor"}).json()
    assert only_tur["actors"]

    places = client.get("/api/places").json()["places"]
    assert places and all(p["lat"] is not None for p in places)
    assert sum(p["events"] for p in places) == sum(1 for e in all_events if e["lat"] is not None)
    assert all(sum(p["by_quad"].values()) == p["events"] for p in places)

    arts = client.get("/api/articles", params={"limit": 100}).json()
    assert arts["total"] == len(arts["articles"]) == 30 + len(_extra()) + 1
    first = client.get("/api/articles/sample-000").json()
    assert first["reports"] == 2 and first["events"]
    copy = client.get("/api/articles/sample-000-copy").json()
    assert copy["cluster_id"] == "sample-000"
    assert [e["id"] for e in copy["events"]] == [e["id"] for e in first["events"]]
    assert client.get("/api/articles", params={"q": "sanctions"}).json()["total"] >= 1
    assert client.get("/api/articles/nope").status_code == 404


def test_aggregates_add_up(client, all_events):
    n = len(all_events)
    types = client.get("/api/aggregates/types").json()["types"]
    assert sum(t["count"] for t in types) == n
    for interval in ("day", "week", "month"):
        data = client.get("/api/aggregates/time", params={"interval": interval}).json()
        drawn = sum(sum(s["counts"]) for s in data["series"])
        outside = data["before"] + data["after"]  # beyond the bulk of the dates
        assert drawn + data["coarser"] + data["undated"] + outside == n
        assert data["periods"] == sorted(data["periods"])
    month = client.get("/api/aggregates/time", params={"interval": "month"}).json()
    assert "2020-02" in month["periods"]
    assert month["coarser"] == 0  # every event here is dated at least to the month
    mentions = client.get("/api/aggregates/types", params={"level": "mention"}).json()["types"]
    assert sum(t["count"] for t in mentions) > n  # duplicates' reports and retellings count
    dyads = client.get("/api/aggregates/dyads").json()["dyads"]
    assert dyads and all(d["cooperation"] + d["conflict"] <= d["count"] for d in dyads)
    assert all(d["source"] and d["target"] for d in dyads)
    by_actor = client.get("/api/aggregates/dyads", params={"by": "actor"}).json()["dyads"]
    assert by_actor
    assert client.get("/api/aggregates/dyads", params={"by": "sector"}).status_code == 200


def test_network_nodes_and_edges(client):
    data = client.get("/api/network").json()
    names = {n["id"] for n in data["nodes"]}
    assert data["edges"]
    assert any(e["conflict"] for e in data["edges"]) and any(
        e["cooperation"] for e in data["edges"]
    )
    for edge in data["edges"]:
        assert edge["source"] in names and edge["target"] in names
        assert edge["source"] != edge["target"]


def test_exports_csv_and_plover_jsonl(client):
    expected = _ids(client, type="ASSAULT")
    response = client.get("/api/export", params={"format": "csv", "type": "ASSAULT"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == [snake(c) for c in COLUMNS]  # the one CSV column set
    assert {r["event_id"] for r in rows} == expected
    assert all(r["event_type"] == "ASSAULT" for r in rows)
    listed = {
        e["id"]: e for e in client.get("/api/events?type=ASSAULT&limit=1000").json()["events"]
    }
    for r in rows:
        ev = listed[r["event_id"]]
        assert r["actor_name"] == ";".join(x["name"] or x["entity_text"] for x in ev["actors"])
        assert r["recipient_country"] == ";".join(x["code"] for x in ev["recipients"] if x["code"])
        assert r["placename"] == (ev["place_name"] or "") and r["trigger"] == ev["trigger"]
        assert r["event_date_value"] == (ev["date"] or "") and r["sentence"] == ev["sentence"]
    response = client.get("/api/export", params={"format": "plover-jsonl", "type": "ASSAULT"})
    records = [json.loads(line) for line in response.text.splitlines()]
    assert {r["id"] for r in records} == expected
    assert all(
        {"actor", "recipient", "event_loc", "event_text", "quad_code"} <= r.keys() for r in records
    )
    assert all({"cite_info", "coder", "coded_date", "reports"} <= r.keys() for r in records)
    tsv = client.get("/api/export", params={"format": "polecat-tsv", "type": "ASSAULT"})
    assert (
        tsv.text.startswith("Event ID\tEvent Date\t")
        and len(tsv.text.splitlines()) == len(rows) + 1
    )


@pytest.mark.parametrize("fmt", ["plover-jsonl", "csv", "polecat-tsv"])
@pytest.mark.parametrize("query", [{}, {"type": "ASSAULT,PROTEST", "date_from": "2020-02"}])
def test_cli_and_api_exports_agree_byte_for_byte(store_path, tmp_path, fmt, query):
    import shutil

    from typer.testing import CliRunner

    from eventcoder import cli

    copy = str(shutil.copy(store_path, tmp_path / "copy.duckdb"))  # not the open one
    cli._register_commands()
    args = ["export", "--db", copy, "-f", fmt]
    for name, value in query.items():
        args += ["--" + name.replace("_", "-"), value]
    res = CliRunner().invoke(cli.app, args)
    assert res.exit_code == 0, res.output
    store = open_for_serving(copy)
    with TestClient(create_app(store)) as client:
        api = client.get("/api/export", params={"format": fmt, **query})
    store.close()
    assert api.status_code == 200
    assert api.content == res.stdout_bytes and res.stdout_bytes.count(b"\n") > 5


def test_post_code_returns_events_without_storing(client):
    before = client.get("/api/overview").json()["counts"]
    text = "Police fired tear gas at protesters in Nairobi on Monday."
    data = client.post("/api/code", json={"text": text, "date": "2024-03-15"}).json()
    assert [e["event"] for e in data["events"]] == ["ASSAULT"]
    ev = data["events"][0]
    assert ev["date"] == "2024-03-11"
    spans = data["highlights"][ev["id"]]
    assert {(s["kind"], s["text"]) for s in spans} >= {
        ("trigger", "fired"), ("actor", "Police"), ("place", "Nairobi"), ("date", "on Monday")
    }  # fmt: skip
    assert client.get("/api/overview").json()["counts"] == before
    assert client.post("/api/code", json={"text": "   "}).status_code == 400
    assert client.post("/api/code", json={"text": text, "date": "15/03/2024"}).status_code == 400
    assert client.post("/api/code", json={"date": "2024-03-15"}).status_code == 422


def test_request_and_text_size_limits(store_path):
    store = open_for_serving(store_path)
    try:
        small = TestClient(create_app(store, max_body=2_000, max_text=300))
        assert small.post("/api/code", json={"text": "x" * 5_000}).status_code == 413
        # a chunked body (no Content-Length) is counted as it arrives
        chunks = (b'{"text": "' + b"y" * 500 for _ in range(10))
        response = small.post(
            "/api/code", content=chunks, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 413
        assert small.post("/api/code", json={"text": "z " * 400}).status_code == 413
    finally:
        store.close()


BAD_REQUESTS = [
    "/api/events?type=EXPLODE",
    "/api/events?type=ASSAULT'; DROP TABLE events; --",
    "/api/events?modality=maybe",
    "/api/events?quad=5",
    "/api/events?country=Iraq",
    "/api/events?sector=g%20o%20v",
    "/api/events?role=bystander",
    "/api/events?bbox=1,2,3",
    "/api/events?bbox=a,b,c,d",
    "/api/events?bbox=0,50,10,40",
    "/api/events?bbox=0,0,200,10",
    "/api/events?date_from=2024-13-01",
    "/api/events?date_from=yesterday",
    "/api/events?date_from=2024-03-01&date_to=2024-02-01",
    "/api/events?limit=0",
    "/api/events?limit=100000",
    "/api/events?limit=ten",
    "/api/events?offset=-1",
    "/api/events?sort=id;DROP",
    "/api/events?level=paragraph",
    "/api/events?q=" + "x" * 300,
    "/api/events?actor=%00",
    "/api/actors?limit=-5",
    "/api/places?bbox=nope",
    "/api/articles?date_from=2024-02-30",
    "/api/aggregates/time?interval=hour",
    "/api/aggregates/time?level=sentence",
    "/api/aggregates/types?level=x",
    "/api/aggregates/dyads?by=city",
    "/api/network?limit=0",
    "/api/export?format=xlsx",
    "/api/export?format=csv&date_to=2024-02-31",
]


@pytest.mark.parametrize("url", BAD_REQUESTS)
def test_bad_parameters_get_a_clear_4xx(client, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500, (url, response.status_code, response.text)
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail


def test_injection_text_is_only_ever_a_value(client, all_events):
    for value in ("x' OR '1'='1", "%", "_", "'; DROP TABLE events; --"):
        assert _ids(client, actor=value) == set()
        assert client.get("/api/events", params={"q": value}).status_code == 200
    assert client.get("/api/overview").json()["counts"]["events"] == len(all_events)


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/events", "/api/events/{event_id}", "/api/actors", "/api/places", "/api/articles",
        "/api/articles/{article_id}", "/api/aggregates/time", "/api/aggregates/types",
        "/api/aggregates/dyads", "/api/network", "/api/export", "/api/code", "/api/overview",
        "/api/basemap.geojson",
    } <= paths  # fmt: skip
    assert "post" in spec["paths"]["/api/articles"]
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "http://" not in html and "https://" not in html.replace("https://github", "")
        assert "/docs-static/" in html
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
    index = client.get("/")
    assert index.status_code == 200 and "/static/app.js" in index.text
    assert "default-src 'self'" in index.headers["content-security-policy"]
    assert client.get("/static/app.js").status_code == 200


def test_basemap_is_served_from_countryinfo(client):
    geo = client.get("/api/basemap.geojson").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) > 150
    iraq = next(f for f in geo["features"] if f["id"] == "IRQ")
    lon, lat = (
        iraq["geometry"]["coordinates"][0][0]
        if iraq["geometry"]["type"] == "Polygon"
        else (iraq["geometry"]["coordinates"][0][0][0])
    )
    assert 38 < lon < 49 and 29 < lat < 38


# ---------------------------------------------------------------------- writes


@pytest.fixture
def writable(tmp_path, coded_once):
    path = tmp_path / "w.duckdb"
    store = open_store(str(path))
    build_sample_store(store, coded_once, sample_articles(2), duplicate=False)
    yield store
    store.close()


def test_reads_only_without_a_configured_key(writable):
    c = TestClient(create_app(writable))
    response = c.post("/api/articles", json={"text": "Police arrested protesters in Lagos."})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_ingest_needs_the_key_and_stores_the_article(writable, coder):
    key = "s3cret-key-123"
    c = TestClient(create_app(writable, api_key=key, coder_factory=lambda **kw: coder))
    body = {
        "id": "posted-1", "title": "Lagos arrests", "date": "2024-05-02",
        "text": "Nigerian police arrested dozens of protesters in Lagos on Tuesday.",
    }  # fmt: skip
    assert c.post("/api/articles", json=body).status_code == 401
    assert c.post("/api/articles", json=body, headers={"X-API-Key": "wrong"}).status_code == 401
    before = c.get("/api/overview").json()["counts"]
    response = c.post("/api/articles", json=body, headers={"X-API-Key": key})
    assert response.status_code == 201, response.text
    out = response.json()
    assert out["events"] >= 1 and out["duplicate_of"] is None
    after = c.get("/api/overview").json()["counts"]
    assert after["articles"] == before["articles"] + 1
    assert after["events"] == before["events"] + out["events"]
    stored = c.get("/api/events", params={"doc_id": "posted-1"}).json()["events"]
    assert stored and stored[0]["date"] == "2024-04-30" and stored[0]["place_name"] == "Lagos"
    # the same id again: conflict; the same text under another id: a linked report
    assert c.post("/api/articles", json=body, headers={"X-API-Key": key}).status_code == 409
    again = c.post(
        "/api/articles", json={**body, "id": "posted-2", "text": body["text"].upper() + "  "},
        headers={"Authorization": f"Bearer {key}"},
    ).json()  # fmt: skip
    assert again["duplicate_of"] == "posted-1" and again["events"] == 0
    assert c.get("/api/articles/posted-1").json()["reports"] == 2
    bad = c.post(
        "/api/articles", json={**body, "id": "p3", "date": "soon"}, headers={"X-API-Key": key}
    )
    assert bad.status_code == 400


def test_posted_articles_join_event_clusters_at_once(writable, coder):
    """A posted article's events are clustered as an ingest's are, before the answer: a
    third outlet's telling joins the cluster of the two stored ones, a look-alike in
    another city founds its own."""
    from eventcoder.store.clustering import cluster_new

    from .real_corpus import retold_articles

    unclustered = (
        "SELECT count(*) FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM event_clusters ec WHERE ec.event_id = e.id)"
    )
    # events an older run left unclustered: a post clusters its own events only
    writable.execute(
        "DELETE FROM event_clusters WHERE event_id IN "
        "(SELECT id FROM events WHERE doc_id = 'sample-001')"
    )
    old = writable.fetchall(unclustered)[0][0]
    assert old >= 1
    told = {a.id: a for a in retold_articles()}
    key = "s3cret-key-123"
    c = TestClient(create_app(writable, api_key=key, coder_factory=lambda **kw: coder))
    head = {"X-API-Key": key}
    ids = {}
    for aid in ("farmers-mumbai-1", "farmers-mumbai-2", "farmers-mumbai-3", "farmers-pune"):
        a = told[aid]
        out = c.post("/api/articles", headers=head, json={
            "id": aid, "text": a.text, "title": a.title, "source": a.source,
            "date": a.date.isoformat()}).json()  # fmt: skip
        assert set(out["clusters"]) == set(out["event_ids"]) and "cluster_error" not in out
        ids[aid] = out
    protest = [
        ids[aid]["clusters"][eid]
        for aid in ("farmers-mumbai-1", "farmers-mumbai-2", "farmers-mumbai-3")
        for eid in ids[aid]["event_ids"] if eid.endswith(":PROTEST")
    ]  # fmt: skip
    assert len(protest) == 3 and len(set(protest)) == 1
    assert protest[0] not in ids["farmers-pune"]["clusters"].values()
    cluster = c.get(f"/api/clusters/{protest[0]}").json()
    assert cluster["n_reports"] == 3 and cluster["n_sources"] == 3
    # the older events wait for the next ingest (or `query clusters`), which takes them
    assert writable.fetchall(unclustered)[0][0] == old
    assert cluster_new(writable).events == old and writable.fetchall(unclustered)[0][0] == 0


def test_posted_articles_take_the_ingest_path(writable, coder):
    """POST /api/articles goes through ``ingest_one`` as ``eventcoder ingest`` does: the text
    is cleaned, the language checked, near duplicates linked, skips logged."""
    from .news_corpus import GERMAN, PROTEST, PROTEST_COPY

    key = "s3cret-key-123"
    c = TestClient(create_app(writable, api_key=key, coder_factory=lambda **kw: coder))
    head = {"X-API-Key": key}
    text = PROTEST.replace("\n\n", "\r\n\r\n") + "\n\n"
    first = c.post("/api/articles", json={"id": "wire-1", "text": text, "date": "2019-10-04"},
                   headers=head)  # fmt: skip
    assert first.status_code == 201 and first.json()["events"] >= 2
    stored = c.get("/api/articles/wire-1").json()
    assert stored["text"] == PROTEST  # line ends normalised, trailing space trimmed
    assert stored["title"] == "Baghdad protest"  # the headline ``clean`` set aside
    near = c.post("/api/articles", json={"id": "wire-2", "text": PROTEST_COPY}, headers=head).json()
    assert near["duplicate_of"] == "wire-1" and near["duplicate_kind"] == "near"
    assert 0.8 <= near["similarity"] < 1 and near["events"] == 0
    assert c.get("/api/articles/wire-1").json()["reports"] == 2
    german = c.post("/api/articles", json={"id": "de-1", "text": GERMAN}, headers=head)
    assert german.status_code == 422 and "language de" in german.json()["detail"]
    assert c.get("/api/articles/de-1").status_code == 404
    logged = writable.fetchall("SELECT kind, source FROM ingest_errors WHERE article_id = 'de-1'")
    assert logged == [("skipped", "POST /api/articles")]


def test_serving_store_opens_read_only(store_path, tmp_path):
    with pytest.raises(ServeError, match="no store"):
        open_for_serving(str(tmp_path / "missing.duckdb"))
    store = open_for_serving(store_path)
    try:
        with pytest.raises(Exception, match="(?i)read.only"):
            store.execute("DELETE FROM events")
    finally:
        store.close()


def test_serve_command_is_registered():
    from typer.testing import CliRunner

    from eventcoder.cli import app
    from eventcoder.cli.serve import register

    if not any(c.name == "serve" for c in app.registered_commands):
        register(app)
    result = CliRunner().invoke(app, ["serve", "--db", "/nonexistent/x.duckdb"])
    assert result.exit_code == 2
    assert "no store" in result.output


def test_serve_with_an_unreachable_postgresql_store_names_it_without_the_password(run_cli):
    # port 9 on loopback: nothing listens there, so the connection is refused at once
    result = run_cli("serve", "--db", "postgresql://ec:Sup3rSecret@127.0.0.1:9/events")
    assert result.exit_code == 2
    assert "error:" in result.output and "127.0.0.1:9" in result.output
    assert "Sup3rSecret" not in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_serve_command_runs_a_server(store_path, tmp_path):
    """`eventcoder serve` as a user runs it: a real process on a loopback port."""
    import shutil
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "EVENTCODER_API_KEY": "a-long-enough-key"}
    db = str(tmp_path / "copy.duckdb")  # with a key the store opens for writing: a copy of it
    shutil.copy(store_path, db)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from eventcoder.cli import main; main()", "serve",
         "--db", db, "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                overview = httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"eventcoder serve did not start: {proc.stdout.read()}")
                time.sleep(0.2)
        assert overview.status_code == 200
        assert overview.json()["writable"] is True  # the key came from EVENTCODER_API_KEY
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert page.status_code == 200 and "/static/app.js" in page.text
        denied = httpx.post(
            f"http://127.0.0.1:{port}/api/articles", json={"text": "Police arrested a man."}
        )
        assert denied.status_code == 401
    finally:
        proc.terminate()
        proc.wait(10)


# ---------------------------------------------------------------------- PostgreSQL


@pytest.mark.postgres
def test_same_api_over_postgresql(coded_once):
    dsn = os.environ.get("EVENTCODER_TEST_PG_DSN")
    if not dsn:
        if REQUIRE_SERVICES:
            pytest.fail("EVENTCODER_TEST_PG_DSN is not set (EVENTCODER_REQUIRE_SERVICES=1)")
        pytest.skip("no PostgreSQL (EVENTCODER_TEST_PG_DSN)")
    import psycopg

    name = f"eventcoder_serve_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    target = dsn.rsplit("/", 1)[0] + "/" + name
    try:
        store = open_for_serving(target)
        try:
            build_sample_store(store, coded_once, sample_articles(8))
            c = TestClient(create_app(store))
            events = c.get("/api/events", params={"limit": 1000}).json()
            assert events["total"] == len(events["events"]) > 10
            urls = [
                "/api/events?country=TUR&date_from=2020-01&q=a&bbox=-180,-90,180,90",
                "/api/events?level=mention", "/api/actors", "/api/places", "/api/articles",
                "/api/aggregates/time?interval=week", "/api/aggregates/types?level=mention",
                "/api/aggregates/dyads?by=sector", "/api/network", "/api/export?format=csv",
                f"/api/events/{events['events'][0]['id']}", "/api/articles/sample-000",
            ]  # fmt: skip
            for url in urls:
                response = c.get(url)
                assert response.status_code == 200, (url, response.text)
            assert c.get("/api/events?type=NOPE").status_code == 400
        finally:
            store.close()
    finally:
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
