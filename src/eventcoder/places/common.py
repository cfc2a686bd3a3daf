"""Words, records and token helpers the parts of the places stage share."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import Sentence
from ..knowledge import Countries, Gazetteer, Place
from ..knowledge.gazetteer import big_feature, generic_name
from ..knowledge.words import PlaceWords
from ..nlp import Span
from ..records import Location, TextSpan
from .resolve import Cue

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: Population from which an object of a verb that the gazetteer knows is taken as a place.
BIG_PLACE = 100_000
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
_OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
#: Events whose target, when a place ("shelled Ajdabiya", "attacked the town of Baga"), is
#: where they happened; for others ("leave Iraq", "accused Baghdad") it is not.
PHYSICAL_EVENTS = frozenset({"ASSAULT", "COERCE"})


@dataclass
class DatelineParts:
    place: Place | None  # resolved with the cue after it only
    name: str
    cue: Cue | None  # the country or state written after the place
    region: str | None
    region_start: int | None
    span: TextSpan | None = None  # the dateline as written


@dataclass
class Mention:
    sentence: Sentence
    span: Span
    place: Place | None
    reason: str

    @property
    def head(self) -> Token:
        return self.span.root

    def location(self, why: str | None = None) -> Location:
        start = self.sentence.segment.start + self.span.start_char
        reason = f"{why}; {self.reason}" if why else self.reason
        return _location(self.span.text, start, self.place, reason)


_DATELINE = re.compile(
    r"^\s*(?P<place>[^,(–—-]+?)\s*(?:,\s*(?P<region>[A-Z][\w .'’-]*?))?\s*(?:\(|–|—|-|$)"
)


def _entity_at(doc: Doc, i: int) -> Span | None:
    """The entity of ``doc.ents`` that starts at token ``i``, read from the tokens' IOB tags
    (``doc.ents`` builds the document's whole entity list on each call: quadratic when asked
    once per mention of a long paragraph)."""
    if i >= len(doc) or doc[i].ent_iob_ != "B" or not doc[i].ent_type_:
        return None
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, i, end, label=doc[i].ent_type_, kb_id=doc[i].ent_kb_id_)


def _within_span(span: Span, ents: list[Span]) -> list[Span]:
    """``span.ents`` from the doc's entity list built once (``span.ents`` builds the doc's
    whole list on each call: quadratic on a long paragraph of many sentences)."""
    out = []
    for k in range(bisect.bisect_left(ents, span.start, key=lambda e: e.start), len(ents)):
        ent = ents[k]  # (no slice: copying the rest of the list is quadratic again)
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out


_POSSESSIVE = re.compile(r"['’]s?$")


def _inner_name(text: str, gaz: Gazetteer, words: PlaceWords) -> str | None:
    """The place inside a longer name the gazetteer does not know, where news style says the
    thing is in that place: a division written with its capitalised word ("Oaxaca State",
    "Miami-Dade County" is not one), a place named last ("Old Town Manassas", "British Embassy
    Tokyo"), a cathedral, airport or hall named after its town ("Manila Cathedral"), or a
    hospital, university or centre opened by a big place ("Leeds General Hospital") or by a
    place's possessive ("Leeds's Harwood Hospital"). Not a
    street, park or venue named after a person or another place ("Collins Avenue")."""
    names = text.split()
    if len(names) >= 2 and names[0].lower() in words.compass:
        # "Southern California", "West Texas", "Western US": a part of a state, province or
        # country the gazetteer has no entry for is placed in it ("North Africa", "Western
        # Europe", regions of their own, are in the project's table of features)
        rest = " ".join(names[1:])
        found = gaz.lookup(rest)[:1]
        if found and found[0].precision in ("country", "admin1") and rest[:1].isupper():
            return rest
        return None
    if len(names) == 1 and text[:1].isupper():
        # "Miami-Dade", "Cuyahoga": news drops "County" from a county no town is named after
        found = gaz.lookup(f"{text} County")
        if found and all(p.feature_code == "ADM2" and p.country == found[0].country
                         for p in found):  # fmt: skip
            return f"{text} County"
        return None
    if len(names) > 8:
        return None
    owner = _POSSESSIVE.sub("", names[0])
    if owner != names[0] and owner[:1].isupper() and gaz.lookup(owner):
        return owner  # "Leeds's Harwood Hospital": the building of that place
    last = names[-1].lower()
    big = False
    if last in words.inside_words or (last in words.division_words and len(names) == 2):
        candidates = [names[:-1], names[:1]]
    elif last in words.named_after_words:  # "Leeds General Hospital": a big place opens it
        candidates, big = [names[:i] for i in range(len(names) - 1, 0, -1)], True
    elif last in words.facility_words or last in words.venue_words:
        return None
    else:
        candidates = [names[i:] for i in range(1, len(names))]  # the place named last
        # "the University of Leeds" is in Leeds; "the Mall of Asia", "the University of St.
        # Thomas" name no place they stand in: after "of", only a big place or a division
        big = "of" in names[:-1]
    for part in candidates:
        name = " ".join(part)
        if (
            part
            and part[0][:1].isupper()
            and len(name) > 3
            and not generic_name(name, words.generic_names)
            and name.lower() not in words.facility_words
            and (found := gaz.lookup(name))
            and (not big or found[0].precision != "city" or found[0].population >= BIG_PLACE)
            and not (big and big_feature(found[0]))
        ):
            return name
    return None


def _split_at_commas(ents: tuple[Span, ...]) -> list[Span]:
    """ "Springfield, Ill." or "Dayton, Ohio" as one entity: two names."""
    out = []
    for ent in ents:
        if not any(t.text == "," for t in ent):
            out.append(ent)
            continue
        start = ent.start
        for t in [*ent, None]:
            if t is None or t.text == ",":
                end = t.i if t is not None else ent.end
                if end > start:
                    out.append(Span(ent.doc, start, end, label=ent.label_))
                start = end + 1
    return out


def _trim(ent: Span, words: PlaceWords) -> Span | None:
    """The name without a leading "the" or trailing lower-case words ("Sindh province" ->
    "Sindh", "the Pacific equatorial" -> "Pacific")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ == "the" or (
        doc[start].is_lower and doc[start].lower_ in words.compass and end - start > 1
    )):  # fmt: skip
        start += 1  # "the", "north west London"
    while end - 1 > start and (
        (doc[end - 1].is_lower and (doc[end - 1].lower_ in words.admin_words
                                    or doc[end - 1].is_alpha))
        or doc[end - 1].text in ("'s", "’s", "'", "’", "--", "-", "—")
    ):  # fmt: skip
        end -= 1  # "Sindh province", "New York’s", "the Pacific equatorial": a name ends
        # in a capitalised word
    return doc[start:end] if end > start else None


