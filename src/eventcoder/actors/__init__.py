"""Stage ``actors``: actor and recipient phrases -> entities with country and sector.

``ActorCoder`` (in ``resolve``) does the coding from the project's tables
(``data/actors.yaml``, ``data/roles.yaml``, ``data/countries.yaml``); this stage walks the
article's candidates in order so that later mentions ("Sadr", "he", "the militias") can be
resolved against earlier ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..document import ArgumentSpan, Document
from ..knowledge import Knowledge
from ..pipeline import register_stage
from ..records import Entity
from .context import article_context
from .resolve import ActorCoder, Coded

__all__ = ["ActorCoder", "ResolveActors", "article_context", "code_mention"]


@register_stage("actors")
class ResolveActors:
    """Code every actor and recipient phrase.

    ``knowledge``: the coder's tables (a ``Coder`` hands in its own, shared with the places
    stage). ``extra_kb``: your own YAML/CSV actor file(s), merged over the shipped knowledge
    base (by default the files named in ``$EVENTCODER_KB``, separated like ``$PATH``); given
    with ``knowledge``, a copy of it with that KB is used.
    """

    name = "actors"
    requires = ("sentences", "candidates")  # Document fields it reads (checked by Pipeline)
    sets = ("entities",)

    def __init__(
        self,
        extra_kb: str | Path | list[str | Path] | None = None,
        knowledge: Knowledge | None = None,
    ) -> None:
        if knowledge is None:
            knowledge = Knowledge(extra_kb)
        elif extra_kb is not None:
            knowledge = knowledge.with_changes(extra_kb=extra_kb)
        self.knowledge = knowledge
        self.coder = ActorCoder(knowledge=knowledge)

    def __call__(self, doc: Document) -> Document:
        memory: list[Coded] = []
        year = doc.pub_date.year if doc.pub_date else None
        context = article_context(doc, self.coder)
        for cand in sorted(doc.candidates, key=lambda c: (c.sentence.index, c.trigger.i)):
            if cand.event == "PROTEST" and not cand.actor_args:
                implied = self.coder.participants(cand)
                cand.actor.append(implied.entity())
                memory.append(implied)
            sides = ((cand.actor_args, cand.actor), (cand.recipient_args, cand.recipient))
            for args, out in sides:
                other_side = cand.recipient_args if args is cand.actor_args else cand.actor_args
                previous: Coded | None = None
                coded_here: list[Coded] = []
                for arg in args:
                    # the other side, and a party joined by "with", are not this one's country
                    parties = [  # a place aimed at is also the event's: it may give one
                        *(a for a in other_side if not a.place),
                        *(a for a in args if a is not arg and "'with" in a.reason),
                    ]
                    parties = [] if arg.place else parties  # a place is in its country
                    others = {t.i for a in parties for t in a.tokens}
                    coded = self.coder.code(arg, cand, memory, year, context, others)
                    if (
                        "(including)" in arg.reason
                        and previous
                        and (coded.sector is None or coded.people)
                    ):
                        coded.sector = previous.sector  # "foreign forces, including Americans"
                        coded.why.append(f"sector of '{previous.text}' that includes it")
                    previous = coded
                    coded_here.append(coded)
                    out.append(coded.entity())
                memory.extend(c for c in coded_here if c.code or c.sector or c.kind == "person")
        return doc


def code_mention(
    text: str,
    *,
    nlp: Any = None,
    year: int | None = None,
    coder: ActorCoder | None = None,
    knowledge: Knowledge | None = None,
) -> Entity:
    """Code a bare mention ("Hungarian", "Asia-Pacific Economic Cooperation", "Tokyo").

    ``coder`` (or ``knowledge``, the tables to code it with) and ``nlp`` (the spaCy pipeline)
    are loaded when not given: pass a ``Coder``'s (``Coder.code_mention`` does) to code many."""
    from ..annotate import load_nlp

    if not text.strip():
        raise ValueError("an empty mention")
    parsed = (nlp or load_nlp())(text)
    root = next((t for t in parsed if t.dep_ == "ROOT"), parsed[0])
    tokens = [root] + [t for t in parsed if t.i != root.i and not t.is_space]
    coder = coder or ActorCoder(knowledge=knowledge or Knowledge())
    coded = coder.code(ArgumentSpan(tokens, "actor", "mention"), None, [], year)
    return coded.entity()
