"""How an event began, told in a when-clause: "the hostilities began on Friday, when the Front
launched an attack on army posts", "fighting broke out when rebels attacked a checkpoint". The
noun ("hostilities", "fighting") and the act in the when-clause are one event: the act says who
began it. Where the noun's event has no actor, the act of the same type in a when-clause under
its verb ("began", "broke out": the lexicon's occurrence verbs) is merged into it: the event the
sentence reports keeps its own trigger (what the sentence reports: the when-clause stays told on
the way) and gets the act's doer and recipients; the act is not coded twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .lexicon import Lexicon

#: The word that opens a clause telling how the event began ("after" and "as" clauses tell a
#: cause or another event: "clashes erupted after soldiers shot a protester").
_WHEN = "when"


def _when_clause(verb: Token, occurred: Token) -> bool:
    """Whether ``verb`` heads a when-clause inside the clause of ``occurred``."""
    if verb.dep_ not in ("advcl", "relcl") or verb not in occurred.subtree or verb == occurred:
        return False
    return any(c.dep_ in ("advmod", "mark") and c.lower_ == _WHEN for c in verb.children)


def began_when(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Merge the act of a when-clause into the actorless noun event whose beginning it tells."""
    merged: set[int] = set()
    for noun_event in cands:
        noun = noun_event.trigger
        if noun_event.actor_args or noun.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass"):
            continue
        occurred = noun.head
        if occurred.lemma_.lower() not in lex.occurrence_verbs:
            continue
        acts = [
            c
            for c in cands
            if c is not noun_event
            and id(c) not in merged
            and c.event == noun_event.event
            and c.actor_args
            and c.trigger.pos_ == "VERB"
            and _when_clause(c.trigger, occurred)
        ]
        if not acts:
            continue
        act = acts[0]  # with the candidates of its own clause: "launched an attack on X"
        acts = [a for a in acts if a is act or a.trigger in act.trigger.subtree]
        merged |= {id(a) for a in acts}
        noun_event.actor_args = list(act.actor_args)
        heads = {a.head.i for a in noun_event.recipient_args}
        for other in acts:
            noun_event.recipient_args += [a for a in other.recipient_args if a.head.i not in heads]
            heads |= {a.head.i for a in other.recipient_args}
        noun_event.reasons.pop("actor", None)
        noun_event.reasons["event"] = (
            f"'{noun.text} {occurred.text}' when '{act.trigger.text}': one event, its doer told "
            "in the when-clause"
        )
    return [c for c in cands if id(c) not in merged]
