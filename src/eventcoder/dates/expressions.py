"""Temporal expressions in news text, resolved against the publication date.

News-style rules (general-purpose parsers answer differently):
- a weekday is the most recent such day on or before publication ("on Tuesday" in a Tuesday
  paper is that Tuesday); "next Tuesday", or future tense, looks forward;
- a month and day without a year take the year that puts them on or before publication
  (after it, for the future);
- a month alone is the last such month on or before publication, at month precision; a year is
  at year precision; no day is ever invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "ten": 10, "several": None, "few": None}  # fmt: skip
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_WD = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|ten|several|few)"
_UNIT = r"(?P<unit>day|days|week|weeks|month|months|year|years)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<dnum>\d{2})\b")),
    ("range", re.compile(rf"\bbetween\s+{_YEAR}\s+and\s+(?P<year2>1[89]\d\d|20\d\d)\b", re.I)),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.I)),
    ("day_month", re.compile(rf"\b{_DAY}\s+{_MONTH}(?:\s+{_YEAR})?\b", re.I)),
    (
        "relative",
        re.compile(rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>after|before|later|earlier|ago)\b", re.I),
    ),
    (
        "the_day",
        re.compile(
            r"\bthe\s+(?P<which>day before|day after|previous day|next day|following day)\b", re.I
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<mod>last|next|this|on|late|early)?\s*{_WD}(?:'s|’s)?(?:\s+(?P<part>night|morning|evening|afternoon))?\b",
            re.I,
        ),
    ),
    ("month_year", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I)),
    (
        "month",
        re.compile(
            rf"\b(?P<mod>in|since|during|last|this|next|early|late|mid|until|by|from)[\s-]+{_MONTH}(?!\s*\d)\b",
            re.I,
        ),
    ),
    (
        "period",
        re.compile(
            r"\b(?P<mod>last|next|this|earlier this|later this|past)\s+(?P<unit>week|month|year)\b",
            re.I,
        ),
    ),
    ("deictic", re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight|last night)\b", re.I)),
    (
        "year",
        re.compile(
            rf"\b(?P<mod>in|since|during|by|of|until|from|early|late|mid)[\s-]+{_YEAR}\b", re.I
        ),
    ),
    (
        "vague",
        re.compile(r"\b(?P<word>recently|lately|earlier|in recent (?:days|weeks|months))\b", re.I),
    ),
]

_CAPITAL_ONLY_MONTHS = {"may", "march"}  # also English words: only as capitalised names


@dataclass
class TimeExpression:
    text: str
    start: int  # offsets into the string searched
    end: int
    kind: str
    value: str | None = None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    precision: str | None = None  # day | week | month | year
    relative: tuple[int, str] | None = None  # (signed days, "after"/"before") to an anchor
    note: str = ""

    @property
    def is_absolute(self) -> bool:
        return self.value is not None and self.relative is None


def _month(text: str) -> int | None:
    return MONTHS.get(text.lower().rstrip(".")[:9]) or MONTHS.get(text.lower().rstrip(".")[:3])


def _year_for(month: int, day: int | None, pub: dt.date, future: bool) -> int:
    year = pub.year
    probe = dt.date(year, month, min(day or 1, 28))
    if future:
        return year + 1 if probe < pub.replace(day=1) and (month < pub.month) else year
    if (month, day or 1) > (pub.month, pub.day if day else 1) and month != pub.month:
        return year - 1
    if day and month == pub.month and day > pub.day + 1:
        return year - 1
    return year


def find_expressions(text: str) -> list[TimeExpression]:
    """Every temporal expression in ``text``, unresolved, without overlaps (first pattern wins)."""
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < b and a < end for a, b in taken):
                continue
            groups = m.groupdict()
            month = groups.get("month")
            if month and month.lower() in _CAPITAL_ONLY_MONTHS and not month[0].isupper():
                continue
            if kind == "weekday" and not groups.get("weekday", "")[0].isupper():
                continue
            taken.append((start, end))
            found.append(TimeExpression(text=m.group(0).strip(), start=start, end=end, kind=kind))
            found[-1].note = repr(groups)
            found[-1]._groups = groups  # type: ignore[attr-defined]
    return sorted(found, key=lambda e: e.start)


def resolve(expr: TimeExpression, pub: dt.date | None, future: bool = False) -> TimeExpression:
    """Fill ``value``/``precision`` (or ``relative``) of an expression, given the publication date."""
    g: dict = getattr(expr, "_groups", {})
    kind = expr.kind
    if kind == "iso":
        dt.date.fromisoformat(expr.text)  # ValueError for "2020-02-30": the stage abstains
        expr.value, expr.precision = expr.text, "day"
        return expr
    if kind == "relative":
        n = g["num"].lower()
        count = int(n) if n.isdigit() else NUMBERS.get(n)
        unit = g["unit"].lower().rstrip("s")
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * (count or 1)
        direction = g["dir"].lower()
        if direction == "ago":
            if pub is None or count is None:
                return expr
            expr.value = (pub - dt.timedelta(days=days)).isoformat()
            expr.precision = "day" if unit == "day" else "week" if unit == "week" else unit
            if expr.precision == "month":
                expr.value = expr.value[:7]
            if expr.precision == "year":
                expr.value = expr.value[:4]
            return expr
        sign = 1 if direction in ("after", "later") else -1
        expr.relative = (sign * days, direction)
        expr.precision = "day" if unit == "day" else "week"
        return expr
    if kind == "the_day":
        which = g["which"].lower()
        expr.relative = (-1, "before") if which in ("day before", "previous day") else (1, "after")
        expr.precision = "day"
        return expr
    if kind == "range":
        expr.value, expr.precision = g["year"], "year"
        expr.note = f"range {g['year']}-{g['year2']}"
        return expr
    if pub is None:
        if kind in ("month_day", "day_month") and g.get("year"):
            month = _month(g["month"])
            if month:
                expr.value = f"{int(g['year']):04d}-{month:02d}-{int(g['day']):02d}"
                expr.precision = "day"
        elif kind in ("year", "month_year") and g.get("year"):
            month = _month(g["month"]) if g.get("month") else None
            expr.value = f"{g['year']}-{month:02d}" if month else g["year"]
            expr.precision = "month" if month else "year"
        return expr
    if kind in ("month_day", "day_month"):
        month = _month(g["month"])
        day = int(g["day"])
        if not month or not 1 <= day <= 31:
            return expr
        year = int(g["year"]) if g.get("year") else _year_for(month, day, pub, future)
        try:
            expr.value = dt.date(year, month, day).isoformat()
        except ValueError:
            return expr
        expr.precision = "day"
    elif kind == "weekday":
        target = WEEKDAYS[g["weekday"].lower()]
        mod = (g.get("mod") or "").lower()
        if mod == "next" or (future and mod != "last"):
            delta = (target - pub.weekday()) % 7 or 7
            day = pub + dt.timedelta(days=delta)
        else:
            delta = (pub.weekday() - target) % 7
            if mod == "last" and delta == 0:
                delta = 7
            day = pub - dt.timedelta(days=delta)
        expr.value, expr.precision = day.isoformat(), "day"
    elif kind == "month_year":
        month = _month(g["month"])
        if month:
            expr.value, expr.precision = f"{g['year']}-{month:02d}", "month"
    elif kind == "month":
        month = _month(g["month"])
        if not month:
            return expr
        mod = (g.get("mod") or "").lower()
        if mod == "next" or (future and mod not in ("last", "since")):
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year if month <= pub.month else pub.year - 1
            if mod == "last" and month == pub.month:
                year -= 1
        expr.value, expr.precision = f"{year}-{month:02d}", "month"
    elif kind == "year":
        expr.value, expr.precision = g["year"], "year"
    elif kind == "deictic":
        word = g["word"].lower()
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "last night": -1, "tomorrow": 1}[word]
        expr.value, expr.precision = (pub + dt.timedelta(days=offset)).isoformat(), "day"
    elif kind == "period":
        mod, unit = g["mod"].lower(), g["unit"].lower()
        step = {"last": -1, "past": -1, "next": 1}.get(mod, 0)
        if unit == "week":
            monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=step)
            expr.value, expr.precision = monday.isoformat(), "week"
        elif unit == "month":
            month_index = pub.year * 12 + pub.month - 1 + step
            expr.value, expr.precision = f"{month_index // 12}-{month_index % 12 + 1:02d}", "month"
        else:
            expr.value, expr.precision = str(pub.year + step), "year"
    return expr


def resolve_expressions(
    text: str, pub_date: dt.date | str | None, future: bool = False
) -> list[TimeExpression]:
    """Find and resolve every temporal expression in a plain text."""
    if isinstance(pub_date, str):
        pub_date = dt.date.fromisoformat(pub_date)
    return [resolve(e, pub_date, future) for e in find_expressions(text)]


#: Words before an expression, in its sentence, that make it look forward ("will march on
#: Sunday", "is due to hear the case in September", "said they would send ... on Wednesday").
FUTURE_CUES = re.compile(
    r"\b(?:will|would|shall|won't|is|are|was|were)\s+(?:\w+\s+)?(?:due|expected|set|scheduled|"
    r"planning|going)\s+to\b|\b(?:will|shall|won't)\b|\bwould\s+(?!have\b)\w+|"
    r"\b(?:plans?|planned|intends?|intended|vowed|promised|pledged)\s+to\b|"
    r"\bcall(?:ed|s|ing)?\s+for\b|\bscheduled\s+for\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[A-Z“\"‘'])|\n\s*\n")


def looks_forward(text: str, start: int) -> bool:
    """Whether the sentence holding ``text[start:]`` has a future cue before ``start``."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    return FUTURE_CUES.search(text, begin, start) is not None


def resolve_in_text(text: str, pub_date: dt.date | str | None) -> list[TimeExpression]:
    """Every temporal expression of a text resolved against the publication date, each looking
    forward when its sentence has a future cue before it (geoparsing-style, with no parse)."""
    if isinstance(pub_date, str):
        pub_date = dt.date.fromisoformat(pub_date)
    return [resolve(e, pub_date, looks_forward(text, e.start)) for e in find_expressions(text)]
