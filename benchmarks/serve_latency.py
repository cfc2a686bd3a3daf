"""Latency of the REST API behind ``eventcoder serve``, and the weight of the web page.

Builds a DuckDB store from the project's generated sample corpus (``--articles`` articles,
coded with the real Coder), then times each endpoint in-process with FastAPI's test client
(median of ``--runs`` calls, milliseconds) and adds up the bytes the page fetches on load.

    python benchmarks/serve_latency.py [--articles 300] [--runs 20] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from eventcoder import Coder
from eventcoder.serve import create_app, open_for_serving
from eventcoder.serve.sample import build_sample_store, sample_articles
from eventcoder.store import open_store

ENDPOINTS = [
    ("GET", "/api/events?limit=50"),
    ("GET", "/api/events?limit=50&type=ASSAULT,PROTEST&date_from=2020-02&country=TUR"),
    ("GET", "/api/events?limit=50&bbox=25,10,60,45&q=troops"),
    ("GET", "/api/events?limit=50&level=mention"),
    ("GET", "/api/events/{event_id}"),
    ("GET", "/api/actors?limit=50"),
    ("GET", "/api/places?limit=1000"),
    ("GET", "/api/aggregates/time?interval=week"),
    ("GET", "/api/aggregates/types"),
    ("GET", "/api/aggregates/dyads?by=country"),
    ("GET", "/api/network?limit=80"),
    # what the page asks first: historical mentions hidden, newest first
    ("GET", "/api/events?limit=25&historical=exclude&sort=-date"),
    ("GET", "/api/aggregates/time?interval=month&historical=exclude"),
    ("GET", "/api/network?limit=80&historical=exclude"),
    ("GET", "/api/export?format=csv"),
    ("GET", "/api/export?format=plover-jsonl"),
    ("POST", "/api/code"),
]
PAGE = [
    "/", "/static/app.js", "/static/app.css", "/api/basemap.geojson", "/api/overview",
    "/api/events?limit=25&offset=0&sort=-date&historical=exclude",
    "/api/aggregates/time?interval=month&historical=exclude",
    "/api/network?limit=80&historical=exclude", "/api/places?limit=1000&historical=exclude",
]  # fmt: skip
TEXT = (
    "Police fired tear gas at protesters in Nairobi on Monday. Kenya and Tanzania signed a "
    "trade agreement in Arusha on Tuesday. The Turkish army shelled positions near Qamishli."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", dest="json_out")
    args = parser.parse_args()

    coder = Coder()
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.duckdb")
        store = open_store(path)
        t0 = time.perf_counter()
        built = build_sample_store(store, coder, sample_articles(args.articles, seed=11))
        build_s = time.perf_counter() - t0
        store.close()
        serving = open_for_serving(path)
        client = TestClient(create_app(serving, coder_factory=lambda **kw: coder))
        event_id = client.get("/api/events?limit=1").json()["events"][0]["id"]
        client.post("/api/code", json={"text": TEXT})  # warm up
        rows = []
        for method, url in ENDPOINTS:
            url = url.format(event_id=event_id)
            times, size = [], 0
            for _ in range(args.runs):
                start = time.perf_counter()
                if method == "POST":
                    response = client.post(url, json={"text": TEXT, "date": "2020-02-14"})
                else:
                    response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.text)
                size = len(response.content)
            rows.append({"endpoint": f"{method} {url}", "median_ms": round(statistics.median(times), 1),
                         "bytes": size})  # fmt: skip
        page_bytes = {u: len(client.get(u).content) for u in PAGE}
        serving.close()
    counts = {"articles": built["articles"], "events": built["events"]}
    out = {"store": counts, "build_s": round(build_s, 1), "runs": args.runs, "endpoints": rows,
           "page_bytes": page_bytes, "page_total_kb": round(sum(page_bytes.values()) / 1024)}  # fmt: skip
    print(f"store: {counts['articles']} articles, {counts['events']} events "
          f"(coded and stored in {build_s:.1f} s)")  # fmt: skip
    print(f"{'endpoint':<78} {'median ms':>9} {'bytes':>9}")
    for row in rows:
        print(f"{row['endpoint'][:78]:<78} {row['median_ms']:>9} {row['bytes']:>9}")
    print(f"first page load fetches {out['page_total_kb']} KB from the server itself "
          f"(basemap {page_bytes['/api/basemap.geojson'] // 1024} KB)")  # fmt: skip
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
