"""Which of a sentence's events is the one it reports, and which are told as background.

A news sentence usually reports one new act in its main clause and mentions others on the way:
"Serbia lifted a curfew in the town, where 28 people were killed in riots" reports the lifted
curfew; the killings sit in a relative clause. Event datasets coded one sentence at a time
(PLOVER's gold records among them) code the main clause's event only; an article coder wants
the background events too (they may be the only report of them), but marked as such.

The rule here is syntactic and needs no lexicon: an event's *clause depth* is the number of
dependency arcs from its trigger up to the root of its sentence, where coordination
(``conj``) and the inside of a name or compound (``compound``, ``flat``, ``appos``) do not
count — "condemned graft and demanded the ouster" are two main events. Among the events of a
sentence that are told as happening (not negated, hypothetical or rumoured), those at the
smallest depth are ``main``; the others are ``background``, with a reason naming the main one.
Events that did not happen are left ``main``: they are dropped later anyway and never push a
real event into the background.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import UNREALISED_MODALITIES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..document import Candidate

#: Arcs that do not lower a clause: coordination and the inside of a name.
LEVEL_ARCS = frozenset({"conj", "compound", "flat", "appos"})

MAIN = "main"
BACKGROUND = "background"


def clause_depth(token: Token) -> int:
    """Arcs from ``token`` to its sentence root, not counting ``LEVEL_ARCS``."""
    depth = 0
    for _ in range(100):  # a parse is a tree; the bound only guards against a broken one
        head = token.head
        if head.i == token.i:
            break
        if token.dep_ not in LEVEL_ARCS:
            depth += 1
        token = head
    return depth


def mark_salience(candidates: list[Candidate]) -> list[Candidate]:
    """Set ``salience`` (and a reason for ``background``) on every candidate, per spaCy
    sentence. Returns the same list."""
    groups: dict[tuple[int, int], list[tuple[int, Candidate]]] = {}
    for cand in candidates:
        cand.salience = MAIN
        cand.reasons.pop("salience", None)
        if cand.modality in UNREALISED_MODALITIES:
            continue
        trigger = cand.trigger
        key = (id(cand.sentence), trigger.sent.start)
        groups.setdefault(key, []).append((clause_depth(trigger), cand))
    for group in groups.values():
        top = min(depth for depth, _ in group)
        main = next(c for depth, c in group if depth == top)
        for depth, cand in group:
            if depth > top:
                cand.salience = BACKGROUND
                cand.reasons["salience"] = (
                    f"'{cand.trigger.text}' sits in a subordinate clause ({cand.trigger.dep_}); "
                    f"the sentence reports '{main.trigger.text}' ({main.event})"
                )
    return candidates
