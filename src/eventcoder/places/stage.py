"""Stage ``places``: toponyms (``toponyms``), resolved together (``resolution``), and each
event's place (``event_place``), from the coder's ``Knowledge`` (gazetteer, countries, KB,
abbreviations)."""

from __future__ import annotations

from ..document import Document
from ..knowledge import Gazetteer, Knowledge
from ..knowledge.names import norm
from ..pipeline import register_stage
from ..records import PlaceMention
from .adjectival import adjectival_places
from .common import Mention
from .event_place import EventPlace
from .resolution import Resolution
from .resolve import MAX_ANCHORS, Context


@register_stage("places")
class Geolocate(Resolution, EventPlace):
    """``knowledge``: the coder's tables (a ``Coder`` hands in its own, shared with the actors
    stage); ``gaz``: a gazetteer to use instead of the shipped one (given with ``knowledge``, a
    copy of it with that gazetteer is used)."""

    name = "places"
    requires = (
        "sentences",
        "candidates",
        "dateline",
        "dateline_place",
    )  # Document fields it reads (checked by Pipeline)
    sets = ("places", "places_excluded")

    def __init__(self, gaz: Gazetteer | None = None, knowledge: Knowledge | None = None) -> None:
        if knowledge is None:
            knowledge = Knowledge(gazetteer=gaz)
        elif gaz is not None:
            knowledge = knowledge.with_changes(gazetteer=gaz)
        self.knowledge = knowledge

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
        named = [PlaceMention.model_construct(**dict(p)) for p in places]  # use: "name"
        taken = [(p.start, p.end) for p in places if p.start is not None and p.end is not None]
        named += adjectival_places(doc, self.knowledge, taken)  # never an event's place
        doc.places = sorted(named, key=lambda p: p.start if p.start is not None else -1)
        for cand in doc.candidates:
            cand.event_loc = self.event_place(cand, by_sentence.get(cand.sentence.index, []))
            if cand.event_loc is None and dateline is not None:
                cand.event_loc = dateline
            if cand.event_loc is None:
                cand.reasons["event_loc"] = "no place in text"
        return doc
