"""Resolution: every toponym of the article resolved together (the dateline's place is read by
``dateline``)."""

from __future__ import annotations

from collections import Counter

from ..document import Document, Sentence
from ..knowledge.gazetteer import Place, big_feature, generic_name
from ..knowledge.names import norm
from ..nlp import Span
from .acronyms import _acronym, _after_town, country_parts
from .article_states import count_states
from .common import (
    Mention,
    _division_word,
    _entity_at,
    _inner_name,
    _local_country,
    _within_span,
)
from .conventions import Division
from .dateline import Datelines
from .embassies import in_the_capital_after, missions_abroad
from .far_namesakes import directions_not_towns, far_single_namesakes
from .inner_fit import inner_fits
from .inside_town import (
    a_kind,
    in_its_own_clause,
    in_the_town_after,
    named_after_placed,
    owned_by_town,
    point_in_town,
)
from .landmarks import landmarks_not_towns
from .name_forms import KNOWN_TOWN
from .resolve import (
    LISTED_WITH_STATES,
    MAX_ANCHORS,
    MAX_CANDIDATES,
    REGION_AFTER_TOWN,
    Choice,
    Context,
    Cue,
    choose,
    own_name,
    placed_by_article,
)
from .street_names import as_streets, street_name_tokens
from .time_zones import count_time_zones
from .unknown_names import place_unknown, the_one_county


