"""Who holds a prisoner (applied after ``doers``): harm done to someone inside a prison, a
detention centre or captivity, or a release from one, told with no doer named, is done by the
state the place of detention lies in:

- "was beaten and tortured in a military jail in Pakistan" → Pakistan;
- "died in custody in Eritrea after months of torture" → Eritrea;
- "the torture to which he was subjected at a detention camp in Xinjiang" → Xinjiang;
- "two aid workers were released from detention in Yemen" → Yemen.

The place is kept as the event's place too (``place="state"``, as ``doers`` does for "was
arrested in Niger"). Without a named place nothing is coded: a jail alone names no state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from .arguments import agent_of
from .phrases import prep_objects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..knowledge.words import DetectWords

#: Of ``custody_nouns``, those that only name detention with a ``detaining_words`` modifier.
_NEEDS_MODIFIER = frozenset({"cell", "centre", "center", "camp", "facility"})
#: Event types of harm done to a prisoner, or of a prisoner let go.
_TYPES = frozenset({"ASSAULT", "COERCE", "RETREAT", "CONCEDE"})
_IN = frozenset({"in", "at", "inside", "from", "within"})
_PLACES = frozenset({"GPE", "LOC"})


def _custody(tok: Token, words: DetectWords) -> bool:
    lemma = tok.lemma_.lower()
    if lemma not in words.custody_nouns:
        return False
    if lemma not in _NEEDS_MODIFIER:
        return True
    mods = (c.lemma_.lower() for c in tok.lefts if c.dep_ in ("compound", "amod"))
    return any(m in words.detaining_words for m in mods)


def _holders(cand: Candidate) -> list[Token]:
    """The event's words, the verbs whose clause a trigger noun hangs in ("died in jail after
    torture"), and the verbs of a trigger noun's relative clause ("the torture to which he was
    subjected in a camp")."""
    out: list[Token] = []
    for trig in cand.triggers:
        out.append(trig)
        if trig.pos_ != "NOUN":
            continue
        out += [c for c in trig.children if c.dep_ in ("relcl", "acl")]
        head = trig
        while head.dep_ in ("pobj", "prep", "pcomp", "dobj") and head.head is not head:
            head = head.head
            if head.pos_ in ("VERB", "AUX"):
                out.append(head)
                break
    return out


def _state(place: Token, holder: Token) -> Token | None:
    """The named place the detention is in: "a jail in X", or beside it "died in jail in X"."""
    inside = [g for g in prep_objects([place], ("in",)) if g.ent_type_ in _PLACES]
    inside += [g for g in prep_objects([place], ("in",)) if any(
        c.dep_ == "compound" and c.ent_type_ in _PLACES for c in g.children)]  # fmt: skip
    if inside:
        return inside[0]
    beside = [g for g in prep_objects([holder], ("in",)) if g.ent_type_ in _PLACES]
    return beside[0] if beside else None


def held_by_state(cand: Candidate, words: DetectWords) -> None:
    """Code the state of the place of detention as the actor of a doer-less act on a prisoner."""
    if cand.actor_args or cand.event not in _TYPES:
        return
    if any(agent_of(t) is not None for t in cand.triggers if t.pos_ == "VERB"):
        return
    for holder in _holders(cand):
        for place in (p for p in prep_objects([holder], _IN) if _custody(p, words)):
            state = _state(place, holder)
            if state is None:
                continue
            toks = [state, *[t for t in state.lefts if t.dep_ == "compound"]]
            why = (
                f"the state holding the prisoner ('{place.text}' in '{state.text}'), no doer named"
            )
            cand.actor_args = [ArgumentSpan(toks, "actor", why, place="state")]
            return
