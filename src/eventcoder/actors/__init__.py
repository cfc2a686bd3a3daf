"""Stage ``actors``: actor and recipient phrases -> entities with country and sector."""

from __future__ import annotations

from ..document import Document
from ..pipeline import register_stage
from ..records import Entity


@register_stage("actors")
class ResolveActors:
    name = "actors"

    def __call__(self, doc: Document) -> Document:
        for cand in doc.candidates:
            for args, out in ((cand.actor_args, cand.actor), (cand.recipient_args, cand.recipient)):
                for arg in args:
                    sent = cand.sentence
                    toks = sorted(arg.tokens, key=lambda t: t.i)
                    span = sent.text_span(toks[0], toks[-1])
                    out.append(
                        Entity(
                            entity_text=span.text,
                            start=span.start,
                            end=span.end,
                            reason=f"{arg.reason}; not coded (placeholder stage)",
                        )
                    )
        return doc
