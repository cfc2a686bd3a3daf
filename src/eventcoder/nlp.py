"""spaCy, imported without thinc's PyTorch bridge.

thinc (spaCy's machine-learning library) imports PyTorch at start-up whenever PyTorch is
installed (the ``ml`` extra installs it), to offer a bridge to PyTorch models. The coder's spaCy
pipeline (``en_core_web_sm``, thinc's own NumPy layers) never uses that bridge, and importing
PyTorch costs about as much CPU as importing spaCy itself (measured: 5.6 CPU-s for ``import
spacy`` with PyTorch installed, 1.9 CPU-s without): a cost paid by every ``eventcoder`` command,
every worker process and every test process. So eventcoder imports spaCy with ``import torch``
answered "not installed" for the length of that one import; PyTorch stays importable after it
(the learned classifier imports it when it is used, through sentence-transformers). When spaCy,
thinc or PyTorch is already imported (a user's program did it), nothing is changed.

Every module of the package that needs spaCy at run time imports it through this one.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def import_spacy() -> ModuleType:
    """Import spaCy (once per process) without letting thinc import PyTorch."""
    if any(name in sys.modules for name in ("spacy", "thinc", "torch")):
        return importlib.import_module("spacy")
    sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" raises ImportError
    try:
        return importlib.import_module("spacy")
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


import_spacy()

from spacy.tokens import Span  # noqa: E402  (after the import above, which must come first)

__all__ = ["Span", "import_spacy"]
