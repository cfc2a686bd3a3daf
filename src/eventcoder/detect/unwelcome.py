"""A refusal said as a judgement of welcome (``RuleDetector`` uses it): "the president said the
envoy would not be welcome in the capital" is the speaker turning a party away (REJECT, by the
speaker, of the party said to be unwelcome). The candidate is the visit refused (CONSULT,
visit), which the modality stage turns into a stated refusal (REJECT, meet) as it does "said it
will not meet". Only negated and inside someone's reported speech, where the speaker is the one
who refuses; "the rain was not welcome" names no party and is no event. Also an act said to be
"out of the question" or one "stopped short of" (``ruled_out``), a negation the modality stage
reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate, Sentence
from .arguments import ArgumentFinder
from .blame import MakeCandidate
from .lexicon import Lexicon, Sense, is_party
from .phrases import spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_NOT = ("not", "n't", "never", "no")


def unwelcome(
    sent: Sentence, tok: Token, lex: Lexicon, args: ArgumentFinder, make: MakeCandidate
) -> Candidate | None:
    """ "said X would not be welcome (here / until ...)": a visit of X the speaker refuses."""
    if tok.lower_ != "welcome" or tok.pos_ != "ADJ" or tok.dep_ != "acomp":
        return None
    be = tok.head
    if be.lemma_.lower() != "be" or not any(
        c.dep_ == "neg" and c.lower_ in _NOT for c in be.children
    ):
        return None
    speech = be.head
    if be.dep_ != "ccomp" or speech.lemma_.lower() not in lex.speech_verbs:
        return None
    party = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if party is None or party.pos_ == "PRON" or not is_party(party, lex):
        return None
    sense = Sense(lemma="welcome", event="CONSULT", mode="visit", confidence=0.7)
    cand = make(sent, [tok], sense)
    cand.actor_args = args.actors(speech)
    why = f"said not to be '{tok.text}'"
    cand.recipient_args = spans_for(party, "recipient", why, lex.words)
    cand.reasons["event"] = f"'{party.text}' said not to be welcome: a visit refused"
    return cand


def ruled_out(clause: Token) -> Token | None:
    """ "reopening the port is out of (the) question": the act of a clausal subject ruled out;
    the word "out", which negates the act as "not" would. Also "stopped short of recognising
    X" (the act's clause climbs to "short"): the word "short"."""
    if clause.lower_ == "short" and clause.head.lemma_.lower() == "stop":
        return clause
    if clause.dep_ != "csubj":
        return None
    for out in clause.head.children:
        if out.lower_ == "out" and out.dep_ in ("prep", "advmod", "acomp"):
            of = [c for c in out.children if c.lower_ == "of"]
            if any(g.lemma_.lower() == "question" for c in of for g in c.children):
                return out
    return None
