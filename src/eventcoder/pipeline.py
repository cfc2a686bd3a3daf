"""A pipeline of small, named stages over one ``Document``.

Each stage is a callable object with a ``name`` that takes the document and returns it.
Stages are made by factories registered under a name, so a configuration (or a user) can list,
replace, add or disable a stage without touching the others::

    coder = Coder()
    coder.pipeline.names            # ['clean', 'annotate', 'detect', 'actors', ...]
    coder.pipeline.replace("detect", MyDetector())
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

from .document import Document


@runtime_checkable
class Stage(Protocol):
    """One step of the pipeline: one job, a ``Document`` in and the same ``Document`` out."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


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
        self._stages[self._index(name)] = stage

    def add(self, stage: Stage, *, before: str | None = None, after: str | None = None) -> None:
        if before is not None:
            self._stages.insert(self._index(before), stage)
        elif after is not None:
            self._stages.insert(self._index(after) + 1, stage)
        else:
            self._stages.append(stage)

    def remove(self, name: str) -> Stage:
        return self._stages.pop(self._index(name))

    def disable(self, *names: str) -> None:
        for name in names:
            self._index(name)
            self._disabled.add(name)

    def enable(self, *names: str) -> None:
        self._disabled.difference_update(names)

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
