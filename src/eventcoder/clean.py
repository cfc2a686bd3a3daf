"""Stage ``clean``: decide which parts of the article text to read.

The text itself is never rewritten, so every offset stays an offset into what the user gave.
The cleaner splits the text into paragraphs, sets aside boilerplate (link lines, credits,
sign-offs), a headline repeated as the first line, a lede told twice, and cuts the dateline
("ERBIL (Kurdistan 24) –") off the paragraph it opens, keeping it as metadata.
Rules live in ``data/cleaning.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .document import Document, Segment
from .pipeline import register_stage
from .records import TextSpan
from .resources import load_yaml

_PARA_SPLIT = re.compile(r"\n\s*\n|\r\n\s*\r\n")
_WORD = re.compile(r"\w+", re.UNICODE)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of non-empty paragraphs (separated by blank lines), whitespace trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    for match in [*_PARA_SPLIT.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        if match:
            pos = match.end()
    return out


def _shingles(text: str) -> set[str]:
    """Word 3-grams, each one string (a string caches its hash: set operations stay cheap)."""
    words = [w.lower() for w in _WORD.findall(text)]
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


@dataclass
class CleaningRules:
    boilerplate: list[re.Pattern[str]]
    dateline: re.Pattern[str]
    title_max_words: int
    repeat_jaccard: float
    #: A paragraph is compared (word 3-grams) with this many paragraphs kept before it:
    #: the first ones (a lede is told twice near the top) and the latest ones. Exact repeats
    #: are found anywhere. Bounded, so cleaning is linear in the article's length.
    repeat_window: int = 20

    @classmethod
    def default(cls) -> CleaningRules:
        data = load_yaml("cleaning.yaml")
        return cls(
            boilerplate=[re.compile(p, re.IGNORECASE) for p in data["boilerplate"]],
            dateline=re.compile(data["dateline"]),
            title_max_words=int(data["title_max_words"]),
            repeat_jaccard=float(data["repeat_jaccard"]),
            repeat_window=int(data.get("repeat_window", 20)),
        )


@register_stage("clean")
class Clean:
    """Keep the reporting, set aside the rest (with a reason for each piece set aside)."""

    name = "clean"
    requires = ()  # Document fields it reads (checked by Pipeline)
    sets = ("segments", "dropped", "dateline", "dateline_place")

    def __init__(self, rules: CleaningRules | None = None) -> None:
        self._rules = rules

    @cached_property
    def rules(self) -> CleaningRules:
        return self._rules or CleaningRules.default()

    def _is_title(self, doc: Document, para: str, index: int) -> bool:
        if index != 0 or "\n" in para:
            return False
        if doc.article.title and para.strip() == doc.article.title.strip():
            return True
        words = _WORD.findall(para)
        return 0 < len(words) <= self.rules.title_max_words and para.rstrip()[-1] not in '.!?"”'

    def _repeats(self, shingles: set, kept: list[set], window: int) -> bool:
        """Whether a paragraph tells again what one kept before it told (Jaccard of word
        3-grams), looking at the first and the latest ``window`` kept paragraphs."""
        threshold = self.rules.repeat_jaccard
        others = kept if len(kept) <= 2 * window else kept[:window] + kept[-window:]
        size = len(shingles)
        for other in others:
            small, big = sorted((size, len(other)))
            if small < threshold * big:  # too different in size to reach the threshold
                continue
            common = len(shingles & other)
            if common / max(1, size + len(other) - common) >= threshold:
                return True
        return False

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        kept: list[set] = []
        seen: set[tuple[str, ...]] = set()  # the words of every kept paragraph: exact repeats
        doc.segments, doc.dropped = [], []
        paras = paragraphs(text)
        for index, (start, end) in enumerate(paras):
            para = text[start:end]
            if any(p.search(para) for p in self.rules.boilerplate):
                cut = _glued_line_end(para)
                if cut is None:
                    doc.dropped.append(TextSpan(text=para, start=start, end=end))
                    continue
                # "Photo credit: Jane Roe. President X visited ...": the credit is glued to a
                # paragraph of reporting; only its first sentence is set aside
                doc.dropped.append(TextSpan(text=para[:cut], start=start, end=start + cut))
                start += cut
                para = text[start:end]
            if len(paras) > 1 and self._is_title(doc, para, index):
                doc.dropped.append(TextSpan(text=para, start=start, end=end))
                if doc.article.title is None:  # on the document's copy, never the caller's
                    doc.article = doc.article.model_copy(update={"title": para.strip()})
                continue
            match = self.rules.dateline.match(para)
            if match and doc.dateline is None:  # (a byline before it is set aside with it)
                doc.dateline = TextSpan(
                    text=match.group(0)[match.start("place") :].strip(),
                    start=start + match.start("place"),
                    end=start + match.end(),
                )
                doc.dateline_place = match.group("place").strip().title()
                start += match.end()
                para = text[start:end]
            words = tuple(w.lower() for w in _WORD.findall(para))
            shingles = _shingles(para)
            if words in seen or self._repeats(shingles, kept, self.rules.repeat_window):
                doc.dropped.append(TextSpan(text=para, start=start, end=end))
                continue
            seen.add(words)
            kept.append(shingles)
            doc.segments.append(Segment(start, end))
        return doc


#: A boilerplate line glued to a paragraph this long (in words) is cut off at its first
#: sentence's end; a shorter paragraph is set aside whole.
GLUED_MIN_WORDS = 40
_FIRST_STOP = re.compile(r"[.!?]\s+(?=[\"“]?[A-Z])")


def _glued_line_end(para: str) -> int | None:
    """Where a credit or link line glued to reporting ends: after its first sentence, within
    its first 150 characters, in a paragraph of ``GLUED_MIN_WORDS`` words or more."""
    if len(para.split()) < GLUED_MIN_WORDS:
        return None
    m = _FIRST_STOP.search(para[:150])
    return m.end() if m else None
