"""Whose troops make up a force that is set up, sent or agreed on (applied by
``targets.mend_targets`` when no party is the recipient):

"agreed to deploy a stabilisation mission made up of Kenyan and Ghanaian soldiers", "will deploy
a mission composed of Fijian police officers", "a force of Chilean and Uruguayan soldiers":
the countries whose forces are named inside the force's phrase take part in what is agreed or
done with them; the force itself (not yet there, or one's own) is no party.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .conditions import direct_object
from .lexicon import Lexicon, is_party
from .phrases import prep_objects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Verbs (lemmas) of what a force is made of: "made up of", "composed of", "drawn from".
_MADE_OF = frozenset({"comprise", "compose", "make", "consist", "draw", "form"})
#: Named-entity kinds that say whose the troops are.
_NATIONS = frozenset({"NORP", "GPE"})


def _forces(cand: Candidate, lex: Lexicon) -> list[Token]:
    """The force nouns the event sets up, sends or agrees on (also in a complement)."""
    verbs = [t for t in cand.triggers if t.pos_ == "VERB"]
    verbs += [c for v in verbs for c in v.children if c.dep_ in ("xcomp", "ccomp")]
    things = [o for v in verbs if (o := direct_object(v)) is not None]
    things += [t for t in cand.triggers if t.pos_ == "NOUN"]
    return [t for t in things if t.lemma_.lower() in lex.words.deployed_nouns]


def _national(tok: Token, lex: Lexicon) -> bool:
    """ "Kenyan and Ghanaian troops", "troops from Chad": names whose forces they are."""
    return tok.pos_ != "PRON" and (
        tok.ent_type_ in _NATIONS
        or any(t.ent_type_ in _NATIONS for t in tok.subtree if t.i < tok.i)
        or (tok.pos_ == "PROPN" and is_party(tok, lex))
    )


def force_members(cand: Candidate, lex: Lexicon) -> list[tuple[Token, str]]:
    """The nations whose troops make up a force the event sets up, sends or agrees on."""
    out: list[tuple[Token, str]] = []
    for force in _forces(cand, lex):
        made = [c for c in force.children if c.dep_ == "acl" and c.lemma_.lower() in _MADE_OF]
        members = prep_objects([force, *made], ("of", "from"))
        members += prep_objects([p for m in made for p in m.children if p.dep_ == "prt"], ("of",))
        for tok in members:
            if _national(tok, lex):
                out.append((tok, f"whose forces make up the '{force.text}' ('{tok.text}')"))
    return out
