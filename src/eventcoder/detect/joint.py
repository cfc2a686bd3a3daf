"""Two sides of one act that the parser did not coordinate (applied by ``targets.mend_targets``):

- photo captions: "Minister A. Kova, left, and her counterpart B. Lint, right, hold a news
  conference": the position words between the names break the parse; the people named with a
  position do the act together, the first acts and the others receive (as "X and Y met");
- a modifier left with a dangling "and": "Chilean and Peruvian officials", "Chile and Peru
  negotiators" the parser may tag "Chile" with a "cc" but hang "Peru" beside it as a second
  modifier of the same noun (``dangling_partners``);
- both sides of a fight: "the army and the rebels violated the ceasefire", "X and Y fired
  across the truce line", "X and Y exchanged fire": each side's act is aimed at the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from .lexicon import Lexicon, is_party

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Where a person stands in a photograph ("X, left, and Y, right, ...").
_POSITIONS = frozenset({"left", "right", "center", "centre"})
#: Words that may come before a position ("second left", "far right", "from left").
_POSITION_MODS = frozenset({"second", "third", "fourth", "far", "from", "front", "back"})
#: Nouns (lemmas) of the truce two sides break.
_TRUCES = frozenset({"ceasefire", "cease-fire", "truce", "armistice"})
#: Verbs (lemmas) of a fight two sides wage at each other: "exchanged fire".
_TRADED = frozenset({"exchange", "trade"})
#: Modifier arcs of a noun that may name its owners ("Chile and Peru negotiators").
_OWNER_ARCS = frozenset({"amod", "compound", "nmod", "poss"})


def _position_after(tok: Token) -> bool:
    """ "Kova, left," / "Kova, second left,": a position between commas after ``tok``."""
    doc = tok.doc
    i = tok.i + 1
    if i >= len(doc) or doc[i].text != ",":
        return False
    i += 1
    while i < len(doc) and doc[i].lower_ in _POSITION_MODS:
        i += 1
    return i + 1 < len(doc) and doc[i].lower_ in _POSITIONS and doc[i + 1].is_punct


def _name_phrase(last: Token) -> list[Token]:
    """The title and name ending at ``last``: back to a comma, a conjunction, a verb or the
    sentence's start ("and Minister for Trade B. Lint" → "Minister for Trade B. Lint")."""
    start = last.sent.start
    i = last.i
    while i - 1 >= start:
        prev = last.doc[i - 1]
        if prev.is_punct and prev.text != "-" or prev.pos_ in ("CCONJ", "VERB", "AUX"):
            break
        i -= 1
    return [last.doc[j] for j in range(i, last.i + 1)]


def caption_people(sent_tokens: list[Token]) -> list[list[Token]]:
    """The people a photo caption names with their positions, in text order (the name after
    the last position's "and" too: "X, left, and Y attend ...")."""
    out: list[list[Token]] = []
    for tok in sent_tokens:
        if tok.ent_type_ != "PERSON" or _next_in_name(tok):  # the name's last word only
            continue
        if _position_after(tok):
            out.append(_name_phrase(tok))
    if not out:
        return []
    # "X, left, and Y hold ...": the one after the last position's "and", up to the verb
    last = out[-1][-1]
    after = [t for t in sent_tokens if t.i > last.i]
    cc = next((t for t in after[:6] if t.lower_ == "and"), None)
    if cc is None:
        return out
    name = None
    for tok in (t for t in after if t.i > cc.i):
        if tok.pos_ in ("VERB", "AUX") or tok.is_punct:
            break
        name = tok if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON" else name
    if name is not None and not any(name in p for p in out):
        out.append(_name_phrase(name))
    return out


def _next_in_name(tok: Token) -> bool:
    nxt = tok.i + 1
    return (
        nxt < len(tok.doc) and tok.doc[nxt].ent_type_ == "PERSON" and tok.doc[nxt].ent_iob_ == "I"
    )


def caption_pair(cand: Candidate, lex: Lexicon) -> None:
    """ "X, left, and Y, right, hold talks": X acts, Y (and any other captioned) receives."""
    made = [c for t in cand.triggers for c in t.children if c.dep_ == "dobj"]
    joint = cand.event in lex.reciprocal_events or cand.mode == "meet"
    joint = joint or any(t.lemma_.lower() in lex.joint_nouns for t in [*cand.triggers, *made])
    if not joint:  # "X, left, and Y sign a trade accord": an accord is made together
        return
    people = caption_people(list(cand.sentence.span))
    if len(people) < 2:
        return
    acting = {t.i for a in cand.actor_args for t in a.tokens}
    if acting and not any(t.i in acting for p in people for t in p):
        return  # the event has a doer of its own
    if not acting and people[-1][-1].i > cand.trigger.i:
        return  # no doer read: the captioned people must come before the act
    first, *others = people
    taken = {t.i for p in people for t in p}
    why = "named with a position in a photo caption, together with '{}'"
    cand.actor_args = [ArgumentSpan(first, "actor", why.format(others[0][-1].text))]
    kept = [
        a
        for a in cand.recipient_args
        if is_party(a.head, lex) and not {t.i for t in a.tokens} & taken
    ]  # "hold a news conference": the conference is no party
    cand.recipient_args = [
        ArgumentSpan(
            p, "recipient", why.format(first[-1].text) + " (the other party)", other_party=True
        )
        for p in others
    ] + kept


def dangling_partners(mod: Token, lex: Lexicon) -> list[Token]:
    """ "Chile and Peru negotiators" parsed with "Chile" holding the "cc" and "Peru" a second
    modifier of the noun: the modifiers after the "and" (parties only)."""
    if mod.conjuncts or not any(c.dep_ == "cc" for c in mod.children):
        return []
    head = mod.head
    return [
        c
        for c in head.children
        if c.i > mod.i and c.i < head.i and c.dep_ in _OWNER_ARCS and is_party(c, lex)
    ]


def _fought_each_other(cand: Candidate) -> bool:
    for trig in (t for t in cand.triggers if t.pos_ == "VERB"):
        if trig.lemma_.lower() in _TRADED and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ("fire", "shot", "blow", "shelling")
            for c in trig.children
        ):
            return True
        # the truce broken, or the line fired across; not "despite the ceasefire"
        near = [c for c in trig.children if c.dep_ == "dobj" or c.lower_ in ("across", "along")]
        if any(t.lemma_.lower() in _TRUCES for c in near for t in c.subtree):
            return True
    return False


def mutual_fire(cand: Candidate, lex: Lexicon) -> None:
    """ "X and Y violated the ceasefire", "X and Y fired across the truce line", "X and Y
    exchanged fire": with no one else struck, each side's act is aimed at the other."""
    if cand.event != "ASSAULT" or cand.recipient_args or len(cand.actor_args) < 2:
        return
    first, *rest = cand.actor_args
    if not _fought_each_other(cand):  # the actors read are the sides (also lower-cased names)
        return
    cand.actor_args = [first]
    why = f"the other side of the fight ('{first.head.text}' and '{rest[0].head.text}')"
    cand.recipient_args = [ArgumentSpan(a.tokens, "recipient", why) for a in rest]
