"""Aid as the subject of a verb of support: "Kordovan aid has supported 40,000 farmers", "the
grant backed 300 village clinics". What supports them is material (PLOVER AID: "material aid
whose benefits accrue to the recipient"), not the political backing SUPPORT is kept for; the
giver stays the actor the subject's modifier names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate

if TYPE_CHECKING:  # pragma: no cover
    from .lexicon import Lexicon


def aid_backs(cand: Candidate, lex: Lexicon) -> None:
    """Retype a SUPPORT told by a verb whose subject is an aid noun as AID."""
    verb = cand.trigger
    if cand.event != "SUPPORT" or verb.pos_ != "VERB":
        return
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN":
        return
    sense = lex.noun_sense(subj)
    aid = (
        sense is not None and sense.event == "AID"
    ) or subj.lemma_.lower() in lex.words.gift_nouns
    if not aid:
        return
    cand.reasons["event"] = f"'{subj.text}' {verb.text} them: material aid (AID), not backing"
    cand.event, cand.mode, cand.cameo = "AID", None, None
