"""Stage ``dedup``: the same event told twice in one article comes out once.

News repeats itself: the lede restates the headline, a later paragraph refers back ("Following
Sadr's call for an anti-US march..."), a summary sentence precedes the detailed one. Two
candidates are one event when they have the same type and modality class, an actor in common,
recipients that do not contradict each other and dates that agree (equal, one of them only the
publication-date fallback, or a day apart). The kept record is the best-evidenced telling (a
verb over a noun, an explicit date over the fallback, a precise place over none); the others'
sentences are listed in ``other_sentences`` and counted in ``mentions``.
"""

from __future__ import annotations

import datetime as dt
import re

from .document import Candidate, Document
from .knowledge import DedupWords, Knowledge
from .pipeline import register_stage
from .records import UNREALISED_MODALITIES, Entity

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def _keys(entity: Entity, words: DedupWords) -> set[str]:
    """Ways an entity can be recognised again: id, canonical name, surname (not a determiner,
    title or pronoun of ``words``)."""
    keys: set[str] = set()
    if entity.identifier_id:
        keys.add(f"id:{entity.identifier_id}")
    if entity.name:
        keys.add(f"name:{entity.name.lower()}")
    parts = [p for w in _WORD.findall(entity.name or entity.entity_text) for p in w.split("-")]
    function, pronouns = words.function_words, words.pronouns
    names = [p for p in parts if p[:1].isupper() and p.lower() not in function]
    names = [w for w in names if w.lower() not in pronouns]
    if not names:  # a common noun phrase: "the rebels", "an army base"
        names = [p for p in parts if p.lower() not in function | pronouns][-1:]
    if names:
        last = re.sub(r"['’]s$", "", names[-1].lower())
        keys.add(f"word:{last}")
    return keys


def _code_keys(entity: Entity) -> set[str]:
    if entity.code and entity.sector:
        return {f"code:{entity.code}/{entity.sector}"}
    return set()


def same_party(a: list[Entity], b: list[Entity], words: DedupWords) -> bool:
    """Whether two actor lists share a member (by id, name, surname, or country+sector)."""
    keys_a = set().union(*(_keys(e, words) | _code_keys(e) for e in a)) if a else set()
    keys_b = set().union(*(_keys(e, words) | _code_keys(e) for e in b)) if b else set()
    return bool(keys_a & keys_b)


def _countries(entities: list[Entity]) -> set[str]:
    return {e.code for e in entities if e.code}


def recipients_agree(a: list[Entity], b: list[Entity], words: DedupWords) -> bool:
    if not a or not b:
        return True
    if same_party(a, b, words):
        return True
    ca, cb = _countries(a), _countries(b)
    return bool(ca and cb and ca & cb)


def _fallback(cand: Candidate) -> bool:
    return cand.date is None or cand.date.value is None or cand.date.text is None


def dates_agree(a: Candidate, b: Candidate) -> bool:
    if _fallback(a) or _fallback(b):
        return True
    assert a.date is not None and b.date is not None
    va, vb = a.date.value or "", b.date.value or ""
    if va.startswith(vb) or vb.startswith(va):
        return True
    if len(va) == 10 and len(vb) == 10:
        gap = abs((dt.date.fromisoformat(va) - dt.date.fromisoformat(vb)).days)
        return gap <= 1
    return False


def _realised(cand: Candidate) -> bool:
    return cand.modality not in UNREALISED_MODALITIES


def same_event(a: Candidate, b: Candidate, words: DedupWords) -> bool:
    if a.event != b.event or _realised(a) != _realised(b):
        return False
    if a.actor and b.actor:
        if not same_party(a.actor, b.actor, words):
            return False
    elif not (a.recipient and b.recipient and same_party(a.recipient, b.recipient, words)):
        return False
    return recipients_agree(a.recipient, b.recipient, words) and dates_agree(a, b)


def evidence_rank(cand: Candidate) -> tuple:
    """Higher is better evidenced."""
    loc = cand.event_loc
    precision = {"city": 3, "admin1": 2, "country": 1}.get(loc.precision if loc else "", 0)
    return (
        not _fallback(cand),
        cand.trigger.pos_ == "VERB",
        precision,
        len(cand.actor) + len(cand.recipient),
        -cand.sentence.index,
    )


def _add_missing(into: list[Entity], extra: list[Entity], words: DedupWords) -> None:
    for entity in extra:
        keys = _keys(entity, words) | _code_keys(entity)
        if not any(keys & (_keys(e, words) | _code_keys(e)) for e in into):
            into.append(entity)


def merge_into(keep: Candidate, other: Candidate, words: DedupWords) -> None:
    keep.merged.append(other)
    keep.merged.extend(other.merged)
    other.merged = []
    _add_missing(keep.actor, other.actor, words)
    if not keep.recipient:
        keep.recipient = list(other.recipient)
    else:
        _add_missing(keep.recipient, other.recipient, words)
    if keep.event_loc is None and other.event_loc is not None:
        keep.event_loc = other.event_loc
    if keep.mode is None and other.mode is not None:
        keep.mode = other.mode
    keep.confidence = min(1.0, max(keep.confidence, other.confidence) + 0.05)


@register_stage("dedup")
class Deduplicate:
    """``knowledge``: the coder's tables (its ``dedup_words``: determiners, titles and pronouns
    that never recognise an actor)."""

    name = "dedup"
    requires = ("candidates",)  # Document fields it reads (checked by Pipeline)
    sets = ()

    def __init__(self, knowledge: Knowledge | None = None) -> None:
        self.words = knowledge.dedup_words if knowledge is not None else DedupWords.load()

    def __call__(self, doc: Document) -> Document:
        groups: list[Candidate] = []
        for cand in doc.candidates:
            match = next((g for g in groups if same_event(g, cand, self.words)), None)
            if match is None:
                groups.append(cand)
                continue
            keep, other = (
                (match, cand) if evidence_rank(match) >= evidence_rank(cand) else (cand, match)
            )
            merge_into(keep, other, self.words)
            groups[groups.index(match)] = keep
        doc.candidates = sorted(groups, key=lambda c: (c.sentence.index, c.trigger.i))
        return doc
