"""Stage ``places``: every toponym in the article, and where each event happened.

Toponyms are spaCy's GPE/LOC/FAC entities, plus names it labels persons or organisations when
the gazetteer knows them and they stand where places stand ("in Valencia and Maracaibo", "the
capital Naypyitaw"), plus gazetteer names in locative phrases it missed. Not toponyms: a name
modifying an actor ("US troops", "Gaza's health ministry"; "the Gaza border" is a place), a
country acting as a government ("Turkey recalled its ambassadors"), organisation names from the
actor knowledge base (unless after "in": "officials in Brussels").

A name is resolved in context: a country word next to it ("the Iranian city of Qom", "Tripoli,
Lebanon"), else the countries the article names (names, demonyms, the dateline's country, places
found in one country only), else the dateline's country, else the best-ranked place of that
name (population, a place's own name before an alternate name); each choice has a ``reason``.

An event's place is a toponym in a locative phrase of its own clause ("met ... in his office in
the Iranian city of Qom"; no other verb in between), or the target of a physical event or of
a verb like "visit" ("shelled Ajdabiya", "visited Baghdad"), never one inside its actor's phrase nor the object of another kind of
event ("leave Iraq"); else a country-level place from "Iraqi cities"; else the dateline
("dateline fallback"); else none ("no place in text").
"""

from __future__ import annotations

import bisect
import re
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
#: Prepositions after which a name is a place even when the NER model calls it a person or an
#: organisation ("marched in Valencia", "fled to Maiduguri", "withdrew toward Erbil").
PLACE_PREPS = LOCATIVE | {"from", "to", "toward", "towards", "into", "via", "through", "outside"}
PLACE_NOUNS = frozenset({"city", "cities", "town", "towns", "village", "villages", "province",
                         "provinces", "region", "regions", "area", "areas", "capital", "country",
                         "district", "districts", "state", "territory", "streets", "street"})  # fmt: skip
#: Nouns a place name can modify and still be a place ("the Gaza border", "the Kirkuk oil
#: fields", "Sindh province"), unlike "US troops" or "Gaza's health ministry".
GEO_HEADS = PLACE_NOUNS | frozenset({
    "border", "borders", "frontier", "neighbourhood", "neighborhood", "neighbourhoods",
    "suburb", "suburbs", "outskirts", "fields", "field", "bridge", "bridges", "coast",
    "coastline", "governorate", "county", "camp", "strip", "valley", "port", "harbour",
    "square", "quarter", "countryside", "mountains", "river", "crossing", "crossings",
    "airport", "highway", "road", "desert", "province", "provinces", "municipality",
})  # fmt: skip
#: Lower-case words after a name that say which kind of place it is ("Sindh province").
ADMIN_WORDS = frozenset({"province", "state", "governorate", "region", "county", "district",
                         "prefecture", "oblast"})  # fmt: skip
