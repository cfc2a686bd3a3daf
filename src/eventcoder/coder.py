"""``Coder``: the Python API over the pipeline. The CLI, the store and the web app all use it.

>>> from eventcoder import Coder
>>> events = Coder().code("Protesters marched in Baghdad on Friday.", date="2020-01-17")
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .annotate import load_nlp
from .document import Document
from .knowledge import Knowledge, knowledge_from_config
from .pipeline import Pipeline, Stage, make_stage, stage_factory
from .records import Article, CodedArticle, Entity, Event
from .sanitize import iso_date, scrub_article, warn

if TYPE_CHECKING:  # pragma: no cover
    from .learn.detector import LearnedDetector

#: The default stages, in order. Each name is a registered stage factory.
DEFAULT_STAGES: tuple[str, ...] = (
    "clean",  # set aside boilerplate, dateline, repeated lede
    "annotate",  # spaCy parse of the kept text
    "detect",  # event triggers -> type, mode, actor/recipient phrases
    "modality",  # asserted / negated / future / called-for / ... and nested events
    "combine",  # with a classifier (--model): its policy weighed against the rule events
    "actors",  # actor and recipient phrases -> entities with country and sector
    "places",  # where each event happened
    "dates",  # when each event happened
    "dedup",  # the same event told twice in one article comes out once
    "finalize",  # candidates -> Event records
)

#: Modules whose import registers the stage factories.
STAGE_MODULES: tuple[str, ...] = (
    "eventcoder.clean",
    "eventcoder.annotate",
    "eventcoder.detect",
    "eventcoder.learn.combine",
    "eventcoder.actors",
    "eventcoder.places",
    "eventcoder.dates",
    "eventcoder.dedup",
    "eventcoder.finalize",
)


def _import_stage_modules() -> None:
    for module in STAGE_MODULES:
        importlib.import_module(module)


def as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return iso_date(str(value))
    except ValueError as exc:
        raise ValueError(f"publication {exc}") from None


class Coder:
    """Codes news text into PLOVER events.

    Parameters
    ----------
    stages:
        Stage names to run, in order (default ``DEFAULT_STAGES``).
    include_unrealised:
        Keep events whose modality says they did not happen (negated, hypothetical,
        reported-unconfirmed). Off by default, as PLOVER recommends.
    main_events_only:
        Output only the event(s) each sentence reports in its main clause, not those told as
        background in a subordinate clause (``Event.salience``): the convention of datasets
        coded one event per sentence. Off by default: an article's background events are kept.
    model:
        Path to a classifier trained with ``eventcoder train`` (or ``builtin``), used beside
        the rules; or a loaded ``LearnedDetector`` (another coder's) to share its classifier
        and embedder.
    config:
        Per-stage keyword arguments, e.g. ``{"detect": {"lexicon": "my_triggers.yaml"}}``.
        A user KB (``{"actors": {"extra_kb": ...}}``) and a gazetteer (``{"places": {"gaz":
        ...}}``) go into the coder's ``knowledge``, which every stage shares.
    nlp:
        A loaded spaCy pipeline to use (default: load ``annotate.MODEL_PACKAGE``).
    knowledge:
        The tables to code with (``eventcoder.knowledge.Knowledge``; default: the shipped ones
        with the user KB of ``$EVENTCODER_KB``), built once per coder and handed to every stage.
        Pass another coder's ``knowledge`` to share its loaded tables.
    time_budget:
        Seconds one article may take; when spent (checked between stages) coding stops with
        ``TimeBudgetExceeded`` and the article is left uncoded. None: no budget. The tables
        are loaded before the first article's clock starts.

    ``options`` holds the options above (all but ``nlp`` and ``knowledge``) as given;
    ``variant(**options)`` makes a coder with other options that shares this one's spaCy
    pipeline, tables and classifier (loading nothing again).
    """

    def __init__(
        self,
        stages: Iterable[str] | None = None,
        *,
        include_unrealised: bool = False,
        main_events_only: bool = False,
        model: str | Path | LearnedDetector | None = None,
        config: dict[str, dict[str, Any]] | None = None,
        nlp: Any | None = None,
        time_budget: float | None = None,
        knowledge: Knowledge | None = None,
    ) -> None:
        _import_stage_modules()
        self.options: dict[str, Any] = {
            "stages": None if stages is None else tuple(stages),
            "include_unrealised": include_unrealised,
            "main_events_only": main_events_only,
            "model": model,
            "config": None if config is None else {n: dict(kw) for n, kw in config.items()},
            "time_budget": time_budget,
        }
        self.time_budget = time_budget
        self.nlp = nlp if nlp is not None else load_nlp()
        config = {name: dict(kwargs) for name, kwargs in (config or {}).items()}
        extra_kb, gaz = knowledge_from_config(config)
        config.get("actors", {}).pop("extra_kb", None)
        config.get("places", {}).pop("gaz", None)
        #: The tables before this coder's user KB and gazetteer: what a variant starts from.
        self._base_knowledge = knowledge
        if knowledge is None:
            knowledge = Knowledge(extra_kb, gazetteer=gaz)
            if extra_kb is None and gaz is None:
                self._base_knowledge = knowledge
        else:
            knowledge = knowledge.with_changes(extra_kb=extra_kb, gazetteer=gaz)
        self.knowledge = knowledge
        shared = {
            "nlp": self.nlp,
            "knowledge": self.knowledge,
            "include_unrealised": include_unrealised,
            "main_events_only": main_events_only,
            "model": model,
        }
        built: list[Stage] = []
        for name in self.options["stages"] or DEFAULT_STAGES:
            built.append(self._make(name, dict(config.get(name, {})), shared))
        self.pipeline = Pipeline(built)

    def variant(self, **options: Any) -> Coder:
        """A coder with other options (the keyword arguments of ``Coder``, except ``nlp`` and
        ``knowledge``), coding as ``Coder(**{**self.options, **options})`` would, but sharing
        this coder's spaCy pipeline, its tables (one user KB or gazetteer that differs is
        loaded alone) and its classifier when ``model`` is the same. ``config`` replaces this
        coder's whole configuration. This coder is left as it was."""
        unknown = sorted(set(options) - set(self.options))
        if unknown:
            raise TypeError(f"Coder.variant() got unexpected options: {', '.join(unknown)}")
        merged = {**self.options, **options}
        config = {name: dict(kwargs) for name, kwargs in (merged["config"] or {}).items()}
        extra_kb, gaz = knowledge_from_config(config)
        mine_kb, mine_gaz = knowledge_from_config(self.options["config"] or {})
        knowledge = self._base_knowledge
        if extra_kb == mine_kb and gaz is mine_gaz:  # the same tables: this coder's own
            config.get("actors", {}).pop("extra_kb", None)
            config.get("places", {}).pop("gaz", None)
            knowledge = self.knowledge
        model = merged["model"]
        given = (self.options["config"] or {}).get("detect", {}).get("learned")
        if model is not None and model == self.options["model"] and given is None:
            model = self.learned or model  # loaded from this model: shared
        made = Coder(
            merged["stages"],
            include_unrealised=merged["include_unrealised"],
            main_events_only=merged["main_events_only"],
            model=model,
            config=config,
            nlp=self.nlp,
            time_budget=merged["time_budget"],
            knowledge=knowledge,
        )
        made.options = merged
        if knowledge is self.knowledge:
            made._base_knowledge = self._base_knowledge
        return made

    @property
    def learned(self) -> LearnedDetector | None:
        """The classifier run by the ``detect`` stage (``model``), if any."""
        detect = next((s for s in self.pipeline if s.name == "detect"), None)
        return getattr(detect, "learned", None)

    @staticmethod
    def _make(name: str, kwargs: dict[str, Any], shared: dict[str, Any]) -> Stage:
        factory = stage_factory(name)
        if factory is not None:
            params = inspect.signature(factory).parameters
            for key, value in shared.items():
                if key in params and key not in kwargs and value is not None:
                    kwargs[key] = value
        return make_stage(name, **kwargs)

    def process(self, article: Article) -> Document:
        """Run every stage on one article and return the working document."""
        if self.time_budget is not None:
            # One-time loads (the gazetteer, built on the first run after an install) are the
            # coder's start-up, not the article's time: loaded before its clock starts.
            self.knowledge.load()
        return self.pipeline(Document(article=article), budget=self.time_budget)

    def code_article(self, article: Article) -> CodedArticle:
        """Code one article. Text that cannot be stored (lone surrogates, control characters)
        is repaired first, one character for one, with an ``InputWarning`` per field."""
        article, notes = scrub_article(article)
        if notes:
            warn(notes, f"article {article.id!r}")
        doc = self.process(article)
        return CodedArticle(
            article=doc.article, events=doc.events, dropped=doc.dropped, dateline=doc.dateline
        )

    def code_mention(self, text: str, year: int | None = None) -> Entity:
        """Code a bare actor mention ("Iraqi police", "the Pentagon") with this coder's
        knowledge (its user KB included), as ``eventcoder kb lookup`` does."""
        from .actors import code_mention

        return code_mention(text, nlp=self.nlp, year=year, knowledge=self.knowledge)

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for article in articles:
            yield self.code_article(article)

    def code(
        self,
        text: str,
        date: str | dt.date | None = None,
        *,
        doc_id: str | None = None,
        title: str | None = None,
        source: str | None = None,
        url: str | None = None,
    ) -> list[Event]:
        """Code one text; ``date`` is the publication date that relative dates resolve against."""
        article = Article(
            id=doc_id or "doc", text=text, title=title, date=as_date(date), source=source, url=url
        )
        return self.code_article(article).events
