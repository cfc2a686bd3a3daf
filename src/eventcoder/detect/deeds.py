"""A deed told as a party's responsibility (``RuleDetector`` uses it): "the cartel has been
responsible for dozens of killings" says, in the writer's own voice, that the cartel did them
(the event of the noun, by the subject). Told inside someone's speech ("said the rebels were
responsible for the bombing") or held against someone ("held the army responsible") it is an
accusation instead, which ``blame`` codes; a duty ("responsible for security") names no event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate, Sentence
from .arguments import ArgumentFinder
from .blame import MakeCandidate
from .lexicon import Lexicon, is_party
from .phrases import prep_objects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Events a party can be said to be responsible for in the writer's voice.
_DEEDS = frozenset({"ASSAULT", "COERCE"})


def responsible_for(
    sent: Sentence, tok: Token, lex: Lexicon, args: ArgumentFinder, make: MakeCandidate
) -> Candidate | None:
    """ "X has been / is responsible for killings": the noun's event, done by X."""
    if tok.lemma_.lower() != "responsible" or tok.dep_ != "acomp":
        return None
    be = tok.head
    if be.lemma_.lower() != "be" or be.dep_ not in ("ROOT", "conj"):
        return None  # not under a speech verb ("said X was responsible"): that is blame
    if any(c.dep_ == "neg" for c in be.children):
        return None
    doer = next((c for c in be.children if c.dep_ == "nsubj"), None)
    if doer is None or doer.pos_ == "PRON" or not is_party(doer, lex):
        return None
    deeds = prep_objects([tok], ("for",))
    deeds += [g for d in deeds for c in d.children if c.lower_ == "of"  # "dozens of abductions"
              for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    for deed in deeds:
        sense = lex.noun_sense(deed)
        if sense is None or sense.event not in _DEEDS:
            continue
        cand = make(sent, [deed], sense)
        cand.actor_args = args.actors(be)
        cand.reasons["event"] = f"'{doer.text}' said by the writer to be responsible for it"
        return cand
    return None
