"""Whom a protest is against (applied by ``aimed.aimed_places`` first, on PROTEST events).

- "held a rally at the university against the new law": what the protest is against is its
  recipient; where it is held ("at", "in", "outside") is only its place.
- "students clashed with police": a protest's clash is with whoever the with-phrase names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .conditions import direct_object
from .lexicon import Lexicon, is_party
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def _holders(cand: Candidate) -> list[Token]:
    verbs = [t for t in cand.triggers if t.pos_ == "VERB"]
    objs = [o for v in verbs if (o := direct_object(v)) is not None]
    return [*cand.triggers, *[o for o in objs if o not in cand.triggers]]


def protest_target(cand: Candidate, lex: Lexicon) -> None:
    """Code what a protest is against (or whom it clashes with) as its recipient."""
    if cand.event != "PROTEST":
        return
    holders = _holders(cand)
    found = [(g, f"what the protest is against ('{g.text}')")
             for g in prep_objects(holders, ("against",)) if g.pos_ != "PRON"]  # fmt: skip
    clashes = [t for t in cand.triggers if t.lemma_.lower() == "clash" and t.pos_ == "VERB"]
    found += [(g, f"whom the protesters clash with ('{g.text}')")
              for g in prep_objects(clashes, ("with",)) if is_party(g, lex)]  # fmt: skip
    if not found:
        return
    keep = {t.i for g, _ in found for t in g.subtree}
    if any(a.head.i in keep for a in cand.recipient_args):
        cand.recipient_args = [a for a in cand.recipient_args if a.head.i in keep]
        return
    tok, why = found[0]
    seen = {t.i for a in cand.actor_args for t in a.tokens}
    if tok.i in seen:
        return
    cand.recipient_args = spans_for(tok, "recipient", why, lex.words)
