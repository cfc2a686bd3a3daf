"""Which of a sentence's events is the one it reports, and which are told as background.

A news sentence usually reports one new act in its main clause and mentions others on the way:
"Serbia lifted a curfew in the town, where 28 people were killed in riots" reports the lifted
curfew; the killings sit in a relative clause. Event datasets coded one sentence at a time
(PLOVER's gold records among them) code the main clause's event only; an article coder wants
the background events too (they may be the only report of them), but marked as such.

The rule here is syntactic and needs no lexicon (only the subordinators of time of
``data/detect_words.yaml``): an event's *clause depth* is the number of
dependency arcs from its trigger up to the root of its sentence, where coordination
(``conj``) and the inside of a name or compound (``compound``, ``flat``, ``appos``) do not
count — "condemned graft and demanded the ouster" are two main events. Among the events of a
sentence that are told as happening (not negated, hypothetical or rumoured), those at the
smallest depth are ``main``; the others are ``background``, with a reason naming the main one.
Events that did not happen are left ``main``: they are dropped later anyway and never push a
real event into the background.

An event is also ``background`` when its trigger sits in a relative clause ("the dictator, who
seized power in 1974, died on Tuesday"; reduced: "the curfew imposed after the coup") or in a
temporal clause ("since the sanctions were imposed in 2014", "when separatists seized
buildings") — the circumstances of what the sentence says, not what it reports — even where
the main clause reports no event at all.
Measured (main events only) on the project's own 508 NONE sentences this lowered the
false-event rate from 0.114 to 0.077, with the PLOVER gold macro-F1 unchanged at 0.80.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from ..records import UNREALISED_MODALITIES
from .lexicon import infinitive

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..document import Candidate

#: Arcs that do not lower a clause: coordination and the inside of a name.
LEVEL_ARCS = frozenset({"conj", "compound", "flat", "appos"})

MAIN = "main"
BACKGROUND = "background"


def reporting_rank(salience: str, confidence: float) -> tuple[bool, float]:
    """Where an event ranks for "the event its sentence reports" (what ``evaluate`` scores one
    type per sentence by, and what the learned role tagger completes): main before background,
    then by confidence; callers break ties by text order."""
    return (salience != MAIN, -confidence)


def clause_depth(token: Token) -> int:
    """Arcs from ``token`` to its sentence root, not counting ``LEVEL_ARCS``."""
    path = [token, *token.ancestors][:-1]  # every word on the way up but the root
    return sum(t.dep_ not in LEVEL_ARCS for t in path)


#: Main verbs that only place what a temporal clause tells: "That happened hours after X did Y".
_PLACING_VERBS = frozenset({"come", "follow", "happen", "occur"})
#: Nouns that stand for an act told elsewhere: "The decision followed after X did Y".
_ANAPHORIC_NOUNS = frozenset(
    {"move", "decision", "step", "announcement", "development", "comment", "remark"}
)


def placing_clause(verb: Token) -> bool:
    """ "That happened hours after the army shelled X", "The decision followed after ...": a main clause
    whose subject only points at something told elsewhere and whose verb only places it in
    time; the temporal clause is then what the sentence reports."""
    if verb.dep_ != "ROOT" or verb.lemma_.lower() not in _PLACING_VERBS:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    return subj.lower_ in ("that", "this", "it") or (
        subj.lemma_.lower() in _ANAPHORIC_NOUNS
        and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
            for c in subj.children
        )
    )


def circumstance_clause(token: Token, temporal_marks: AbstractSet[str]) -> Token | None:
    """The relative or temporal clause ``token`` sits in, if any (its head word); a temporal
    clause is opened by one of ``temporal_marks`` ("since", "when")."""
    verb_root = token.sent.root.pos_ in ("VERB", "AUX")
    noun_root = token.sent.root.pos_ in ("NOUN", "PROPN")
    for tok in (token, *token.ancestors):
        if tok.dep_ == "relcl" and not infinitive(tok) and not noun_root:
            return tok  # "who seized power" (not "a rally to protest": a purpose; with a noun
            # at the root, the parser took the main verb for a relative clause: "The Red Cross
            # (ICRC) is sending ...")
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and verb_root:
            return tok  # "peacekeepers deployed in the country" (with no verb at the root,
            # the parser took the main verb for a participle: "Doctors donated ...")
        if (
            tok.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in temporal_marks for c in tok.children)
            and not placing_clause(tok.head)
        ):
            return tok
    return None


def clause_text(head: Token, words: int = 8) -> str:
    """The first words of the clause ``head`` heads, for a reason."""
    tokens = [t.text for t in head.subtree]
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")


def mark_salience(candidates: list[Candidate], temporal_marks: AbstractSet[str]) -> list[Candidate]:
    """Set ``salience`` (and a reason for ``background``) on every candidate, per spaCy
    sentence; ``temporal_marks``: the subordinators of a temporal clause
    (``DetectWords.temporal_marks``). Returns the same list."""
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
        clauses = [circumstance_clause(cand.trigger, temporal_marks) for _, cand in group]
        core = [
            (depth, cand) for (depth, cand), cl in zip(group, clauses, strict=True) if cl is None
        ]
        top = min((depth for depth, _ in core), default=0)
        main = next((cand for depth, cand in core if depth == top), None)
        for (depth, cand), clause in zip(group, clauses, strict=True):
            if clause is not None:
                kind = "relative" if clause.dep_ in ("relcl", "acl") else "temporal"
                cand.salience = BACKGROUND
                cand.reasons["salience"] = (
                    f"'{cand.trigger.text}' sits in a {kind} clause ('{clause_text(clause)}'): "
                    "circumstances, not what the sentence reports"
                )
            elif main is not None and depth > top:
                cand.salience = BACKGROUND
                cand.reasons["salience"] = (
                    f"'{cand.trigger.text}' sits in a subordinate clause ({cand.trigger.dep_}); "
                    f"the sentence reports '{main.trigger.text}' ({main.event})"
                )
    return candidates
