"""One sense per article: a name the article places once is a place where it stands alone
again ("the Riverdale area"), and a word of a person's name in the article is that person, not
a town of the name ("Tanta" after "Yusuf Tanta")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Sentence
from ..knowledge.gazetteer import generic_name
from ..knowledge.words import PlaceWords
from ..nlp import Span
from .built import BuiltNames
from .common import _MODIFIER_DEPS, _acting_subject, _after_place_prep
from .name_forms import KNOWN_TOWN, MAX_NAME_TOKENS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def _people(per_sentence: list[tuple[Sentence, list[Span]]]) -> set[str]:
    """The words, in lower case, of the article's persons' names of two words or more."""
    people: set[str] = set()
    for sent, _ in per_sentence:
        for tok in sent.span:  # (not Span.ents: it reads the whole doc's entities)
            if tok.ent_type_ == "PERSON" and (
                tok.ent_iob_ == "I"
                or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "I")
            ):
                people.add(tok.lower_)
    return people


class OneSense(BuiltNames):
    """The article's places and persons, read once for all its sentences."""

    def _place_head(self, head: Token, dep: str, name: Token | None = None) -> bool:
        raise NotImplementedError  # (``Toponyms``: a noun a place name can modify)

    def _placed_names(
        self,
        per_sentence: list[tuple[Sentence, list[Span]]],
        dateline: str | None,
        people: set[str] | None = None,
    ) -> dict[str, set[str]]:
        """The names the article takes as places somewhere, in lower case, by their first
        word: its dateline's place, and names it places where the parser agrees (a place
        entity), after a place preposition ("in Riverdale"), or that the gazetteer knows as a
        town of ``KNOWN_TOWN`` people or more or a division; not a generic word ("Centre")
        nor a name inside a person's ("Ray Allen")."""
        if people is None:
            people = _people(per_sentence)
        texts = [dateline] if dateline else []
        for _, spans in per_sentence:
            for span in spans:
                top = self.gaz.lookup(span.text)[:1]
                if (
                    span.root.ent_type_ in ("GPE", "LOC")
                    or _after_place_prep(span.root, self.words)
                    or (top and (top[0].population >= KNOWN_TOWN or top[0].precision != "city"))
                ):
                    texts.append(span.text)
        out: dict[str, set[str]] = {}
        for text in texts:
            if (
                len(text) >= 3
                and text[:1].isupper()
                and not people.intersection(text.lower().split())
                and not generic_name(text, self.words.generic_names)
                and self.gaz.lookup(text)
            ):
                out.setdefault(text.split()[0].lower(), set()).add(text.lower())
        return out

    def _not_people(
        self, per_sentence: list[tuple[Sentence, list[Span]]]
    ) -> tuple[list[tuple[Sentence, list[Span]]], set[str]]:
        """One sense per article for persons too: a one-word name that is a word of a
        person's full name in the article ("Tanta" after "Yusuf Tanta", "Lincoln" after "Abe
        Lincoln") is that person, not a town of the name, unless it stands where only
        places stand (after a place preposition, before ", State") or is a country or state.
        And in text written in both cases, a place's name is capitalised ("the savannah").
        Returns the sentences' spans kept and the words of the persons' names."""
        people = _people(per_sentence)
        out = []
        for sent, spans in per_sentence:
            kept = []
            for span in spans:
                if span.text[:1].islower() and sent.span.text[1:] != sent.span.text[1:].lower():
                    continue  # "the savannah near Arusha" in a cased sentence
                if len(span) == 1 and span.text.lower() in people and not self._only_place(span):
                    continue
                kept.append(span)
            out.append((sent, kept))
        return out, people

    def _only_place(self, span: Span) -> bool:
        doc = span.doc
        top = self.gaz.lookup(span.text)[:1]
        return (
            _after_place_prep(span.root, self.words)
            or _on_place_noun(span.root, self.words)  # "the Elmont area": no person's area
            or (span.end + 1 < len(doc) and doc[span.end].text == ",")
            and bool(self.gaz.lookup(doc[span.end + 1].text))
            or bool(top and top[0].precision in ("country", "admin1"))
        )

    def _again(self, sent: Sentence, taken: list[Span], placed: dict[str, set[str]]) -> list[Span]:
        """One sense per article: a name the article takes as a place elsewhere ("in
        Riverdale") is a place again where the parser saw none ("the Riverdale area", "Douma
        is surrounded"), unless this mention is no place by the conventions (it modifies an
        actor, it acts) or is part of a longer name ("the Riverdale Tigers")."""
        if not placed:
            return []
        doc = sent.span.doc
        seen = {t.i for span in taken for t in span}
        out: list[Span] = []
        i, end = sent.span.start, sent.span.end
        while i < end:
            names = placed.get(doc[i].lower_) if doc[i].text[:1].isupper() else None
            span = None
            for n in range(min(MAX_NAME_TOKENS, end - i), 0, -1) if names else ():
                cand = doc[i : i + n]
                if (
                    cand.text.lower() in names
                    and not seen.intersection(range(i, i + n))
                    and self._stands_alone(cand, sent)
                ):
                    span = cand
                    break
            if span is None:
                i += 1
                continue
            root = span.root
            if not (
                (root.dep_ in _MODIFIER_DEPS and not self._place_head(root.head, root.dep_, root))
                or _acting_subject(root, self.words)
                or (self._is_org(span.text) and not _after_place_prep(root, self.words))
            ):
                out.append(span)
            i += len(span)
        return out

    def _stands_alone(self, span: Span, sent: Sentence) -> bool:
        """Not part of a longer name: no capitalised name touching it, no entity reaching
        past it ("the Riverdale Tigers", "Lake Riverdale")."""
        doc = span.doc
        before = doc[span.start - 1] if span.start > sent.span.start else None
        after = doc[span.end] if span.end < sent.span.end else None
        for tok in (before, after):
            if tok is not None and tok.pos_ == "PROPN" and tok.text[:1].isupper():
                return False
        # not inside an entity that begins earlier or goes on after it
        return span[0].ent_iob_ != "I" and (after is None or after.ent_iob_ != "I")

    def _country_initials(self, sentences: list[Sentence]) -> dict[str, str]:
        """The initials of the countries of two words or more the article names, by name or
        demonym ("South Africa", "South Africans" -> "SA"; "New Zealand" -> "NZ"): written so
        alone later, they are that country (a postal code of elsewhere is not: "SA" is South
        Australia's)."""
        table = self.knowledge.countries
        out: dict[str, str] = {}
        candidates = {  # (the scan below only for words that could be initials: "SA")
            t.text
            for sent in sentences
            for t in sent.span
            if 2 <= len(t.text) <= 4 and t.text.isupper() and t.is_alpha
        }
        firsts = {c[0] for c in candidates}
        for sent in sentences if candidates else ():
            toks = list(sent.span)
            for k, tok in enumerate(toks[:-1]):
                if tok.text[:1] not in firsts or not toks[k + 1].text[:1].isupper():
                    continue
                for n in (2, 3, 4):
                    hit = table.get(" ".join(t.text for t in toks[k : k + n]))
                    place = self.gaz.countries.get(hit.code) if hit is not None else None
                    if place is None:
                        continue
                    words = [w for w in place.name.split() if w[:1].isupper()]
                    short = "".join(w[0] for w in words)
                    if len(words) > 1 and short in candidates:
                        out.setdefault(short, hit.code)
        return out

    def _initials_again(
        self, sent: Sentence, taken: list[Span], initials: dict[str, str]
    ) -> list[Span]:
        """ "in SA" in a story naming South Africa: the country's initials alone, where no
        place was found (not acting: "SA said" is the government)."""
        seen = {t.i for span in taken for t in span}
        out = []
        for tok in sent.span:
            if tok.text in initials and tok.i not in seen and not _acting_subject(tok, self.words):
                if tok.dep_ in _MODIFIER_DEPS and not self._place_head(tok.head, tok.dep_, tok):
                    continue  # "SA troops"
                out.append(tok.doc[tok.i : tok.i + 1])
        return out


#: Things that stand somewhere but a person has too ("the Lincoln home").
_OWNED = frozenset({"home", "homes"})


def _on_place_noun(tok: Token, words: PlaceWords) -> bool:
    """ "the Elmont area", "the Elmont gas station": a name modifying a kind of place or a
    thing that stands somewhere (through a noun: "gas station") names where it is."""
    if tok.dep_ not in ("compound", "amod", "nmod"):
        return False
    head = tok.head
    while head.dep_ == "compound" and head.pos_ == "NOUN" and not words.is_located(head.lower_):
        head = head.head
    return head.pos_ == "NOUN" and words.is_located(head.lower_) and head.lower_ not in _OWNED
