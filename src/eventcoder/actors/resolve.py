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

from ..document import ArgumentSpan, Candidate
from ..knowledge import Countries, Knowledge, KnowledgeBase, Roles
from .coded import (
    ArticleContext,
    Coded,
    Link,
    _effective_head,
    _is_name_head,
    _person_name,
)
from .coreference import Coreference
from .country import CountryFromContext
from .titles import Titles

__all__ = ["ActorCoder", "ArticleContext", "Coded", "Link"]


class ActorCoder(Titles, Coreference, CountryFromContext):
    """Codes one actor phrase at a time (``code``), from the tables of its ``Knowledge``."""

    def __init__(
        self,
        kb: KnowledgeBase | None = None,
        table: Countries | None = None,
        words: Roles | None = None,
        *,
        knowledge: Knowledge | None = None,
    ) -> None:
        if knowledge is None:
            knowledge = Knowledge(kb=kb, countries=table, roles=words)
        elif kb is not None or table is not None or words is not None:
            raise ValueError("give ActorCoder either knowledge= or its tables, not both")
        self.knowledge = knowledge

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
        if head.pos_ == "PRON" and head.lower_ in self.words.pronouns:
            return self._pronoun(coded, head, memory)
        head = _effective_head(head, self.words)
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
        place = self._place_country(toks, 0) if arg.place and coded.code is None else None
        if place:  # "a curfew in Chiapas": the country the place aimed at lies in
            coded.code = place[0]
            role = "whose state acts" if arg.place == "state" else "whom the event is aimed at"
            coded.why.append(f"country of the place '{place[1]}', {role}")
        if arg.place == "covered":  # "a curfew in the town": its people, not its government
            coded.sector, coded.other = "CVL", []
            coded.why.append("the people of the area the measure covers: CVL")
        if coded.name is None:
            coded.name = None if coded.kind == "group" else coded.text
        return coded
