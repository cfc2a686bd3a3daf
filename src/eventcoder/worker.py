"""What runs inside a coding worker process (see :mod:`eventcoder.parallel`).

``coder_for(options)``: the process's ``Coder(**options)``, built once; ``worker_main``: load
it, then code the articles that come through a pipe, one at a time, until told to stop (or
until the pool's owner is gone). A failure comes back as a ``CodingFailure`` naming it.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import pickle
import signal
import struct
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from .pipeline import TimeBudgetExceeded

if TYPE_CHECKING:  # pragma: no cover
    from .coder import Coder

#: ``CodingFailure.reason`` of an article that took longer than its time budget.
OVER_BUDGET = "over time budget"

#: Environment variables that size BLAS/OpenMP thread pools (read when a library loads).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class CodingFailure:
    """An article that could not be coded: ``error`` is "ExceptionName: message"."""

    article_id: str
    error: str
    #: "coding failed", or "over time budget" (the worker was stopped: see ``CodingPool``)
    reason: str = "coding failed"

    def __str__(self) -> str:
        if self.reason != "coding failed":
            return f"article {self.article_id!r}: {self.error}"
        return f"article {self.article_id!r}: coding failed: {self.error}"


#: Coders of this process, by their options (see ``coder_for``).
WORKER_CODERS: dict[str, Coder] = {}


def options_key(options: dict[str, Any]) -> str:
    """One key for equal coder options (options left at the ``Coder`` default dropped)."""
    from .coder import Coder

    params = inspect.signature(Coder.__init__).parameters
    kept = {
        name: value
        for name, value in options.items()
        if name not in params or params[name].default is inspect.Parameter.empty
        or params[name].default != value
    }  # fmt: skip
    return json.dumps(kept, sort_keys=True, default=repr)


def coder_for(options: dict[str, Any]) -> Coder:
    """This process's ``Coder(**options)``, built on first use."""
    key = options_key(options)
    coder = WORKER_CODERS.get(key)
    if coder is None:
        from .coder import Coder

        coder = WORKER_CODERS[key] = Coder(**options)
    return coder


def pin_threads() -> None:
    """One BLAS/OpenMP/torch thread in this process (a worker is one core's worth of work)."""
    for var in THREAD_VARIABLES:
        os.environ[var] = "1"
    with contextlib.suppress(Exception):
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    torch = sys.modules.get("torch")
    if torch is not None:
        with contextlib.suppress(Exception):
            torch.set_num_threads(1)


def worker_main(conn: Connection, options: dict[str, Any]) -> None:
    """A worker: load the coder, then code what comes until told to stop (``None``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pool's owner handles Ctrl-C
    pin_threads()
    try:
        coder = coder_for(options)
    except BaseException as exc:  # reported to the pool, which raises PoolError
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", os.getpid()))
    parent = os.getppid()
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != parent:  # the pool's owner is gone (killed): so are we
                    return
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        article = task
        c0, t0 = time.process_time(), time.perf_counter()
        try:
            result: Any = pickle.dumps(coder.code_article(article), pickle.HIGHEST_PROTOCOL)
        except TimeBudgetExceeded as exc:  # checked by the coder between stages
            result = pickle.dumps(CodingFailure(article.id, str(exc), OVER_BUDGET))
        except Exception as exc:  # one bad article never stops the worker
            result = pickle.dumps(CodingFailure(article.id, f"{type(exc).__name__}: {exc}"))
        # CPU and wall seconds of coding and pickling
        spent = struct.pack("dd", time.process_time() - c0, time.perf_counter() - t0)
        try:
            conn.send_bytes(spent + result)
        except (EOFError, OSError):
            return
