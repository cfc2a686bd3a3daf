"""Matching a phrase against the tables: knowledge-base names, country words, role words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge import Countries, Knowledge, KnowledgeBase, Roles
from ..knowledge.actor_kb import KBEntry
from ..knowledge.names import NameIndex, norm
from ..knowledge.words import ActorWords
from .coded import Coded, _ids, _tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


class Matching:
    """Knowledge-base, country and role-word matches of one phrase (the tables come from the
    coder's ``Knowledge``)."""

    knowledge: Knowledge

    @property
    def kb(self) -> KnowledgeBase:
        return self.knowledge.kb

    @property
    def countries(self) -> Countries:
        return self.knowledge.countries

    @property
    def roles(self) -> Roles:
        return self.knowledge.roles

    @property
    def words(self) -> ActorWords:
        return self.knowledge.actor_words

    def _windows(self, tokens: list[Token], longest: int, index: NameIndex | None = None):
        """Contiguous runs of phrase tokens (punctuation inside allowed, not at the edges),
        longest first; with ``index``, only runs whose first word may start one of its names."""
        ids = {t.i for t in tokens}
        doc = tokens[0].doc
        lo, hi = min(ids), max(ids)
        punct = {i for i in range(lo, hi + 1) if doc[i].is_punct}
        ends = {i for i in ids if i not in punct and doc[i].pos_ not in ("PUNCT", "SYM")}
        starts = [i for i in range(lo, hi + 1) if i in ids and i not in punct]
        if index is not None:
            starts = [i for i in starts if _may_start(doc, i, hi, index)]
        for size in range(min(longest + 2, hi - lo + 1), 0, -1):
            for start in starts:
                end = start + size - 1
                if end > hi or end not in ends:
                    continue
                if all(i in ids or i in punct for i in range(start + 1, end)):
                    yield doc[start : end + 1]

    def kb_matches(self, tokens: list[Token]) -> list[tuple[object, KBEntry]]:
        found: list[tuple[object, KBEntry]] = []
        used: set[int] = set()
        for span in self._windows(tokens, self.kb.index.longest, self.kb.index):
            if any(t.i in used for t in span):
                continue
            entry = self.kb.index.get(span.text)
            if entry is not None:
                found.append((span, entry))
                used.update(t.i for t in span)
        return found

    def country_cues(self, tokens: list[Token]) -> list[tuple[object, str, str, bool]]:
        """(span, code, kind, is_backer) for each country word in the phrase."""
        out = []
        used: set[int] = set()
        for span in self._windows(tokens, self.countries.index.longest, self.countries.index):
            if any(t.i in used for t in span):
                continue
            hit = self.countries.get(span.text)
            if hit is None:
                continue
            used.update(t.i for t in span)
            after = span.doc[span.end : span.end + 2]
            words = self.roles.backer_words
            backer = (  # "Iran-backed", "Tehran-aligned" (or unhyphenated, as a modifier)
                len(after) == 2 and after[0].text == "-" and norm(after[1].text) in words
            ) or (len(after) >= 1 and norm(after[0].text) in words and after[0].dep_ == "amod")
            before = span.doc[max(span.start - 2, 0) : span.start]
            backer = backer or any(t.lower_ in ("anti", "anti-") for t in before)  # "anti-Syria"
            out.append((span, hit.code, hit.kind, backer))
        return out

    def _org_name_word(self, persons: list[Token]) -> tuple[str, str] | None:
        for tok in persons:
            sector = self.roles.org_name_words.get(norm(tok.text))
            if sector is not None:
                return tok.text, sector
        return None

    def _from_kb(
        self,
        coded: Coded,
        toks: list[Token],
        head: Token,
        year: int | None,
        persons: list[Token] | None = None,
    ) -> None:
        matches = self.kb_matches(toks)
        persons = persons or []
        last = persons[-1] if persons else head if head.pos_ == "PROPN" else None
        if last is not None and not any(e.kind == "person" for _, e in matches):
            entry = self.kb.surname(last.text)  # "Sadr", "Mr. Sadr": a known surname
            if entry is not None:
                matches = [(last, entry), *matches]
        if not matches:
            return
        person = next(((s, e) for s, e in matches if e.kind == "person"), None)
        span, entry = person or next(
            ((s, e) for s, e in matches if head.i in [t.i for t in _tokens(s)]),
            matches[0],
        )
        heads_match = head.i in [t.i for t in _tokens(span)]
        if entry.kind == "person" or heads_match:
            coded.kb, coded.name, coded.kind = entry, entry.name, entry.kind
            coded.code = entry.code
            sector, office = entry.sector_at(year)
            coded.sector, coded.office = sector, office
            coded.other.extend(entry.other_sectors)
            coded.why.append(f"knowledge base: {entry.name}")
            if entry.roles and year is not None:
                coded.why.append(f"role in {year}: {office or sector}")
        elif persons and head.i in _ids(persons):
            # "Arab League Secretary-General Chedli Klibi": a title naming an organisation
            coded.code = entry.code
            coded.org = entry
            coded.kind = "person"
            coded.why.append(f"title names {entry.name} (knowledge base)")
        else:
            # "the leader of the Kata'ib Hizbollah militia", "U.N. helicopters", "the UNITA
            # militarist wing": a role, part or arm of that organisation
            coded.code = entry.code
            own = self._sector_of(head)
            generic = (
                head.lemma_.lower() in self.words.generic_heads
                or head.lower_ in self.words.generic_heads
            )
            coded.sector = entry.sector if generic or own is None else own
            coded.office = f"{head.text} of {entry.name}"
            coded.kind = "person" if head.tag_ in ("NN", "NNP") and own else "group"
            coded.org = entry
            coded.why.append(f"'{head.text}' of {entry.name} (knowledge base)")

    def _from_countries(self, coded: Coded, toks: list[Token], head: Token) -> None:
        cues = self.country_cues(toks)
        for span, code, kind, backer in cues:
            before = span.doc[span.start - 1] if span.start > 0 else None
            if before is not None and norm(before.text) in self.roles.ethnic_words:
                coded.people = coded.people or head.i in [t.i for t in _tokens(span)]
                coded.why.append(f"'{before.text} {span.text}' names an ethnicity, not a country")
                continue
            if backer:
                coded.why.append(
                    f"'{span.text}-{span.doc[span.end + 1].text if span.end + 1 < len(span.doc) else ''}' names a backer, not the country"
                )
                continue
            if coded.code is None:
                coded.code = code
                coded.why.append(f"{kind} '{span.text}'")
            is_head = head.i in [t.i for t in _tokens(span)]
            if is_head and kind == "demonym":
                coded.kind = "group"  # "Americans": people of that country, not its state
                coded.people = True
                coded.why.append(f"'{span.text}' names people of {code}")
            elif is_head and coded.sector is None and coded.kb is None:
                coded.sector = "GOV"
                coded.kind = "state"
                coded.name = coded.name or self.countries.names.get(code, span.text)
                coded.why.append(f"the state '{span.text}' acts: GOV")
            break
        if norm(head.text) in self.countries.not_countries and head.text[-1:] == "s":
            coded.people = True  # "Iraqi Kurds", "Shiites": people named by their group
        hit = self.countries.get(head.text) if head.text[:1].isupper() else None
        if hit is not None and hit.kind == "demonym" and head.tag_ in ("NNPS", "NNS", "NNP"):
            coded.people = True  # "Bosnian Serbs"

    def _from_roles(self, coded: Coded, toks: list[Token], head: Token) -> None:
        words = [norm(t.text) for t in toks]
        former = any(
            norm(t.text) in self.roles.former and (t.head.i == head.i or t.head.head.i == head.i)
            for t in toks
        )
        generic = (
            head.lemma_.lower() in self.words.generic_heads
            or head.lower_ in self.words.generic_heads
        )
        if coded.sector is None or (coded.kb is None and generic):
            head_sector = self._sector_of(head)
            mod = next(
                ((t, sec) for t in toks if t.i != head.i and (sec := self._sector_of(t))),
                None,
            )
            if generic and mod is not None:
                chosen = mod  # "militia groups", "leaders of the militias": the kind of group
            elif head_sector is not None:
                chosen = (head, head_sector)
            else:
                chosen = mod
            if chosen is not None and coded.sector is None:
                coded.sector = chosen[1]
                coded.why.append(f"role word '{chosen[0].text}'")
            elif chosen is not None and chosen[1] != coded.sector:
                coded.other.append(chosen[1])
        for word in words:
            extra = self.roles.secondary.get(word)
            if extra:
                coded.other.append(extra)
        if former and coded.kb is None:
            if coded.sector:
                coded.other.append(coded.sector)
                coded.office = " ".join(t.text for t in toks if not t.is_punct)
            coded.sector = "ELI"
            coded.why.append("a former role: ELI")

    def _sector_of(self, tok: Token) -> str | None:
        if tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.pos_ in (
            "DET",
            "ADP",
            "PUNCT",
        ):
            return None  # "West Bank" names a place, not a bank
        doc = tok.doc
        if tok.i >= 2 and doc[tok.i - 1].text == "-":  # "Secretary-General", "Vice-President"
            sector = self.roles.sector(f"{doc[tok.i - 2].text}-{tok.text}")
            if sector:
                return sector
        if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
            sector = self.roles.sector(f"{tok.text}-{doc[tok.i + 2].text}")
            if sector:
                return sector
        if tok.i >= 1 and doc[tok.i - 1].pos_ in ("NOUN", "ADJ", "PROPN"):
            sector = self.roles.sector(f"{doc[tok.i - 1].text} {tok.text}")  # "security forces"
            if sector:
                return sector
        sector = self.roles.sector(tok.text, tok.lemma_)
        if sector is None and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "PROPN"):
            sector = self.roles.sector(f"{tok.text} {doc[tok.i + 1].text}")  # "riot police"
        return sector


def _may_start(doc, i: int, hi: int, index: NameIndex) -> bool:
    words = norm(doc[i].text).split()
    if not words:
        return False
    if words[0] == "the" or (len(words) == 1 and doc[i].lower_ == "the"):
        nxt = norm(doc[i + 1].text).split() if i + 1 <= hi else []
        return bool(nxt) and index.may_start(nxt[0])
    return index.may_start(words[0])
