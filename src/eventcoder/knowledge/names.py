"""Name matching shared by every table: ``norm`` folds case, diacritics, apostrophes and
hyphens ("Kata’ib Hizbollah", "Kataib Hezbollah" and "Kata'ib Hizbollah" are one key; "al-Sadr" is
"al Sadr"); ``NameIndex`` maps normalised names to values for longest-match-first lookup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

_APOS = re.compile(r"[’'ʼ`´]")
_NONWORD = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def _cased_anyway(text: str) -> bool:
    """A capitals-only name written without capitals but unmistakable: "the us", "u.s." (text
    that is all lower case: feeds, archives, police reports), never the pronoun "us"."""
    low = text.strip().lower()
    return low.startswith("the ") or "." in low.rstrip(".")


#: Short all-caps names that are also English words: matched only when written in capitals.
_CAPS_ONLY = frozenset({"us", "u s", "uk", "un", "eu", "is", "au", "who", "ec", "pmf", "hhn"})


@lru_cache(maxsize=200_000)
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOS.sub("", text.lower()).replace("-", " ").replace(".", " ")
    text = _NONWORD.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


@dataclass
class NameIndex:
    """Normalised name -> value, with the longest name length for windowed matching."""

    table: dict[str, Any] = field(default_factory=dict)
    longest: int = 1
    firsts: set[str] = field(default_factory=set)  # first words of the names

    def add(self, name: str, value: Any) -> None:
        key = norm(name)
        if key and key not in self.table:
            self.table[key] = value
            words = key.split()
            self.longest = max(self.longest, len(words))
            self.firsts.add(words[0])

    def may_start(self, word: str) -> bool:
        """Whether a name may start with this (normalised) word; plurals included."""
        return word in self.firsts or (word.endswith("s") and word[:-1] in self.firsts)

    def get(self, text: str) -> Any:
        key = norm(text)
        if key in _CAPS_ONLY and not text.replace(".", "").isupper() and not _cased_anyway(text):
            return None
        return self.table.get(key)
