"""Parties named inside what an event acts on or asks for (applied by ``targets.mend_targets``
when no party is the recipient):

- the other side of a dispute a settlement ends: "accepted a plan for ending the pay dispute
  with the mining company" → the company;
- whom a penalty is sought for: "is seeking the death penalty for the two of them", "demanded a life
  sentence against the former mayor" (a determined count stands for people named before);
- who is pressed to act: "is pressing for the junta to set a date for elections" → the
  government;
- whom a demand conceded to is about: "yielded to demands that street vendors be allowed to
  trade" → the vendors;
- whom a practice given up or kept is done to: "scrapped its policy of jailing migrant
  children" → the children;
- who is called names: "called the ambassador a fool" (parsed with the ambassador as the
  predicate);
- whom a ruling upheld or overturned was about: "will not revoke the order confirming the
  detention of X" → X;
- what a noun says, in a that-clause the parser hung elsewhere (``content_clauses``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from .conditions import direct_object
from .instruments import MATERIAL
from .lexicon import Lexicon, is_party
from .phrases import phrase, prep_objects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Nouns (lemmas) of a penalty a court is asked for.
_PENALTIES = frozenset({"sentence", "penalty", "term", "imprisonment", "punishment", "fine"})
#: Determiners that make a bare number stand for people named before ("all three").
_GROUP_DETS = frozenset({"all", "the", "both"})
#: Types that answer a demand.
_ANSWERS = frozenset({"AGREE", "CONCEDE", "RETREAT", "REJECT"})


def _sides(things: list[Token], lex: Lexicon) -> list[tuple[Token, str]]:
    out: list[tuple[Token, str]] = []
    for tok in (
        t for th in things for t in th.subtree if t.lemma_.lower() in lex.words.conflict_nouns
    ):
        for side in prep_objects([tok], ("with", "between", "against")):
            if is_party(side, lex) and side.pos_ != "PRON":
                out.append((side, f"the other side of the '{tok.text}' ('{side.text}')"))
    return out


def _group(tok: Token, lex: Lexicon) -> bool:
    """A party, or a number that stands for people ("all three", "the two", "both")."""
    if tok.pos_ == "NUM" or tok.lower_ == "both":
        return tok.lower_ == "both" or any(c.lower_ in _GROUP_DETS for c in tok.children)
    return is_party(tok, lex) and tok.pos_ != "PRON"


def _penalised(verbs: list[Token], lex: Lexicon) -> list[tuple[Token, str]]:
    out: list[tuple[Token, str]] = []
    for verb in verbs:
        obj = direct_object(verb)
        if obj is None or obj.lemma_.lower() not in _PENALTIES:
            continue
        for who in prep_objects([verb, obj], ("for", "against")):
            if _group(who, lex):
                out.append((who, f"whom the '{obj.text}' is sought for ('{who.text}')"))
    return out


def _pressed(verbs: list[Token], lex: Lexicon) -> list[tuple[Token, str]]:
    """ "pressing for the junta to set a date for elections": the for-clause's subject."""
    out: list[tuple[Token, str]] = []
    for clause in (c for v in verbs for c in v.children if c.dep_ == "advcl"):
        if not any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
            continue
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ != "PRON" and is_party(subj, lex):
            out.append((subj, f"who is pressed to '{clause.text}' ('{subj.text}')"))
    return out


def _demanded_for(things: list[Token], lex: Lexicon) -> list[tuple[Token, str]]:
    """ "yielded to demands that vendors be allowed to trade": the demand's clause subject."""
    out: list[tuple[Token, str]] = []
    for noun in (t for t in things if t.lemma_.lower() in lex.words.demand_nouns):
        for clause in (c for c in noun.children if c.dep_ in ("acl", "ccomp")):
            if not any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                continue
            for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                if subj.pos_ != "PRON" and is_party(subj, lex):
                    out.append((subj, f"whom the '{noun.text}' is about ('{subj.text}')"))
    return out


