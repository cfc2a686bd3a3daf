"""Duplicate articles across a corpus: the same wire story on many sites is coded once.

- **exact**: the same words (``prepare.content_hash``: case, spacing, punctuation ignored);
- **near**: MinHash signatures of word 3-grams in an LSH index (datasketch); a candidate is a
  near-duplicate when its estimated Jaccard similarity reaches ``threshold``.

The first article of a cluster is coded; every later copy is stored linked to it
(``articles.cluster_id``, ``duplicate_kind``, ``similarity``) and adds one to its ``reports``.
Signatures are kept in the store (``articles.minhash``) so a resumed or later run links to
articles coded before without recomputing them.
"""

from __future__ import annotations

import base64
import re
from typing import Any

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)

NUM_PERM = 128
SEED = 1
#: Estimated Jaccard similarity of word 3-grams at and above which two articles are one story.
DEFAULT_THRESHOLD = 0.8


def shingles(text: str, n: int = 3) -> list[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < n:
        return [" ".join(words).encode("utf-8")] if words else []
    return list({" ".join(words[i : i + n]).encode("utf-8") for i in range(len(words) - n + 1)})


def encode(signature: Any) -> str:
    """``scheme:base64`` of the signature's hash values (as kept in ``articles.minhash``)."""
    values = np.asarray(signature.hashvalues)
    scheme = getattr(signature, "scheme", "affine32")
    return f"{scheme}:{values.dtype.str}:" + base64.b64encode(values.tobytes()).decode()


def decode(text: str) -> Any:
    from datasketch import LeanMinHash

    scheme, dtype, data = text.split(":", 2)
    values = np.frombuffer(base64.b64decode(data), dtype=np.dtype(dtype))
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=scheme)


class NearDuplicateIndex:
    """MinHash LSH over the coded articles of a store (and of the run in progress)."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH

        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold {threshold} is not in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.signatures: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self.signatures)

    def signature(self, text: str) -> Any:
        from datasketch import LeanMinHash, MinHash

        mh = MinHash(num_perm=self.num_perm, seed=SEED)
        grams = shingles(text)
        if grams:
            mh.update_batch(grams)
        return LeanMinHash(mh)

    def add(self, key: str, signature: Any) -> None:
        if key in self.signatures:
            return
        self.signatures[key] = signature
        self.lsh.insert(key, signature)

    def match(self, signature: Any) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold, with its similarity."""
        best: tuple[str, float] | None = None
        for key in self.lsh.query(signature):
            sim = float(signature.jaccard(self.signatures[key]))
            if sim >= self.threshold and (
                best is None or sim > best[1] or (sim == best[1] and key < best[0])
            ):
                best = (key, sim)
        return best
