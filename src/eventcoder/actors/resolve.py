"""Code actor and recipient phrases: country, sector, canonical name, with a reason.

For each phrase the detector found, in this order:
1. a pronoun is the nearest earlier compatible actor in the article;
2. the knowledge base (a person, organisation or institution named in the phrase; a role noun
   "of" an organisation takes the organisation's country and sector);
3. country words in the phrase (names, demonyms, capitals as metonyms), except those that name a
   backer ("Iran-backed", "Tehran-aligned");
4. role words (head noun first) for the sector; "former" roles give ELI and keep the office;
5. a person's titles and appositions ("senior cleric", "US Secretary of Defense", "militia
   commander and former transportation minister") give office, sector and country, with
   "former" roles kept apart from current ones (ELI); a title naming an organisation ("Arab
   League Secretary-General") gives that organisation's country;
6. what is still unknown comes from an earlier mention of the same person (surname), a definite
   role noun ("the cleric") or possessive ("his office") resolved to an earlier actor, a
   group-to-leader link read from the article ("a group led by Sadr"), or, for a bare role noun
   ("the militias", "invading forces"), the nearest earlier actor of the same sector;
7. a country still missing comes from the context, each step with its own reason: a locative
   phrase on the mention ("security forces in Guinea"), the one country the sentence names
   outside the other side's phrases, the article's dominant country, the dateline. Nothing is
   guessed beyond that: the field stays empty with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from ..records import Entity
from .tables import Countries, KBEntry, KnowledgeBase, NameIndex, Roles, countries, norm, roles

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
     "group", "groups", "organization", "organisation", "faction", "factions", "number",
     "wing", "network", "body", "arm", "forum", "branch", "unit", "cell", "cells", "side",
     "secretary-general", "coordinator", "envoy", "chair", "boss", "founder", "deputy"}
)  # fmt: skip
#: Nouns that name the person leading a group ("Amiri is the commander of the Badr Organization").
_LEADER_WORDS = frozenset(
    {"leader", "head", "chief", "commander", "founder", "chairman", "secretary-general",
     "president", "boss", "emir"}
)  # fmt: skip
#: Prepositions whose country-name object is the target of the act, not the actor's country.
_TARGET_PREPS = frozenset({"against", "on", "upon", "with", "toward", "towards", "at"})
#: Locative prepositions on a mention ("opposition groups in Zimbabwe").
_LOCATIVE = frozenset({"in", "from", "inside", "across", "throughout"})
#: Sectors that name people acting within their own country (for the article's country).
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we"})


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

    # ------------------------------------------------------------------ one phrase
    def code(
        self,
        arg: ArgumentSpan,
        cand: Candidate | None,
        memory: list[Coded],
        year: int | None = None,
        context: ArticleContext | None = None,
        others: set[int] | None = None,
    ) -> Coded:
        """Code one phrase. ``others``: token ids of the event's other side (not this actor's)."""
        toks = sorted(arg.tokens, key=lambda t: t.i)
        head = arg.head
        offset = cand.sentence.segment.start if cand is not None else 0
        doc = toks[0].doc
        span = doc[toks[0].i : toks[-1].i + 1]
        coded = Coded(span.text, offset + span.start_char, offset + span.end_char)
        coded.role = arg.role
        coded.sentence = cand.sentence.index if cand is not None else -1
        coded.why.append(arg.reason)
        if head.pos_ == "PRON" and head.lower_ in _PRONOUNS:
            return self._pronoun(coded, head, memory)
        head = _effective_head(head)
        persons = [t for t in toks if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
        names = [t for t in toks if t.pos_ == "PROPN"]
        org_word = self._org_name_word(names) if names else None
        while len(persons) > 1 and self._sector_of(persons[0]):
            persons = persons[1:]  # "Archbishop Desmond Tutu": the title is no part of the name
        if org_word is not None:
            persons = []  # "Kata'ib Imam Ali": an organisation, whatever the NER label says
        self._from_kb(coded, toks, head, year, persons)
        self._from_countries(coded, toks, head)
        if coded.kb is None and coded.org is None and org_word is not None:
            coded.kind = "org"
            coded.name = coded.text
            if coded.sector is None and self._sector_of(head) is None:
                coded.sector = org_word[1]
                coded.why.append(f"'{org_word[0]}' in the name marks an organisation")
        if coded.kb is None and persons and _is_name_head(head, persons):
            coded.kind = "person"
            coded.name = _person_name(persons)
        named = persons and _is_name_head(head, persons)
        if coded.kind == "person" and (named or (coded.kb is not None and coded.org is None)):
            self._titles(coded, toks, persons, head)
        else:
            self._from_roles(coded, toks, head)
        if coded.sector is None and coded.people:
            coded.sector = self.roles.people_default
            coded.why.append(f"people named by nationality or group: {self.roles.people_default}")
        self._possessor(coded, toks, head, memory)
        self._role_noun(coded, toks, head, memory)
        self._from_memory(coded, toks, memory)
        self._from_links(coded, context, memory)
        self._from_context(coded, toks, head, cand, context, others or set())
        if coded.name is None:
            coded.name = None if coded.kind == "group" else coded.text
        return coded

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
            generic = head.lemma_.lower() in _GENERIC_HEADS or head.lower_ in _GENERIC_HEADS
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

    # ------------------------------------------------------------------ titles, appositions
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
        generic = root.lemma_.lower() in _GENERIC_HEADS or root.lower_ in _GENERIC_HEADS
        mod = next((sec for t in words if t.i != root.i and (sec := self._sector_of(t))), None)
        if generic and mod is not None:
            return mod
        return own or mod

    # ------------------------------------------------------------------ coreference
    def _possessor(self, coded: Coded, toks: list[Token], head: Token, memory: list[Coded]) -> None:
        """ "his office", "their leaders": the owner's country (and sector, when none)."""
        if coded.code is not None or coded.kb is not None:
            return
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in _PRONOUNS), None)
        if owner is None:
            return
        want = _PRONOUNS[owner.lower_]
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
        org_noun = head.lemma_.lower() in _ORG_NOUNS
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

    # ------------------------------------------------------------------ context
    def _from_context(
        self,
        coded: Coded,
        toks: list[Token],
        head: Token,
        cand: Candidate | None,
        context: ArticleContext | None,
        others: set[int],
    ) -> None:
        if coded.code is not None or not (coded.sector or coded.kind == "person"):
            return
        if coded.sector in ("IGO", "NGO"):
            return
        # 1. a locative phrase on the mention: "security forces in Guinea"
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _LOCATIVE):
            where = [t for t in prep.subtree if t.i != prep.i]
            for span, code, _kind, backer in self.country_cues(where) if where else []:
                if not backer:
                    coded.code = code
                    coded.why.append(f"country from '{prep.text} {span.text}' on the mention")
                    return
            place = self._place_country(where)
            if place:
                coded.code = place[0]
                coded.why.append(f"country of the place '{prep.text} {place[1]}' on the mention")
                return
        if cand is None:
            return
        # 2. a place named in the mention itself ("deputy governor of the Tyumen region")
        place = self._place_country(
            [t for t in toks if t.dep_ != "poss" and self.countries.get(t.text) is None]
        )
        if place:
            coded.code = place[0]
            coded.why.append(f"country of the place '{place[1]}' in the mention")
            return
        # 3. the one country the event's clause names outside the other side's phrases
        clause = _clause(cand.trigger)
        own = {t.i for t in toks}
        sent = [t for t in clause if t.i not in others and t.i not in own]
        other_toks = [t for t in clause if t.i in others]
        other_codes = (
            {c for _, c, _, b in self.country_cues(other_toks) if not b} if other_toks else set()
        )
        found: dict[str, str] = {}
        for span, code, kind, backer in self.country_cues(sent) if sent else []:
            root = span.root
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head
            before = span.doc[span.start - 1] if span.start > 0 else None
            after = span.doc[span.end] if span.end < len(span.doc) else None
            if (before is not None and norm(before.text) in self.roles.ethnic_words) or (
                after is not None and after.lower_ in ("$", "dollar", "dollars")
            ):
                continue  # "ethnic Albanians", "US $50 million"
            if (
                backer
                or code in other_codes
                or (kind != "demonym" and root.dep_ == "pobj" and root.head.lower_ in _TARGET_PREPS)
            ):
                continue
            if kind != "demonym" and root.dep_ == "dobj" and root.head.i == cand.trigger.i:
                continue
            found.setdefault(code, span.text)
        for span, entry in self.kb_matches(sent) if sent else []:
            if (
                entry.kind != "person"
                and entry.code
                and entry.code.isalpha()
                and entry.code not in NON_STATE
            ):
                found.setdefault(entry.code, span.text)
        if not found:  # "near Mosul": a city the gazetteer knows (country words judged above)
            rest = [t for t in sent if self.countries.get(t.text) is None]
            place = self._place_country(rest, min_population=100_000)
            if place:
                found[place[0]] = place[1]
        if len(found) == 1:
            code, text = next(iter(found.items()))
            coded.code = code
            coded.why.append(f"country from '{text}', the one country the sentence names")
            return
        if found:
            coded.why.append(f"the sentence names several countries ({', '.join(sorted(found))})")
            return
        if context is None:
            return
        # 4. the article's country; 5. the dateline
        if context.dominant:
            coded.code = context.dominant
            coded.why.append(f"the article's country ({context.dominant_why})")
        elif context.dateline:
            coded.code = context.dateline
            coded.why.append("country of the dateline")

    def _place_country(
        self, where: list[Token], min_population: int = 50_000
    ) -> tuple[str, str] | None:
        """The one country of the place names (GPE/LOC) among ``where``, from the gazetteer."""
        names = [t for t in where if t.ent_type_ in ("GPE", "LOC") and t.pos_ == "PROPN"]
        if not names:
            return None
        from ..places.gazetteer import gazetteer

        doc = names[0].doc
        runs: list[list[Token]] = []
        for tok in names:
            if runs and tok.i == runs[-1][-1].i + 1:
                runs[-1].append(tok)
            else:
                runs.append([tok])
        found: dict[str, str] = {}
        for run in runs:
            text = doc[run[0].i : run[-1].i + 1].text
            places = gazetteer().lookup(text)
            if places and places[0].country and places[0].population >= min_population:
                found.setdefault(places[0].country, text)
        return next(iter(found.items())) if len(found) == 1 else None

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
        if tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.pos_ in ("DET", "ADP", "PUNCT"):
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

    def _pronoun(self, coded: Coded, head: Token, memory: list[Coded]) -> Coded:
        want = _PRONOUNS[head.lower_]
        ordered = list(reversed(memory))
        if head.lower_ in _SUBJECT_PRONOUNS and coded.role:
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


