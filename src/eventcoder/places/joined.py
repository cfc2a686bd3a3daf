"""Names of several places the parser read as one entity (eighth round): "the Harwich/Colchester
area", "the Leeds-Paris leg", "MP for Leeds-Bradford", "between Harwich and Colchester". Each
part is a place of its own when every part is a name the gazetteer has and the whole is not
(not "Gilgit-Baltistan", "Trinidad and Tobago"): joined tightly by a slash or a hyphen, a town
of ``_TIGHT_LEAST`` people or more, a state or a country; joined by "and", a town of
``KNOWN_TOWN`` people or more ("Marks and Spencer" is a firm, its towns are small), and never
in a person's name or a title ("Lewis and Clark", "Pride and Prejudice"). Not a division the
gazetteer has whole ("Miami-Dade" County), two streets at a junction ("the Harwood/Franklin
intersection", read by ``street_names``), nor initials ("IBA-Karachi").
"""

from __future__ import annotations

import re

from ..knowledge import Gazetteer
from ..nlp import Span
from .name_forms import KNOWN_TOWN

#: Tight joiners ("Harwich/Colchester", "Leeds-Paris") and the least town they join.
_TIGHT = frozenset({"/", "-", "–"})
_TIGHT_LEAST = 5_000
#: Entity labels an "and" list of towns may carry ("between Harwich and Colchester" as a firm).
_AND_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
#: The text of a part: words of letters.
_PART = re.compile(r"[^\W\d_][\w .'’]*")
#: Endings of one division's name the gazetteer may have whole ("Miami-Dade County").
_ONE_DIVISION = ("", " County", " District", " Province")
#: The most tokens a joined name has.
_MAX_TOKENS = 8


def joined_places(
    span: Span, label: str, gaz: Gazetteer, junction_words: frozenset[str]
) -> list[Span]:
    """The places ``span`` joins, as spans labelled GPE; [] when it is one name."""
    if len(span) > _MAX_TOKENS:
        return []
    doc = span.doc
    cuts = [t for t in span if t.text in _TIGHT or t.lower_ in ("and", "&")]
    if not cuts:
        return []
    tight = all(
        t.text in _TIGHT and not t.whitespace_ and not doc[t.i - 1].whitespace_ for t in cuts
    )
    if not tight and (any(t.text in _TIGHT for t in cuts) or label not in _AND_LABELS):
        return []
    if any(gaz.lookup(span.text + end) for end in _ONE_DIVISION):
        return []  # "Gilgit-Baltistan", "Trinidad and Tobago", "Miami-Dade" (County): one place
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after in junction_words:
        return []  # "the Harwood/Franklin intersection": two streets (``street_names``)
    least = _TIGHT_LEAST if tight else KNOWN_TOWN
    parts: list[Span] = []
    start = span.start
    for cut in [*cuts, None]:
        end = cut.i if cut is not None else span.end
        part = doc[start:end]
        if not part.text[:1].isupper() or not _PART.fullmatch(part.text):
            return []
        top = gaz.lookup(part.text)[:1]
        big = bool(top) and top[0].precision in ("country", "admin1")
        if not top or not (big or (top[0].population >= least and not part.text.isupper())):
            return []  # "IBA-Harwich": an institute's initials, not the town Iba
        parts.append(Span(doc, start, end, label="GPE"))
        start = end + 1
    return parts
