"""Reliability of the web API under hostile input and concurrent writes (issue 15, cases 5, 6
and 13): odd dates, lone surrogates and malformed dates are a 4xx naming the field; parallel
posts of one story code it once; a loopback server refuses foreign Host headers."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from eventcoder.serve import create_app
from eventcoder.serve.sample import build_sample_store, sample_articles
from eventcoder.store import open_store

KEY = "s3cret-key-123"
STORY = "Police arrested forty protesters in Baghdad yesterday and will free them tomorrow."


@pytest.fixture
def writable(tmp_path, coder):
    store = open_store(str(tmp_path / "w.duckdb"))
    build_sample_store(store, coder, sample_articles(2), duplicate=False)
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


@pytest.mark.parametrize("url", ["/api/code", "/api/articles"])
@pytest.mark.parametrize(("field", "body", "named"), HOSTILE)
def test_hostile_posts_are_answered_never_a_5xx(writable, coder, url, field, body, named):
    c = TestClient(
        create_app(writable, api_key=KEY, coder_factory=lambda **kw: coder),
        raise_server_exceptions=False,
    )
    if url == "/api/code" and field == "id":
        pytest.skip("POST /api/code takes no id")
    response = _raw(c, url, json.dumps(body))  # ensure_ascii: lone surrogates as \\udfff
    assert response.status_code < 500, response.text
    if named is not None:
        assert response.status_code in (400, 413, 422), response.text
        assert named in response.text
    else:  # a calendar edge is a real date: coded, relative dates abstain or resolve
        assert response.status_code in (200, 201), response.text