class Resolution(Datelines):
    def toponyms(self, doc: Document) -> list[Mention]:
        """Every toponym of the article, resolved together (see ``resolve``)."""
        table = self.knowledge.countries
        ctx = Context()
        raw: list[tuple[Sentence, Span, Cue | None, str | None]] = []

        skipped: list[tuple[Span, str, int]] = []
        by_doc: dict[int, list[Span]] = {}  # Span.ents rebuilds all of a doc's entities
        per_sentence = []
        for sent in doc.sentences:
            ents = by_doc.get(id(sent.span.doc))
            if ents is None:
                ents = by_doc[id(sent.span.doc)] = list(sent.span.doc.ents)
            per_sentence.append((sent, self._spans(sent, skipped, _within_span(sent.span, ents))))
        per_sentence, people = self._not_people(per_sentence)
        placed = self._placed_names(per_sentence, doc.dateline_place, people)
        initials = self._country_initials([sent for sent, _ in per_sentence])
        for sent, spans in per_sentence:
            spans += self._again(sent, spans, placed)  # one sense per article
            if initials:  # "SA" in a story naming South Africa
                spans += self._initials_again(sent, spans, initials)
            ends = {span.end: span for span in spans}
            for span in spans:
                div = self.knowledge.abbreviations.division(span.text)
                if div is not None:
                    ctx.admin1s[(div.country, norm(div.name))] += 1
                    ctx.countries[div.country] += 1
                    if norm(div.name) == norm(span.text):  # "Virginia" itself
                        ctx.own_admin1s[(div.country, norm(div.name))] += 1
                        ctx.own_countries[(div.country, norm(div.name))] += 1
                cue = self._cue(span)
                word = _division_word(span, self.words) or self._listed_with_divisions(span)
                comma = span.start > 0 and span.doc[span.start - 1].text == ","
                town = ends.get(span.start - 1) if comma else None
                if word is None and town is not None and self._in_region(town.text, span.text):
                    word = REGION_AFTER_TOWN  # "Yakima, Washington": the town's state
                raw.append((sent, span, cue, word))
                if cue is not None:
                    ctx.countries[cue.country] += 1
                    if cue.admin1:
                        ctx.admin1s[(cue.country, norm(cue.admin1))] += 1
                    if cue.admin1 and cue.written_out:  # the state's own name once more
                        ctx.own_admin1s[(cue.country, norm(cue.admin1))] += 1
                        ctx.own_countries[(cue.country, norm(cue.admin1))] += 1
            for tok in sent.span:  # countries the article names: context for ambiguous places
                if tok.text[:1].isupper():
                    hit = table.get(tok.text)
                    places = self.gaz.lookup(tok.text) if hit is not None else []
                    if hit is not None and (not places or places[0].precision == "country"):
                        ctx.countries[hit.code] += 1  # not "Tripoli": a city name is no cue
            for span in spans:  # a name found in one country only tells the article's country
                found = self.gaz.lookup(span.text)[:MAX_CANDIDATES]
                one_country = (found and len({p.country for p in found}) == 1
                               and not generic_name(span.text, self.words.generic_names))  # fmt: skip
                if one_country and found[0].precision != "country" and found[0].country:
                    ctx.countries[found[0].country] += 1
                if found and found[0].precision == "admin1" and found[0].country:
                    ctx.admin1s[(found[0].country, norm(found[0].name))] += 1  # "Illinois"
                    ctx.own_admin1s[(found[0].country, norm(found[0].name))] += 1
        doc.places_excluded = [  # for evaluation: names left out on purpose
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
        count_states(ctx, [sent for sent, _ in per_sentence], self.knowledge.abbreviations)
        count_time_zones(ctx, doc, self.words)  # "7 p.m. CT"
        dateline = self.dateline_parts(doc)
        if dateline is not None:
            local = dateline.cue.country if dateline.cue else None
            ctx.dateline = dateline.place
            ctx.dateline_name = dateline.name
            ctx.dateline_country = dateline.place.country if dateline.place else local
            if dateline.cue and dateline.cue.admin1:
                ctx.admin1s[(dateline.cue.country, norm(dateline.cue.admin1))] += 1
                if dateline.place is None:
                    ctx.dateline_admin1 = dateline.cue.admin1
            if ctx.dateline_country:
                ctx.countries[ctx.dateline_country] += 1
        # one sense per article: a cue beside one mention of a name holds for all of them
        cues: dict[str, Cue] = {}
        for _, span, cue, _ in raw:
            if cue is not None:
                cues.setdefault(norm(span.text), cue)
        memo: dict[tuple, Choice] = {}
        parts = country_parts(self.gaz.countries, " ".join(s.span.text for s, _ in per_sentence))

        def pick(text: str, cue: Cue | None, word: str | None, near: bool,
                 after_town: bool = False) -> Choice:  # fmt: skip
            if text in initials and not after_town and initials[text] in self.gaz.countries:
                country = self.gaz.countries[initials[text]]
                return Choice(country, f"'{text}': the initials of {country.name}, named in "
                              "the article", 99.0)  # fmt: skip
            if (part := parts.get(norm(text))) is not None:  # "Trinidad": Trinidad and Tobago
                return Choice(part, f"'{text}': part of {part.name}, named in the article", 99.0)
            abbr = self.knowledge.abbreviations
            city = abbr.cities.get(text) if not after_town else None
            if city is not None:  # "LA" alone is Los Angeles; "Springfield, LA" Louisiana
                return self._city_abbreviation(text, city)
            div = abbr.division(
                text, postal_ok=text.isupper() and len(text) <= 3, countries=ctx.countries
            )  # "WA" in a story from Perth is Western Australia
            if div is not None:
                return self._division(text, div)
            if cue is None and (carried := cues.get(norm(text))) is not None:
                # one sense per article, but not for a name that is also a state the article
                # names: "Washington, D.C." once does not make "central Washington" the capital
                # in a story from Washington state
                own_state = (carried.country, norm(text)) in ctx.admin1s
                if not own_state or (carried.admin1 and norm(carried.admin1) == norm(text)):
                    cue = carried
            key = (norm(text), cue.why if cue else None, word, near)
            if key not in memo:
                c = choose(self.gaz, text, ctx, cue, word, near)
                inner = _inner_name(text, self.gaz, self.words) if c.place is None else None
                if inner is not None:  # "Manila Cathedral", "Old Town Manassas", "Oaxaca State"
                    c_in = choose(self.gaz, inner, ctx, cue, word, near)
                    if inner_fits(text, c_in, ctx, self.words):
                        c = c_in
                        c.reason = f"'{inner}' in '{text}' ({c.reason})"
                    elif c_in.place is not None:
                        c.reason += (f"; '{inner}' in it is {c_in.place.name} "
                                     f"({c_in.place.country or 'no country'}): not taken")  # fmt: skip
                memo[key] = c
            return memo[key]

        first = [
            _acronym(span, pick(span.text, cue, word, False, _after_town(span)))
            for _, span, cue, word in raw
        ]
        for (_, _, cue, _), c in zip(raw, first, strict=True):
            p = c.place
            if (
                p is None
                or p.precision in ("country", "admin1")
                or big_feature(p)  # a sea or a region is no point to be near
                or len(ctx.anchors) >= MAX_ANCHORS
            ):
                continue
            if c.margin >= 2.0 or cue is not None:
                ctx.anchors.append(p)
                if p.country and p.admin1:  # the state a confidently placed town lies in
                    ctx.admin1s[(p.country, norm(p.admin1))] += 1
            elif p.feature_class == "P" and len(ctx.likely) < MAX_ANCHORS:
                ctx.likely.append(p)
        out = []
        for (sent, span, cue, word), c in zip(raw, first, strict=True):
            if c.margin < 3.0 and (ctx.anchors or ctx.likely):  # let the article's places decide
                c = _acronym(span, pick(span.text, cue, word, True, _after_town(span)))
            out.append(Mention(sent, span, c.place, c.reason))
        sentences = [sent for sent, _ in per_sentence]
        out = owned_by_town(out, self.gaz, sentences)  # "London's Heathrow"
        out = far_single_namesakes(out, ctx, self.gaz)  # "Meppel" in a story from Kenya
        out = directions_not_towns(out, self.words.generic_names)  # "in the West"
        out, abroad = missions_abroad(out, self.knowledge.countries, self.words)
        out, landmarks = landmarks_not_towns(out, self.words)  # "the White House"
        out = self._built_in_town(out, ctx, sentences, abroad, landmarks)
        return place_unknown(out, self.gaz, self.words, self.built_kind,
                             lambda ms, kinds: self._article_town(ms, kinds, ctx, sentences))  # fmt: skip

    def _built_in_town(
        self,
        mentions: list[Mention],
        ctx: Context,
        sentences: list[Sentence],
        abroad: dict[tuple[int, int], str],
        landmarks: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
    ) -> list[Mention]:
        """A street or building no gazetteer has ("Royal Street", "City Hall", "the Rogers
        Centre") is a point inside a town: the one written after it ("Elm Street in Dover"),
        else the dateline's, else the town the article names most (for a country's mission,
        ``abroad``, one outside that country); with none, it is left unresolved with that
        reason (no town is invented)."""
        if all(m.place is not None for m in mentions) and not any(
            self.built_kind(m.span) for m in mentions
        ):
            return mentions
        out = []
        for m in mentions:  # "Ludlow and Wayne streets", "Washington Square": no town of the name
            kind = self.built_kind(m.span)
            if kind in ("street", "road") and m.place and own_name(m.place, m.span.text):
                m = Mention(m.sentence, m.span, None, m.reason)
            out.append(m)
        mentions = out
        kinds = {id(m): "building" if (id(m.span.doc), m.span.start) in landmarks
                 else self.built_kind(m.span) for m in mentions}  # fmt: skip
        mentions = as_streets(mentions, kinds, self.words)  # "below Franklin": the street
        mentions = in_its_own_clause(in_the_town_after(mentions, kinds), kinds)
        mentions = in_the_capital_after(mentions, kinds, self.knowledge.countries, self.gaz)
        mentions = named_after_placed(mentions, kinds, self.gaz)
        if not any(m.place is None and kinds.get(id(m)) for m in mentions):
            return mentions  # (no street left to place: the town is not looked for)
        towns = {None: self._article_town(mentions, kinds, ctx, sentences)}
        out = []
        for m in mentions:
            kind = kinds.get(id(m)) if m.place is None else None
            if kind == "event":
                continue  # an event named after no place the article names ("the Davis Cup")
            home = abroad.get((id(m.span.doc), m.span.start)) if kind else None
            if home not in towns:  # "the Zarbian Embassy": in a town outside Zarbia
                found, why = self._article_town(mentions, kinds, ctx, sentences, home)
                towns[home] = (found, f"{why}, outside {home}: the mission of {home}")
            town, why = towns[home]
            if kind and town is not None:
                m = Mention(m.sentence, m.span, point_in_town(town, kind),
                            f"'{m.span.text}' is {a_kind(kind)}: placed in {town.name}, {why}")  # fmt: skip
            elif kind:
                m = Mention(m.sentence, m.span, None,
                            f"'{m.span.text}' is {a_kind(kind)}: the article names no town to "
                            "place it in")  # fmt: skip
            out.append(m)
        return out

    def _article_town(
        self,
        mentions: list[Mention],
        kinds: dict[int, str | None],
        ctx: Context,
        sentences: list[Sentence],
        not_in: str | None = None,
    ) -> tuple[Place | None, str]:
        """The article's town and why: the dateline's, else the town it names most (in the
        country it names most; not "Washington Square", a square the gazetteer has as a town
        elsewhere), else a town it names inside other names ("the Winnipeg police"); none in
        the country ``not_in``."""
        town = ctx.dateline if ctx.dateline and ctx.dateline.feature_class == "P" else None
        if town is not None and town.country == not_in:
            town = None
        if town is not None:
            return town, "the dateline's"
        counts: dict[int, int] = {}
        towns = {}
        bare: Counter[int] = Counter()  # mentions whose name alone counted the town's country
        named: dict[int, bool] = {}  # the town's name is written (not only another name of it)
        for m in mentions:
            if (
                m.place is not None
                and m.place.feature_class == "P"
                and m.place.geonameid
                and m.place.country != not_in
                and not (kinds.get(id(m)) and own_name(m.place, m.span.text))
                # a small town only where the article's geography placed it: "Some Guys Have
                # All The Luck" is no story from Luck, Wisconsin
                and (
                    m.place.population >= KNOWN_TOWN
                    or placed_by_article(m.reason)
                    or "dateline" in m.reason
                )
            ):
                counts[m.place.geonameid] = counts.get(m.place.geonameid, 0) + 1
                towns.setdefault(m.place.geonameid, m.place)
                found = self.gaz.lookup(m.span.text)[:MAX_CANDIDATES]  # the name told its country
                bare[m.place.geonameid] += len({p.country for p in found}) == 1
                named.setdefault(m.place.geonameid, False)
                named[m.place.geonameid] |= norm(m.place.name) in norm(m.span.text)
        main = [(c, n) for c, n in ctx.countries.most_common(2) if c != not_in][:1]
        # in the country the article names most, or one it names by more than the town's own
        # name, the town's name written (not a namesake far from the article's country:
        # "Dubreuil" the man, "Meppel" in a story from Kenya; yes a city whose country the
        # article names by another word too, though it names more places of another country)
        counts = {g: n for g, n in counts.items() if named[g] and (
            not main or towns[g].country == main[0][0]
            or ctx.countries.get(towns[g].country or "", 0) > bare[g])}  # fmt: skip
        if counts:
            town = towns[max(counts, key=lambda g: counts[g])]  # first on ties
        if town is not None:
            return town, "the town the article names most"
        inside = {  # not "Rogers" of "the Rogers Centre" itself, nor a street's bare name
            (id(m.span.doc), t.i) for m in mentions if kinds.get(id(m)) for t in m.span
        } | street_name_tokens(sentences, mentions, kinds, self.words)
        found = self.town_in_names(sentences, main[0][0] if main else None, inside)
        if found is None:
            return the_one_county(mentions, not_in)  # "MetroHealth" in a story of one county
        return found[0], f"the town the article names (in '{found[1]}')"

    def _listed_with_divisions(self, span: Span) -> str | None:
        """ "states such as California or Washington", "Ohio, Georgia and Texas": a name
        listed with states or provinces is one (``LISTED_WITH_STATES``), not a capital or a
        country of its name."""
        for tok in span.root.conjuncts:
            if tok.pos_ != "PROPN" or span.start <= tok.i < span.end:
                continue
            top = self.gaz.lookup(tok.text)[:1]
            if top and top[0].precision == "admin1":
                return LISTED_WITH_STATES
        return None

    def _city_abbreviation(self, text: str, city: Division) -> Choice:
        """ "LA", "NYC": the city news writes so (``place_abbreviations.yaml``, cities)."""
        found = [p for p in self.gaz.lookup(city.name)
                 if p.country == city.country and p.precision == "city"]  # fmt: skip
        if not found:
            return Choice(None, f"'{text}' stands for {city.name}, not in the gazetteer")
        return Choice(found[0], f"'{text}' is how news writes {city.name}", 99.0)

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
        local = _local_country(span, self.knowledge.countries, self.words)
        if local is not None:
            return Cue(local[0], None, local[1])
        doc = span.doc
        if span.end + 1 >= len(doc) or doc[span.end].text != ",":
            return None
        # (40 tokens hold 40 characters at least; the rest of the doc would cost its length)
        after = doc[span.end + 1 : span.end + 41].text[:40]
        m = self.knowledge.abbreviations.pattern.match(after)
        if m:
            div = self.knowledge.abbreviations.division(m.group(1))
            if div is not None:
                return Cue(div.country, div.name, f"'{span.text}, {m.group(1)}'")
        word = after.split(",")[0].split(" ")[0]
        if word.isupper() and len(word) in (2, 3):
            div = self.knowledge.abbreviations.division(word, postal_ok=True)
            if div is not None:
                return Cue(div.country, div.name, f"'{span.text}, {word}'")
        ent = _entity_at(doc, span.end + 1)  # (not doc.ents: rebuilt whole on each call)
        if ent is not None:
            state = self._state_after(span.text, ent.text)
            if state is not None:
                return Cue(state.country or "", state.name, f"'{span.text}, {ent.text}'", True)
        return None
