"""Stage ``dates``: when each event happened.

Each event takes the temporal expression attached to its own trigger in the parse, else one
attached to a word that governs it ("On Jan. 7, Esper told journalists that [forces were not
leaving]"), resolved news-style against the publication date (``expressions``). "a day after"
is resolved against the article's reference time (the last explicit date told before it): the
event inside the "after" clause is that many days earlier. With no expression the event falls
back to the publication date, with the reason "publication date"; with no publication date the
date stays empty. An asserted event dated over a year before publication becomes historical.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..document import Candidate, Document, Sentence
from ..pipeline import register_stage
from ..records import EventDate
from .expressions import (
    TimeExpression,
    find_expressions,
    looks_forward,
    resolve,
    resolve_expressions,
    resolve_in_text,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["ResolveDates", "TimeExpression", "resolve_expressions", "resolve_in_text"]

HISTORICAL_AFTER_DAYS = 365


def _root(sent: Sentence, expr: TimeExpression) -> Token | None:
    base = sent.span.start_char  # the sentence's offset inside its segment's doc
    span = sent.span.doc.char_span(base + expr.start, base + expr.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _within(tok: Token, top: Token, stop: set[int]) -> bool:
    """Whether ``tok`` hangs under ``top`` without passing through another event's trigger."""
    cur = tok
    for _ in range(40):
        if cur.i == top.i:
            return True
        if cur.i in stop or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _date(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # "2020-02-30" written in the text
            return None
    return None


def _resolve_safely(expr: TimeExpression, pub: dt.date | None, future: bool = False) -> bool:
    """``resolve``, False (the expression left unresolved) when the date would fall outside
    the calendar (before year 1 or after 9999)."""
    try:
        resolve(expr, pub, future=future)
    except (OverflowError, ValueError):
        expr.value, expr.precision = None, None
        return False
    return True


def _beyond_calendar(reference: dt.date | None, exc: Exception) -> EventDate:
    """The date of an event whose expression counts beyond the calendar (or names a day that
    does not exist, "2020-02-30"): abstain, say why."""
    if isinstance(exc, OverflowError) or str(exc).startswith("year "):
        why = f"the date counted from {reference} falls outside the calendar (years 1-9999)"
    else:
        why = f"the date told is not a calendar date ({exc})"
    return EventDate(reason=f"{why}: left empty")


@register_stage("dates")
class ResolveDates:
    name = "dates"
    requires = ("sentences", "candidates")  # Document fields it reads (checked by Pipeline)
    sets = ()

    def __call__(self, doc: Document) -> Document:
        pub = doc.pub_date
        reference: dt.date | None = pub
        reference_text = "publication date"
        by_sentence: dict[int, list[Candidate]] = {}
        for cand in doc.candidates:
            by_sentence.setdefault(cand.sentence.index, []).append(cand)
        for sent in doc.sentences:
            exprs = find_expressions(sent.text)
            roots = [(e, _root(sent, e)) for e in exprs]
            cands = by_sentence.get(sent.index, [])
            triggers = {t.i for c in cands for t in c.triggers}
            for cand in cands:
                try:
                    cand.date = self._resolve(cand, roots, triggers, pub, reference, reference_text)
                    self._historical(cand, pub)
                except (OverflowError, ValueError) as exc:  # "tomorrow" on 9999-12-31
                    cand.date = _beyond_calendar(reference or pub, exc)
            for expr, _ in roots:  # the last explicit day told becomes the reference time
                if not _resolve_safely(expr, pub):
                    continue
                day = _date(expr.value) if expr.precision == "day" and not expr.relative else None
                if day is not None:
                    reference, reference_text = day, f"'{expr.text}'"
        return doc

    def _pick(self, cand: Candidate, roots, triggers: set[int]):
        trigger = cand.trigger
        others = triggers - {t.i for t in cand.triggers}
        own = [(e, r) for e, r in roots if r is not None and _within(r, trigger, others)]
        if own:
            return own[0], "attached to the trigger"
        for anc in trigger.ancestors:
            if anc.i in others:
                break
            near = [
                (e, r)
                for e, r in roots
                if r is not None and _within(r, anc, others | {trigger.i}) and r.i != trigger.i
            ]
            if near:
                return near[0], f"attached to '{anc.text}', which governs the trigger"
        return (None, None), ""

    def _resolve(
        self,
        cand: Candidate,
        roots,
        triggers: set[int],
        pub: dt.date | None,
        reference: dt.date | None,
        reference_text: str,
    ) -> EventDate:
        sent = cand.sentence
        (expr, root), where = self._pick(cand, roots, triggers) if roots else ((None, None), "")
        if expr is None:
            vague = next((e for e, _ in roots if e.kind == "vague"), None)
            return self._fallback(pub, vague, sent)
        # "will march in Paris on Sunday" looks forward; "said on Monday that troops would
        # withdraw" dates the saying, which does not
        own = where == "attached to the trigger"
        future = (own and cand.modality == "future") or looks_forward(sent.text, expr.start)
        resolve(expr, pub, future=future)
        start, end = sent.start + expr.start, sent.start + expr.end
        if expr.relative is not None:
            if reference is None:
                return EventDate(text=expr.text, start=start, end=end,
                                 reason=f"'{expr.text}' with no date to count from")  # fmt: skip
            days, direction = expr.relative
            doc = root.doc
            base = sent.span.start_char
            span = doc.char_span(base + expr.start, base + expr.end, alignment_mode="expand")
            words = list(span) if span is not None else list(root.subtree)
            word = next((t for t in words if t.lower_ in ("after", "before")), None)
            inside = word is not None and (
                cand.trigger.i in [t.i for t in word.subtree] or word.head.i == cand.trigger.i
            )
            shift = -days if inside else days
            value = (reference + dt.timedelta(days=shift)).isoformat()
            side = "inside" if inside else "outside"
            return EventDate(
                value=value, precision="day", text=expr.text, start=start, end=end,
                reason=f"'{expr.text}' counted from {reference_text} ({reference}); the event is "
                f"{side} the '{direction}' clause",
            )  # fmt: skip
        if expr.value is None:
            if expr.kind == "vague":
                return self._fallback(pub, expr, sent)
            return EventDate(text=expr.text, start=start, end=end,
                             reason=f"'{expr.text}' cannot be resolved without a publication date")  # fmt: skip
        return EventDate(
            value=expr.value,
            precision=expr.precision,  # type: ignore[arg-type]
            text=expr.text,
            start=start,
            end=end,
            reason=f"from '{expr.text}' ({where})"
            + (f", against the publication date {pub}" if pub else ""),
        )

    @staticmethod
    def _fallback(pub: dt.date | None, vague: TimeExpression | None, sent: Sentence) -> EventDate:
        if pub is None:
            return EventDate(reason="no date in the text and no publication date")
        if vague is not None:
            return EventDate(
                value=pub.isoformat(),
                precision="day",
                reason=f"publication date ('{vague.text}' says earlier, without a date)",
            )
        return EventDate(value=pub.isoformat(), precision="day", reason="publication date")

    @staticmethod
    def _historical(cand: Candidate, pub: dt.date | None) -> None:
        date = cand.date
        if pub is None or date is None or date.value is None or date.text is None:
            return
        value = date.value
        if len(value) == 4:
            end = dt.date(int(value), 12, 31)
        elif len(value) == 7:
            end = dt.date(int(value[:4]), int(value[5:7]), 28)
        else:
            end = dt.date.fromisoformat(value[:10])
        if cand.modality == "asserted" and (pub - end).days > HISTORICAL_AFTER_DAYS:
            cand.modality = "historical"
            cand.reasons["modality"] = f"dated {value}, over a year before publication"
