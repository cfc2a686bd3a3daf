"""What a meeting was about: the topic a sentence gives after "discuss" or "talks on".

News tells a meeting by who met, where, when and what about: "the ministers met in Lima to
discuss water sharing", "held talks with her counterpart in Lima on Monday on trade". Two
meetings of the same people on the same day are two meetings when their topics have no word in
common ("water sharing" / "the attack on the police checkpoint"). The topic is the noun phrase
after the verb "discuss" or after "on", "about" or "over" following "talks", up to the place,
the time or the end of the clause.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DAYS = ("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
         "April|May|June|July|August|September|October|November|December|the eve|the sidelines")  # fmt: skip
#: Where a topic phrase ends: a place, a time, a reason or the end of the clause.
_END = r"(?=\s+(?:at|in|during|with|after|before|amid|yesterday|today|last|this|on (?:" + _DAYS + r"))\b|[.;:()]|$)"  # fmt: skip
_DISCUSS = re.compile(r"\bdiscuss(?:ed|es|ing)?\s+(.+?)" + _END, re.IGNORECASE)
_TALKS = re.compile(r"\btalks\b")
_ON = re.compile(r"\b(?:on|about|over|concerning)\s+(?!(?:" + _DAYS + r"|\d)\b)(.+?)" + _END)


@lru_cache(maxsize=20_000)
def topic_phrase(text: str) -> str | None:
    """The topic of a meeting sentence, or ``None`` when it gives none."""
    found = _DISCUSS.search(text)
    if found:
        return found.group(1)
    talks = _TALKS.search(text)
    if talks:
        found = _ON.search(text, talks.end())
        if found:
            return found.group(1)
    return None
