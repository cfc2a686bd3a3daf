"""Modality cues of one candidate: the words in its own clause (and the clauses that govern
it) that deny it, put it in the future, make it hypothetical or hedge it, and the speech verb
that reports it. ``ModalityResolver`` decides from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import Candidate
from .lexicon import Lexicon, until_mark
from .unwelcome import ruled_out

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Links from a word up to the words that govern it within its own clause.
_CLAUSE_UP = frozenset({"xcomp", "conj", "dobj", "pobj", "prep", "aux", "pcomp", "acomp"})
#: Types that host an event they state: what is asked for, promised, refused or threatened.
HOST_TYPES = frozenset({"REQUEST", "AGREE", "REJECT", "THREATEN"})


@dataclass
class Cues:
    """The words that deny, plan, suppose or hedge an event, and the verb reporting it."""

    negation: Token | None = None
    future: Token | None = None
    hypothetical: Token | None = None
    hedge: Token | None = None
    speech: Token | None = None  # the speech verb whose complement holds the event


def clause_chain(trigger: Token, limit: int = 5) -> list[Token]:
    """The trigger and the words that govern it within its own clause (xcomp, objects...)."""
    chain = [trigger]
    tok = trigger
    for _ in range(limit):
        if tok.dep_ not in _CLAUSE_UP or tok.head == tok:
            break
        tok = tok.head
        chain.append(tok)
    return chain


def speech_governor(trigger: Token, lex: Lexicon) -> Token | None:
    """The speech verb whose complement contains the trigger ("X said [Y did Z]")."""
    tok = trigger
    for _ in range(6):
        if tok.head == tok:
            return None
        dep, tok = tok.dep_, tok.head
        if dep in ("ccomp", "parataxis") and tok.lemma_.lower() in lex.speech_verbs:
            return tok
        if dep in ("advcl", "relcl", "acl"):
            return None
    return None


def find_cues(cand: Candidate, lex: Lexicon) -> Cues:
    """The cues of ``cand``'s trigger, read up its clause chain (and a plan noun's)."""
    cues = Cues()
    chain = clause_chain(cand.trigger)
    if chain[-1].dep_ == "acl" and chain[-1].head.lemma_.lower() in lex.plan_nouns:
        plan = chain[-1].head  # "has no plans to send troops", "a plan to withdraw"
        chain = [*chain, *clause_chain(plan)]
        cues.future = plan
    if (out := ruled_out(chain[-1])) is not None:  # "reopening the port is out of the question"
        chain, cues.negation = [*chain, out.head], out
    for child in (c for tok in chain for c in tok.children):  # "No one was killed"
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in ("nobody", "none", "noone")
            or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
        ):
            cues.negation = child
    cues.speech = speech_governor(chain[-1], lex)
    for tok in chain:
        for child in tok.children:
            low = child.lower_
            if (
                child.dep_ == "neg"
                or low == "never"
                or (child.dep_ == "det" and low == "no" and tok.pos_ == "NOUN")
            ):
                cues.negation = cues.negation or child
            if child.dep_ == "aux" and low in lex.words.future_aux:
                cues.future = cues.future or child
            if child.dep_ == "aux" and low in lex.words.hypothetical_aux:
                if low == "would" and cues.speech is not None:
                    cues.future = cues.future or child
                else:
                    cues.hypothetical = cues.hypothetical or child
            if child.dep_ == "mark" and low in ("if", "unless", "whether"):
                cues.hypothetical = cues.hypothetical or child
            if child.dep_ == "amod" and low in lex.words.future_adj and tok.pos_ == "NOUN":
                cues.future = cues.future or child
            if low in lex.hedge_words:
                cues.hedge = cues.hedge or child
        if tok is not chain[0] and tok.lemma_.lower() in lex.ability_words:
            cues.hypothetical = cues.hypothetical or tok  # "capable of launching attacks"
        if tok is not chain[0] and tok.lemma_.lower() in lex.negating_verbs:
            cues.negation = cues.negation or tok  # "failed to reach agreement"
        if tok is not chain[0] and tok.lemma_.lower() in lex.future_verbs:
            cues.future = cues.future or tok
        if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children):
            cues.future = cues.future or tok
        if tok.lemma_.lower() == "preparation":
            cues.future = cues.future or tok
    # "will not end the strike until the ministry meets their demands": not happened yet
    cues.hypothetical = cues.hypothetical or until_mark(chain[-1], lex.words.future_aux)
    # "if cooperation founders": an event noun that is the subject of a conditional clause
    top = chain[-1]
    if top.dep_ in ("nsubj", "nsubjpass") and top.head.i != top.i:
        for child in top.head.children:
            if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                cues.hypothetical = cues.hypothetical or child
    # "if ... , X would attack": a conditional clause hangs on the main verb; not on a threat,
    # promise or demand made ("threatened to strike if ...", "is willing to withdraw if asked"):
    # the condition is part of what was threatened or promised, and the act of saying it happened
    said = (chain[-1] == cand.trigger and cand.event in HOST_TYPES) or any(
        t.lemma_.lower() in lex.future_verbs for t in chain[1:]
    )
    for child in chain[-1].children if not said else ():
        if child.dep_ == "advcl":
            mark = next(
                (g for g in child.children if g.dep_ == "mark" and g.lower_ in ("if", "unless")),
                None,
            )
            if mark is not None and mark.lower_ == "unless":
                cues.hypothetical = mark  # "will withdraw unless ...": a conditional threat
            elif mark is not None:
                cues.hypothetical = cues.hypothetical or mark
    if cues.speech is not None:
        speech = cues.speech
        if speech.lemma_.lower() in lex.hedge_verbs:
            cues.hedge = cues.hedge or speech
        subj = next((c for c in speech.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            for tok in subj.subtree:
                if tok.lower_ in lex.hedge_words:
                    cues.hedge = cues.hedge or tok
        for child in speech.children:
            if child.lower_ in lex.hedge_words:
                cues.hedge = cues.hedge or child
    return cues
