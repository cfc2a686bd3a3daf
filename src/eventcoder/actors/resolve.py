"""Code actor and recipient phrases: country, sector, canonical name, with a reason.

For each phrase the detector found, in this order:
1. a pronoun is the nearest earlier compatible actor in the article;
2. the knowledge base (a person, organisation or institution named in the phrase; a role noun
   "of" an organisation takes the organisation's country and sector);
3. country words in the phrase (names, demonyms, capitals as metonyms), except those that name a
   backer ("Iran-backed", "Tehran-aligned");
4. role words (head noun first) for the sector; "former" roles give ELI and keep the office;
5. what is still unknown comes from an earlier mention of the same person (surname) or, for a
   bare role noun ("the militias", "invading forces"), the nearest earlier actor of the same
   sector that has a country. Nothing is guessed beyond that: the field stays empty with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from ..records import Entity
from .tables import Countries, KBEntry, KnowledgeBase, Roles, countries, norm, roles

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_PRONOUNS = {
    "he": "person", "him": "person", "she": "person", "her": "person", "his": "person",
    "they": "group", "them": "group", "their": "group", "it": "org", "its": "org",
    "we": "group", "us": "group",
}  # fmt: skip
_GENERIC_HEADS = frozenset(
    {"leader", "leaders", "head", "chief", "commander", "commanders", "member", "members",
     "official", "officials", "spokesman", "spokeswoman", "spokesperson", "figure", "figures",
     "representative", "representatives", "delegation", "chairman", "president", "director",
     "group", "groups", "organization", "organisation", "faction", "factions", "number"}
)  # fmt: skip


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


class ActorCoder:
    def __init__(
        self,
        kb: KnowledgeBase | None = None,
        table: Countries | None = None,
        words: Roles | None = None,
    ) -> None:
        self.kb = kb or KnowledgeBase.load()
        self.countries = table or countries()
        self.roles = words or roles()

    # ------------------------------------------------------------------ matching
    def _windows(self, tokens: list[Token], longest: int):
        """Contiguous runs of phrase tokens, longest first: (first index, last index, text)."""
        ids = {t.i for t in tokens}
        doc = tokens[0].doc
        lo, hi = min(ids), max(ids)
        for size in range(min(longest + 2, hi - lo + 1), 0, -1):
            for start in range(lo, hi - size + 2):
                span = doc[start : start + size]
                if all(t.i in ids or t.is_punct for t in span) and not span[0].is_punct:
                    yield span

    def kb_matches(self, tokens: list[Token]) -> list[tuple[object, KBEntry]]:
        found: list[tuple[object, KBEntry]] = []
        used: set[int] = set()
        for span in self._windows(tokens, self.kb.index.longest):
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
        for span in self._windows(tokens, self.countries.index.longest):
            if any(t.i in used for t in span):
                continue
            hit = self.countries.get(span.text)
            if hit is None:
                continue
            used.update(t.i for t in span)
            after = span.doc[span.end : span.end + 2]
            backer = any(norm(t.text) in self.roles.backer_words for t in after)
            out.append((span, hit.code, hit.kind, backer))
        return out

    # ------------------------------------------------------------------ one phrase
    def code(
        self,
        arg: ArgumentSpan,
        cand: Candidate | None,
        memory: list[Coded],
        year: int | None = None,
    ) -> Coded:
        toks = sorted(arg.tokens, key=lambda t: t.i)
        head = arg.head
        offset = cand.sentence.segment.start if cand is not None else 0
        doc = toks[0].doc
        span = doc[toks[0].i : toks[-1].i + 1]
        coded = Coded(span.text, offset + span.start_char, offset + span.end_char)
        coded.why.append(arg.reason)
        if head.pos_ == "PRON" and head.lower_ in _PRONOUNS:
            return self._pronoun(coded, head, memory)
        self._from_kb(coded, toks, head, year)
        self._from_countries(coded, toks, head)
        self._from_roles(coded, toks, head)
        persons = [t for t in toks if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
        if coded.kb is None and coded.org is None and persons:
            coded.kind = "person"
            coded.name = _person_name(persons)
        self._from_memory(coded, toks, memory)
        if coded.name is None:
            coded.name = None if coded.kind == "group" else coded.text
        return coded

    def _from_kb(self, coded: Coded, toks: list[Token], head: Token, year: int | None) -> None:
        matches = self.kb_matches(toks)
        persons = [t for t in toks if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
        if not matches and persons:  # "Sadr", "Mr. Sadr": a known person's surname
            entry = self.kb.surname(persons[-1].text)
            if entry is not None:
                matches = [(persons[-1], entry)]
        if not matches:
            return
        person = next(((s, e) for s, e in matches if e.kind == "person"), None)
        span, entry = person or next(
            ((s, e) for s, e in matches if head.i in [t.i for t in _tokens(s)]), matches[0]
        )
        heads_match = head.i in [t.i for t in _tokens(span)]
        if entry.kind == "person" or heads_match:
            coded.kb, coded.name, coded.kind = entry, entry.name, entry.kind
            coded.code = entry.code
            sector, office = entry.sector_at(year)
            coded.sector, coded.office = sector, office
            coded.other.extend(entry.other_sectors)
            coded.why.append(f"knowledge base: {entry.name}")
        elif head.lemma_.lower() in _GENERIC_HEADS or self.roles.sector(head.text, head.lemma_):
            # "the leader of the Kata'ib Hizbollah militia": a role in that organisation
            coded.code = entry.code
            coded.sector = entry.sector
            coded.office = f"{head.text} of {entry.name}"
            coded.kind = "person" if head.tag_ in ("NN", "NNP") else "group"
            coded.org = entry
            coded.why.append(f"'{head.text}' of {entry.name} (knowledge base)")

    def _from_countries(self, coded: Coded, toks: list[Token], head: Token) -> None:
        cues = self.country_cues(toks)
        for span, code, kind, backer in cues:
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
                coded.why.append(f"'{span.text}' names people of {code}")
            elif is_head and coded.sector is None and coded.kb is None:
                coded.sector = "GOV"
                coded.kind = "state"
                coded.name = coded.name or self.countries.names.get(code, span.text)
                coded.why.append(f"the state '{span.text}' acts: GOV")
            break

    def _from_roles(self, coded: Coded, toks: list[Token], head: Token) -> None:
        words = [norm(t.text) for t in toks]
        former = any(w in self.roles.former for w in words)
        generic = head.lemma_.lower() in _GENERIC_HEADS or head.lower_ in _GENERIC_HEADS
        if coded.sector is None or (coded.kb is None and generic):
            head_sector = self._sector_of(head)
            mod = next(
                ((t, sec) for t in toks if t.i != head.i and (sec := self._sector_of(t))), None
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

    def participants(self, cand: Candidate) -> Coded:
        """The people a protest noun implies ("anti-government protests that began in ...").

        Country only from a country word in the event's own clause ("... in Iraqi cities")."""
        trigger = cand.trigger
        sent = cand.sentence
        phrase = [t for t in trigger.subtree if t.i <= trigger.i]
        first = phrase[0] if phrase else trigger
        coded = Coded(
            text=sent.text_span(first, trigger).text,
            start=sent.text_span(first, trigger).start,
            end=sent.text_span(first, trigger).end,
            name="protesters",
            sector="CVL",
            kind="group",
        )
        coded.why.append(f"implicit: the participants of '{trigger.text}'")
        clause = [t for t in trigger.subtree if t.i != trigger.i]
        for relcl in (c for c in trigger.children if c.dep_ == "relcl"):
            clause.extend(relcl.subtree)
        for span, code, kind, backer in self.country_cues(clause) if clause else []:
            if not backer:
                coded.code = code
                coded.why.append(f"country from {kind} '{span.text}' in the event's clause")
                break
        anti = any(norm(t.text) in self.roles.secondary or t.lower_ == "anti" for t in clause)
        if anti and any(t.lower_ in ("government", "regime") for t in clause):
            coded.other.append("OPP")
        return coded

    def _sector_of(self, tok: Token) -> str | None:
        sector = self.roles.sector(tok.text, tok.lemma_)
        if sector is None and tok.i + 1 < len(tok.doc):  # "security forces", "riot police"
            sector = self.roles.sector(f"{tok.text} {tok.doc[tok.i + 1].text}")
        return sector

    def _pronoun(self, coded: Coded, head: Token, memory: list[Coded]) -> Coded:
        want = _PRONOUNS[head.lower_]
        for prev in reversed(memory):
            if want == "person" and prev.kind != "person":
                continue
            if want in ("org", "group") and (prev.kind == "person" or prev.sector is None):
                continue
            _copy(coded, prev)
            coded.why.append(f"pronoun '{head.text}' = '{prev.text}' (nearest earlier {want})")
            return coded
        coded.why.append(f"pronoun '{head.text}' with no earlier {want} to refer to")
        return coded

    def _from_memory(self, coded: Coded, toks: list[Token], memory: list[Coded]) -> None:
        if coded.code is not None and coded.sector is not None:
            return
        if coded.kind == "person" and coded.name:
            last = norm(coded.name).split()[-1]
            for prev in reversed(memory):
                if prev.kind == "person" and prev.name and norm(prev.name).split()[-1] == last:
                    if prev.name and len(prev.name) > len(coded.name):
                        coded.name = prev.name
                    coded.code = coded.code or prev.code
                    coded.sector = coded.sector or prev.sector
                    coded.why.append(f"same person as '{prev.text}' earlier")
                    return
        if coded.code is None and coded.sector is not None and coded.kind != "person":
            for prev in reversed(memory):
                if prev.sector == coded.sector and prev.code is not None:
                    coded.code = prev.code
                    coded.why.append(
                        f"country from the nearest earlier {coded.sector} actor '{prev.text}'"
                    )
                    return


def _tokens(span) -> list:
    return [span] if not hasattr(span, "__iter__") else list(span)


def _person_name(persons: list) -> str:
    doc = persons[0].doc
    first, last = persons[0], persons[-1]
    return doc[first.i : last.i + 1].text


def _copy(dst: Coded, src: Coded) -> None:
    dst.name, dst.code, dst.sector = src.name, src.code, src.sector
    dst.other, dst.kb, dst.kind, dst.office = list(src.other), src.kb, src.kind, src.office
