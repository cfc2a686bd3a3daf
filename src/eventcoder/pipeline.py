"""A pipeline of small, named stages over one ``Document``.

Each stage is a callable object with a ``name`` that takes the document and returns it.
Stages are made by factories registered under a name, so a configuration (or a user) can list,
replace, add or disable a stage without touching the others. A stage may state the ``Document``
fields it reads (``requires``) and the ones it fills (``sets``); the pipeline checks them
whenever it is built or changed: a field read by one stage and filled only by a later one is an
error (``PipelineError``), and so is a name that is not a ``Document`` field. A field no stage
of the pipeline fills is the caller's to provide (a pipeline of some stages over a prepared
``Document``). Every shipped stage states both::

    coder = Coder()
    coder.pipeline.names            # ['clean', 'annotate', 'detect', 'actors', ...]
    coder.pipeline.replace("detect", MyDetector())
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

from .document import Document


@runtime_checkable
class Stage(Protocol):
    """One step of the pipeline: one job, a ``Document`` in and the same ``Document`` out."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


class PipelineError(ValueError):
    """The stages cannot run in this order (a field read before the stage that fills it)."""


def _declared(stage: Stage, kind: str) -> tuple[str, ...]:
    return tuple(getattr(stage, kind, ()) or ())


def check_order(stages: Iterable[Stage]) -> None:
    """Raise ``PipelineError`` when a stage reads (``requires``) a ``Document`` field that only
    a later stage fills (``sets``), or states a name that is no ``Document`` field. Stages
    that state nothing are not checked."""
    stages = list(stages)
    known = {f.name for f in dataclasses.fields(Document)}
    for stage in stages:
        for kind in ("requires", "sets"):
            wrong = [f for f in _declared(stage, kind) if f not in known]
            if wrong:
                raise PipelineError(
                    f"stage {stage.name!r}: {kind} {', '.join(map(repr, wrong))}, not a field "
                    f"of Document (its fields: {', '.join(sorted(known))})"
                )
    filled: set[str] = set()
    for i, stage in enumerate(stages):
        for field_name in _declared(stage, "requires"):
            if field_name in filled:
                continue
            later = [s.name for s in stages[i + 1 :] if field_name in _declared(s, "sets")]
            if later:
                raise PipelineError(
                    f"stage {stage.name!r} reads {field_name!r}, which only {later[0]!r} fills, "
                    f"after it: put {stage.name!r} after {later[0]!r}"
                )
        filled.update(_declared(stage, "sets"))


class TimeBudgetExceeded(RuntimeError):
    """An article took longer than its time budget; it is left uncoded (the run goes on)."""


def check_budget(doc: Document, stage: str) -> None:
    """Inside a stage's loop (per paragraph or sentence): raise ``TimeBudgetExceeded`` when
    the article's time budget is spent. Costs one clock read; no budget, no check."""
    budget = doc.budget
    if budget is None:
        return
    start, seconds = budget
    spent = time.perf_counter() - start
    if spent > seconds:
        raise TimeBudgetExceeded(
            f"article {doc.article.id!r}: {spent:.1f} s, during stage '{stage}', over its time "
            f"budget of {seconds:g} s; left uncoded"
        )


StageFactory = Callable[..., Stage]
_FACTORIES: dict[str, StageFactory] = {}


def register_stage(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under ``name`` (used by configurations and plugins)."""

    def wrap(factory: StageFactory) -> StageFactory:
        _FACTORIES[name] = factory
        return factory

    return wrap


def stage_factory(name: str) -> StageFactory | None:
    """The factory registered under ``name``, or None."""
    return _FACTORIES.get(name)


def make_stage(name: str, **config: Any) -> Stage:
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise KeyError(f"no stage factory named {name!r}; known: {sorted(_FACTORIES)}") from None
    return factory(**config)


def registered_stages() -> list[str]:
    return sorted(_FACTORIES)


class Pipeline:
    """An ordered list of stages."""

    def __init__(self, stages: Iterable[Stage] = ()) -> None:
        self._stages: list[Stage] = list(stages)
        self._disabled: set[str] = set()
        check_order(self)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self._stages if s.name not in self._disabled]

    def get(self, name: str) -> Stage:
        for stage in self._stages:
            if stage.name == name:
                return stage
        raise KeyError(name)

    def _index(self, name: str) -> int:
        for i, stage in enumerate(self._stages):
            if stage.name == name:
                return i
        raise KeyError(f"no stage named {name!r} in {self.names}")

    def replace(self, name: str, stage: Stage) -> None:
        self._change(lambda stages: stages.__setitem__(self._index(name), stage))

    def add(self, stage: Stage, *, before: str | None = None, after: str | None = None) -> None:
        if before is not None:
            at = self._index(before)
        elif after is not None:
            at = self._index(after) + 1
        else:
            at = len(self._stages)
        self._change(lambda stages: stages.insert(at, stage))

    def remove(self, name: str) -> Stage:
        stage = self.get(name)
        self._change(lambda stages: stages.remove(stage))
        return stage

    def disable(self, *names: str) -> None:
        for name in names:
            self._index(name)
        self._change(disabled=self._disabled | set(names))

    def enable(self, *names: str) -> None:
        self._change(disabled=self._disabled - set(names))

    def _change(
        self, edit: Callable[[list[Stage]], object] | None = None, disabled: set[str] | None = None
    ) -> None:
        """Apply a change to a copy, check the order, and only then keep it."""
        stages = list(self._stages)
        if edit is not None:
            edit(stages)
        off = self._disabled if disabled is None else disabled
        check_order(s for s in stages if s.name not in off)
        self._stages, self._disabled = stages, set(off)

    def __iter__(self) -> Iterator[Stage]:
        return (s for s in self._stages if s.name not in self._disabled)

    def __call__(self, doc: Document, budget: float | None = None) -> Document:
        """Run the stages in order. ``budget``: seconds the article may take; checked after
        each stage and inside the per-paragraph and per-sentence loops of the costly stages
        (``check_budget``): ``TimeBudgetExceeded`` when spent with work still to do."""
        t0 = time.perf_counter()
        stages = list(self)
        if budget is not None:  # also checked inside the loops of the costly stages
            doc.budget = (t0, budget)
        try:
            for n, stage in enumerate(stages):
                doc = stage(doc)
                spent = time.perf_counter() - t0
                if budget is not None and spent > budget and n + 1 < len(stages):
                    raise TimeBudgetExceeded(
                        f"article {doc.article.id!r}: {spent:.1f} s after stage '{stage.name}', "
                        f"over its time budget of {budget:g} s; left uncoded"
                    )
        finally:
            doc.budget = None
        return doc
