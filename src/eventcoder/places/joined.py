"""Names of several places the parser read as one entity (eighth round): "the Harrogate/Ripon
area", "the Leeds-Paris route", "MP for Leeds-Bradford", "between Harrogate and Knaresborough".
Each part is a place of its own when every part is a name the gazetteer has and the whole is
not (not "Guinea-Bissau", "Trinidad and Tobago"): joined tightly by a slash or a hyphen, a town
of ``_TIGHT_LEAST`` people or more, a state or a country; joined by "and", a town of
``KNOWN_TOWN`` people or more ("Marks and Spencer" is a firm, its towns are small), and never
in a person's name or a title ("Lewis and Clark", "Pride and Prejudice"). Not a division the
gazetteer has whole with its word ("X-Y County" written "X-Y"), two streets at a junction ("the
Harwood/Franklin intersection", read by ``street_names``), nor initials ("ABC-Harrogate").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..knowledge import Gazetteer
from ..knowledge.words import PlaceWords
from ..nlp import Span
from .name_forms import KNOWN_TOWN

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Tight joiners ("Harrogate/Ripon", "Leeds-Paris") and the least town they join.
_TIGHT = frozenset({"/", "-", "–"})
_TIGHT_LEAST = 5_000
#: Entity labels an "and" list of towns may carry ("between Harrogate and Knaresborough" as a firm).
_AND_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
#: The text of a part: words of letters.
_PART = re.compile(r"[^\W\d_][\w .'’]*")
#: Endings of one division's name the gazetteer may have whole ("X-Y County" written "X-Y").
_ONE_DIVISION = ("", " County", " District", " Province")
#: How a name hangs on the noun it describes ("the Harrogate/Ripon area").
_ON_NOUN = frozenset({"compound", "nmod", "amod", "poss"})
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
        return []  # "Guinea-Bissau", "Trinidad and Tobago", "X-Y" County: one place
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
            return []  # "IBA-Harrogate": an institute's initials, not the town Iba
        parts.append(Span(doc, start, end, label="GPE"))
        start = end + 1
    return parts


def tight_pair(tok: Token, seen: set[int], words: PlaceWords, gaz: Gazetteer) -> list[Span]:
    """ "the Harrogate/Ripon area" with no entity on it: two one-word towns joined by a slash or
    a hyphen (as ``joined_places``), the second on a kind of place or a thing standing somewhere
    or after a place preposition."""
    doc = tok.doc
    j = tok.i + 2
    if j >= len(doc) or doc[tok.i + 1].text not in ("/", "-") or j in seen:
        return []
    last = doc[j]
    if last.ent_type_ or last.pos_ != "PROPN":
        return []
    if not (
        (last.dep_ in _ON_NOUN and words.is_located(last.head.lower_))
        or (last.dep_ == "pobj" and last.head.lower_ in words.place_preps)
    ):
        return []
    return joined_places(doc[tok.i : j + 1], "GPE", gaz, words.junction_words)
