"""Forms of place names the parser cuts or mislabels: "City, State" and the state after a
town whatever its role, the division or country written after a place, and names of several
words the parser split ("Foz" + "do Iguacu")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Sentence
from ..knowledge import Gazetteer, Knowledge
from ..knowledge.gazetteer import generic_name
from ..knowledge.names import norm
from ..knowledge.words import PlaceWords
from ..nlp import Span
from .common import _OTHER_LABELS
from .resolve import own_name
from .run_together import possessive_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: Entity labels of names that are no place before "..., State" ("Jane Roe, Texas's senator",
#: "on Monday, Iraq said").
_NOT_PLACE_ENTS = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY"})
#: The longest name, in tokens, looked for again where the article names it a second time.
MAX_NAME_TOKENS = 5
#: Population from which a town the article places once is a place wherever it is named.
KNOWN_TOWN = 10_000


def _name_word(tok: Token) -> bool:
    """A capitalised word that can be part of a place's name ("Costa", "U.S.", "Islands")."""
    return tok.text[:1].isupper() and tok.pos_ == "PROPN"


class NameForms:
    """The coder's tables, and the name forms of one sentence."""

    knowledge: Knowledge

    @property
    def gaz(self) -> Gazetteer:
        return self.knowledge.gazetteer

    @property
    def words(self) -> PlaceWords:
        return self.knowledge.place_words

    def _is_org(self, text: str) -> bool:
        return self.knowledge.is_org(text)

    def _regions_after(self, found: list[Span], seen: set[int], end: int) -> list[Span]:
        """The state, county or country written after a place ("near New Quay, Ceredigion",
        "Oulton Park, Cheshire", "Kuala Lumpur, Malaysia"), whatever the parser labelled it."""
        out = []
        for span in list(found):
            doc = span.doc
            i = span.end
            if i + 1 >= end or doc[i].text != "," or doc[i + 1].i in seen:
                continue
            j = i + 1
            while j < end and j - i <= 4 and doc[j].pos_ == "PROPN" and doc[j].i not in seen:
                j += 1
            if j == i + 1:
                continue
            region = doc[i + 1 : j]
            hits = self.gaz.lookup(region.text)
            if (
                hits
                and hits[0].precision in ("country", "admin1")
                or any(p.feature_code == "ADM2" for p in hits[:5])
            ):
                out.append(region)
                seen.update(t.i for t in region)
        return out

    def _region_at(self, doc: Doc, i: int, end: int, verb_ok: bool = False) -> Span | None:
        """The state, county or country written at token ``i`` (up to four name words, not a
        possessive: "Kentucky", "Ohio"; not "California's"), whose name is first of all a
        division or a country ("St. Paul" is a city first)."""
        j = i
        while j < end and j - i < 4 and doc[j].pos_ == "PROPN":
            j += 1
        if j == i or (
            j < end and (doc[j].tag_ == "POS" or (not verb_ok and doc[j].pos_ in ("VERB", "AUX")))
        ):
            return None  # "California's biggest firm", "on Monday, Iraq said": no "City, State"
        region = doc[i:j]
        top = self.gaz.lookup(region.text)[:1]  # a division or country first, not a town
        if top and (top[0].precision in ("country", "admin1") or top[0].feature_code == "ADM2"):
            return region
        return None

    def _rejoin_split_names(self, sent: Sentence, ents: list[Span]) -> list[Span]:
        """A place name of several words the parser split or cut (two entities "Costa" +
        "Mesa", "Foz" before "do Iguacu"): the longest run of capitalised words (and
        particles: "de", "do") around a place entity whose whole text is a place's own name in the
        gazetteer (a country, a division or a town of ``KNOWN_TOWN`` people) replaces the
        entities inside it."""
        doc = sent.span.doc
        lo, hi = sent.span.start, sent.span.end
        out: list[Span] = []
        taken = -1
        for ent in ents:
            if ent.start < taken:
                continue
            best = None
            if ent.label_ in ("GPE", "LOC") or ent.label_ in _OTHER_LABELS:
                best = possessive_name(doc, ent.start, ent.end, set(), self.gaz)
            if best is None and (ent.label_ in ("GPE", "LOC") or ent.label_ in _OTHER_LABELS):
                particles = self.words.name_particles
                a = ent.start
                while a > lo and ent.end - a < MAX_NAME_TOKENS and _name_word(doc[a - 1]):
                    a -= 1
                b = ent.end
                while (
                    b < hi
                    and b - a < MAX_NAME_TOKENS
                    and (_name_word(doc[b]) or doc[b].lower_ in particles)
                ):
                    b += 1  # "Foz do Iguacu": a particle inside the name
                windows = (
                    []
                    if (a, b) == (ent.start, ent.end)
                    else sorted(
                        ((i, j) for i in range(a, ent.start + 1) for j in range(ent.end, b + 1)),
                        key=lambda w: w[0] - w[1],
                    )
                )  # the longest first; none when no name word touches the entity
                for i, j in windows:
                    if (
                        j - i > len(ent)
                        and _name_word(doc[j - 1])
                        and self._own_place_name(doc[i:j].text)
                    ):
                        best = Span(doc, i, j, label="GPE")
                        break
            if best is None:
                out.append(ent)
                continue
            out = [e for e in out if e.end <= best.start]  # an entity cut from its start
            out.append(best)
            taken = best.end
        return out

    def _own_place_name(self, text: str) -> bool:
        return any(
            own_name(p, text) and (p.precision != "city" or p.population >= KNOWN_TOWN)
            for p in self.gaz.lookup(text)[:5]
        )

    def _region_of_place(self, span: Span, seen: set[int]) -> bool:
        """The state or country written after a place just found and a comma ("from Yakima,
        Washington shares recipes", "spoke in Tehran, Iran Monday") says where the place is,
        whatever the parser made of it (a subject, a modifier of the verb)."""
        doc = span.doc
        i = span.start
        if i < 2 or doc[i - 1].text != "," or doc[i - 2].i not in seen:
            return False
        return any(p.precision in ("country", "admin1") for p in self.gaz.lookup(span.text)[:3])

    def _town_in(self, town: str, region: str) -> bool:
        """A town named ``town`` lies in the state or country named ``region``."""
        key = norm(region)
        top = self.gaz.lookup(region)[:1]
        country = top[0].country if top and top[0].precision == "country" else None
        return any(
            p.precision == "city"
            and own_name(p, town)
            and ((p.admin1 and norm(p.admin1) == key) or (country and p.country == country))
            for p in self.gaz.lookup(town)[:25]
        )

    def _named_before_region(self, sent: Sentence, seen: set[int]) -> list[Span]:
        """ "Lexington, Kentucky", "Rockingham, Northamptonshire": a capitalised name
        written before a comma and a state, county or country is a place in it (the news form
        "City, State"), whatever the parser labelled the name; not a person's name ("Jane
        Roe, Texas") nor an organisation's."""
        doc = sent.span.doc
        out: list[Span] = []
        start, end = sent.span.start, sent.span.end
        for k in range(start + 1, end - 1):
            if doc[k].text != "," or k - 1 in seen:
                continue
            region = self._region_at(doc, k + 1, end)
            town_first = False
            if region is None:  # "Allen, Texas is a suburb": only where a town of the name
                region = self._region_at(doc, k + 1, end, verb_ok=True)  # lies in the state
                town_first = True
            if region is None:
                continue
            first = k - 1
            while first > start and k - first < 4 and doc[first - 1].pos_ == "PROPN":
                first -= 1
            name = doc[first:k]
            if (
                not name[-1].text[:1].isupper()
                or name[-1].pos_ != "PROPN"
                or any(t.i in seen for t in name)
                or (
                    (town_first or any(t.ent_type_ in _NOT_PLACE_ENTS for t in name))
                    and not self._town_in(name.text, region.text)
                )  # "Jane Roe, Texas" is a person; "Allen, Texas" a town there
                or self._is_org(name.text)
                or generic_name(name.text, self.words.generic_names)
            ):
                continue
            out.append(name)
            seen.update(t.i for t in name)
        return out
