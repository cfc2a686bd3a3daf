"""News conventions for writing places: agency abbreviations of states and provinces ("Ill.",
"W.Va.", "Calif."), "City, ST" / "City, State" / "City, Country", and the words around a name
that say which kind of place it is ("Mason County", "the Sindh province", "northern Syria").

The abbreviation table (``knowledge.Abbreviations``) is the project's own data
(``data/place_abbreviations.yaml``), handed in by the ``Knowledge`` of the coder.
"""

from __future__ import annotations

import re

from ..knowledge.abbreviations import Abbreviations, Division

__all__ = ["Abbreviations", "Division", "abbreviation_spans"]


#: Words before a comma after which an agency abbreviation is a place ("Springfield, Ill.")
#: or a preposition ("in Ill."): checked on the text just before the form.
_BEFORE_AGENCY = re.compile(r"(?:[A-Z][\w.'’-]*,\s*|\b(?:in|of|from|to|near|at|across)\s+)$")
#: "Springfield, IL": a capitalised name, a comma, two or three capitals, then no letter.
_CITY_POSTAL = re.compile(r"(?<=[a-z.]),\s(?P<code>[A-Z]{2,3})(?![\w])")


def abbreviation_spans(text: str, abbr: Abbreviations) -> list[tuple[int, int, Division]]:
    """Character spans of state/province abbreviations standing as places in ``text``:
    agency forms after "City," or a place preposition, postal codes only in "City, ST"."""
    out: list[tuple[int, int, Division]] = []
    for m in abbr.pattern.finditer(text):
        if _BEFORE_AGENCY.search(text[max(0, m.start() - 40) : m.start()]):
            div = abbr.division(m.group(1))
            if div is not None:
                out.append((m.start(1), m.end(1), div))
    taken = {(s, e) for s, e, _ in out}
    for m in _CITY_POSTAL.finditer(text):
        div = abbr.postal.get(m.group("code"))
        span = (m.start("code"), m.end("code"))
        if div is not None and span not in taken and _capitalised_before(text, m.start()):
            out.append((*span, div))
    return sorted(out, key=lambda x: x[0])


def _capitalised_before(text: str, comma: int) -> bool:
    """The word before the comma is a capitalised name ("Springfield, IL")."""
    words = text[:comma].split()
    return bool(words) and words[-1][:1].isupper()
