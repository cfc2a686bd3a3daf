"""Stage ``places``: every toponym in the article, and where each event happened.

Toponyms are spaCy's GPE/LOC/FAC entities (minus organisation names from the actor knowledge
base) and gazetteer names in locative phrases the model missed. A name is resolved in context:
a country word next to it ("the Iranian city of Qom", "Tripoli, Lebanon"), else the countries the
article names, else the dateline's country, else the most populous place of that name; each
choice has a ``reason``. An event's place is a toponym in a locative phrase of its own clause
("met ... in his office in the Iranian city of Qom"), never one inside its actor or recipient
phrases nor its object ("leave Iraq"); else a country-level place from "Iraqi cities"; else the
dateline ("dateline fallback"); else none ("no place in text").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..actors.tables import countries, norm
from ..document import Candidate, Document, Sentence
from ..pipeline import register_stage
from ..records import Location
from .gazetteer import Gazetteer, Place, gazetteer

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = ["Geolocate", "Gazetteer", "Place", "gazetteer"]

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around",
                      "within", "on", "between", "along", "off"})  # fmt: skip
PLACE_NOUNS = frozenset({"city", "cities", "town", "towns", "village", "villages", "province",
                         "provinces", "region", "regions", "area", "areas", "capital", "country",
                         "district", "districts", "state", "territory", "streets", "street"})  # fmt: skip


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
        p = self.place
        return Location(
            extracted_place=self.span.text,
            start=start,
            end=start + len(self.span.text),
            resolved_place=p.name if p else None,
            geonameid=p.geonameid if p else None,
            lat=p.lat if p else None,
            lon=p.lon if p else None,
            feature_class=p.feature_class if p else None,
            feature_code=p.feature_code if p else None,
            province=p.admin1 if p else None,
            country_code=p.country if p else None,
            precision=p.precision if p else None,  # type: ignore[arg-type]
            reason=f"{why}; {self.reason}" if why else self.reason,
        )


@register_stage("places")
class Geolocate:
    name = "places"

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self._gaz = gaz

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer()
        return self._gaz

    # ------------------------------------------------------------------ recognition
    def _is_org(self, text: str) -> bool:
        from ..actors import _default_coder

        entry = _default_coder().kb.index.get(text)
        return entry is not None and entry.kind != "person"

    def toponyms(self, doc: Document) -> list[Mention]:
        table = countries()
        context: Counter[str] = Counter()
        raw: list[tuple[Sentence, Span]] = []
        for sent in doc.sentences:
            seen: set[int] = set()
            for ent in sent.span.ents:
                modifier = ent.root.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss")
                if (
                    ent.label_ in ("GPE", "LOC", "FAC")
                    and not modifier  # "US troops", "Iran's Revolutionary Guard": an actor's country
                    and not self._is_org(ent.text)
                ):
                    raw.append((sent, ent))
                    seen.update(t.i for t in ent)
            for tok in sent.span:  # countries the article names: context for ambiguous places
                if tok.text[:1].isupper():
                    hit = table.get(tok.text)
                    places = self.gaz.lookup(tok.text) if hit is not None else []
                    if hit is not None and (not places or places[0].precision == "country"):
                        context[hit.code] += 1  # not "Tripoli": a city name is no country cue
            for tok in sent.span:  # names the model missed, in a locative phrase
                if (
                    tok.i not in seen
                    and tok.pos_ == "PROPN"
                    and tok.dep_ == "pobj"
                    and tok.head.lower_ in LOCATIVE
                    and not tok.ent_type_
                    and self.gaz.lookup(tok.text)
                ):
                    raw.append((sent, sent.span.doc[tok.i : tok.i + 1]))
        dateline_country = None
        if doc.dateline_place:
            found = self.gaz.lookup(doc.dateline_place)
            if found:
                dateline_country = found[0].country
        return [
            Mention(sent, span, *self.resolve(span, context, dateline_country))
            for sent, span in raw
        ]

    # ------------------------------------------------------------------ resolution
    def resolve(
        self, span: Span, context: Counter[str], dateline_country: str | None
    ) -> tuple[Place | None, str]:
        found = self.gaz.lookup(span.text)
        if not found:
            return None, f"'{span.text}' is not in the gazetteer"
        if len(found) == 1:
            return found[0], "the only place of that name"
        if found[0].precision == "country" and norm(found[0].name) == norm(span.text):
            return found[0], "a country"
        local = self._local_country(span)
        if local:
            near = [p for p in found if p.country == local[0]]
            if near:
                return near[0], f"{local[1]} next to it"
        named = [p for p in found if context.get(p.country or "")]
        if named:
            best = max(named, key=lambda p: (context[p.country or ""], p.population))
            return best, f"{best.country} is named in the article"
        if dateline_country:
            near = [p for p in found if p.country == dateline_country]
            if near:
                return near[0], "in the dateline's country"
        return found[0], f"the most populous of {len(found)} places named '{span.text}'"

    def _local_country(self, span: Span) -> tuple[str, str] | None:
        """ "the Iranian city of Qom" -> IRN; "Tripoli, Lebanon" -> LBN."""
        table = countries()
        head = span.root
        holder = head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
        noun = holder.head if holder is not None else None
        if noun is not None and noun.lower_ in PLACE_NOUNS:
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

    # ------------------------------------------------------------------ event location
    def __call__(self, doc: Document) -> Document:
        mentions = self.toponyms(doc)
        doc.places = [m.location() for m in mentions]
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence.index, []).append(m)
        dateline = self._dateline(doc)
        if dateline is not None:
            doc.places.insert(0, dateline.model_copy(update={"reason": "dateline"}))
        for cand in doc.candidates:
            cand.event_loc = self.event_place(cand, by_sentence.get(cand.sentence.index, []))
            if cand.event_loc is None and dateline is not None:
                cand.event_loc = dateline
            if cand.event_loc is None:
                cand.reasons["event_loc"] = "no place in text"
        return doc

    def _dateline(self, doc: Document) -> Location | None:
        if not doc.dateline_place or doc.dateline is None:
            return None
        found = self.gaz.lookup(doc.dateline_place)
        p = found[0] if found else None
        return Location(
            extracted_place=doc.dateline_place,
            start=doc.dateline.start,
            end=doc.dateline.start + len(doc.dateline_place),
            resolved_place=p.name if p else None,
            geonameid=p.geonameid if p else None,
            lat=p.lat if p else None,
            lon=p.lon if p else None,
            feature_class=p.feature_class if p else None,
            feature_code=p.feature_code if p else None,
            province=p.admin1 if p else None,
            country_code=p.country if p else None,
            precision=p.precision if p else None,  # type: ignore[arg-type]
            reason="dateline fallback",
        )

    def event_place(self, cand: Candidate, mentions: list[Mention]) -> Location | None:
        trigger = cand.trigger
        in_args = {t.i for a in cand.actor_args + cand.recipient_args for t in a.tokens}
        objects = {c.i for c in trigger.children if c.dep_ == "dobj"}
        best: tuple[int, Mention, str] | None = None
        for m in mentions:
            if m.head.i in in_args or any(t.i in in_args for t in m.span):
                continue
            if m.head.i in objects:
                continue  # "leave Iraq": what the event is about, not where it happened
            prep = _locative_path(m.head, trigger)
            if (
                prep is None
                and trigger.pos_ in ("NOUN", "PROPN")
                and trigger.dep_
                in (
                    "nsubj",
                    "nsubjpass",
                    "dobj",
                )
            ):  # "Clashes erupted in Tripoli": the noun's verb carries the place
                prep = _locative_path(m.head, trigger.head)
            if prep is None:
                continue
            rank = 2 if m.place is not None and m.place.precision == "city" else 1
            if best is None or rank > best[0]:
                best = (rank, m, prep)
        if best is not None:
            return best[1].location(f"from '{best[2]} {best[1].span.text}' in the event's clause")
        return self._demonym_place(cand, in_args)

    def _demonym_place(self, cand: Candidate, in_args: set[int]) -> Location | None:
        """ "in many southern and central Iraqi cities" -> Iraq, at country precision."""
        table = countries()
        for tok in cand.trigger.subtree:
            if tok.i in in_args or tok.lower_ not in PLACE_NOUNS or tok.dep_ != "pobj":
                continue
            if tok.head.lower_ not in LOCATIVE:
                continue
            for mod in tok.lefts:
                hit = table.get(mod.text)
                if hit is not None and hit.code in self.gaz.countries:
                    p = self.gaz.countries[hit.code]
                    span = cand.sentence.text_span(mod, tok)
                    return Location(
                        extracted_place=span.text, start=span.start, end=span.end,
                        resolved_place=p.name, geonameid=p.geonameid, lat=p.lat, lon=p.lon,
                        feature_class=p.feature_class, feature_code=p.feature_code,
                        country_code=p.country, precision="country",
                        reason=f"'{tok.head.text} ... {mod.text} {tok.text}': places in {p.name}, "
                        "no one place named",
                    )  # fmt: skip
        return None


_PASS_THROUGH = frozenset({"of", "with"})


def _locative_path(tok: Token, trigger: Token) -> str | None:
    """The locative preposition through which ``tok`` hangs under the trigger, if it does.

    Every preposition on the way up must be locative (or "of"/"with", which only extend a
    phrase): "met ... in his office in the city of Qom" places the meeting; "Following a
    meeting ... in Iran, X called" does not place the call."""
    found = None
    cur = tok
    for _ in range(12):
        if cur.dep_ == "prep":
            if cur.lower_ in LOCATIVE:
                found = found or cur.text
            elif cur.lower_ not in _PASS_THROUGH:
                return None
        if cur.i == trigger.i:
            return found
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None
