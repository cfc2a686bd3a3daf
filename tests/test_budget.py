"""The per-article time budget (issue 15, bounded work): in a worker process the worker still
coding after the budget is killed and replaced, the article is named as skipped and the run
goes on; in this process the budget is also checked inside the costly stages' loops."""

from __future__ import annotations

import time

import pytest

from eventcoder.coder import DEFAULT_STAGES
from eventcoder.document import Document
from eventcoder.ingest import IngestOptions, ingest
from eventcoder.parallel import CodingFailure, CodingPool
from eventcoder.pipeline import Pipeline, TimeBudgetExceeded, register_stage
from eventcoder.records import Article
from eventcoder.store import open_store
from eventcoder.worker import OVER_BUDGET, WORKER_CODERS, coder_for, options_key

from .test_parallel import _articles

#: A word that makes ``test_sleepy`` stall on any article whose text holds it.
STALL = "Zzstallzz"


@register_stage("test_sleepy")
class Sleepy:
    """A stage that never ends on article "slow", or on a text holding ``STALL`` (as a stage
    stuck on a huge input would)."""

    name = "test_sleepy"

    def __call__(self, doc):
        while doc.article.id == "slow" or STALL in doc.article.text:
            time.sleep(0.05)
        return doc


SLEEPY = {"stages": [*DEFAULT_STAGES, "test_sleepy"]}


def _slow(text_from: Article) -> Article:
    return text_from.model_copy(update={"id": "slow"})


@pytest.mark.slow
def test_pool_kills_and_replaces_a_worker_over_its_budget():
    """The budget cannot be checked inside a stage that never returns: the pool kills the
    worker, answers "over time budget" for that article alone and codes the next one on a
    fresh worker."""
    local = coder_for(SLEEPY)  # forked workers inherit it: nothing is loaded again
    articles = _articles(3)
    expected = {a.id: [e.to_json() for e in local.code_article(a).events] for a in articles}
    articles[1] = _slow(articles[1])
    try:
        with CodingPool(1, SLEEPY, start_method="fork", time_budget=6.0) as pool:
            first = pool._idle[0].process.pid if pool._idle else None
            results = list(pool.map(articles, inflight=3))
            assert pool.stopped == 1
            now = [w.process.pid for w in [*pool._idle, *pool._busy]]
    finally:
        WORKER_CODERS.clear()
    assert [a.id for a, _ in results] == [a.id for a in articles]
    stopped = results[1][1]
    assert isinstance(stopped, CodingFailure) and stopped.reason == OVER_BUDGET
    assert "'slow'" in stopped.error and "time budget of 6 s" in stopped.error
    assert first is None or first not in now  # the killed worker was replaced
    for article, result in (results[0], results[2]):
        assert [e.to_json() for e in result.events] == expected[article.id] != []


class _ForkedPool(CodingPool):
    """Workers forked from this process (they share its coder and the test stage)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, start_method="fork", **kwargs)


@pytest.mark.slow
def test_ingest_with_workers_skips_an_article_over_budget_by_name_and_goes_on(
    tmp_path, monkeypatch
):
    """``ingest --workers 2 --time-budget S``: the article whose worker is stopped is logged
    as skipped ("over time budget", by name) and every other article is stored."""
    import json

    # an ordinary article takes well under 1 s, under 6 s even on a heavily loaded machine
    options = {**SLEEPY, "time_budget": 6.0}
    coder_for(options).code_article(_articles(1)[0])  # loaded here, lent to the workers
    monkeypatch.setattr("eventcoder.ingest.run.CodingPool", _ForkedPool)
    articles = _articles(10)
    articles[4] = _slow(articles[4])
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles))
    seen: list[str] = []
    opts = IngestOptions(
        workers=2, coder_options=options, default_date="2021-03-05",
        echo=lambda kind, message: seen.append(f"{kind}: {message}"), cluster=False,
    )  # fmt: skip
    try:
        with open_store(str(tmp_path / "s.duckdb")) as store:
            summary = ingest([path], store, options=opts)
            ids = {r[0] for r in store.fetchall("SELECT id FROM articles")}
            logged = store.fetchall("SELECT record, kind, error FROM ingest_errors")
    finally:
        WORKER_CODERS.pop(options_key(options), None)
    assert summary.skipped == {"over time budget": 1} and summary.new == 9
    assert ids == {a.id for a in articles} - {"slow"}
    assert [(r, k) for r, k, _ in logged] == [("slow", "skipped")]
    assert "time budget" in logged[0][2]
    assert any("skipped" in line and "'slow'" in line for line in seen)


def test_budget_is_checked_inside_annotate_and_detect(coder):
    """In this process a stage is not interrupted, but the costly ones look at the clock per
    paragraph (annotate) and per sentence (detect): an article over budget stops inside them."""
    text = "\n\n".join(a.text for a in _articles(4))
    doc = coder.pipeline.get("clean")(Document(article=Article(id="long", text=text)))
    with pytest.raises(TimeBudgetExceeded, match="during stage 'annotate'"):
        Pipeline([coder.pipeline.get("annotate")])(doc, budget=1e-9)
    doc = Document(article=Article(id="long", text=text))
    for name in ("clean", "annotate"):
        doc = coder.pipeline.get(name)(doc)
    with pytest.raises(TimeBudgetExceeded, match="during stage 'detect'"):
        Pipeline([coder.pipeline.get("detect")])(doc, budget=1e-9)
    # without a budget nothing is checked, and a finished run leaves no clock behind
    done = Pipeline([coder.pipeline.get("detect")])(doc, budget=None)
    assert done.budget is None


def test_loading_the_tables_is_not_the_first_articles_time(coder, monkeypatch):
    """The gazetteer is built on the first run after an install (tens of seconds on a busy
    machine): that is the coder's start-up, and an article coded under a budget is timed
    from when its own work starts."""
    from eventcoder import Coder
    from eventcoder.knowledge import Knowledge

    shipped = coder.knowledge.gazetteer

    def slow_build():
        time.sleep(1.5)
        return shipped

    monkeypatch.setattr("eventcoder.knowledge.load_gazetteer", slow_build)
    fresh = Knowledge(kb=coder.knowledge.kb)  # its gazetteer not loaded yet
    budgeted = Coder(nlp=coder.nlp, knowledge=fresh, time_budget=1.0)
    article = Article(id="a1", text="Police arrested ten protesters in Nairobi on Monday.")
    coded = budgeted.code_article(article)
    assert fresh.gazetteer_loaded
    assert [e.event for e in coded.events] == ["COERCE"]
