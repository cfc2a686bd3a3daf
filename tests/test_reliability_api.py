"""Reliability of the web API under hostile input and concurrent writes (issue 15, cases 5, 6
and 13): odd dates, lone surrogates and malformed dates are a 4xx naming the field; parallel
posts of one story code it once; a loopback server refuses foreign Host headers."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from eventcoder.serve import create_app
from eventcoder.serve.sample import build_sample_store, sample_articles
from eventcoder.store import open_store

from .stores import BACKENDS, fresh_target

KEY = "s3cret-key-123"
STORY = "Police arrested forty protesters in Baghdad yesterday and will free them tomorrow."


@pytest.fixture
def writable(tmp_path, coded_once):
    store = open_store(str(tmp_path / "w.duckdb"))
    build_sample_store(store, coded_once, sample_articles(2), duplicate=False)
    yield store
    store.close()


def _raw(client: TestClient, url: str, body: str):
    """Post a JSON body as written (``\\udfff`` escapes survive, unlike ``json=``)."""
    headers = {"X-API-Key": KEY, "Content-Type": "application/json"}
    return client.post(url, content=body.encode(), headers=headers)


HOSTILE = [
    ("date", {"text": STORY, "date": "0001-01-01"}, None),
    ("date", {"text": STORY, "date": "9999-12-31"}, None),
    ("date", {"text": STORY, "date": "2024-02-30"}, "date"),
    ("date", {"text": STORY, "date": "99999-01-01"}, "date"),
    ("date", {"text": STORY, "date": "-0001-01-01"}, "date"),
    ("date", {"text": STORY, "date": 20240101}, "date"),
    ("text", {"text": STORY + " \udfff"}, "text"),
    ("id", {"text": STORY, "id": "a\udfffb"}, "id"),
    ("text", {"text": "\ud800"}, "text"),
]


CASES = [  # POST /api/code takes no id: the id cases go to /api/articles only
    (url, field, body, named)
    for url in ("/api/code", "/api/articles")
    for field, body, named in HOSTILE
    if not (url == "/api/code" and field == "id")
]


@pytest.mark.parametrize(("url", "field", "body", "named"), CASES)
def test_hostile_posts_are_answered_never_a_5xx(writable, coder, url, field, body, named):
    c = TestClient(
        create_app(writable, api_key=KEY, coder_factory=lambda **kw: coder),
        raise_server_exceptions=False,
    )
    response = _raw(c, url, json.dumps(body))  # ensure_ascii: lone surrogates as \\udfff
    assert response.status_code < 500, response.text
    if named is not None:
        assert response.status_code in (400, 413, 422), response.text
        assert named in response.text
    else:  # a calendar edge is a real date: coded, relative dates abstain or resolve
        assert response.status_code in (200, 201), response.text


@pytest.mark.parametrize("backend", BACKENDS)
def test_parallel_posts_of_one_story_code_it_once(backend, tmp_path, coder):
    """Case 5: ten requests at once with the same text and different ids give one coded
    article and nine reports linked to it (the server writes one article at a time, so the
    duplicate check and the claim of the story are never interleaved)."""
    from .news_corpus import PROTEST

    for target in fresh_target(backend, tmp_path):
        store = open_store(target)
        try:
            app = create_app(store, api_key=KEY, coder_factory=lambda **kw: coder, queue=10)
            with TestClient(app, raise_server_exceptions=False) as c:

                def post(i: int):
                    body = {"id": f"wire-{i}", "text": PROTEST, "date": "2019-10-04"}
                    return c.post("/api/articles", json=body, headers={"X-API-Key": KEY})

                with ThreadPoolExecutor(10) as pool:
                    answers = list(pool.map(post, range(10)))
            assert [a.status_code for a in answers] == [201] * 10, [a.text for a in answers]
            out = [a.json() for a in answers]
            heads = [o for o in out if o["duplicate_of"] is None]
            assert len(heads) == 1 and heads[0]["events"] >= 2
            links = [o for o in out if o["duplicate_of"] is not None]
            assert len(links) == 9
            assert {o["duplicate_of"] for o in links} == {heads[0]["id"]}
            assert {o["duplicate_kind"] for o in links} == {"exact"}
            rows = store.fetchall(
                "SELECT cluster_id, duplicate_kind FROM articles WHERE id LIKE ?", ["wire-%"]
            )
            assert len(rows) == 10
            assert sum(kind is None for _cluster, kind in rows) == 1
            assert {cluster for cluster, _kind in rows} == {heads[0]["id"]}
            (events,) = store.fetchall(
                "SELECT count(DISTINCT doc_id) FROM events WHERE doc_id LIKE ?", ["wire-%"]
            )[0]
            assert events == 1
        finally:
            store.close()


def test_a_loopback_server_refuses_foreign_host_headers(writable):
    """Case 13: DNS rebinding. Served on loopback, the app answers only to localhost,
    127.0.0.1 and [::1], with the port it serves or none; another Host header is a 400,
    reads and writes alike."""
    from eventcoder.serve.middleware import LOOPBACK_HOSTS

    c = TestClient(create_app(writable, api_key=KEY, allowed_hosts=LOOPBACK_HOSTS, port=8000))
    for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST", "127.0.0.1",
                 "[::1]", "LocalHost:8000"):  # fmt: skip
        assert c.get("/api/overview", headers={"Host": host}).status_code == 200, host
    for host in ("evil.example:8000", "evil.example", "127.0.0.1.evil.example:8000",
                 "localhost.evil.example", "[::2]:8000", "", "localhost:8001",
                 "127.0.0.1:80", "[::1]:9999", "localhost:", "[::1]8000",
                 "127.0.0.1:8000:8000"):  # fmt: skip
        response = c.get("/api/overview", headers={"Host": host})
        assert response.status_code == 400, host
        assert "Host header" in response.json()["detail"]
        posted = c.post("/api/articles", json={"text": STORY},
                        headers={"Host": host, "X-API-Key": KEY})  # fmt: skip
        assert posted.status_code == 400, host
    assert "port 8000" in c.get("/api/overview", headers={"Host": "localhost:1"}).text
    # a loopback app told no port (a library user's) takes any port of a loopback name
    any_port = TestClient(create_app(writable, allowed_hosts=LOOPBACK_HOSTS))
    assert any_port.get("/api/overview", headers={"Host": "localhost:1"}).status_code == 200
    assert any_port.get("/api/overview", headers={"Host": "evil.example:1"}).status_code == 400
    # without the check (a server on another interface) any Host is served
    open_app = TestClient(create_app(writable))
    assert open_app.get("/api/overview", headers={"Host": "evil.example"}).status_code == 200
