"""Role words -> PLOVER sectors, and the word lists of ``data/roles.yaml`` (former, backer,
foreign, ethnic, organisation-name words)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..resources import load_yaml
from .names import NameIndex, norm


@dataclass
class Roles:
    words: NameIndex
    secondary: dict[str, str]
    former: frozenset[str]
    backer_words: frozenset[str]
    foreign_words: frozenset[str]
    ethnic_words: frozenset[str] = frozenset()
    org_name_words: dict[str, str] = field(default_factory=dict)
    people_default: str = "CVL"

    @classmethod
    def load(cls) -> Roles:
        data = load_yaml("roles.yaml")
        words = NameIndex()
        for sector, items in data["sectors"].items():
            for item in items:
                words.add(item, sector)
        secondary = {norm(w): s for s, ws in (data.get("secondary") or {}).items() for w in ws}
        return cls(
            words=words,
            secondary=secondary,
            former=frozenset(norm(w) for w in data.get("former", [])),
            backer_words=frozenset(norm(w) for w in data.get("backer_words", [])),
            foreign_words=frozenset(norm(w) for w in data.get("foreign_words", [])),
            ethnic_words=frozenset(norm(w) for w in data.get("ethnic_words", [])),
            org_name_words={
                norm(w): s for s, ws in (data.get("org_name_words") or {}).items() for w in ws
            },
            people_default=str(data.get("people_default") or "CVL"),
        )

    def sector(self, word: str, lemma: str | None = None) -> str | None:
        return self.words.table.get(norm(word)) or (
            self.words.table.get(norm(lemma)) if lemma else None
        )
