"""The web app as a user sees it: headless Debian chromium (driven by Playwright) against a
uvicorn server on loopback serving a store coded from the example article and a generated
corpus. Any request the page makes off the loopback host fails the test.

Screenshots go to a temporary folder, or to docs/screenshots/ with EVENTCODER_SAVE_SCREENSHOTS=1
(that is how the README's pictures are made).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from eventcoder.records import Article
from eventcoder.serve import create_app, open_for_serving
from eventcoder.serve.sample import build_sample_store, sample_articles
from eventcoder.store import open_store

from .conftest import EXAMPLE, REQUIRE_SERVICES, ROOT
from .real_corpus import (
    HISTORICAL_YEARS,
    NOT_NAMES,
    PUBLISHED,
    RETOLD_MUMBAI,
    real_corpus_articles,
    retold_articles,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _need_browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = []
    if sync_playwright is None:
        missing.append("the playwright package")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        missing.append(CHROMIUM)
    if missing:
        message = f"browser tests need {' and '.join(missing)}"
        if REQUIRE_SERVICES:
            pytest.fail(message + " (EVENTCODER_REQUIRE_SERVICES=1)")
        pytest.skip(message)
    return sync_playwright


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get("EVENTCODER_SAVE_SCREENSHOTS") == "1":
        out = ROOT / "docs" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        return out
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder, coded_once):
    _need_browser()
    import uvicorn

    path = tmp_path_factory.mktemp("browser") / "events.duckdb"
    store = open_store(str(path))
    extra = []
    if EXAMPLE.exists():
        extra.append(
            Article(
                id="kurdistan24-sadr-march", text=EXAMPLE.read_text(encoding="utf-8"),
                date="2020-01-14", title="Sadr calls for a million-man march against US troops",
                source="Kurdistan 24",
            )
        )  # fmt: skip
    # the sample corpus, and articles like a real corpus's: historical mentions, pronouns,
    # a story retold by three outlets (one event cluster of three reports)
    extra += real_corpus_articles() + retold_articles()
    build_sample_store(store, coded_once, sample_articles(40), extra=extra)
    store.close()
    serving = open_for_serving(str(path))
    app = create_app(serving, coder_factory=lambda **kw: coder)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    serving.close()


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _need_browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    off_host: list[str] = []
    errors: list[str] = []

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOOPBACK:
            route.continue_()
        else:
            off_host.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("request", lambda r: None if (urlparse(r.url).hostname or "") in LOOPBACK
            or r.url.startswith(("data:", "blob:", "about:")) else off_host.append(r.url))  # fmt: skip
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    yield page
    shown_error = page.locator("#status").inner_text().strip()
    context.close()
    assert not off_host, f"the page made requests off the loopback host: {off_host}"
    assert not errors, f"JavaScript errors: {errors}"
    assert shown_error == "", f"the page showed an error: {shown_error}"


def _count(page, selector: str) -> int:
    return page.locator(selector).count()


def _total(page) -> int:
    return int(page.locator("#events-count").inner_text().split()[0])


@contextmanager
def _redrawn(page, *views: str) -> Iterator[None]:
    """Wait (on a condition, never a clock) until each of ``views`` (events, timeline,
    network, map: counted by the page in ``<body data-VIEW>``) is drawn again after the
    block's action."""
    before = {v: page.evaluate("v => document.body.dataset[v] || '0'", v) for v in views}
    yield
    for view, count in before.items():
        page.wait_for_function(
            "([v, c]) => (document.body.dataset[v] || '0') !== c",
            arg=[view, count],
            timeout=30_000,
        )


def test_page_shows_table_timeline_map_and_network(page, shots):
    assert _count(page, "#events-table tbody tr[data-id]") == 25
    assert _total(page) > 100
    assert _count(page, "#timeline rect.bar") > 10
    assert _count(page, "#map path.country") > 150
    markers = page.locator("#map .marker")
    assert markers.count() > 5
    events_on_map = sum(int(m.get_attribute("data-events")) for m in markers.all())
    assert events_on_map > 50
    assert _count(page, "#map .marker.cluster") >= 1  # nearby places are clustered
    assert _count(page, "#network line.edge") > 10
    assert _count(page, "#network line.edge[data-kind='conflict']") > 0
    assert _count(page, "#network line.edge[data-kind='cooperation']") > 0
    assert _count(page, "#network .node") > 10
    page.locator("#events-table tbody tr[data-id]").nth(3).click()
    page.wait_for_selector("#article-text .hl-trigger")
    page.screenshot(path=str(shots / "webapp.png"), full_page=True)


