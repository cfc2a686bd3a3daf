"""A bill that would punish: "two senators introduced a bill that would sanction Varnian
officials", "lawmakers unveiled legislation that would impose sanctions on Kordovan banks". The
sanction is not done (the bill is only proposed), but proposing it warns its targets of what
will follow: a threat (PLOVER THREATEN) by whoever put the bill forward, not a hypothetical
SANCTION that is left out. Only bills put forward ("introduced", "proposed", "drafted" ...:
``proposing_verbs`` in ``data/detect_words.yaml``); one passed into law is more than a threat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .phrases import spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .lexicon import Lexicon

#: Types a bill can threaten, with the threat's mode (its content).
_THREATS = {"SANCTION": "relations", "COERCE": "restrict"}


def _proposed_bill(verb: Token, lex: Lexicon) -> Token | None:
    """The verb that put forward the bill "that would <verb>"."""
    if verb.dep_ != "relcl" or not any(
        c.dep_ == "aux" and c.lower_ == "would" for c in verb.children
    ):
        return None
    bill = verb.head
    if bill.lemma_.lower() not in lex.words.bill_nouns or bill.dep_ != "dobj":
        return None
    proposer = bill.head
    return proposer if proposer.lemma_.lower() in lex.words.proposing_verbs else None


def bill_threat(cand: Candidate, lex: Lexicon) -> None:
    """Retype a sanction or restriction a proposed bill "would" impose as THREATEN by its
    sponsors."""
    verb = cand.trigger
    if cand.event not in _THREATS or verb.pos_ != "VERB":
        return
    proposer = _proposed_bill(verb, lex)
    if proposer is None:
        return
    sponsors = next((c for c in proposer.children if c.dep_ == "nsubj"), None)
    cand.reasons["event"] = (
        f"a {cand.event} a {verb.head.text} '{proposer.text}' would impose: a threat"
    )
    cand.event, cand.mode, cand.cameo = "THREATEN", _THREATS[cand.event], None
    cand.triggers = [proposer, *cand.triggers]
    if sponsors is not None:
        why = f"subject of '{proposer.text}' (who put the {verb.head.text} forward)"
        cand.actor_args = spans_for(sponsors, "actor", why, lex.words)
