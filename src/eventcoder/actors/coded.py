"""What the actor coder builds and shares between its parts: ``Coded`` (an entity under
construction), the article's context, and the English word lists and token helpers the parts use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..knowledge.actor_kb import KBEntry
from ..knowledge.names import norm
from ..knowledge.words import ActorWords
from ..records import Entity

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


@dataclass
class Link:
    """A group-to-leader link read from the text ("a group led by Sadr himself")."""

    person: str  # normalised surname of the leader
    person_text: str
    role: str  # "leader", "commander", ...
    group: str  # the group's canonical name
    group_entry: KBEntry | None
    evidence: str


@dataclass
class ArticleContext:
    """What the whole article says that single mentions rely on."""

    dominant: str | None = None  # the country the article is about, when one stands out
    dominant_why: str = ""
    dateline: str | None = None
    links: list[Link] = field(default_factory=list)


@dataclass
class Coded:
    """An entity under construction."""

    text: str
    start: int
    end: int
    name: str | None = None
    code: str | None = None
    sector: str | None = None
    other: list[str] = field(default_factory=list)
    kb: KBEntry | None = None
    org: KBEntry | None = None  # the organisation a role belongs to ("leader of X")
    office: str | None = None
    kind: str = "group"
    why: list[str] = field(default_factory=list)
    role: str = ""
    sentence: int = -1
    people: bool = False  # named only by nationality/ethnicity ("Palestinians")

    def entity(self) -> Entity:
        reasons = list(self.why)
        if self.code is None:
            reasons.append("country: nothing in the text says which")
        if self.sector is None:
            reasons.append("sector: no role word")
        return Entity(
            entity_text=self.text,
            start=self.start,
            end=self.end,
            name=self.name,
            code=self.code,
            sector=self.sector,
            other_sectors=[s for s in dict.fromkeys(self.other) if s != self.sector],
            identifier_id=self.kb.wikidata if self.kb else None,
            office=self.office,
            reason="; ".join(reasons),
            confidence=0.9 if self.kb else 0.7 if self.code and self.sector else 0.5,
        )


def _clause(trigger: Token, words: ActorWords) -> list[Token]:
    """The trigger's clause: not the reporting clause around it ("..., a member of X said")."""
    top = trigger
    while top.dep_ not in ("ROOT", "ccomp", "parataxis") and top.head.i != top.i:
        top = top.head
    drop: set[int] = set()
    for child in top.children:  # "..., a member of the Chadian team has said"
        speech = (
            child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_.lower() in words.speech
        )
        if speech and not any(t.i == trigger.i for t in child.subtree):
            drop.update(t.i for t in child.subtree)
    return [t for t in top.subtree if t.i not in drop]


NON_STATE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})


def _effective_head(head: Token, words: ActorWords) -> Token:
    """ "Hundreds of ethnic Albanians": the people are the of-object, not the number."""
    if head.lemma_.lower() in words.quantity or head.lower_ in words.quantity_plurals:
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is not None:
            return _effective_head(obj, words)
    return head


def _compatible(prev: Coded, want: str) -> bool:
    if want == "person":
        return prev.kind == "person"
    return prev.kind != "person" and prev.sector is not None


def _ids(tokens) -> set[int]:
    return {t.i for t in tokens}


def _is_name_head(head: Token, persons: list[Token]) -> bool:
    """Whether the person names the phrase ("Chairman ..., Gen. Mark Milley"), rather than
    being inside it ("supporters of President Ben Bella", "bin Laden's al-Qaeda")."""
    ids = _ids(persons)
    if head.i in ids or any(c.i in ids for c in head.children if c.dep_ == "appos"):
        return True
    root = next((t for t in persons if t.head.i not in ids or t.head.i == t.i), persons[-1])
    doc = root.doc
    if root.dep_ in ("appos",) or (
        root.dep_ == "conj" and root.i > 0 and doc[root.i - 1 - (len(persons) - 1)].text == ","
    ):
        return True  # "the head of the Quds Force, Qasim Soleimani"
    tok = root
    for _ in range(8):
        if tok.dep_ in ("pobj", "poss", "prep"):
            return False
        if tok.i == head.i or tok.head.i == tok.i:
            return True
        tok = tok.head
    return True


def _name_words(entry: KBEntry) -> set[str]:
    return {w for w in norm(entry.name).split()} | {
        w for w in norm(entry.name).replace("al ", "").split()
    }


def _tokens(span) -> list:
    return [span] if not hasattr(span, "__iter__") else list(span)


def _person_name(persons: list) -> str:
    doc = persons[0].doc
    first, last = persons[0], persons[-1]
    return doc[first.i : last.i + 1].text


def _copy(dst: Coded, src: Coded) -> None:
    dst.name, dst.code, dst.sector = src.name, src.code, src.sector
    dst.other, dst.kb, dst.kind, dst.office = (
        list(src.other),
        src.kb,
        src.kind,
        src.office,
    )
