"""Streets, roads and buildings: names no gazetteer of towns has ("Elm Street", "Harwood
Avenue West", "14th St.", "the Mercer Correctional Center"), found by the word their name ends
in whatever the parser labelled them, and placed as a point inside the town the text names
beside them ("Elm Street in Dover", "the Palace Theatre, Dover") or else the article's town.

A building's name is also an organisation's ("Riverside College said"): such a name is no
place where it acts (the subject of an action), modifies an actor ("Riverside College
researchers") or is the agent after "by"; a street acting ("Downing Street said") is left out
the same way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..document import Sentence
from ..knowledge import Place
from ..nlp import Span
from .common import _MODIFIER_DEPS, _OTHER_LABELS, _acting_subject
from .name_forms import KNOWN_TOWN, NameForms
from .resolve import own_name
from .street_names import renamed_street
from .venues import placed_in_place

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: The longest street or building name read, in tokens.
MAX_BUILT_TOKENS = 8
#: "14th", "3rd", "No.", "N.": the first words of a street's or building's name.
_NUMBERED = re.compile(r"^(?:\d+(?:st|nd|rd|th)?|[A-Z]\.|No\.?)$")
#: A numbered road as British news writes it: "the A417", "the M25", "the A1(M)".
_UK_ROAD = re.compile(r"^[AMB]\d{1,4}(?:\(M\))?$")
#: "I-95"; "Interstate 95", "Highway 401", "Route 66" are a word and a number.
_US_ROAD = re.compile(r"^I-\d{1,3}$")


def head_key(tok: Token) -> str:
    """ "St." -> "st", "Centre" -> "centre": a head word as the word lists write it."""
    return tok.lower_.rstrip(".")


class BuiltNames(NameForms):
    """Recognition of street and building names in one sentence, and the kind of one."""

    def built_kind(self, span: Span) -> str | None:
        """ "street" or "building" when the name ends in (or, "Harwood Avenue West", just
        before a compass word ends in) a street's or building's word; else None."""
        words = self.words
        if _road_number(span):
            return "road"
        if self._before_streets(span) or self._on_block(span):
            return "street"
        if self._at_junction(span):
            return "road"
        if span.root.pos_ == "PROPN" and renamed_street(span.root, words):
            return "street"  # "the council renamed the avenue Jefferson"
        doc = span.doc
        if any(
            head_key(t) in words.built_words and t.i + 1 < span.end and doc[t.i + 1].lower_ == "of"
            for t in span
        ):
            return "building"  # "the University of Leeds"
        if span[0].ent_type_ in _OTHER_LABELS and placed_in_place(span, self.gaz):
            return "building"  # "at the Palais Rameau in Lyon": a venue in that town
        last = span[-1]
        if len(span) > 2 and last.lower_ in words.compass:
            last = span[-2]
        key = head_key(last)
        if not last.text[:1].isupper() or len(span) < 2:
            return None
        if key in words.street_words:
            return "street"
        if key in words.event_words:
            return "event"
        if key in words.area_words:
            return "area"
        if key in words.built_words:
            return "building"
        return None

    def _before_streets(self, span: Span) -> bool:
        """ "Bourbon and Dauphine streets", "at Grand and State streets": names listed
        before a street's word in the plural."""
        doc = span.doc
        i = span.end
        streets = self.words.street_words
        plural = self.words.street_plurals  # (a cheap test first: most names have no
        stop = min(len(doc), span.end + 8)  # street's word after them)
        if not any(doc[k].lower_ in plural for k in range(span.end, stop)):
            return False
        while i < len(doc) and i - span.end < 8:
            tok = doc[i]
            if tok.is_lower and tok.lower_.endswith("s") and tok.lower_[:-1] in streets:
                return i > span.end or len(span) == 1
            if not (tok.lower_ in ("and", ",", "&") or _name(tok)):
                return False
            i += 1
        return False

    def _at_junction(self, span: Span) -> bool:
        """ "the Air Balloon roundabout", "the Elm Grove junction": the name of a road
        junction, written before a junction's word (``junction_words``)."""
        doc = span.doc
        return span.end < len(doc) and doc[span.end].lower_ in self.words.junction_words

    def _on_block(self, span: Span) -> bool:
        """ "in the 500 block of Harwood": the name after "block of" is a street's."""
        doc = span.doc
        return (
            span.start >= 3
            and doc[span.start - 1].lower_ == "of"
            and doc[span.start - 2].lower_ in ("block", "-block")
            and (doc[span.start - 3].like_num or doc[span.start - 3].text.endswith("-"))
        )

    def _listed_streets(self, sent: Sentence, seen: set[int]) -> list[Span]:
        """The names of "Bourbon and Dauphine streets", each a street; "the 500 block of
        Harwood"; "the Air Balloon roundabout" (a road junction)."""
        doc = sent.span.doc
        out: list[Span] = []
        words = self.words
        plural, junctions = words.street_plurals, words.junction_words
        lowers = {tok.lower_ for tok in sent.span}
        if not (lowers & plural or lowers & junctions or lowers & {"block", "-block"}):
            return out  # (most sentences: one set test)
        if lowers & junctions or lowers & {"block", "-block"}:
            i, hi = sent.span.start, sent.span.end
            while i < hi:  # runs of capitalised words
                if i in seen or not _name(doc[i]) or doc[i].pos_ != "PROPN":
                    i += 1
                    continue
                j = i + 1
                while j < hi and j not in seen and _name(doc[j]) and doc[j].pos_ == "PROPN":
                    j += 1
                span = doc[i:j]
                if (self._at_junction(span) or self._on_block(span)) and self._built_here(span):
                    out.append(span)
                    seen.update(range(i, j))
                i = j
        if not lowers & plural:
            return out
        for tok in sent.span:
            if tok.i in seen or not _name(tok) or tok.pos_ != "PROPN":
                continue
            span = doc[tok.i : tok.i + 1]
            if self._before_streets(span):
                out.append(span)
                seen.add(tok.i)
        return out

    def _built_names(self, sent: Sentence, seen: set[int]) -> list[Span]:
        """Street and building names of the sentence not yet taken (see the module's text)."""
        doc = sent.span.doc
        lo, hi = sent.span.start, sent.span.end
        words = self.words
        heads = words.built_heads
        out: list[Span] = []
        for k in range(lo, hi):
            tok = doc[k]
            if k in seen or not tok.text[:1].isupper() or head_key(tok) not in heads:
                continue
            end = k + 1
            of_name = (  # "the University of Leeds", "the Museum of Flight"
                head_key(tok) in words.built_words
                and end + 1 < hi
                and doc[end].lower_ == "of"
                and _name(doc[end + 1])
                and doc[end + 1].pos_ == "PROPN"
                and not seen.intersection(range(end, end + 2))
            )
            if of_name:
                end += 2
                while end < hi and end - k < MAX_BUILT_TOKENS and _name(doc[end]) and (
                    doc[end].pos_ == "PROPN" and end not in seen
                ):  # fmt: skip
                    end += 1
            if (
                end < hi
                and head_key(tok) in words.street_words
                and doc[end].text[:1].isupper()
                and doc[end].lower_ in words.compass
            ):
                end += 1  # "Harwood Avenue West"
            if (
                not of_name
                and end < hi
                and doc[end].text[:1].isupper()
                and doc[end].pos_ == "PROPN"
                and doc[end].ent_type_ != "DATE"  # "on 14th St. Thursday"
            ):
                continue  # part of a longer name ("Elm Street Bank")
            start = k
            while start > lo and k - start < MAX_BUILT_TOKENS - 1:
                prev = doc[start - 1]
                if prev.i in seen:
                    break
                if prev.text in ("'s", "’s") and start - 2 >= lo and _name(doc[start - 2]):
                    start -= 2  # "Caesar's Palace", "the Magistrate's Court"
                    continue
                if _name(prev) or (_NUMBERED.match(prev.text) and start == k):
                    start -= 1
                    continue
                if _NUMBERED.match(prev.text) and _name(doc[start]):
                    start -= 1  # "No. 2 Detention Centre", "N. Bedford Drive"
                    continue
                break
            while start < k and (doc[start].lower_ == "the" or doc[start].is_sent_start
                                 and doc[start].pos_ not in ("PROPN", "NUM")):  # fmt: skip
                start += 1
            while start < k and doc[start].text in ("'s", "’s"):
                start += 1
            if start == k and not of_name:
                continue  # "the Street", "Hospital": a name comes before the head word
            span = doc[start:end]
            if (
                not of_name
                and head_key(tok) in words.built_words
                and all(t.lower_ in words.generic_built or not t.is_alpha for t in doc[start:k])
            ):
                continue  # "the Supreme Court", "a Catholic Church": no one building's name
            if seen.intersection(range(start, end)) or not self._built_here(span):
                continue
            out.append(span)
            seen.update(range(start, end))
        return out

    def _roads(self, sent: Sentence, seen: set[int]) -> list[Span]:
        """Numbered roads: "the A417", "the M25" in a sentence about roads (a road's word,
        "closed", "junction": ``road_context_words``; "the A380" is an aircraft elsewhere),
        "I-95", "Interstate 95", "Highway 401", "Route 66"."""
        doc = sent.span.doc
        words = self.words
        out: list[Span] = []
        about_roads: bool | None = None
        for tok in sent.span:
            first_char = tok.text[:1]
            if tok.i in seen or not (first_char.isupper() or first_char.isdigit()):
                continue
            span = None
            if _UK_ROAD.match(tok.text):
                if about_roads is None:
                    about_roads = any(t.lower_ in words.road_context for t in sent.span)
                first = tok
                while first.dep_ == "conj" and first.head.i < first.i:
                    first = first.head  # "via the B4012, A38 and M5"
                if about_roads and (
                    any(c.lower_ == "the" for c in first.children)
                    or (first.i > 0 and doc[first.i - 1].lower_ == "the")
                ):
                    span = doc[tok.i : tok.i + 1]
            elif _US_ROAD.match(tok.text):
                span = doc[tok.i : tok.i + 1]
            elif (
                tok.like_num
                and tok.i > sent.span.start
                and doc[tok.i - 1].lower_ in words.road_words
                and doc[tok.i - 1].text[:1].isupper()
                and doc[tok.i - 1].i not in seen
            ):
                span = doc[tok.i - 1 : tok.i + 1]  # "Highway 401"
            if span is not None:
                out.append(span)
                seen.update(t.i for t in span)
        return out

    def _built_here(self, span: Span) -> bool:
        """Not an organisation acting ("Riverside College said"), the agent after "by", nor a
        modifier of an actor ("Riverside College researchers")."""
        root = span.root
        if _acting_subject(root, self.words) or _due_to_act(root):
            return False
        if root.dep_ == "pobj" and root.head.lower_ == "by":
            return False
        if root.dep_ in _MODIFIER_DEPS and root.head.i >= span.end:
            head = root.head
            if not (  # only what stands there: "the Elm Street junction", not "Riverside
                # College researchers"
                self.words.is_located(head.lower_)
                or head.lower_ in self.words.street_words
                or head.lower_ in self.words.junction_words
                or head.lower_ in self.words.geo_heads
            ):
                return False
        return not self._is_org(span.text)

    def town_in_names(
        self,
        sentences: list[Sentence],
        country: str | None,
        skip: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
    ) -> tuple[Place, str] | None:
        """The town of ``KNOWN_TOWN`` people or more (in ``country`` if given) the article
        names most inside other names or as a modifier ("the Winnipeg police", "Leeds
        Rhinos fans"), with the name it stands in; a word of a person's name is none."""
        counts: dict[int, int] = {}
        towns: dict[int, tuple[Place, str]] = {}
        built_or_facility = self.words.built_words | self.words.facility_words
        for sent in sentences:
            i, hi = sent.span.start, sent.span.end
            while i < hi:
                tok = sent.span.doc[i]
                if not self._name_in_name(tok, skip, built_or_facility):
                    i += 1
                    continue
                n, p = next(
                    ((n, p) for n in (3, 2, 1) if i + n <= hi
                     and (p := self._town_named(sent.span.doc[i : i + n], country, skip,
                                                built_or_facility)) is not None),
                    (1, None),
                )  # fmt: skip  # "the New Orleans tramway company": New Orleans, not Orleans
                i += n
                if p is None or p.geonameid is None:
                    continue
                counts[p.geonameid] = counts.get(p.geonameid, 0) + 1
                if p.geonameid not in towns:
                    last = tok.doc[i - 1]
                    ent = (
                        tok.doc[tok.left_edge.i : last.head.i + 1]
                        if last.head.i > last.i
                        else tok.doc[tok.i : i]
                    )
                    towns[p.geonameid] = (
                        p,
                        ent.text if len(ent.text) < 60 else tok.doc[tok.i : i].text,
                    )
        if not counts:
            return None
        return towns[max(counts, key=lambda g: counts[g])]

    def _name_in_name(self, tok: Token, skip: set[tuple[int, int]], built: frozenset[str]) -> bool:
        """A word of a town's name inside another name or a modifier (``town_in_names``)."""
        return not (
            tok.pos_ != "PROPN"
            or not tok.text[:1].isupper()
            or tok.ent_type_ == "PERSON"
            or len(tok.text) < 3
            or not tok.is_alpha
            or (id(tok.doc), tok.i) in skip
            or tok.ent_type_ not in ("GPE", "LOC", "ORG", "FAC")
            or tok.text.isupper()  # "OAS": an acronym
            or head_key(tok) in built
            or (
                tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in self.words.division_words
            )  # "Orange County" is no town
        )

    def _town_named(self, words: Span, country: str | None, skip: set[tuple[int, int]],
                    built: frozenset[str]) -> Place | None:  # fmt: skip
        """The town of ``KNOWN_TOWN`` people or more (in ``country``) these words name."""
        if len(words) > 1 and not all(self._name_in_name(t, skip, built) for t in words):
            return None
        top = self.gaz.lookup(words.text)[:1]
        if not top:
            return None
        p = top[0]
        if (
            p.feature_class != "P"
            or p.geonameid is None
            or p.population < KNOWN_TOWN
            or (country is not None and p.country != country)
            or not own_name(p, words.text)
        ):
            return None
        return p


def _road_number(span: Span) -> bool:
    text = span.text
    return bool(
        _UK_ROAD.match(text)
        or _US_ROAD.match(text)
        or (len(span) == 2 and span[1].like_num and span[0].text[:1].isupper())
    )


def _due_to_act(tok: Token) -> bool:
    """ "The Harwood Crown Court is due to hear the case", "... is expected to rule": the
    subject of "be" and an adjective or participle with a verb after "to" is that verb's."""
    if tok.dep_ != "nsubj" or tok.head.lemma_ != "be":
        return False
    for child in tok.head.children:
        if child.dep_ in ("acomp", "xcomp", "attr") and any(
            c.dep_ == "xcomp" and c.pos_ == "VERB" for c in child.children
        ):
            return True
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            return True
    return False


def _name(tok: Token) -> bool:
    """A word of a street's or building's name: capitalised, not a sentence's punctuation."""
    return tok.text[:1].isupper() and (tok.is_alpha or tok.text.endswith(".") or "-" in tok.text)
