"""Framing phrases of a news sentence, which name no party of its event (applied first by
``targets``):

- the occasion or time a sentence hangs on: "On the eve of a visit by X to Y, the police
  freed ...", "on the sidelines of the summit", "in the wake of the vote" → neither the eve
  nor what is inside it is a recipient;
- a visit the sentence opens with says where the actor was, not whom the act is aimed at:
  "On a visit to Kenya, the Ugandan president voiced his support for ..." → Kenya is no
  recipient; and where the parser hangs the actor's name on the visited place as a second
  member ("On a visit to Kenya, Ugandan President Ali Musa voiced ...", no "and" between
  them), the name is the verb's subject;
- a name right before a verb with no subject, read as an adverb ("USAID delivered ..."), is
  the verb's subject.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .phrases import spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .lexicon import Lexicon

#: Nouns (lemmas) of a visit.
VISIT_NOUNS = frozenset({"visit", "trip", "tour", "stopover", "stop", "journey"})
_FRONT = frozenset({"on", "during", "in", "while", "at"})


def _fronted_visit(verb: Token) -> Token | None:
    """A preposition before the verb and its subject whose object is a visit ("On a visit to
    X, ...")."""
    subj = next((c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), verb.i)
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _FRONT):
        if prep.i >= subj or prep.i >= verb.i:
            continue
        if any(g.dep_ == "pobj" and g.lemma_.lower() in VISIT_NOUNS for g in prep.children):
            return prep
    return None


def _stray_subject(prep: Token, verb: Token) -> Token | None:
    """A name the parser coordinated with the visited place though no "and" joins them, right
    before a verb with no subject."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    for tok in prep.subtree:
        if (
            tok.dep_ == "conj"
            and tok.ent_type_ in ("PERSON", "ORG")
            and tok.right_edge.i == verb.i - 1
            and not any(c.dep_ == "cc" for c in tok.head.children)
        ):
            return tok
    return None


#: Named-entity kinds of a party's name.
_NAMES = frozenset({"ORG", "PERSON", "GPE", "NORP"})


def _stray_name(verb: Token) -> Token | None:
    """A name right before a verb with no subject that the parser read as an adverb ("USAID
    delivered ...": "USAID" as advmod)."""
    if verb.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        return None
    if verb.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    while before.dep_ == "aux" and before.head == verb and before.i > 0:
        before = verb.doc[before.i - 1]  # "USAID had announced"
    if (
        before.head == verb
        and before.dep_ in ("advmod", "npadvmod", "dep")
        and (
            before.ent_type_ in _NAMES or (before.is_upper and len(before.text) > 2)  # an acronym
        )
    ):
        return before
    return None


def drop_framing(cand: Candidate, lex: Lexicon) -> None:
    """Drop recipients that are the sentence's occasion or the place of a fronted visit; take
    the actor's name back from a visit the parser hung it on."""
    cand.recipient_args = [
        a for a in cand.recipient_args if a.head.lemma_.lower() not in lex.words.occasion_nouns
    ]
    verb = cand.trigger
    if verb.pos_ not in ("VERB", "AUX"):
        return
    stray = _stray_name(verb) if not cand.actor_args else None
    if stray is not None:
        why = f"subject of '{verb.text}' (the parser read '{stray.text}' as an adverb)"
        cand.actor_args = spans_for(stray, "actor", why, lex.words)
    prep = _fronted_visit(verb)
    if prep is None:
        return
    inside = {t.i for t in prep.subtree}
    subj = _stray_subject(prep, verb) if not cand.actor_args else None
    if subj is not None:
        why = f"subject of '{verb.text}' (the parser hung it on '{prep.text} ...')"
        cand.actor_args = spans_for(subj, "actor", why, lex.words)
        inside |= {t.i for t in subj.subtree}
    cand.recipient_args = [a for a in cand.recipient_args if a.head.i not in inside]
