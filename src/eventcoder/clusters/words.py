"""The English words the cluster engine compares reports with: ``data/cluster_words.yaml`` (the
project's own lists, see docs/extending.md)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_yaml, word_set


@dataclass(frozen=True)
class ClusterWords:
    #: words that say nothing about which event a sentence tells
    stopwords: frozenset[str]
    #: pronouns and relative words: never the head word an actor is recognised by
    pronouns: frozenset[str]
    #: heads naming a crowd or people in general, as party keys (``w:`` + the head word)
    generic_heads: frozenset[str]

    @classmethod
    def load(cls, name: str = "cluster_words.yaml") -> ClusterWords:
        data = load_yaml(name)

        return cls(
            stopwords=word_set(data, "stopwords"),
            pronouns=word_set(data, "pronouns"),
            generic_heads=frozenset("w:" + w for w in word_set(data, "generic_heads")),
        )


@lru_cache(maxsize=1)
def cluster_words() -> ClusterWords:
    """The shipped lists, read once: the engine's comparisons are memoised pure functions of a
    report, and no user setting changes these words."""
    return ClusterWords.load()