#: Population from which an object of a verb that the gazetteer knows is taken as a place.
BIG_PLACE = 100_000
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
_OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
#: Events whose target, when a place ("shelled Ajdabiya", "attacked the town of Baga"), is
#: where they happened; for others ("leave Iraq", "accused Baghdad") it is not.
PHYSICAL_EVENTS = frozenset({"ASSAULT", "COERCE"})
#: Verbs whose object, when a place, is where the event happened, whatever its type.
PLACE_OBJECT_VERBS = frozenset({"visit", "tour", "enter", "invade", "occupy", "capture",
                                "seize", "storm", "besiege", "raid", "bomb", "shell"})  # fmt: skip


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

    def _looks_like_place(self, span: Span) -> bool:
        """A name the NER model labelled a person or organisation, taken as a place when the
        gazetteer knows it and it stands where places stand: after "in"/"to"/"from", beside
        another place ("Khartoum and Omdurman"), or with a place noun ("the capital Naypyitaw",
        "the Cotiza neighbourhood", "the town of Baga")."""
        if not self.gaz.lookup(span.text):
            return False
        root = span.root
        head = root.head
        if root.dep_ == "pobj" and head.lower_ in PLACE_PREPS:
            return True
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS:
            return True
        if root.dep_ in ("appos", "compound") and head.lower_ in GEO_HEADS:
            return True
        if root.dep_ == "conj":  # "in Valencia and Maracaibo"
            first = head
            return first.ent_type_ in ("GPE", "LOC") or (
                first.dep_ == "pobj" and first.head.lower_ in PLACE_PREPS
            )
        return root.ent_type_ != "PERSON" and self._big_place_object(root, span.text)

    def _big_place_object(self, tok: Token, text: str) -> bool:
        """ "shelled Misrata", "bombed Aleppo": a verb's object that is a country or a city of
        100,000 people or more (smaller places too often share a word or a person's name)."""
        if tok.dep_ != "dobj" or tok.head.pos_ != "VERB":
            return False
        found = self.gaz.lookup(text)
        return bool(found) and (found[0].precision == "country" or found[0].population >= BIG_PLACE)

    def _spans(self, sent: Sentence, ents: list[Span] | None = None) -> list[Span]:
        """Toponym spans of one sentence (see the module docstring for the rules)."""
        out: list[Span] = []
        seen: set[int] = set()
        for ent in sent.span.ents if ents is None else ents:
            span = _trim(ent)
            if span is None or ent.label_ not in ("GPE", "LOC", "FAC", *_OTHER_LABELS):
                continue
            if ent.label_ in _OTHER_LABELS and not self._looks_like_place(span):
                continue
            root = span.root
            if root.dep_ in _MODIFIER_DEPS and root.head.lower_ not in GEO_HEADS:
                continue  # "US troops", "Iran's Revolutionary Guard": an actor's country
            if _acting_subject(root):
                continue  # "Turkey recalled its ambassadors": an actor, not a place
            if (self._is_org(ent.text) or self._is_org(span.text)) and not (
                _after_place_prep(root) and self.gaz.lookup(span.text)
            ):
                continue  # "Brussels said" is the EU; "officials in Brussels" a place
            out.append(span)
            seen.update(t.i for t in ent)
        for tok in sent.span:  # names the model missed: in a locative phrase, or a big place
            if tok.i in seen or tok.pos_ != "PROPN" or tok.ent_type_ or self._is_org(tok.text):
                continue
            in_phrase = tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE
            if (in_phrase and self.gaz.lookup(tok.text)) or self._big_place_object(tok, tok.text):
                out.append(sent.span.doc[tok.i : tok.i + 1])
        return out

    def toponyms(self, doc: Document) -> list[Mention]:
        table = countries()
        context: Counter[str] = Counter()
        raw: list[tuple[Sentence, Span]] = []
        by_doc: dict[int, list[Span]] = {}  # Span.ents rebuilds all of a doc's entities
        for sent in doc.sentences:
            ents = by_doc.get(id(sent.span.doc))
            if ents is None:
                ents = by_doc[id(sent.span.doc)] = list(sent.span.doc.ents)
            spans = self._spans(sent, _within_span(sent.span, ents))
            raw.extend((sent, span) for span in spans)
            for tok in sent.span:  # countries the article names: context for ambiguous places
                if tok.text[:1].isupper():
                    hit = table.get(tok.text)
                    places = self.gaz.lookup(tok.text) if hit is not None else []
                    if hit is not None and (not places or places[0].precision == "country"):
                        context[hit.code] += 1  # not "Tripoli": a city name is no country cue
            for span in spans:  # a name found in one country only tells the article's country
                found = self.gaz.lookup(span.text)
                one_country = found and len({p.country for p in found}) == 1
                if one_country and found[0].precision != "country" and found[0].country:
                    context[found[0].country] += 1
        dateline_country = None
        dateline = self.dateline_parts(doc)
        if dateline is not None:
            place, _, local = dateline
            dateline_country = place.country if place is not None else local
            if dateline_country:
                context[dateline_country] += 1
        return [
            Mention(sent, span, *self.resolve(span.text, context, dateline_country,
                                              _local_country(span), _admin_word(span)))
            for sent, span in raw
        ]  # fmt: skip

    # ------------------------------------------------------------------ resolution
    def resolve(
        self,
        text: str,
        context: Counter[str],
        dateline_country: str | None,
        local: tuple[str, str] | None = None,
        admin_word: str | None = None,
    ) -> tuple[Place | None, str]:
        """The place a name stands for, in this order: a country it is; a country word next
        to it ("the Iranian city of Qom", "Tripoli, Lebanon"); the countries the article names
        (by how often); the dateline's country; the most populous place of that name."""
        found = self.gaz.lookup(text)
        if not found:
            return None, f"'{text}' is not in the gazetteer"
        if found[0].precision == "country" and norm(found[0].name) == norm(text):
            return found[0], "a country"
        if (
            context
            and not any(self.gaz.is_own_name(p, text) for p in found)
            and not any(context.get(p.country or "") for p in found)
            and (local is None or all(p.country != local[0] for p in found))
        ):
            return None, (
                f"'{text}' is only another name of places outside the article's countries "
                f"({', '.join(sorted({p.country or '?' for p in found}))})"
            )
        if len(found) == 1:
            return found[0], "the only place of that name"
        if len({p.country for p in found}) == 1:
            return self._kind(found[0], found, admin_word), (
                f"every place of that name is in {found[0].country}"
            )
        best, why = found[0], f"the most populous of {len(found)} places named '{text}'"
        if local:
            near = [p for p in found if p.country == local[0]]
            if near:
                best, why = near[0], f"{local[1]} next to it"
                return self._kind(best, found, admin_word), why
        named = [p for p in found if context.get(p.country or "")]
        if named:
            best = max(named, key=lambda p: context[p.country or ""])
            why = f"{best.country} is named in the article"
        elif dateline_country and any(p.country == dateline_country for p in found):
            best = next(p for p in found if p.country == dateline_country)
            why = "in the dateline's country"
        return self._kind(best, found, admin_word), why

    @staticmethod
    def _kind(best: Place, found: list[Place], admin_word: str | None) -> Place:
        """A city and a province of one name in one country: the province only when the text
        says "province" (or "state", "governorate" ...)."""
        same = [p for p in found if p.country == best.country and p.precision != "country"]
        if admin_word:
            admin = [p for p in same if p.feature_class == "A"]
            return admin[0] if admin else best
        if best.feature_class == "A" and best.precision != "country":
            towns = [p for p in same if p.feature_class == "P"]
            return towns[0] if towns else best
        return best

    # ------------------------------------------------------------------ dateline
    def dateline_parts(self, doc: Document) -> tuple[Place | None, str, str | None] | None:
        """(resolved place, place text, country code written after it) of the dateline."""
        if not doc.dateline_place or doc.dateline is None:
            return None
        table = countries()
        m = _DATELINE.match(doc.dateline.text)
        local = None
        if m and m.group("region"):
            hit = table.get(m.group("region").strip())
            if hit is not None:
                local = hit.code
        found = self.gaz.lookup(doc.dateline_place)
        place = None
        if local:
            place = next((p for p in found if p.country == local), None)
        return (place or (found[0] if found else None)), doc.dateline_place, local

    def _dateline(self, doc: Document, context: Counter[str]) -> list[Location]:
        """The dateline's place (resolved with the country written after it, else the
        article's countries) and that country as a place of its own."""
        parts = self.dateline_parts(doc)
        if parts is None or doc.dateline is None:
            return []
        _, name, local = parts
        start = doc.dateline.start + doc.dateline.text.find(doc.dateline.text.strip()[:1])
        surface = doc.dateline.text[start - doc.dateline.start :][: len(name)]
        found = self.gaz.lookup(name)
        if local:
            place = next((p for p in found if p.country == local), None)
            why = (
                f"'{name}, {self.gaz.countries[local].name}'"
                if place and local in self.gaz.countries
                else ""
            )
            if place is None:
                place, why = self.resolve(name, context, None)
        else:
            place, why = self.resolve(name, context, None)
        out = [_location(surface, start, place, f"dateline ({why})" if why else "dateline")]
        m = _DATELINE.match(doc.dateline.text)
        if m and m.group("region") and local:
            region = m.group("region").strip()
            country = self.gaz.countries.get(local)
            r_start = doc.dateline.start + m.start("region")
            out.append(_location(region, r_start, country, "dateline: the country after the place"))
        return out

    # ------------------------------------------------------------------ event location
    def __call__(self, doc: Document) -> Document:
        mentions = self.toponyms(doc)
        context: Counter[str] = Counter(
            m.place.country for m in mentions if m.place and m.place.country
        )
        places = [m.location() for m in mentions]
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence.index, []).append(m)
        dateline_locs = self._dateline(doc, context)
        dateline = None
        if dateline_locs:
            dateline = dateline_locs[0].model_copy(update={"reason": "dateline fallback"})
        covered = {(p.start, p.end) for p in places}
        places.extend(loc for loc in dateline_locs if (loc.start, loc.end) not in covered)
        doc.places = sorted(places, key=lambda p: p.start if p.start is not None else -1)
        for cand in doc.candidates:
            cand.event_loc = self.event_place(cand, by_sentence.get(cand.sentence.index, []))
            if cand.event_loc is None and dateline is not None:
                cand.event_loc = dateline
            if cand.event_loc is None:
                cand.reasons["event_loc"] = "no place in text"
        return doc

    def event_place(self, cand: Candidate, mentions: list[Mention]) -> Location | None:
        trigger = cand.trigger
        physical = cand.event in PHYSICAL_EVENTS or trigger.lemma_ in PLACE_OBJECT_VERBS
        in_actor = {t.i for a in cand.actor_args for t in a.tokens}
        in_recipient = {t.i for a in cand.recipient_args for t in a.tokens}
        in_args = in_actor | in_recipient
        objects = {c.i for c in trigger.children if c.dep_ == "dobj"}
        best: tuple[int, Mention, str] | None = None
        for m in mentions:
            tokens = {t.i for t in m.span}
            if tokens & in_actor or (tokens & in_recipient and not physical):
                continue
            if m.head.i in objects and not physical:
                continue  # "leave Iraq": what the event is about, not where it happened
            # any of the event's trigger words may carry the place: "were killed when police
            # opened fire ... in Mangaluru" is one attack told by two verbs
            prep = next(
                (p for t in cand.triggers if (p := _locative_path(m.head, t, physical))), None
            )
            if (
                prep is None
                and trigger.pos_ in ("NOUN", "PROPN")
                and trigger.dep_ in ("nsubj", "nsubjpass", "dobj")
            ):  # "Clashes erupted in Tripoli": the noun's verb carries the place
                prep = _locative_path(m.head, trigger.head, physical)
            if prep is None:
                continue
            p = m.place
            rank = 0 if p is None else {"city": 3, "admin1": 2, "region": 2}.get(p.precision, 1)
            if best is None or rank > best[0]:
                best = (rank, m, prep)
        if best is not None:
            prep, text = best[2], best[1].span.text
            where = (
                f"'{text}', what '{trigger.text}' is aimed at"
                if prep == "object"
                else f"'{prep} {text}'"
            )
            return best[1].location(f"from {where} in the event sentence")
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
_DATELINE = re.compile(
    r"^\s*(?P<place>[^,(–—-]+?)\s*(?:,\s*(?P<region>[A-Z][\w .'’-]*?))?\s*(?:\(|–|—|-|$)"
)
_STILL = frozenset({"be", "lie", "border", "remain", "sit", "stand"})


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


