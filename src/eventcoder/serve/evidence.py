"""The evidence of an event record as spans to highlight in its article's text."""

from __future__ import annotations

from typing import Any


def evidence_spans(record: dict, text: str | None = None) -> list[dict]:
    """Every piece of evidence of one event as ``{kind, start, end, text, label, reason}``,
    with offsets into the article text (spans whose offsets do not match the text are dropped)."""
    spans: list[dict] = []

    def add(kind: str, start: Any, end: Any, label: str, reason: str | None = None) -> None:
        if not isinstance(start, int) or not isinstance(end, int) or end <= start:
            return
        if text is not None and end > len(text):
            return
        spans.append(
            {"kind": kind, "start": start, "end": end,
             "text": text[start:end] if text is not None else None,
             "label": label, "reason": reason}
        )  # fmt: skip

    add("sentence", record.get("sentence_start"), record.get("sentence_end"), "evidence sentence")
    for other in record.get("other_sentences") or []:
        add("mention", other.get("start"), other.get("end"), "the same event told again")
    for trig in record.get("triggers") or []:
        add("trigger", trig.get("start"), trig.get("end"), f"trigger of {record.get('event')}")
    for role in ("actor", "recipient"):
        for ent in record.get(role) or []:
            code = " ".join(x for x in (ent.get("code"), ent.get("sector")) if x)
            label = f"{role}: {ent.get('name') or ent.get('entity_text')}" + (
                f" ({code})" if code else ""
            )
            add(role, ent.get("start"), ent.get("end"), label, ent.get("reason"))
    loc = record.get("event_loc") or {}
    if loc:
        label = "place: " + str(loc.get("resolved_place") or loc.get("extracted_place") or "")
        add("place", loc.get("start"), loc.get("end"), label, loc.get("reason"))
    info = record.get("date_info") or {}
    if info:
        add("date", info.get("start"), info.get("end"), f"date: {info.get('value')}",
            info.get("reason"))  # fmt: skip
    cue = record.get("modality_cue") or {}
    if cue:
        add("modality", cue.get("start"), cue.get("end"), f"modality: {record.get('modality')}")
    return spans