def test_filter_narrows_every_view(page):
    before = _total(page)
    edges_before = _count(page, "#network line.edge")
    page.select_option("#f-type", "ASSAULT")
    with (
        page.expect_response(lambda r: "/api/events?" in r.url and "type=ASSAULT" in r.url),
        _redrawn(page, "events", "timeline", "network"),
    ):
        page.click("#apply")
    after = _total(page)
    assert 0 < after < before
    tags = page.locator("#events-table tbody tr[data-id] .tag").all_inner_texts()
    assert tags and set(tags) == {"ASSAULT"}
    legend = page.locator("#timeline-legend").inner_text()
    assert "ASSAULT" in legend and "PROTEST" not in legend
    assert _count(page, "#network line.edge") < edges_before
    query = parse_qs(urlparse(page.get_attribute("#export-csv", "href")).query)
    assert query["type"] == ["ASSAULT"] and query["format"] == ["csv"]
    # a click on a timeline bar keeps only that period
    bar = page.locator("#timeline rect.bar").last
    period = bar.get_attribute("data-period")
    with (
        page.expect_response(lambda r: "/api/events?" in r.url and "date_from=" + period in r.url),
        _redrawn(page, "events"),
    ):
        bar.click()
    dates = page.locator("#events-table tbody tr[data-id] td:first-child").all_inner_texts()
    assert dates and all(d.startswith(period) for d in dates)
    assert 0 < _total(page) <= after


def test_mention_rows_and_mention_counts(page):
    events = _total(page)
    counted = "[...document.querySelectorAll('#timeline rect.bar')].reduce((n, b) => n + Number(b.dataset.count), 0)"
    by_event = page.evaluate(counted)
    with (
        page.expect_response(lambda r: "/api/events?" in r.url and "level=mention" in r.url),
        _redrawn(page, "events"),
    ):
        page.select_option("#level", "mention")
    assert _total(page) > events
    row = page.locator("#events-table tbody tr[data-id*='#']").first
    event_id = row.get_attribute("data-event")
    assert row.get_attribute("data-id").startswith(event_id + "#")
    row.click()
    page.wait_for_selector("#article-text .hl-trigger")
    with (
        page.expect_response(
            lambda r: "/api/aggregates/time?" in r.url and "level=mention" in r.url
        ),
        _redrawn(page, "timeline"),
    ):
        page.select_option("#count-level", "mention")
    assert page.evaluate(counted) > by_event > 0  # retellings and duplicate reports count


def test_real_corpus_defaults(page, shots):
    """Newest first; historical mentions out of the table and the timeline behind a switch;
    the timeline spans the bulk of the dates; the network has no pronoun or common noun."""
    assert page.locator("#f-historical").input_value() == "exclude"
    dates = page.locator("#events-table tbody tr[data-id] td:first-child").all_inner_texts()
    assert dates == sorted(dates, reverse=True)
    assert dates[0] >= PUBLISHED.isoformat()  # the newest events, not 1921
    assert not any(d[:4] in HISTORICAL_YEARS for d in dates)
    shown = _total(page)
    periods = page.locator("#timeline rect.bar").evaluate_all("bs => bs.map(b => b.dataset.period)")
    assert periods and min(periods) >= "2019-01"  # (the example article recalls October 2019)
    assert page.locator("#timeline-outside").inner_text() == ""
    nodes = page.locator("#network .node").evaluate_all("ns => ns.map(n => n.dataset.id)")
    assert nodes and not {n.lower() for n in nodes} & set(NOT_NAMES)
    assert any(n == "IND COP" for n in nodes)  # "They ... the police station": a group node
    assert "left out" in page.locator("#network-note").inner_text()
    # the switch: historical mentions shown; by day, the timeline still spans the bulk, and
    # says what falls outside it
    with _redrawn(page, "timeline"):
        page.select_option("#interval", "day")
    page.select_option("#f-historical", "include")
    with _redrawn(page, "events", "timeline"):
        page.click("#apply")
    assert _total(page) > shown
    periods = page.locator("#timeline rect.bar").evaluate_all("bs => bs.map(b => b.dataset.period)")
    assert min(periods) >= "2019-01"
    outside = page.locator("#timeline-outside").inner_text()
    assert "before" in outside and "1984-06-06" in outside
    with _redrawn(page, "events"):
        page.select_option("#sort", "date")
    first = page.locator("#events-table tbody tr[data-id] td:first-child").first.inner_text()
    assert first[:4] in HISTORICAL_YEARS
    page.select_option("#f-historical", "only")
    with _redrawn(page, "events"):
        page.click("#apply")
    dates = page.locator("#events-table tbody tr[data-id] td:first-child").all_inner_texts()
    assert dates and all(d[:4] in HISTORICAL_YEARS for d in dates)
    # Reset brings the default view back
    with _redrawn(page, "events", "timeline"):
        page.click("#reset")
    assert page.locator("#f-historical").input_value() == "exclude" and _total(page) == shown
    page.screenshot(path=str(shots / "real-corpus.png"), full_page=True)


