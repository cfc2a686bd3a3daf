"""Imported by the server process a ``CodingPool`` forks its workers from (``forkserver``).

Loads the spaCy pipeline and the coder's data (gazetteer, actor tables, lexicons) once, with
one BLAS/OpenMP thread, so every worker forked from that process shares their memory and
starts at once. Never raises: a worker that cannot load the coder says why itself.
"""

from __future__ import annotations

import contextlib
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # before numpy/torch are imported in this process


def _warm() -> None:
    import gc

    from .worker import coder_for, pin_threads

    pin_threads()
    coder = coder_for({})
    coder.knowledge.load()  # every table, the gazetteer included, before the workers fork
    coder.code("Police arrested ten protesters in Delhi on Monday.", date="2020-01-06")
    gc.freeze()  # the loaded objects stay out of the collector: their pages stay shared


with contextlib.suppress(Exception):  # the workers report the error themselves
    _warm()
