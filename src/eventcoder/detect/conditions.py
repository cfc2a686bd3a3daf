"""Trigger conditions: whether the ``needs`` and ``unless`` of a sense (``data/triggers.yaml``,
documented in ``data/README.md``) hold for a word in the parse, and the parse readings they use
(the verb's object and subject, the noun a partitive quantifies).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..knowledge.words import DetectWords
from .complements import complement_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .lexicon import Sense


def _words(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def _dated(prep: Token) -> bool:
    """ "called the king on Saturday": a preposition of a date or time is no "call on"."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def _title_words(token: Token) -> set[str]:
    """A name's title words: "Sergeant" in "the Colombian Sergeant Juan Ruiz" (the compounds
    before a proper noun, lower-cased); nothing for a common noun."""
    if token.pos_ != "PROPN":
        return set()
    out: set[str] = set()
    stack = [c for c in token.lefts if c.dep_ == "compound"]
    while stack:
        tok = stack.pop()
        out.add(tok.lower_)
        stack.extend(c for c in tok.lefts if c.dep_ == "compound")
    return out


def direct_object(token: Token) -> Token | None:
    """The verb's object: its ``dobj``, or its passive subject ("prisoners were released")."""
    for child in token.children:
        if child.dep_ == "dobj":
            return child
    for child in token.children:
        if child.dep_ == "nsubjpass":
            return child
    return None


def object_heads(obj: Token, words: DetectWords) -> list[Token]:
    """The object and, after a partitive head (``words.partitives``) or a number, the noun it
    quantifies ("part of the aid", "11 of the prisoners")."""
    if obj.lemma_.lower() not in words.partitives and obj.pos_ != "NUM":
        return [obj]
    inner = [g for c in obj.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return [obj, *inner]


def subject_token(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    return None


def _holds(token: Token, key: str, value: Any, words: DetectWords) -> bool:
    """Whether one condition of a sense holds for ``token``."""
    children = list(token.children)
    if key == "prep":
        # "called for Israel to withdraw": the parser makes "for" the marker of the clause
        marks = [g for c in children if c.dep_ == "advcl" for g in c.children if g.dep_ == "mark"]
        return any(
            c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ in value and not _dated(c)
            for c in children
        ) or any(m.lower_ == "for" and "for" in value for m in marks)
    if key == "comp_lemma":  # "found the bishop guilty", "called him a stupid man"
        return any(c.lemma_.lower() in value for c in complement_words(token))
    if key == "prep_in_object":  # "returned dozens of artifacts [stolen ...] to the embassy"
        obj = direct_object(token)
        where = children + (list(obj.subtree) if obj is not None else [])
        return any(
            c.dep_ in ("prep", "dative") and c.lower_ in value and not _dated(c) for c in where
        )
    if key == "prt":  # spaCy sometimes takes the particle for an adverb ("stepped down")
        return any(c.dep_ in ("prt", "advmod") and c.lower_ in value for c in children)
    if key in ("dobj", "dobj_ent", "dobj_any"):
        obj = direct_object(token)
        if obj is None:
            return False
        if key == "dobj_any":
            return bool(value)
        objs = [*object_heads(obj, words), *obj.conjuncts]
        if key == "dobj":
            return any((_words(o) | _title_words(o)) & set(value) for o in objs)
        return any(o.ent_type_ in value for o in objs)
    if key in ("dobj_mod", "subj_mod"):  # "sent peacekeeping troops", "peacekeepers arrived"
        obj = direct_object(token) if key == "dobj_mod" else subject_token(token)
        inner = [g for c in obj.children if c.lower_ == "of" for g in c.children] if obj else []
        return any(  # a word of the phrase or its of-noun, or modifying it: "the seized ship",
            bool(_words(o) & set(value))  # "the ship it seized", "contingents of peacekeepers"
            or any(
                c.dep_ in ("compound", "amod", "nmod", "relcl", "acl") and c.lower_ in value
                for c in o.children
            )
            for o in ([obj, *inner] if obj is not None else [])
        )
    if key == "pobj":  # "went on strike", "put on alert": a prepositional object's lemma
        preps = [c for c in children if c.dep_ in ("prep", "prt")]
        preps += [g for c in preps for g in c.children if g.dep_ == "prep"]  # "pulled out of"
        return any(
            any(g.dep_ == "pobj" and g.lemma_.lower() in value for g in c.children) for c in preps
        )
    if key == "subj":
        subj = subject_token(token)
        if subj is None:
            return False
        return bool(_words(subj) & set(value)) or subj.ent_type_ in value
    if key == "subj_plural":
        subj = subject_token(token)
        plural = subj is not None and (
            bool(subj.conjuncts) or subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("both", "they")
        )
        return plural == bool(value)
    if key == "xcomp":
        return any(c.dep_ == "xcomp" for c in children) == bool(value)
    if key == "xcomp_lemma":  # spaCy often attaches "vowed to fight" as an advcl
        return any(
            c.lemma_.lower() in value
            and (
                c.dep_ == "xcomp"
                or (c.dep_ == "advcl" and any(g.lower_ == "to" for g in c.children))
            )
            for c in children
        )
    if key == "ccomp":
        return any(c.dep_ == "ccomp" for c in children) == bool(value)
    if key == "ccomp_modal":  # "insisted that they must leave": a clause with one of these modals
        return any(
            c.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ in value for g in c.children)
            for c in children
        )
    if key == "head":  # "lodged a protest": the word governing this one
        return token.head.i != token.i and token.head.lemma_.lower() in value
    if key == "compound":
        return any(
            c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.lower_ in value
            for c in token.lefts
        )
    raise ValueError(f"unknown trigger condition {key!r}")


def sense_applies(sense: Sense, token: Token, words: DetectWords) -> bool:
    if any(not _holds(token, k, v, words) for k, v in sense.needs.items()):
        return False
    return not any(_holds(token, k, v, words) for k, v in sense.unless.items())
