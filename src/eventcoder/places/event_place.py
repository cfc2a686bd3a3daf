"""Where each event happened: a toponym in a locative phrase of its own clause, the target
of a physical event, a country from "Iraqi cities" (see the package's text)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from ..knowledge import Gazetteer, Knowledge
from ..knowledge.words import PlaceWords
from ..records import Location
from .common import PHYSICAL_EVENTS, Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


class EventPlace:
    knowledge: Knowledge
    gaz: Gazetteer
    words: PlaceWords

    def event_place(self, cand: Candidate, mentions: list[Mention]) -> Location | None:
        trigger = cand.trigger
        physical = cand.event in PHYSICAL_EVENTS or trigger.lemma_ in self.words.place_object_verbs
        in_actor = {t.i for a in cand.actor_args if not a.place for t in a.tokens}
        # a place the event is aimed at ("a curfew in X") is also where it happened
        in_recipient = {t.i for a in cand.recipient_args if not a.place for t in a.tokens}
        in_args = in_actor | in_recipient
        objects = {c.i for c in trigger.children if c.dep_ == "dobj"}
        best: tuple[int, Mention, str] | None = None
        for m in mentions:
            tokens = {t.i for t in m.span}
            if tokens & in_actor or (tokens & in_recipient and not physical):
                continue
            if m.head.i in objects and not physical:
                continue  # "leave Iraq": what the event is about, not where it happened
            if m.head.dep_ in ("poss", "compound", "nmod", "amod") and not self.words.is_located(
                m.head.head.lower_
            ):
                continue  # "Israel's militia ally", "Hawaii's economy": a thing's, not the event's
            # any of the event's trigger words may carry the place: "were killed when police
            # opened fire ... in Mangaluru" is one attack told by two verbs
            prep = next(
                (
                    p
                    for t in cand.triggers
                    if (p := _locative_path(m.head, t, self.words, physical))
                ),
                None,
            )
            if (
                prep is None
                and trigger.pos_ in ("NOUN", "PROPN")
                and trigger.dep_ in ("nsubj", "nsubjpass", "dobj")
            ):  # "Clashes erupted in Tripoli": the noun's verb carries the place
                prep = _locative_path(m.head, trigger.head, self.words, physical)
            if prep is None:
                continue
            p = m.place
            rank = 0 if p is None else {"city": 3, "admin1": 2, "region": 2}.get(p.precision, 1)
            if best is None or rank > best[0]:
                best = (rank, m, prep)
        if best is not None:
            prep, text = best[2], best[1].span.text
            if best[1].place is None:
                text = _with_compass(best[1], self.words)
            where = (
                f"'{text}', what '{trigger.text}' is aimed at"
                if prep == "object"
                else f"'{prep} {text}'"
            )
            if best[1].place is None:  # "in western Zarbia", a place no gazetteer has: the
                # text says where it happened; the dateline would be an invented point
                return best[1].location(f"from {where} in the event sentence, named but not "
                                        "located (the dateline is not put in its place)")  # fmt: skip
            return best[1].location(f"from {where} in the event sentence")
        return self._demonym_place(cand, in_args)

    def _demonym_place(self, cand: Candidate, in_args: set[int]) -> Location | None:
        """ "in many southern and central Iraqi cities" -> Iraq, at country precision."""
        table = self.knowledge.countries
        for tok in cand.trigger.subtree:
            if tok.i in in_args or tok.lower_ not in self.words.place_nouns or tok.dep_ != "pobj":
                continue
            if tok.head.lower_ not in self.words.locative:
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


def _with_compass(m: Mention, words: PlaceWords) -> str:
    """The name as the event sentence locates it: "western Zarbia" with its compass adjective."""
    first = m.span[0]
    if first.i > 0:
        prev = first.doc[first.i - 1]
        if prev.is_lower and prev.lower_ in words.compass and prev.dep_ == "amod":
            return f"{prev.text} {m.span.text}"
    return m.span.text


def _locative_path(
    tok: Token, trigger: Token, words: PlaceWords, physical: bool = False
) -> str | None:
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
            if cur.lower_ in words.locative:
                found = found or cur.text
            elif cur.lower_ not in words.pass_through:
                return None
        elif cur.dep_ == "dobj" and cur.head.i == trigger.i and physical:
            found = found or "object"
        elif cur.i != tok.i and cur.pos_ in ("VERB", "AUX"):
            return None
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None
