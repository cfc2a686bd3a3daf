"""States the article names in passing: "the Murray County (Ga.) sheriff's deputies", "the
Springfield (Ill.) police" write a name's state in parentheses, as US news does; the state is
the article's, whatever the name is (an office, a county left out as an actor's modifier)."""

from __future__ import annotations

from ..document import Sentence
from ..knowledge.abbreviations import Abbreviations, Division
from ..knowledge.names import norm
from .resolve import Context


def parenthetical_states(sentences: list[Sentence], abbr: Abbreviations) -> list[Division]:
    """The states written as a news abbreviation in parentheses right after a capitalised
    name ("Murray County (Ga.)"); not a party and state ("(D-Calif.)"), one token."""
    out = []
    for sent in sentences:
        doc = sent.span.doc
        for tok in sent.span:
            if tok.text != "(" or tok.i < 1 or tok.i + 2 >= len(doc):
                continue
            if doc[tok.i + 2].text != ")" or not doc[tok.i - 1].text[:1].isupper():
                continue
            div = abbr.agency.get(doc[tok.i + 1].text)
            if div is not None:
                out.append(div)
    return out


def count_states(ctx: Context, sentences: list[Sentence], abbr: Abbreviations) -> None:
    """Each state written so counts as one the article names, and its country."""
    for div in parenthetical_states(sentences, abbr):
        ctx.admin1s[(div.country, norm(div.name))] += 1
        ctx.countries[div.country] += 1
