"""Aid as the subject of a verb of support: "Kordovan aid has supported 40,000 farmers", "the
grant backed 300 village clinics", "the EU's aid package backed ...". What supports them is
material (PLOVER AID: "material aid whose benefits accrue to the recipient"), not the political
backing SUPPORT is kept for; the giver is the actor: the subject's owner or its "from" party
("the grant from Norway"), else the party its modifier names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .lexicon import is_party
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .lexicon import Lexicon


def aid_backs(cand: Candidate, lex: Lexicon) -> None:
    """Retype a SUPPORT told by a verb whose subject is an aid noun as AID."""
    verb = cand.trigger
    if cand.event != "SUPPORT" or verb.pos_ != "VERB":
        return
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN":
        return
    if not _aid(subj, lex) and not (
        subj.lower_ in lex.words.aid_holders
        and any(c.dep_ == "compound" and _aid(c, lex) for c in subj.children)
    ):  # "the aid package", "the relief programme"
        return
    cand.reasons["event"] = f"'{subj.text}' {verb.text} them: material aid (AID), not backing"
    cand.event, cand.mode, cand.cameo = "AID", None, None
    givers = [c for c in subj.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    giver = next((g for g in [*givers, *prep_objects([subj], ("from",))] if is_party(g, lex)), None)
    if giver is not None:  # "the grant from Norway": Norway gave it, not the grant
        cand.actor_args = spans_for(giver, "actor", f"who gave the '{subj.text}'", lex.words)


def _aid(noun: Token, lex: Lexicon) -> bool:
    sense = lex.noun_sense(noun)
    return (
        sense is not None and sense.event == "AID"
    ) or noun.lemma_.lower() in lex.words.gift_nouns
