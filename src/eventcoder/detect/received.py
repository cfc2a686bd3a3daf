"""Where things given or forces moved end up, named away from the verb (applied by
``targets.mend_targets`` and ``aimed.aimed_places`` when no party is the recipient):

- who received what was given, named as the doer of a clause on the thing: "supplied most of
  the rifles the militia acquired", "sold the jets that the air force received last year" → who
  bought or received them;
- where forces were pulled from or sent to, named inside the post they left or reached:
  "withdrew its monitors from a base in Mali", "moved two battalions to a camp inside Chad" →
  Mali, Chad (the post itself is no party); with no place inside, the post left (the forces
  moved are the actor's own, never the recipient).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..document import Candidate
from .conditions import direct_object
from .lexicon import Lexicon, is_party
from .phrases import prep_objects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Prepositions of where forces are pulled from or sent to.
_POSTS = ("from", "to", "into", "out")
#: Prepositions that place a post: "a base in Mali", "an outpost near the border".
_AT = ("in", "near", "inside", "along")


def received_by(verb: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "supplied most of the rifles the militia acquired": the doer of the getting clause (the
    small parser may make a reduced relative clause a conjunct of the verb, with no "and")."""
    obj = direct_object(verb)
    things = [obj, *prep_objects([obj], ("of",))] if obj is not None else []
    clauses = [c for t in things for c in t.children if c.dep_ == "relcl"]
    clauses += [c for c in verb.children if c.dep_ == "conj"
                and not any(t.dep_ == "cc" and verb.i < t.i < c.i for t in verb.children)]  # fmt: skip
    out: list[tuple[Token, str]] = []
    for clause in (c for c in clauses if c.lemma_.lower() in lex.words.getting_verbs):
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ != "PRON" and is_party(subj, lex):
            out.append((subj, f"who '{clause.text}' what was '{verb.text}'"))
    return out


def post_place(
    cand: Candidate, lex: Lexicon, area: Callable[[Token], bool]
) -> tuple[list[Token], set[int]]:
    """ "withdrew its monitors from a base in Mali": forces (``deployed_nouns``) moved from or
    to a post that is no party and no area; the place the post is in, and the tokens of the
    forces and posts (no recipients once the place is)."""
    verbs = [t for t in cand.triggers if t.pos_ == "VERB"]
    forces = [o for v in verbs if (o := direct_object(v)) is not None
              and o.lemma_.lower() in lex.words.deployed_nouns]  # fmt: skip
    moved = [f.head for f in forces]
    holders = moved + [c for v in moved for c in v.children if c.dep_ == "prt"]
    posts = prep_objects(holders, _POSTS)
    posts += prep_objects([c for h in holders for c in h.children if c.lower_ == "out"], ("of",))
    out: list[Token] = []
    bare: list[Token] = []
    for post in posts:
        if is_party(post, lex) or area(post):
            continue
        inner = [g for g in prep_objects([post], _AT) if g.ent_type_ in ("GPE", "LOC")]
        out += inner
        # "withdrew peacekeepers from sinai" (lower-cased: no name read): the post left itself
        left = post.head.lower_ in ("from", "of")
        bare += [post] if left and not inner and post.pos_ in ("NOUN", "PROPN") else []
    return out or bare, {t.i for t in forces + posts}
