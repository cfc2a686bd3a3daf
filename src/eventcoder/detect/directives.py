"""Decisions, permissions and orders: verbs whose content is the event the sentence reports.

Used by the modality stage (``detect/modality.py``):

- a cooperative act announced for the future is a promise (AGREE, as PLOVER's gold records code
  "will release", "said it would allow"), but a concession or a retreat *decided* ("decided to
  lift the curfew", "decided to withdraw its troops") is a concession made (CONCEDE), as the
  manual files announced concessions and retreats;
- a permission denied is a refusal, whether a permission verb is negated ("did not allow the
  march") or a permission noun is its object ("did not give permission for the rally");
- what an authority orders of those under it ("ordered the newspaper to suspend publication")
  is its own act of that type, for the types of ``DetectWords.commanded_types``.

The words are the project's lists in ``data/detect_words.yaml`` (``decision_verbs``,
``permission_nouns``, ``command_verbs``, ``commanded_types``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .conditions import direct_object
from .dyads import has_party

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..document import Candidate
    from .lexicon import Lexicon

#: A cooperative act announced for the future is a promise (PLOVER): "will release", "is willing
#: to withdraw", "will return the weapons" are AGREE, as a future meeting is.
COOPERATIVE_FUTURE = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
                      "RETREAT": "AGREE", "CONCEDE": "AGREE"}  # fmt: skip
#: Types a decision keeps as a concession made: "decided to ease the curfew".
DECIDED_CONCESSIONS = frozenset({"CONCEDE", "RETREAT"})


def recode_future(cand: Candidate, cue: Token, lex: Lexicon) -> None:
    """Set the type of a candidate told for the future (``cue``: the future's word)."""
    decided = cue.lemma_.lower() in lex.words.decision_verbs
    if decided and cand.event in DECIDED_CONCESSIONS:
        if cand.event != "CONCEDE":
            cand.mode, cand.cameo = None, None
        cand.reasons["event"] = (
            f"{cand.event} decided ('{cue.text}'): a concession made, coded CONCEDE (PLOVER)"
        )
        cand.event = "CONCEDE"
        return
    new = COOPERATIVE_FUTURE.get(cand.event)
    if new is not None:
        cand.reasons["event"] = f"future {cand.event} is coded {new} (PLOVER)"
        cand.event, cand.mode, cand.cameo = new, None, None


def permission_denied(cand: Candidate, lex: Lexicon) -> bool:
    """Whether the (negated) candidate withholds a permission: its trigger is a permission verb
    ("did not allow") or its verb's object a permission noun ("did not give permission")."""
    trigger = cand.trigger
    if trigger.lemma_.lower() in lex.permission_verbs:
        return True
    obj = direct_object(trigger) if trigger.pos_ in ("VERB", "AUX") else None
    return obj is not None and obj.lemma_.lower() in lex.words.permission_nouns


def ordered_act(host: Candidate, nested: Candidate, lex: Lexicon) -> bool:
    """ "The junta ordered the weekly to suspend publication": an order (a REQUEST by a command
    verb) whose content is a coercive or restrictive act becomes that act, by whoever gave the
    order, done to the content's target or else to those ordered. Returns whether it did."""
    words = lex.words
    if host.trigger.lemma_.lower() not in words.command_verbs:
        return False
    if host.event in words.commanded_types:
        return True  # already the ordered act: a second content adds nothing to it
    if host.event != "REQUEST" or nested.event not in words.commanded_types:
        return False
    host.reasons["event"] = (
        f"'{host.trigger.text}' commands {nested.event} ('{nested.trigger.text}'): an order "
        "enforced by who gives it is that act"
    )
    host.event, host.mode, host.cameo = nested.event, nested.mode, nested.cameo
    host.context = list(dict.fromkeys([*host.context, *nested.context]))
    host.triggers = [*host.triggers, *(t for t in nested.triggers if t not in host.triggers)]
    if has_party(nested.recipient_args, lex):  # "ordered the army to arrest the rebels"
        host.recipient_args = list(nested.recipient_args)
        host.reasons["recipient"] = f"the target of the ordered {nested.event}"
    return True
