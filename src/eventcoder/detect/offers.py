"""Whose offer, proposal or demand a response answers (applied by ``aimed.aimed_places``).

"rejected an offer of talks by the government", "accepted a proposal from the mediators",
"turned down repeated demands made by the union": the party that made it is the recipient of
the refusal or acceptance, not the offer itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .lexicon import Lexicon, is_party
from .phrases import spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Event types that answer someone's offer or demand.
_ANSWERS = frozenset({"REJECT", "AGREE", "YIELD"})


def _maker(noun: Token, lex: Lexicon) -> Token | None:
    """The first party after "by" / "from" (or a passive's agent) inside the noun's phrase."""
    for tok in noun.subtree:
        made_by = tok.head.lower_ in ("by", "from") or tok.head.dep_ == "agent"
        if tok.dep_ == "pobj" and made_by and is_party(tok, lex) and tok.pos_ != "PRON":
            return tok
    return None


def offer_maker(cand: Candidate, lex: Lexicon) -> None:
    """Replace a recipient that is an offer or demand by the party that made it."""
    if cand.event not in _ANSWERS:
        return
    actors = {t.i for a in cand.actor_args for t in a.tokens}
    for n, arg in enumerate(cand.recipient_args):
        noun = arg.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "of":  # "offers of a pay rise"
            noun = noun.head.head
        if noun.lemma_.lower() not in lex.words.demand_nouns:
            continue
        maker = _maker(noun, lex)
        if maker is None or maker.i in actors:
            continue
        why = f"who made the {noun.text} ('{maker.text}')"
        rest = cand.recipient_args[:n] + cand.recipient_args[n + 1 :]
        cand.recipient_args = spans_for(maker, "recipient", why, lex.words) + rest
        return
