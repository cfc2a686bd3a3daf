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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span

from ..actors.tables import countries, norm
from ..document import Candidate, Document, Sentence
from ..pipeline import register_stage
from ..records import Location
from .conventions import COMPASS, DIVISION_WORDS, Division, abbreviation_spans, abbreviations
from .gazetteer import Gazetteer, Place, gazetteer, generic_name
from .resolve import MAX_ANCHORS, MAX_CANDIDATES, Choice, Context, Cue, choose

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["Geolocate", "Gazetteer", "Place", "gazetteer"]

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around",
                      "within", "on", "between", "along", "off", "through"})  # fmt: skip
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
class DatelineParts:
    place: Place | None  # resolved with the cue after it only
    name: str
    cue: Cue | None  # the country or state written after the place
    region: str | None
    region_start: int | None


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

    def _plausible(self, span: Span, label: str) -> bool:
        """A one-word name the gazetteer does not know ("Nollywood", a misread first name) is
        kept only where places stand: after a place preposition, beside another place
        ("Harwinton, Conn."), or before a place word ("the Ghouta region")."""
        if len(span) > 1 or label == "FAC" or self.gaz.lookup(span.text):
            return True
        root = span.root
        if _after_place_prep(root):
            return True
        doc = span.doc
        if span.end + 1 < len(doc) and doc[span.end].text == ",":
            return doc[span.end + 1].ent_type_ in ("GPE", "LOC") or bool(
                abbreviations().pattern.match(doc[span.end + 1 :].text[:8])
            )
        return span.end < len(doc) and doc[span.end].lower_ in GEO_HEADS

    def _big_place_object(self, tok: Token, text: str) -> bool:
        """ "shelled Misrata", "bombed Aleppo": a verb's object that is a country or a city of
        100,000 people or more (smaller places too often share a word or a person's name)."""
        if tok.dep_ != "dobj" or tok.head.pos_ != "VERB":
            return False
        found = self.gaz.lookup(text)
        return bool(found) and (found[0].precision == "country" or found[0].population >= BIG_PLACE)

    def _spans(
        self,
        sent: Sentence,
        skipped: list[tuple[Span, str, int]] | None = None,
        ents: list[Span] | None = None,
    ) -> list[Span]:
        """Toponym spans of one sentence (see the module docstring for the rules); names
        that are no place here ("Ohio voters", "Turkey recalled") go to ``skipped``."""
        out: list[Span] = []
        seen: set[int] = set()
        doc = sent.span.doc
        for s, e, _ in abbreviation_spans(sent.span.text):  # "Springfield, Ill.", "in W.Va."
            span = doc.char_span(sent.span.start_char + s, sent.span.start_char + e,
                                 alignment_mode="expand")  # fmt: skip
            if span is not None and not seen.intersection(t.i for t in span):
                out.append(span)
                seen.update(t.i for t in span)
        for ent in _split_at_commas(sent.span.ents if ents is None else ents):
            span = _trim(ent)
            if span is None or ent.label_ not in ("GPE", "LOC", "FAC", *_OTHER_LABELS):
                continue
            if seen.intersection(t.i for t in span):
                continue
            if ent.label_ in _OTHER_LABELS and not self._looks_like_place(span):
                continue
            root = span.root
            if root.dep_ in _MODIFIER_DEPS and root.head.lower_ not in GEO_HEADS:
                if skipped is not None and ent.label_ == "GPE":  # it tells the article's area
                    skipped.append((span, f"modifies '{root.head.text}'", sent.segment.start))
                continue  # "US troops", "Iran's Revolutionary Guard": an actor's country
            if _acting_subject(root):
                if skipped is not None and ent.label_ == "GPE":
                    skipped.append((span, f"acts as subject of '{root.head.text}'",
                                    sent.segment.start))  # fmt: skip
                continue  # "Turkey recalled its ambassadors": an actor, not a place
            if (self._is_org(ent.text) or self._is_org(span.text)) and not (
                _after_place_prep(root) and self.gaz.lookup(span.text)
            ):
                continue  # "Brussels said" is the EU; "officials in Brussels" a place
            if not self._plausible(span, ent.label_):
                continue
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
        """Every toponym of the article, resolved together (see ``resolve``)."""
        table = countries()
        ctx = Context()
        raw: list[tuple[Sentence, Span, Cue | None, str | None]] = []

        skipped: list[tuple[Span, str, int]] = []
        by_doc: dict[int, list[Span]] = {}  # Span.ents rebuilds all of a doc's entities
        for sent in doc.sentences:
            ents = by_doc.get(id(sent.span.doc))
            if ents is None:
                ents = by_doc[id(sent.span.doc)] = list(sent.span.doc.ents)
            spans = self._spans(sent, skipped, _within_span(sent.span, ents))
            for span in spans:
                div = abbreviations().division(span.text)
                if div is not None:
                    ctx.admin1s[(div.country, norm(div.name))] += 1
                    ctx.countries[div.country] += 1
                cue = self._cue(span)
                raw.append((sent, span, cue, _division_word(span)))
                if cue is not None:
                    ctx.countries[cue.country] += 1
                    if cue.admin1:
                        ctx.admin1s[(cue.country, norm(cue.admin1))] += 1
            for tok in sent.span:  # countries the article names: context for ambiguous places
                if tok.text[:1].isupper():
                    hit = table.get(tok.text)
                    places = self.gaz.lookup(tok.text) if hit is not None else []
                    if hit is not None and (not places or places[0].precision == "country"):
                        ctx.countries[hit.code] += 1  # not "Tripoli": a city name is no cue
            for span in spans:  # a name found in one country only tells the article's country
                found = self.gaz.lookup(span.text)[:MAX_CANDIDATES]
                one_country = found and len({p.country for p in found}) == 1
                if one_country and found[0].precision != "country" and found[0].country:
                    ctx.countries[found[0].country] += 1
                if found and found[0].precision == "admin1" and found[0].country:
                    ctx.admin1s[(found[0].country, norm(found[0].name))] += 1  # "Illinois"
        doc.user_data["places_excluded"] = [  # for evaluation: names left out on purpose
            (base + span.start_char, base + span.end_char, span.text, why)
            for span, why, base in skipped
        ]
        for span, _, _ in skipped:  # "Wicomico County officials": the article is in Maryland
            found = self.gaz.lookup(span.text)[:MAX_CANDIDATES]
            areas = {(p.country, p.admin1) for p in found}
            if len(areas) == 1 and found[0].country:
                ctx.countries[found[0].country] += 1
                if found[0].admin1 and found[0].precision != "country":
                    ctx.admin1s[(found[0].country, norm(found[0].admin1))] += 1
        dateline = self.dateline_parts(doc)
        if dateline is not None:
            local = dateline.cue.country if dateline.cue else None
            ctx.dateline = dateline.place
            ctx.dateline_country = dateline.place.country if dateline.place else local
            if dateline.cue and dateline.cue.admin1:
                ctx.admin1s[(dateline.cue.country, norm(dateline.cue.admin1))] += 1
            if ctx.dateline_country:
                ctx.countries[ctx.dateline_country] += 1
        # one sense per article: a cue beside one mention of a name holds for all of them
        cues: dict[str, Cue] = {}
        for _, span, cue, _ in raw:
            if cue is not None:
                cues.setdefault(norm(span.text), cue)
        memo: dict[tuple, Choice] = {}

        def pick(text: str, cue: Cue | None, word: str | None, near: bool) -> Choice:
            div = abbreviations().division(text, postal_ok=text.isupper() and len(text) <= 3)
            if div is not None:
                return self._division(text, div)
            cue = cue or cues.get(norm(text))
            key = (norm(text), cue.why if cue else None, word, near)
            if key not in memo:
                c = choose(self.gaz, text, ctx, cue, word, near)
                inner = _inner_name(text, self.gaz) if c.place is None else None
                if inner is not None:  # "Manila Cathedral", "Old Town Manassas", "Oaxaca State"
                    c = choose(self.gaz, inner, ctx, cue, word, near)
                    if c.place is not None:
                        c.reason = f"'{inner}' in '{text}' ({c.reason})"
                memo[key] = c
            return memo[key]

        first = [pick(span.text, cue, word, False) for _, span, cue, word in raw]
        for (_, _, cue, _), c in zip(raw, first, strict=True):
            p = c.place
            if p is None or p.precision in ("country", "admin1") or len(ctx.anchors) >= MAX_ANCHORS:
                continue
            if c.margin >= 2.0 or cue is not None:
                ctx.anchors.append(p)
                if p.country and p.admin1:  # the state a confidently placed town lies in
                    ctx.admin1s[(p.country, norm(p.admin1))] += 1
        out = []
        for (sent, span, cue, word), c in zip(raw, first, strict=True):
            if c.margin < 3.0 and ctx.anchors:  # ambiguous: let the article's places decide
                c = pick(span.text, cue, word, True)
            out.append(Mention(sent, span, c.place, c.reason))
        return out

    def _division(self, text: str, div: Division) -> Choice:
        """ "Ill.", "W.Va.", "TX": the state or province the abbreviation stands for."""
        found = [p for p in self.gaz.lookup(div.name) if p.country == div.country]
        best = next((p for p in found if p.precision == "admin1"), found[0] if found else None)
        if best is None:
            return Choice(None, f"'{text}' stands for {div.name}, not in the gazetteer")
        return Choice(best, f"'{text}' is the news abbreviation of {div.name}", 99.0)

    def _cue(self, span: Span) -> Cue | None:
        """A place written beside the name: "Springfield, Ill.", "Tripoli, Lebanon",
        "Dayton, Ohio", "the Iranian city of Qom"."""
        local = _local_country(span)
        if local is not None:
            return Cue(local[0], None, local[1])
        doc = span.doc
        if span.end + 1 >= len(doc) or doc[span.end].text != ",":
            return None
        after = doc[span.end + 1 :].text[:40]
        m = abbreviations().pattern.match(after)
        if m:
            div = abbreviations().division(m.group(1))
            if div is not None:
                return Cue(div.country, div.name, f"'{span.text}, {m.group(1)}'")
        word = after.split(",")[0].split(" ")[0]
        if word.isupper() and len(word) in (2, 3):
            div = abbreviations().division(word, postal_ok=True)
            if div is not None:
                return Cue(div.country, div.name, f"'{span.text}, {word}'")
        ent = next((e for e in doc.ents if e.start == span.end + 1), None)
        if ent is not None:
            found = self.gaz.lookup(ent.text)
            if found and found[0].precision == "admin1" and found[0].country:
                return Cue(found[0].country, found[0].name, f"'{span.text}, {ent.text}'")
        return None

    # ------------------------------------------------------------------ dateline
    def dateline_parts(self, doc: Document) -> DatelineParts | None:
        """The dateline's place name, what is written after it (a country, a state or its
        abbreviation: "SPRINGFIELD, Ill. —"), and the place resolved with that cue only."""
        if not doc.dateline_place or doc.dateline is None:
            return None
        m = _DATELINE.match(doc.dateline.text)
        region = m.group("region").strip() if m and m.group("region") else None
        cue = self._region_cue(doc.dateline_place, region) if region else None
        found = self.gaz.lookup(doc.dateline_place)
        place = None
        if cue is not None:
            place = choose(self.gaz, doc.dateline_place, Context(), cue, found=found).place
        place = place or (found[0] if found else None)
        r_start = doc.dateline.start + m.start("region") if m and region else None
        return DatelineParts(place, doc.dateline_place, cue, region, r_start)

    def _region_cue(self, name: str, region: str) -> Cue | None:
        hit = countries().get(region)
        if hit is not None and hit.kind == "name":
            return Cue(hit.code, None, f"'{name}, {region}'")
        div = abbreviations().division(region, postal_ok=region.isupper() and len(region) <= 3)
        if div is not None:
            return Cue(div.country, div.name, f"'{name}, {region}'")
        found = self.gaz.lookup(region)
        if found and found[0].precision == "admin1" and found[0].country:
            return Cue(found[0].country, found[0].name, f"'{name}, {region}'")
        return None

    def _dateline(self, doc: Document, ctx: Context) -> list[Location]:
        """The dateline's place (resolved with what is written after it and the article's
        geography) and that country or state as a place of its own."""
        parts = self.dateline_parts(doc)
        if parts is None or doc.dateline is None:
            return []
        name = parts.name
        start = doc.dateline.start + doc.dateline.text.find(doc.dateline.text.strip()[:1])
        surface = doc.dateline.text[start - doc.dateline.start :][: len(name)]
        c = choose(self.gaz, name, ctx, parts.cue, near=bool(ctx.anchors))
        out = [_location(surface, start, c.place, f"dateline ({c.reason})")]
        if parts.cue is not None and parts.region and parts.region_start is not None:
            cue = parts.cue
            region = self.gaz.countries.get(cue.country) if cue.admin1 is None else next(
                (p for p in self.gaz.lookup(cue.admin1)
                 if p.country == cue.country and p.precision in ("admin1", "country")), None,
            )  # fmt: skip
            what = "country" if cue.admin1 is None else "state or province"
            out.append(_location(parts.region, parts.region_start, region,
                                 f"dateline: the {what} after the place"))  # fmt: skip
        return out

    # ------------------------------------------------------------------ event location
    def __call__(self, doc: Document) -> Document:
        mentions = self.toponyms(doc)
        context = Context(anchors=[m.place for m in mentions if m.place and m.place.precision
                                   not in ("country", "admin1")][:MAX_ANCHORS])  # fmt: skip
        context.countries.update(m.place.country for m in mentions if m.place and m.place.country)
        for m in mentions:
            if m.place and m.place.country and m.place.precision == "admin1":
                context.admin1s[(m.place.country, norm(m.place.name))] += 1
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


