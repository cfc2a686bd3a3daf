"""Coreference within the article: pronouns, possessives, definite role nouns ("the cleric"),
an earlier mention of the same person, group-to-leader links, the nearest earlier actor of the
same sector."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge.names import norm
from .coded import NON_STATE, ArticleContext, Coded, _compatible, _copy
from .matching import Matching

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


class Coreference(Matching):
    def _possessor(self, coded: Coded, toks: list[Token], head: Token, memory: list[Coded]) -> None:
        """ "his office", "their leaders": the owner's country (and sector, when none)."""
        if coded.code is not None or coded.kb is not None:
            return
        owner = next(
            (c for c in head.children if c.dep_ == "poss" and c.lower_ in self.words.pronouns),
            None,
        )
        if owner is None:
            return
        want = self.words.pronouns[owner.lower_]
        for prev in reversed(memory):
            if _compatible(prev, want):
                coded.code = prev.code
                if coded.sector is None:
                    coded.sector = prev.sector
                coded.name = coded.name or f"{head.text} of {prev.name or prev.text}"
                coded.why.append(f"'{owner.text} {head.text}': of '{prev.text}'")
                return

    def _role_noun(self, coded: Coded, toks: list[Token], head: Token, memory: list[Coded]) -> None:
        """ "the cleric", "the group": a definite singular role noun names an earlier actor."""
        if coded.kb is not None or coded.kind == "person" or coded.code is not None:
            return
        det = next((c for c in head.children if c.dep_ == "det"), None)
        if det is None or det.lower_ not in ("the", "this", "that") or head.tag_ != "NN":
            return
        if any(t.i != head.i and t.pos_ in ("PROPN", "ADJ", "NUM") for t in toks):
            return
        sector = self._sector_of(head)
        org_noun = head.lemma_.lower() in self.words.org_nouns
        for prev in reversed(memory):
            if org_noun and (prev.org is not None or prev.kind == "org"):
                if prev.kind != "org" and prev.org is not None:  # "Taliban fighters" -> Taliban
                    entry = prev.org
                    coded.kb, coded.name, coded.code = entry, entry.name, entry.code
                    coded.sector, coded.kind = entry.sector or coded.sector, "org"
                    coded.why.append(f"'{coded.text}' = {entry.name} (earlier '{prev.text}')")
                    return
            elif sector is None or prev.sector != sector or prev.kind != "person":
                continue  # "the cleric", "the president": an earlier person in that role
            _copy(coded, prev)
            coded.why.append(f"'{coded.text}' = '{prev.text}' (earlier actor with that role)")
            return

    def _from_links(
        self, coded: Coded, context: ArticleContext | None, memory: list[Coded]
    ) -> None:
        if context is None or not context.links:
            return
        names = {norm(n) for n in (coded.name, coded.text) if n}
        for link in context.links:
            if (
                coded.kind == "person"
                and coded.name
                and norm(coded.name).split()[-1] == link.person
            ):
                where = f"{link.role} of {link.group}"
                if not coded.office or link.group not in coded.office:
                    coded.office = f"{coded.office}; {where}" if coded.office else where
                if link.group_entry is not None:
                    if coded.code is None and link.group_entry.code:
                        coded.code = link.group_entry.code
                        coded.why.append(f"country of {link.group}, which he leads")
                    if link.group_entry.sector and link.group_entry.sector != coded.sector:
                        coded.other.append(link.group_entry.sector)
                coded.why.append(f"{where} ({link.evidence})")
            elif coded.kind != "person" and any(norm(link.group) in n for n in names):
                coded.why.append(f"led by {link.person_text} ({link.evidence})")
                if coded.code is None:
                    leader = next(
                        (m for m in reversed(memory) if m.kind == "person" and m.name
                         and norm(m.name).split()[-1] == link.person and m.code), None,
                    )  # fmt: skip
                    entry = self.kb.surname(link.person)
                    code = leader.code if leader else entry.code if entry else None
                    if code:
                        coded.code = code
                        coded.why.append(f"country of its leader {link.person_text}")

    def _pronoun(self, coded: Coded, head: Token, memory: list[Coded]) -> Coded:
        want = self.words.pronouns[head.lower_]
        ordered = list(reversed(memory))
        if head.lower_ in self.words.subject_pronouns and coded.role:
            # "They have also called for ...": a subject pronoun takes up an earlier subject
            recent = [
                m for m in ordered if m.role == coded.role and coded.sentence - m.sentence <= 2
            ]
            ordered = recent + [m for m in ordered if m not in recent]
        for prev in ordered:
            if not _compatible(prev, want):
                continue
            _copy(coded, prev)
            coded.why.append(f"pronoun '{head.text}' = '{prev.text}' (nearest earlier {want})")
            return coded
        coded.why.append(f"pronoun '{head.text}' with no earlier {want} to refer to")
        return coded

    def _from_memory(self, coded: Coded, toks: list[Token], memory: list[Coded]) -> None:
        if coded.code is not None and coded.sector is not None:
            return
        words = norm(coded.name).split() if coded.kind == "person" and coded.name else []
        if words:  # a name of punctuation only ("lt.") has no surname to match
            last = words[-1]
            for prev in reversed(memory):
                if prev.kind == "person" and prev.name and norm(prev.name).split()[-1:] == [last]:
                    if prev.name and len(prev.name) > len(coded.name or ""):
                        coded.name = prev.name
                    coded.code = coded.code or prev.code
                    coded.sector = coded.sector or prev.sector
                    coded.why.append(f"same person as '{prev.text}' earlier")
                    return
        if coded.code is None and coded.sector is not None and coded.kind != "person":
            for prev in reversed(memory):
                if (
                    prev.sector == coded.sector
                    and prev.code is not None
                    and (
                        prev.code not in NON_STATE  # not "the president" -> the European Union
                    )
                ):
                    coded.code = prev.code
                    coded.why.append(
                        f"country from the nearest earlier {coded.sector} actor '{prev.text}'"
                    )
                    return