def _trim(ent: Span) -> Span | None:
    """The name without a leading "the" or a trailing lower-case place word ("Sindh
    province" -> "Sindh")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ == "the":
        start += 1
    while end - 1 > start and doc[end - 1].is_lower and doc[end - 1].lower_ in ADMIN_WORDS:
        end -= 1
    return doc[start:end] if end > start else None


def _after_place_prep(tok: Token) -> bool:
    """ "in Brussels", "in Washington and Brussels"."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS


def _admin_word(span: Span) -> str | None:
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ADMIN_WORDS:
        return doc[span.end].lower_
    return None


def _acting_subject(tok: Token) -> bool:
    """A name as the subject of an action ("Turkey recalled", "Russia and Cuba backed")
    stands for a government, not a place."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.head.lemma_ not in _STILL


def _local_country(span: Span) -> tuple[str, str] | None:
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


def _locative_path(tok: Token, trigger: Token, physical: bool = False) -> str | None:
    """The locative preposition through which ``tok`` hangs under the trigger, if it does
    ("object" when it is, or lies in, the target of a physical event).

    Every preposition on the way up must be locative (or "of"/"with", which only extend a
    phrase), and no other verb may stand between: "met ... in his office in the city of Qom"
    places the meeting; "Following a meeting ... in Iran, X called" does not place the call,
    nor does "as the US opened its embassy in Jerusalem" place a shooting."""
    found = None
    cur = tok
    for _ in range(12):
        if cur.i == trigger.i:
            return found
        if cur.dep_ == "prep":
            if cur.lower_ in LOCATIVE:
                found = found or cur.text
            elif cur.lower_ not in _PASS_THROUGH:
                return None
        elif cur.dep_ == "dobj" and cur.head.i == trigger.i and physical:
            found = found or "object"
        elif cur.i != tok.i and cur.pos_ in ("VERB", "AUX"):
            return None
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None
