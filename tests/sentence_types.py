"""The type a sentence reports, as ``eventcoder evaluate`` scores it: shared by the tests of
each round of event types."""

from __future__ import annotations

from eventcoder.detect.salience import reporting_rank


def reported(coder, text: str) -> str:
    """The type of the event the sentence reports (its first main event by reporting rank and
    order), or NONE."""
    events = [(i, e) for i, e in enumerate(coder.code(text)) if e.salience == "main"]
    if not events:
        return "NONE"
    return min(events, key=lambda p: (*reporting_rank(p[1].salience, p[1].confidence), p[0]))[
        1
    ].event
