"""Stage ``finalize``: turn completed candidates into ``Event`` records.

Fills the ontology fields (CAMEO code, quad class, PLOVER score), records a ``reason`` for every
field left empty, and by default sets aside events that did not happen (negated, hypothetical,
unconfirmed): ``Coder(include_unrealised=True)`` keeps them, labelled by ``modality``.
"""

from __future__ import annotations

from . import ontology
from .document import Candidate, Document
from .pipeline import register_stage
from .records import UNREALISED_MODALITIES, Event, EventDate, TextSpan


def event_id(doc_id: str | None, cand: Candidate) -> str:
    start = cand.sentence.char(cand.trigger)
    return f"{doc_id or 'doc'}:{start}:{cand.event}"


def unique_ids(events: list[Event]) -> list[Event]:
    """The events with unique ids: a later event whose id is taken (two events on one trigger)
    gets ``id#n``, ``n`` its position among the article's events (the scheme stored data uses)."""
    seen: set[str] = set()
    out: list[Event] = []
    for n, event in enumerate(events):
        if event.id in seen:
            event = event.model_copy(update={"id": f"{event.id}#{n}"})
        seen.add(event.id)
        out.append(event)
    return out


def salience(cand: Candidate) -> str:
    """``main`` when any telling of the event (after dedup merged them) is a main clause's."""
    tellings = [cand, *cand.merged]
    return "main" if any(c.salience == "main" for c in tellings) else "background"


def to_event(doc: Document, cand: Candidate) -> Event:
    etype = ontology.get(cand.event)
    sent = cand.sentence
    reasons = dict(cand.reasons)
    told = salience(cand)
    if told == "main":
        reasons.pop("salience", None)
    if not cand.actor:
        reasons.setdefault("actor", "no actor found in the sentence")
    if not cand.recipient:
        reasons.setdefault("recipient", "no recipient found in the sentence")
    if cand.mode is None:
        reasons.setdefault("mode", "no mode cue in the trigger or its arguments")
    date = cand.date or EventDate(reason="date stage not run")
    if date.value is None:
        reasons.setdefault("date", date.reason)
    if cand.event_loc is None:
        reasons.setdefault("event_loc", "no place found")
    cue = cand.modality_cue
    return Event(
        id=event_id(doc.article.id, cand),
        doc_id=doc.article.id,
        date=date.value,
        date_info=date,
        event=cand.event,
        mode=cand.mode,
        context=list(cand.context),
        cameo=cand.cameo or etype.cameo_for(cand.mode),
        quad_code=etype.quad_code,
        quad_class=etype.quad_class,
        event_scale=etype.score_for(cand.mode),
        actor=list(cand.actor),
        recipient=list(cand.recipient),
        modality=cand.modality,  # type: ignore[arg-type]
        modality_cue=sent.text_span(cue) if cue is not None else None,
        salience=told,  # type: ignore[arg-type]
        event_loc=cand.event_loc,
        event_text=[t.text for t in sorted(cand.triggers, key=lambda t: t.i)],
        triggers=[sent.text_span(t) for t in sorted(cand.triggers, key=lambda t: t.i)],
        text=sent.text,
        sentence_start=sent.start,
        sentence_end=sent.end,
        sentence_index=sent.index,
        confidence=round(cand.confidence, 3),
        detector=cand.detector,
        mentions=1 + len(cand.merged),
        other_sentences=[
            TextSpan(text=m.sentence.text, start=m.sentence.start, end=m.sentence.end)
            for m in cand.merged
            if m.sentence.index != sent.index
        ],
        reasons=reasons,
    )


@register_stage("finalize")
class Finalize:
    name = "finalize"
    requires = ("candidates",)  # Document fields it reads (checked by Pipeline)
    sets = ("events",)

    def __init__(self, include_unrealised: bool = False, main_events_only: bool = False) -> None:
        self.include_unrealised = include_unrealised
        self.main_events_only = main_events_only

    def __call__(self, doc: Document) -> Document:
        events = [
            to_event(doc, c)
            for c in doc.candidates
            if self.include_unrealised or c.modality not in UNREALISED_MODALITIES
        ]
        if self.main_events_only:
            events = [e for e in events if e.salience == "main"]
        doc.events = unique_ids(events)
        return doc
