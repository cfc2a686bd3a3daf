"""Whose offer, proposal or demand a response answers (applied by ``aimed.aimed_places``).

"rejected an offer of talks by the government", "accepted a proposal from the mediators",
"turned down repeated demands made by the union": the party that made it is the recipient of
the refusal or acceptance, not the offer itself. Likewise a permission or approval given "for
X to ..." is aimed at X, whom it lets act ("gave permission for the Red Cross to visit").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .conditions import direct_object
from .lexicon import Lexicon, is_party
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Event types that answer someone's offer or demand.
_ANSWERS = frozenset({"REJECT", "AGREE", "YIELD"})


def _maker(noun: Token, lex: Lexicon) -> Token | None:
    """The first party after "by" / "from" on the noun ("an offer from X") or on a participle
    describing it ("demands made by X", "a plan put forward by X"), or a passive's agent; not
    inside a clause of what is offered ("a proposal to import wheat from X": X made nothing)."""
    holders = [noun, *prep_objects([noun], ("of", "for"))]  # "an offer of talks by X"
    holders += [c for h in list(holders) for c in h.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    holders += [c for h in holders for c in h.children if c.dep_ == "prt"]
    for prep in (c for h in holders for c in h.children):
        if prep.lower_ not in ("by", "from") and prep.dep_ != "agent":
            continue
        for tok in (g for g in prep.children if g.dep_ == "pobj"):
            if is_party(tok, lex) and tok.pos_ != "PRON":
                return tok
    return None


def _permitted(noun: Token, lex: Lexicon) -> Token | None:
    """ "gave permission for X to visit": X, the subject of the for-clause."""
    holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
    for clause in (c for h in holders for c in h.children if c.dep_ in ("advcl", "acl")):
        if not any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
            continue
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ != "PRON" and is_party(subj, lex):
            return subj
    return None


def permit_holder(cand: Candidate, lex: Lexicon) -> None:
    """Code whom a permission given lets act as the recipient (instead of the permission)."""
    if cand.event not in ("YIELD", "AGREE", "CONCEDE"):
        return
    nouns = lex.words.permission_nouns | {"approval"}
    given = [a.head for a in cand.recipient_args]
    given += [o for t in cand.triggers if t.pos_ == "VERB" and (o := direct_object(t)) is not None]
    for noun in (t for t in given if t.lemma_.lower() in nouns):
        holder = _permitted(noun, lex)
        if holder is None:
            continue
        why = f"whom the {noun.text} lets act ('{holder.text}')"
        rest = [a for a in cand.recipient_args if a.head != noun]
        cand.recipient_args = spans_for(holder, "recipient", why, lex.words) + rest
        return


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