def test_clusters_in_the_table_and_the_evidence(page, shots):
    """One row per real-world event with its reports and sources; the evidence panel lists
    every report of the cluster, each one opening its own evidence."""
    events = _total(page)
    counted = "[...document.querySelectorAll('#timeline rect.bar')].reduce((n, b) => n + Number(b.dataset.count), 0)"
    by_event = page.evaluate(counted)
    with (
        page.expect_response(lambda r: "/api/events?" in r.url and "level=cluster" in r.url),
        _redrawn(page, "events"),
    ):
        page.select_option("#level", "cluster")
    assert 0 < _total(page) < events
    cells = page.locator("#events-table tbody tr[data-id] td.reports")
    clusters = cells.evaluate_all("cs => cs.map(c => c.dataset.cluster)")
    assert clusters and all(clusters) and len(set(clusters)) == len(clusters)
    with (
        page.expect_response(
            lambda r: "/api/aggregates/time?" in r.url and "level=cluster" in r.url
        ),
        _redrawn(page, "timeline"),
    ):
        page.select_option("#count-level", "cluster")
    assert 0 < page.evaluate(counted) < by_event
    # the retold Mumbai protest: one row, three reports from three sources
    page.select_option("#f-type", "PROTEST")
    page.fill("#f-place", "Mumbai")
    with _redrawn(page, "events"):
        page.click("#apply")
    row = page.locator(
        "#events-table tbody tr[data-id]", has=page.locator("td.reports[data-reports='3']")
    )
    assert row.count() == 1
    assert row.locator("td.reports").get_attribute("data-sources") == "3"
    assert "3 sources" in row.locator("td.reports").inner_text()
    with _redrawn(page, "detail"):
        row.click()
    items = page.locator("#cluster-reports li")
    assert items.count() == 3
    assert "3 reports from 3 sources" in page.locator("#cluster-reports h3").inner_text()
    listed = page.locator("#cluster-reports").inner_text()
    for source in ("Mumbai Mirror", "Deccan Wire", "Western Times"):
        assert source in listed
    assert all("Mumbai" in t for t in page.locator("#cluster-reports .sentence").all_inner_texts())
    shown = page.locator("#cluster-reports li.shown")
    assert shown.count() == 1 and shown.get_attribute("data-event") == row.get_attribute(
        "data-event"
    )
    # each report opens its own article and evidence
    other = page.locator("#cluster-reports li:not(.shown)").first
    target = other.get_attribute("data-event")
    title = other.locator("a.open").inner_text()
    with _redrawn(page, "detail"):
        other.locator("a.open").click()
    assert page.locator("#cluster-reports li.shown").get_attribute("data-event") == target
    assert page.locator("#article-text h3").inner_text() == title
    assert target.split(":")[0] in RETOLD_MUMBAI
    page.wait_for_selector("#article-text .hl-trigger")
    page.locator("#detail-panel").scroll_into_view_if_needed()
    page.screenshot(
        path=str(shots / "clusters.png"),
        clip=_union(page, "#events-panel", "#detail-panel"),
        full_page=True,
    )


def test_open_an_event_shows_its_evidence_highlighted(page, shots):
    page.fill("#f-actor", "Sadr" if EXAMPLE.exists() else "police")
    page.select_option("#f-type", "REQUEST" if EXAMPLE.exists() else "ASSAULT")
    with (
        page.expect_response(lambda r: "/api/events?" in r.url and "actor=" in r.url),
        _redrawn(page, "events"),
    ):
        page.click("#apply")
    tags = page.locator("#events-table tbody tr[data-id] .tag").all_inner_texts()
    assert tags and set(tags) == {"REQUEST" if EXAMPLE.exists() else "ASSAULT"}
    row = page.locator("#events-table tbody tr[data-id]").first
    trigger = row.locator("td").nth(5).inner_text().split(" ×")[0].split()[0]
    row.click()
    page.wait_for_selector("#article-text .hl-trigger")
    box = page.locator("#article-text")
    assert trigger in box.locator(".hl-trigger").all_inner_texts()
    assert box.locator(".hl-sentence").count() >= 1
    assert box.locator(".hl-actor").count() >= 1
    assert box.locator(".hl-place, .hl-date").count() >= 1
    fields = page.locator("#detail table.fields").inner_text()
    assert "actor" in fields and "place" in fields and "date" in fields
    salience = page.locator("#detail table.fields tr", has_text="salience").inner_text()
    assert salience.split()[1] in ("main", "background")
    assert page.locator("#detail .reason").count() >= 3  # each field says why
    assert "selected" in (row.get_attribute("class") or "")
    page.locator("#events-panel").scroll_into_view_if_needed()
    page.screenshot(
        path=str(shots / "evidence.png"),
        clip=_union(page, "#events-panel", "#detail-panel"),
        full_page=True,
    )


