"""Stage ``dates``: when each event happened."""

from __future__ import annotations

from ..document import Document
from ..pipeline import register_stage
from ..records import EventDate


@register_stage("dates")
class ResolveDates:
    name = "dates"

    def __call__(self, doc: Document) -> Document:
        for cand in doc.candidates:
            if doc.pub_date is not None:
                cand.date = EventDate(
                    value=doc.pub_date.isoformat(), precision="day", reason="publication date"
                )
            else:
                cand.date = EventDate(reason="no date in the text and no publication date")
        return doc
