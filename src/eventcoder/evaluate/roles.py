"""One type per sentence, and roles against gold text spans.

Scoring used for role-labelled gold (a ``source`` / ``target`` span per sentence), the same way
on any gold set:

- **Sentence type**: a sentence's type is that of its first event, main events before background
  ones, then by confidence (ties keep text order); a sentence with no event is a miss. Accuracy
  and macro-F1 over the gold types present (the 15 roots for the older scheme). Where the gold
  uses the older root YIELD, a coded CONCEDE or RETREAT counts as YIELD.
- **Source (target) overlap**: a content word shared between the gold span and an actor
  (recipient) of a coded event of the gold type. A sentence whose type was missed has no such
  event, so its roles count as missed too.
- **Head match**: the gold span's head word (its syntactic root, read by the parser handed in,
  or its last content word) is one of the words of such an actor (recipient).
- **Recipient rate**: of the sentences whose gold has a target, the share where the event scored
  (one of the gold type, else the sentence's first event) has a recipient at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from ..detect.salience import reporting_rank
from ..records import Entity, Event
from ..resources import load_yaml, word_set

#: Older root that PLOVER 1.0 splits in two.
YIELD_SPLIT = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}

_WORD = re.compile(r"[\w][\w'’.-]*", re.UNICODE)


def scoring_words(name: str = "evaluate_words.yaml") -> frozenset[str]:
    """Words too common to show that two spans name the same actor (articles, prepositions,
    pronouns, "said"): the shipped ``data/evaluate_words.yaml`` list, one per scorer."""
    return word_set(load_yaml(name), "function_words")


def _bare(word: str) -> str:
    """Lower-cased, without a possessive ending or edge punctuation: "UAE's" → "uae"."""
    word = word.lower()
    for ending in ("'s", "’s"):
        word = word.removesuffix(ending)
    return word.strip(".-'’")


def content_words(text: str | None, stop: AbstractSet[str]) -> set[str]:
    """The words of ``text`` but those of ``stop`` (``scoring_words``)."""
    if not text:
        return set()
    words = {_bare(w) for w in _WORD.findall(text)}
    return {w for w in words if w and w not in stop}


def event_order(events: Iterable[Event]) -> list[Event]:
    """Main events before background ones, then by confidence, then text order."""
    listed = list(events)
    return sorted(
        listed,
        key=lambda e: (*reporting_rank(e.salience, e.confidence), e.sentence_index, _first(e)),
    )


def _first(event: Event) -> int:
    return min((t.start for t in event.triggers), default=0)


def scored_type(event_type: str, merge_yield: bool) -> str:
    return YIELD_SPLIT.get(event_type, event_type) if merge_yield else event_type


@dataclass
class RoleTally:
    """Counts for one role (source or target)."""

    gold: int = 0
    overlap: int = 0
    head: int = 0
    per_type: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, label: str, overlap: bool, head: bool) -> None:
        self.gold += 1
        self.overlap += overlap
        self.head += head
        row = self.per_type.setdefault(label, Counter())
        row["gold"] += 1
        row["overlap"] += overlap
        row["head"] += head

    def scores(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        return {
            "gold": self.gold,
            "overlap": ratio(self.overlap, self.gold),
            "head_match": ratio(self.head, self.gold),
            "per_type": {
                t: {
                    "gold": c["gold"],
                    "overlap": ratio(c["overlap"], c["gold"]),
                    "head_match": ratio(c["head"], c["gold"]),
                }  # fmt: skip
                for t, c in sorted(self.per_type.items())
            },
        }


def span_head(span: str, parse: Callable[[str], Any] | None, stop: AbstractSet[str]) -> str | None:
    """The head word of a gold span: the root of its parse, else its last content word."""
    if parse is not None:
        doc = parse(span)
        roots = [t for t in doc if t.head is t and not t.is_punct]
        if roots:
            return _bare(roots[0].text)
    words = [_bare(w) for w in _WORD.findall(span)]
    words = [w for w in words if w and w not in stop]
    return words[-1] if words else None


def _match(
    gold: str, head: str | None, coded: list[Entity], stop: AbstractSet[str]
) -> tuple[bool, bool]:
    want = content_words(gold, stop)
    words: set[str] = set()
    for ent in coded:
        words |= content_words(ent.entity_text, stop)
        words |= content_words(ent.name, stop)
    return bool(want & words), bool(head and head in words)


@dataclass
class SentenceScorer:
    """Scores one type per sentence and the roles of role-labelled gold."""

    merge_yield: bool = False
    parse: Callable[[str], Any] | None = None
    n: int = 0
    correct: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    labels: set[str] = field(default_factory=set)
    source: RoleTally = field(default_factory=RoleTally)
    target: RoleTally = field(default_factory=RoleTally)
    recipient_n: int = 0
    recipient_coded: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    _heads: dict[str, str | None] = field(default_factory=dict)
    #: words that never match two spans (``scoring_words``)
    function_words: frozenset[str] = field(default_factory=scoring_words)

    def head(self, span: str) -> str | None:
        if span not in self._heads:
            self._heads[span] = span_head(span, self.parse, self.function_words)
        return self._heads[span]

    def add(
        self, item_id: str, text: str, label: str, source: str | None, target: str | None,
        events: list[Event],
    ) -> None:  # fmt: skip
        ordered = event_order(events)
        coded = scored_type(ordered[0].event, self.merge_yield) if ordered else "NONE"
        self.labels.add(label)
        if label != "NONE":
            self.n += 1
            self.correct += coded == label
            if coded == label:
                self.tp[label] += 1
            else:
                self.fn[label] += 1
        if coded != label and coded != "NONE":
            self.fp[coded] += 1
        of_type = [e for e in ordered if scored_type(e.event, self.merge_yield) == label]
        actors = [a for e in of_type for a in e.actor]
        recipients = [r for e in of_type for r in e.recipient]
        miss: dict[str, Any] = {}
        if source:
            ok, head = _match(source, self.head(source), actors, self.function_words)
            self.source.add(label, ok, head)
            if not ok:
                miss["source"] = True
        if target:
            ok, head = _match(target, self.head(target), recipients, self.function_words)
            self.target.add(label, ok, head)
            if not ok:
                miss["target"] = True
            self.recipient_n += 1
            scored = of_type[0] if of_type else (ordered[0] if ordered else None)
            self.recipient_coded += bool(scored and scored.recipient)
        if coded != label:
            miss["type"] = True
        if miss:
            shown = of_type[0] if of_type else (ordered[0] if ordered else None)
            self.errors.append({
                "id": item_id, "missed": sorted(miss), "gold": label, "coded": coded,
                "gold_source": source, "gold_target": target,
                "coded_actor": [a.entity_text for a in shown.actor] if shown else [],
                "coded_recipient": [r.entity_text for r in shown.recipient] if shown else [],
                "coded_trigger": shown.event_text if shown else [], "text": text,
            })  # fmt: skip

    def scores(self) -> dict[str, Any]:
        from . import prf

        gold_types = sorted(t for t in self.labels if t != "NONE")
        per_type = {}
        for t in gold_types:
            p, r, f = prf(self.tp[t], self.fp[t], self.fn[t])
            per_type[t] = {"precision": p, "recall": r, "f1": f,
                           "support": self.tp[t] + self.fn[t]}  # fmt: skip
        macro = sum(s["f1"] for s in per_type.values()) / len(per_type) if per_type else 0.0
        return {
            "sentences": self.n,
            "accuracy": self.correct / self.n if self.n else 0.0,
            "macro_f1": macro,
            "yield_is_concede_or_retreat": self.merge_yield,
            "per_type": per_type,
            "source": self.source.scores(),
            "target": self.target.scores(),
            "recipient_rate": {
                "gold_targets": self.recipient_n,
                "coded": self.recipient_coded / self.recipient_n if self.recipient_n else 0.0,
            },
        }


_MARK = re.compile(r"<(/?)([st])>")


def parse_marked(marked: str) -> tuple[str, str | None, str | None]:
    """``"<s>Police</s> arrested <t>him</t>."`` → (plain text, source span, target span)."""
    out: list[str] = []
    spans: dict[str, list[str]] = {}
    opened: dict[str, int] = {}
    pos = 0
    plain_len = 0
    for m in _MARK.finditer(marked):
        chunk = marked[pos : m.start()]
        out.append(chunk)
        plain_len += len(chunk)
        role = m.group(2)
        if m.group(1):
            if role in opened:
                text = "".join(out)[opened.pop(role) :]
                spans.setdefault(role, []).append(text.strip())
        else:
            opened[role] = plain_len
        pos = m.end()
    out.append(marked[pos:])
    plain = "".join(out)

    def joined(role: str) -> str | None:
        got = [s for s in spans.get(role, []) if s]
        return " ; ".join(got) if got else None

    return plain, joined("s"), joined("t")
