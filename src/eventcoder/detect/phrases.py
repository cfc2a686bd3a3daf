"""Argument phrases: a head token's phrase and the phrases of its coordinated members
("Sairoon and Fatih" -> two), as ``ArgumentSpan`` lists (used by ``arguments`` and ``dyads``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from ..document import ArgumentSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..knowledge.words import DetectWords

#: Children that never belong to an argument phrase.
_CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})


def _describes(noun: Token, prep: Token, words: DetectWords) -> bool:
    """Whether a PP describes the entity ("Secretary of Defense", "spokesman for X": a role
    noun of ``words.for_roles``; "people in Chad": a noun of ``words.located_people``)."""
    if prep.lower_ == "of":  # "the rebels of attacking ...": a gerund is what they did
        return not any(c.dep_ == "pcomp" for c in prep.children)
    if prep.lower_ == "in" and noun.lemma_.lower() in words.located_people:
        # "people in Chad and Niger": who they are is where they live
        return any(c.dep_ == "pobj" and c.ent_type_ in ("GPE", "LOC") for c in prep.children)
    return prep.lower_ == "for" and noun.lemma_.lower() in words.for_roles


def phrase(
    head: Token, words: DetectWords, drop: frozenset[int] = frozenset(), keep_conj: bool = False
) -> list[Token]:
    """The head's phrase: its subtree without coordinated members, clauses and loose PPs."""
    keep: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        keep.append(tok)
        for child in tok.children:
            if child.i in drop or child.dep_ in _CLAUSAL:
                continue
            if tok == head and not keep_conj and child.dep_ in ("conj", "cc", "preconj"):
                continue
            if child.dep_ == "prep" and not _describes(tok, child, words):
                continue
            stack.append(child)
    keep.sort(key=lambda t: t.i)
    while len(keep) > 1 and (keep[-1].is_punct or keep[-1].is_space):
        keep.pop()
    while len(keep) > 1 and (keep[0].is_punct or keep[0].is_space):
        keep.pop(0)
    if head in keep:
        keep.remove(head)
    return [head, *keep]


def members(head: Token, words: DetectWords) -> list[list[Token]]:
    """The phrases of the coordinated members of a noun phrase, head token first in each.

    "US Secretary of Defense Mark Esper, as well as Chairman ..., Gen. Mark Milley": the parser
    hangs "Milley" on "Esper" as an apposition; an apposition after a later member belongs to
    that member. "militia commander and former minister, Hadi al-Amiri": coordinated role
    nouns sharing one name are one person.
    """
    apps = [c for c in head.children if c.dep_ == "appos"]
    conjs = [c for c in head.conjuncts if c.i > head.i]
    # "the head of the Quds Force, Qasim Soleimani and the leader of ...": the parser may
    # coordinate the second member with the apposition rather than with the head
    conjs += [c for a in apps for c in a.conjuncts if c.i > a.i and c not in conjs]
    # "the head of the Quds Force, Qasim Soleimani and the leader of ...": a determined noun
    # coordinated inside the of-phrase with a name starts a new member
    conjs += [
        t
        for t in phrase(head, words)[1:]
        if t.dep_ == "conj"
        and t.pos_ == "NOUN"
        and t.head.pos_ == "PROPN"
        and any(c.dep_ == "det" for c in t.children)
        and t not in conjs
    ]
    conjs.sort(key=lambda t: t.i)
    if not conjs:
        return [phrase(head, words)]
    if (
        head.pos_ != "PROPN"
        and any(a.pos_ == "PROPN" for a in apps)
        and all(c.pos_ != "PROPN" for c in conjs)
    ):
        return [phrase(head, words, keep_conj=True)]  # one person with several roles
    moved: dict[int, list[Token]] = {}
    for app in apps:
        owner = max((c for c in conjs if c.i < app.i), key=lambda c: c.i, default=None)
        if owner is not None:
            moved.setdefault(owner.i, []).extend(app.subtree)
    head_drop = {t.i for toks in moved.values() for t in toks}
    for conj in conjs:
        if conj.head != head:  # hung on an apposition: leave it out of the head's phrase
            head_drop.update(t.i for t in conj.subtree)
            head_drop.update(c.i for c in conj.head.children if c.dep_ == "cc")
    out = [phrase(head, words, frozenset(head_drop))]
    for conj in conjs:
        toks = phrase(conj, words)
        toks.extend(t for t in moved.get(conj.i, []) if t not in toks)
        out.append(toks)
    return out


def spans_for(head: Token, role: str, reason: str, words: DetectWords) -> list[ArgumentSpan]:
    """One ``ArgumentSpan`` per member of the phrase headed by ``head`` (plus "including X")."""
    out: list[ArgumentSpan] = []
    for toks in members(head, words):
        out.append(ArgumentSpan(tokens=toks, role=role, reason=reason))
        for child in toks[0].children:  # "foreign forces, including Americans"
            if child.dep_ == "prep" and child.lower_ in ("including", "includes"):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    for sub in members(pobj, words):
                        out.append(ArgumentSpan(sub, role, f"{reason} (including)"))
    return out


def prep_objects(
    holders: Iterable[Token | None], preps: Collection[str], deps: Collection[str] = ("prep",)
) -> list[Token]:
    """The objects of the prepositions ``preps`` hanging from ``holders`` ("a warrant *for* X",
    "a curfew *in* the town"), in the holders' order; ``deps`` are the arcs such a preposition
    may hang by (the parser makes "to" after "sent a letter" a "dative")."""
    return [g for h in holders if h is not None for c in h.children
            if c.dep_ in deps and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]  # fmt: skip
