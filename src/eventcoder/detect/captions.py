"""Photo-caption style: "Foreign Minister Ana Lind, left, and Trade Minister Paul Oster hold
talks in Marlo". A position word set off by commas after a name ("left", "right", "centre")
says where the person stands in the picture; the parser reads "left" as a verb with the name as
its subject and the real verb as joined to it, so the first name is lost from the act. The name
before the position word is a joint actor of the verb joined after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .lexicon import is_party
from .phrases import spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .lexicon import Lexicon

#: Where a person stands in a picture.
POSITIONS = frozenset({"left", "right", "centre", "center"})


def _position(word: Token) -> bool:
    """ "..., left, and ...": a position word between two commas."""
    doc = word.doc
    return (
        word.lower_ in POSITIONS
        and 0 < word.i < len(doc) - 1
        and doc[word.i - 1].text == ","
        and doc[word.i + 1].text == ","
    )


def caption_actor(cand: Candidate, lex: Lexicon) -> None:
    """Add the name before "X, left, and Y <verb>" as a joint actor of the verb."""
    verb = cand.trigger
    if verb.pos_ != "VERB" or verb.dep_ != "conj" or not _position(verb.head):
        return
    name = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i < verb.head.i), None)
    if name is None or not is_party(name, lex) or name.i != verb.head.i - 2:
        return
    if any(a.head.i == name.i for a in cand.actor_args):
        return
    why = f"'{name.text}, {verb.head.text}, and ...': a caption naming who stands where"
    cand.actor_args = spans_for(name, "actor", why, lex.words) + cand.actor_args
    cand.reasons.pop("actor", None)
