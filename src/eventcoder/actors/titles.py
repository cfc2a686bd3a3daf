"""A person's titles and appositions: office, sector and country; former roles kept apart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge.names import norm
from .coded import Coded, _ids, _name_words
from .matching import Matching

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


class Titles(Matching):
    def _titles(self, coded: Coded, toks: list[Token], persons: list[Token], head: Token) -> None:
        """A person's titles and appositions: office, sector, country; former roles apart.

        "another Iran-aligned militia commander and former transportation minister, Hadi
        al-Amiri" -> current 'militia commander' (REB), former 'transportation minister' (ELI).
        """
        names = _ids(persons)
        if coded.kb is not None:
            names |= {t.i for t in toks if norm(t.text) in _name_words(coded.kb)}
        first_name = min(names) if names else None
        chunks: list[list[Token]] = [[]]
        doc = toks[0].doc
        for tok in toks:
            gap = chunks[-1] and any(
                t.text in (",", ";", "(", "—", "–") for t in doc[chunks[-1][-1].i + 1 : tok.i]
            )
            if gap and chunks[-1]:
                chunks.append([])
            if tok.i in names:
                if chunks[-1]:
                    chunks.append([])
                continue
            if (
                tok.dep_ == "cc"
                or tok.text in (",", ";", "(", ")", "—", "–")
                or tok.lower_ in ("as", "well")
            ):
                if chunks[-1]:
                    chunks.append([])
                continue
            chunks[-1].append(tok)
        current: list[tuple[str, str | None, str]] = []  # (office, sector, kind of evidence)
        former: list[tuple[str, str | None]] = []
        for chunk in chunks:
            words = [t for t in chunk if t.pos_ not in ("DET", "PRON") and not t.is_punct]
            words = [t for t in words if norm(t.text) not in ("another", "senior", "top")]
            roles_here = [t for t in words if norm(t.text) not in self.roles.former]
            if not roles_here:
                continue
            sector = self._chunk_sector(roles_here)
            if sector is None and not any(t.pos_ in ("NOUN", "PROPN") for t in roles_here):
                continue
            shown = [t for t in chunk if t.pos_ != "DET" and norm(t.text) not in ("another",)]
            shown = [t for t in shown if norm(t.text) not in self.roles.former] or roles_here
            text = doc[shown[0].i : shown[-1].i + 1].text
            where = "apposition" if first_name is not None and chunk[0].i > first_name else "title"
            if any(norm(t.text) in self.roles.former for t in words):
                former.append((text, sector))
            elif sector is not None:
                current.append((text, sector, where))
        if not current and not former:
            if coded.sector is None and coded.org is not None:
                coded.sector = coded.org.sector
            return
        offices = [o for o, _, _ in current] + [f"former {o}" for o, _ in former]
        coded.office = "; ".join(offices)
        if coded.org is not None:
            coded.office = f"{coded.office} ({coded.org.name})"
        if current:
            office, sector, where = current[0]
            if coded.sector and coded.sector != sector:
                coded.other.append(coded.sector)
            coded.sector = sector
            coded.why.append(f"{where} '{office}': {sector}")
            for _, more, _ in current[1:]:
                if more and more != coded.sector:
                    coded.other.append(more)
        elif coded.kb is None or coded.sector is None:
            coded.sector = "ELI"
            coded.why.append(f"a former role only ('former {former[0][0]}'): ELI")
        for office, _sector in former:
            if current or coded.kb is not None:
                coded.other.append("ELI")
            coded.why.append(f"former role 'former {office}' kept apart")

    def _chunk_sector(self, words: list[Token]) -> str | None:
        ids = {t.i for t in words}
        root = next((t for t in words if t.head.i not in ids or t.head.i == t.i), words[-1])
        for _, entry in self.kb_matches(words):
            if entry.kind != "person" and entry.sector:
                return entry.sector  # "Chairman of the Joint Chiefs of Staff"
        own = self._sector_of(root)
        generic = (
            root.lemma_.lower() in self.words.generic_heads
            or root.lower_ in self.words.generic_heads
        )
        mod = next((sec for t in words if t.i != root.i and (sec := self._sector_of(t))), None)
        if generic and mod is not None:
            return mod
        return own or mod