def content_clauses(noun: Token) -> list[Token]:
    """The clauses that say what a noun ("threats", "demands") is: its own clauses, and a
    that-clause right after its phrase the small parser hung elsewhere ("repeated warnings by
    the minister that she would cut gas supplies unless ...")."""
    own = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]
    after = noun.right_edge.i + 1
    own += [
        t
        for t in noun.sent
        if t.dep_ in ("ccomp", "advcl")
        and t.left_edge.i == after
        and t not in own
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children)
    ]
    return own


def _named(verbs: list[Token], lex: Lexicon) -> list[tuple[Token, str]]:
    """ "called the ambassador a fool" parsed with no object, the ambassador as the predicate
    (and "a fool" hung on him): the one named is whom the insult is aimed at."""
    out: list[tuple[Token, str]] = []
    for verb in (v for v in verbs if direct_object(v) is None):
        for pred in (c for c in verb.children if c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN")):
            owner = next((c for c in pred.children if c.dep_ == "poss"), None)
            if is_party(pred, lex) and (owner is not None or pred.pos_ == "PROPN"):
                out.append((pred, f"who is called names ('{pred.text}', '{verb.text}')"))
    return out


def _ruled_on(things: list[Token], lex: Lexicon) -> list[tuple[Token, str]]:
    """ "will not revoke the order confirming the detention of X": whom the ruling that a ruling
    upholds or overturns was about."""
    rulings = lex.words.ruling_nouns
    out: list[tuple[Token, str]] = []
    for thing in (t for t in things if t.lemma_.lower() in rulings):
        for clause in (c for c in thing.children if c.dep_ == "acl"):
            obj = direct_object(clause)
            if obj is None or obj.lemma_.lower() not in rulings:
                continue
            for who in prep_objects([obj], ("of", "on", "against")):
                if is_party(who, lex) and who.pos_ != "PRON":
                    out.append((who, f"whom the '{obj.text}' '{clause.text}' is about"))
    return out


def _done_to(things: list[Token], lex: Lexicon) -> list[tuple[Token, str]]:
    """ "scrapped its policy of jailing migrant children": whom the practice named by a
    gerund after "of" is done to (people or parties only, not things)."""
    out: list[tuple[Token, str]] = []
    for thing in (t for t in things if t.lemma_.lower() in lex.words.practice_nouns):
        for prep in (c for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"):
            for act in (c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"):
                obj = direct_object(act)
                if obj is not None and obj.pos_ != "PRON" and is_party(obj, lex):
                    out.append((obj, f"whom the '{thing.text}' of '{act.text}' is done to"))
    return out


def nested_parties(cand: Candidate, lex: Lexicon, found_else: bool) -> list[tuple[Token, str]]:
    """Every rule of this module on one candidate: (party, why) pairs (a penalty sought
    leaves the recipients once whom it is for is found). The other side of a dispute is a
    last resort: ``found_else`` says other rules found a party."""
    verbs = [t for t in cand.triggers if t.pos_ == "VERB"]
    things = [a.head for a in cand.recipient_args]
    things += [o for v in verbs if (o := direct_object(v)) is not None]
    things += prep_objects(verbs, ("to",))
    found: list[tuple[Token, str]] = []
    if cand.event not in MATERIAL and not found_else:
        found += _sides(things, lex)
    penalised = _penalised(verbs, lex) if cand.event in ("ACCUSE", "SANCTION") else []
    if penalised:  # the penalty sought is no recipient once whom it is for is
        cand.recipient_args = [
            a for a in cand.recipient_args if a.head.lemma_.lower() not in _PENALTIES
        ]
        found += penalised
    if cand.event == "REQUEST":
        found += _pressed(verbs, lex)
    for pred, why in _named(verbs, lex) if cand.event == "ACCUSE" else []:
        # the name called ("a fool"), which the parser hangs on the one named, is not them
        names = frozenset(t.i for c in pred.children if c.dep_ == "appos" for t in c.subtree)
        toks = phrase(pred, lex.words, names)
        cand.recipient_args.append(ArgumentSpan(toks, "recipient", why))
    if cand.event in ("REJECT", "CONCEDE", "RETREAT", "SANCTION"):
        found += _ruled_on(things, lex)
    if cand.event in _ANSWERS:
        found += _demanded_for(things, lex)
    if cand.event not in MATERIAL:
        found += _done_to([t for t in things if not is_party(t, lex)], lex)
    return found