def _after_place_prep(tok: Token, words: PlaceWords) -> bool:
    """ "in Brussels", "in Washington and Brussels"."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in words.place_preps


def _division_word(span: Span, words: PlaceWords) -> str | None:
    """ "Sindh province", "Mason County", "the Diyala governorate": a word saying the name is
    a division (after it, or as its last word)."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in words.division_words:
        return doc[span.end].lower_
    last = span[-1].lower_
    return last if len(span) > 1 and last in words.division_words else None


def _acting_subject(tok: Token, words: PlaceWords) -> bool:
    """A name as the subject of an action ("Turkey recalled", "Russia and Cuba backed")
    stands for a government, not a place; through a verb taking another ("Peru began to look
    like", "Chile used to be") the other verb says whether it acts."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "nsubj" or tok.head.pos_ != "VERB":
        return False
    verb = tok.head
    if verb.lemma_ in words.catenative_verbs:
        verb = next((c for c in verb.children if c.dep_ == "xcomp"), verb)
    return verb.lemma_ not in words.still_verbs


def _local_country(span: Span, table: Countries, words: PlaceWords) -> tuple[str, str] | None:
    """ "the Iranian city of Qom" -> IRN; "Tripoli, Lebanon" -> LBN."""
    head = span.root
    holder = head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    noun = holder.head if holder is not None else None
    if noun is not None and noun.lower_ in words.place_nouns:
        for mod in noun.lefts:
            hit = table.get(mod.text)
            if hit is not None:
                return hit.code, f"'{mod.text} {noun.text}'"
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        hit = table.get(doc[span.end + 1].text)
        if hit is not None and hit.kind == "name":
            return hit.code, f"', {doc[span.end + 1].text}'"
    return None


def _location(text: str, start: int, p: Place | None, reason: str) -> Location:
    return Location(
        extracted_place=text,
        start=start,
        end=start + len(text),
        resolved_place=p.name if p else None,
        geonameid=p.geonameid if p else None,
        lat=p.lat if p else None,
        lon=p.lon if p else None,
        feature_class=p.feature_class if p else None,
        feature_code=p.feature_code if p else None,
        province=p.admin1 if p else None,
        country_code=p.country if p else None,
        precision=p.precision if p else None,  # type: ignore[arg-type]
        reason=reason,
    )