def _clause(trigger: Token) -> list[Token]:
    """The trigger's clause: not the reporting clause around it ("..., a member of X said")."""
    top = trigger
    while top.dep_ not in ("ROOT", "ccomp", "parataxis") and top.head.i != top.i:
        top = top.head
    drop: set[int] = set()
    for child in top.children:  # "..., a member of the Chadian team has said"
        speech = child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_.lower() in _SPEECH
        if speech and not any(t.i == trigger.i for t in child.subtree):
            drop.update(t.i for t in child.subtree)
    return [t for t in top.subtree if t.i not in drop]


NON_STATE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
_ORG_NOUNS = frozenset(
    {"group", "organization", "organisation", "movement", "militia", "party", "faction",
     "alliance", "coalition", "network", "insurgency"}
)  # fmt: skip
_SPEECH = frozenset({"say", "tell", "report", "announce", "add", "state", "quote", "claim"})
_QUANTITY = frozenset({"hundred", "thousand", "million", "dozen", "score", "ten", "tens"})


def _effective_head(head: Token) -> Token:
    """ "Hundreds of ethnic Albanians": the people are the of-object, not the number."""
    if head.lemma_.lower() in _QUANTITY or head.lower_ in ("hundreds", "thousands", "dozens"):
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is not None:
            return _effective_head(obj)
    return head


def _may_start(doc, i: int, hi: int, index: NameIndex) -> bool:
    words = norm(doc[i].text).split()
    if not words:
        return False
    if words[0] == "the" or (len(words) == 1 and doc[i].lower_ == "the"):
        nxt = norm(doc[i + 1].text).split() if i + 1 <= hi else []
        return bool(nxt) and index.may_start(nxt[0])
    return index.may_start(words[0])


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
    dst.other, dst.kb, dst.kind, dst.office = list(src.other), src.kb, src.kind, src.office