_CONNECTORS = frozenset({"of", "the", "and", "de", "la", "del", "al", "el"})
#: Buildings that stand in the town they are named after ("Manila Cathedral").
_INSIDE_WORDS = frozenset({"cathedral", "airport", "hall"})
#: Streets and venues, named after anything ("Collins Avenue", "Oulton Park").
_VENUE_WORDS = frozenset({"parade", "boulevard", "way", "canal", "bend", "centre", "center",
                          "arena", "theatre", "theater", "school", "university", "college",
                          "court", "courthouse", "chapel", "castle", "prison", "fields",
                          "peninsula", "delta", "ocean", "sea", "gulf", "union"})  # fmt: skip
#: Words of street and building names that are also some village's name ("Street", Somerset).
_FACILITY_WORDS = frozenset({"street", "avenue", "road", "court", "wing", "vista", "village",
                             "hall", "park", "centre", "center", "bridge", "square", "river",
                             "lake", "tower", "house", "church", "hospital", "station", "point",
                             "harbor", "harbour", "bay", "beach", "island", "hill", "hills",
                             "town", "city", "valley", "gardens", "garden", "stadium", "drive",
                             "lane", "place", "terrace", "mall", "market", "airport"})  # fmt: skip


def _inner_name(text: str, gaz: Gazetteer) -> str | None:
    """The place inside a longer name the gazetteer does not know, where news style says the
    thing is in that place: a division written with its capitalised word ("Oaxaca State",
    "Miami-Dade County" is not one), a place named last ("Old Town Manassas", "British Embassy
    Tokyo"), or a cathedral, airport or hall named after its town ("Manila Cathedral"). Not a
    street, park or venue named after a person or another place ("Collins Avenue")."""
    words = text.split()
    if len(words) < 2 or len(words) > 8 or words[0].lower() in COMPASS:
        return None  # "North Africa", "Western Europe": a region of its own
    last = words[-1].lower()
    if last in _INSIDE_WORDS or (last in DIVISION_WORDS and len(words) == 2):
        candidates = [words[:-1], words[:1]]
    elif last in _FACILITY_WORDS or last in _VENUE_WORDS:
        return None
    else:
        candidates = [words[i:] for i in range(1, len(words))]  # the place named last
    for part in candidates:
        name = " ".join(part)
        if (
            part
            and part[0][:1].isupper()
            and len(name) > 3
            and not generic_name(name)
            and name.lower() not in _FACILITY_WORDS
            and gaz.lookup(name)
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


def _trim(ent: Span) -> Span | None:
    """The name without a leading "the" or a trailing lower-case place word ("Sindh
    province" -> "Sindh")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ == "the" or (
        doc[start].is_lower and doc[start].lower_ in COMPASS and end - start > 1
    )):  # fmt: skip
        start += 1  # "the", "north west London"
    while end - 1 > start and (
        (doc[end - 1].is_lower and doc[end - 1].lower_ in ADMIN_WORDS)
        or doc[end - 1].text in ("'s", "’s", "'", "’", "--", "-", "—")
    ):
        end -= 1  # "Sindh province", "New York’s"
    return doc[start:end] if end > start else None


def _after_place_prep(tok: Token) -> bool:
    """ "in Brussels", "in Washington and Brussels"."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS


def _division_word(span: Span) -> str | None:
    """ "Sindh province", "Mason County", "the Diyala governorate": a word saying the name is
    a division (after it, or as its last word)."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in DIVISION_WORDS:
        return doc[span.end].lower_
    last = span[-1].lower_
    return last if len(span) > 1 and last in DIVISION_WORDS else None


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
