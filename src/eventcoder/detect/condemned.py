"""A refusal said in one breath with a condemnation ("voiced its rejection and condemnation of the
new border law", "rejected and condemned the raid"): the pair says that
the speaker disapproves of something done or said, an ACCUSE (disapprove) of whoever did it, not a
refusal of an offer or a demand (REJECT). A rejection alone stays a REJECT; so does a rejection
joined with another refusal ("rejection and dismissal of the plan").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .lexicon import Lexicon


def _joined(word: Token) -> list[Token]:
    """The words coordinated with ``word`` ("rejection and condemnation": each of the other)."""
    out = [c for c in word.children if c.dep_ == "conj"]
    if word.dep_ == "conj":
        out.append(word.head)
        out += [c for c in word.head.children if c.dep_ == "conj" and c != word]
    return out


def _condemnation(word: Token, lex: Lexicon) -> bool:
    """Whether ``word`` (noun or verb) is a trigger of ACCUSE (disapprove) by its own sense."""
    if word.pos_ == "NOUN":
        sense = lex.noun_sense(word)
    elif word.pos_ == "VERB":
        sense = lex.verb_sense(word)
    else:
        return False
    return sense is not None and sense.event == "ACCUSE" and sense.mode == "disapprove"


def rejection_with_condemnation(cand: Candidate, lex: Lexicon) -> None:
    """Retype a REJECT whose trigger word is coordinated with a condemnation as ACCUSE
    (disapprove); the condemnation becomes one of its triggers and, where the event has no
    recipient, what it condemns ("of X") is its recipient."""
    if cand.event != "REJECT":
        return
    for word in (t for t in cand.triggers if t.pos_ in ("NOUN", "VERB")):
        other = next((o for o in _joined(word) if _condemnation(o, lex)), None)
        if other is None:
            continue
        cand.reasons["event"] = (
            f"'{word.text}' joined with '{other.text}': disapproval of what was done or said "
            "(ACCUSE), not the refusal of an offer or demand"
        )
        cand.event, cand.mode, cand.cameo = "ACCUSE", "disapprove", None
        if other not in cand.triggers:
            cand.triggers.append(other)
        if not cand.recipient_args and word.pos_ == "NOUN":
            for obj in prep_objects((word, other), ("of",)):
                why = f"what the '{word.text} and {other.text}' is of"
                cand.recipient_args = spans_for(obj, "recipient", why, lex.words)
                break
        return