def _union(page, *selectors: str) -> dict:
    scroll = page.evaluate("window.scrollY")
    boxes = [page.locator(s).bounding_box() for s in selectors]
    boxes = [{**b, "y": b["y"] + scroll} for b in boxes]  # page coordinates (full_page shots)
    x0 = min(b["x"] for b in boxes)
    y0 = min(b["y"] for b in boxes)
    x1 = max(b["x"] + b["width"] for b in boxes)
    y1 = max(b["y"] + b["height"] for b in boxes)
    return {"x": x0, "y": y0, "width": x1 - x0, "height": min(y1 - y0, 900)}


def test_map_view_filters_the_events(page, shots):
    total = _total(page)
    svg = page.locator("#map svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    # zoom on the Middle East (the initial view is the whole world, 2:1)
    x = box["x"] + (44 + 180) / 360 * box["width"]
    y = box["y"] + (90 - 33) / 180 * box["height"]
    page.mouse.move(x, y)
    for _ in range(5):
        view = svg.get_attribute("viewBox")
        page.mouse.wheel(0, -200)
        page.wait_for_function(
            "v => document.querySelector('#map svg').getAttribute('viewBox') !== v", arg=view
        )
    with (
        page.expect_response(lambda r: "/api/events?" in r.url and "bbox=" in r.url),
        _redrawn(page, "events"),
    ):
        page.check("#f-mapview")
    inside = _total(page)
    assert 0 < inside < total
    bbox = parse_qs(urlparse(page.get_attribute("#export-csv", "href")).query)["bbox"][0]
    west, south, east, north = map(float, bbox.split(","))
    assert west < 44 < east and south < 33 < north and east - west < 100
    places = page.locator("#events-table tbody tr[data-id] td:nth-child(5)").all_inner_texts()
    assert places and all(p != "–" for p in places)  # only events placed in the view
    page.screenshot(
        path=str(shots / "map.png"),
        clip=_union(page, "#map-panel", "#network-panel"),
        full_page=True,
    )
    # a single place's marker filters the table to that place
    single = page.locator("#map .marker.place").first
    name = single.get_attribute("data-name")
    with (
        page.expect_response(lambda r: "/api/events?" in r.url and "place=" in r.url),
        _redrawn(page, "events"),
    ):
        single.click()
    shown = page.locator("#events-table tbody tr[data-id] td:nth-child(5)").all_inner_texts()
    assert shown and all(name.lower() in p.lower() for p in shown)


def test_code_this_text(page, shots):
    text = (
        "Police fired tear gas at protesters in Nairobi on Monday. "
        "Kenya and Tanzania signed a trade agreement in Arusha on Tuesday."
    )
    page.fill("#code-text", text)
    page.fill("#code-date", "2024-03-15")
    with page.expect_response(lambda r: r.url.endswith("/api/code") and r.status == 200):
        page.click("#code-run")
    page.wait_for_selector("#code-results .code-event")
    cards = page.locator("#code-results .code-event").all_inner_texts()
    # PLOVER codes signing an agreement as SUPPORT (a promise to sign would be AGREE)
    assert any("ASSAULT" in c for c in cards) and any("SUPPORT" in c for c in cards)
    highlighted = page.locator("#code-text-highlighted")
    assert "fired" in highlighted.locator(".hl-trigger").all_inner_texts()
    page.locator("#code-results .code-event").first.click()
    assert highlighted.locator(".hl-sentence").count() >= 1
    assert "Nairobi" in highlighted.locator(".hl-place").all_inner_texts()
    page.locator("#code-panel").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "code.png"), clip=_union(page, "#code-panel"), full_page=True)


def test_api_docs_page_is_offline(browser, server):
    context = browser.new_context()
    off_host: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if (urlparse(route.request.url).hostname or "") in LOOPBACK
            or route.request.url.startswith("data:")
            else (off_host.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() >= 12
    context.close()
    assert not off_host, off_host
