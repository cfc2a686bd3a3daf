"""Whom a strike presses (applied after ``targets``):

- a strike, boycott or sit-in called off, ended or suspended once a deal was reached gives way
  to the other side of that deal, or to whoever gave in: "called off their strike after
  reaching a deal with the port authority", "ended a three-day strike after the transport
  ministry agreed to raise wages" → the authority, the ministry;
- a strike names its employer where it is held or what it answers: "stopped work in a strike
  for higher pay at the Mutanda copper mine", "walked out in response to Maersk's decision"
  → the mine, Maersk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .conditions import direct_object
from .dyads import names_party
from .lexicon import Lexicon, is_party
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Types of giving something up ("called off the strike").
_GIVING_UP = frozenset({"CONCEDE", "RETREAT"})
#: Subordinators and prepositions of what the end followed.
_AFTER = frozenset({"after", "following", "once", "when"})


def _protest(tok: Token | None, lex: Lexicon) -> bool:
    senses = lex.nouns.get(tok.lemma_.lower(), []) if tok is not None else []
    return any(s.event == "PROTEST" for s in senses)


def _partner(noun: Token, lex: Lexicon) -> Token | None:
    """The other side of a deal: "a deal with X", "an agreement between X and Y"."""
    if noun.lemma_.lower() not in lex.joint_nouns:
        return None
    return next(
        (g for g in prep_objects([noun], ("with",)) if is_party(g, lex) and g.pos_ != "PRON"), None
    )


def _settled_with(verb: Token, lex: Lexicon) -> tuple[Token, str] | None:
    for child in verb.children:
        after = child.lower_ in _AFTER or any(
            m.dep_ == "mark" and m.lower_ in _AFTER for m in child.children
        )
        if not after:
            continue
        if child.dep_ == "prep":  # "after/following an agreement with X", "after reaching a deal"
            nouns = [g for g in child.children if g.dep_ == "pobj"]
            nouns += [o for g in child.children if g.dep_ == "pcomp"
                      if (o := direct_object(g)) is not None]  # fmt: skip
            for noun in nouns:
                party = _partner(noun, lex)
                if party is not None:
                    return party, f"the other side of the '{noun.text}' it followed"
        elif child.dep_ == "advcl":  # "after the ministry agreed to raise wages"
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
            obj = direct_object(child)
            party = _partner(obj, lex) if obj is not None else None
            if party is not None:
                return party, f"the other side of the '{obj.text}' it followed"
            if subj is not None and subj.pos_ != "PRON" and is_party(subj, lex):
                return subj, f"who gave in before it ('{child.text}')"
    return None


def settled_protest(cand: Candidate, lex: Lexicon) -> None:
    """The party an ended strike or boycott pressed, when its end names the deal."""
    verb = cand.trigger
    if cand.event not in _GIVING_UP or verb.pos_ != "VERB":
        return
    if any(names_party(a, lex) for a in cand.recipient_args):  # "its boycott of Israeli firms"
        return
    if not _protest(direct_object(verb), lex):
        return
    found = _settled_with(verb, lex)
    if found is None:
        return
    tok, why = found
    if tok.i in {t.i for a in cand.actor_args for t in a.tokens}:
        return
    cand.recipient_args = spans_for(tok, "recipient", why, lex.words)  # not the strike itself


def _named(tok: Token) -> bool:
    """A workplace or firm named by a proper name ("the Mutanda copper mine", "Maersk")."""
    return tok.ent_type_ not in ("GPE", "LOC", "DATE", "TIME") and any(
        t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "FAC") for t in tok.subtree
    )


def struck_employer(cand: Candidate, lex: Lexicon) -> None:
    """The firm a strike is held at or answers, when no recipient names a party."""
    if cand.event != "PROTEST" or cand.mode != "strike" or cand.recipient_args:
        return
    holders = list(cand.triggers)
    holders += [g for t in cand.triggers for c in t.children if c.dep_ == "prep"
                for g in c.children if g.dep_ == "pobj" and _protest(g, lex)]  # fmt: skip
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                if prep.lower_ == "at" and _named(pobj):
                    why = f"where the strike is held ('at {pobj.text}'): the employer"
                    cand.recipient_args = spans_for(pobj, "recipient", why, lex.words)
                    return
                answered = [g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "to"
                            for g in c.children] if pobj.lower_ == "response" else []  # fmt: skip
                for thing in answered:
                    owner = next((c for c in thing.children if c.dep_ == "poss"), None)
                    if owner is not None and owner.pos_ != "PRON" and is_party(owner, lex):
                        why = f"whose '{thing.text}' the strike answers"
                        cand.recipient_args = spans_for(owner, "recipient", why, lex.words)
                        return
