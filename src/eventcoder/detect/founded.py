"""Places an event is aimed at when no party is: what is set up somewhere, and meetings held
somewhere (applied by ``aimed.aimed_places`` after its own rules).

- A thing being set up ("agreed to set up a research institute in X", "will establish two
  field hospitals in X") does not exist yet, so it is no party to the event; the place it is
  set up in is whom the act serves, as for a peacekeeping force's country.
- An inquiry into what happened somewhere with no party named ("will investigate attacks on
  aid convoys in X", "an inquiry into the shelling of a market in X"): that place.
- A meeting held, attended or suspended in a place with no other party named ("attended a
  summit in X", "held talks in X and Y", "postponed the talks in X"): the place hosts it. A
  party named anywhere keeps the recipient.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .conditions import direct_object
from .dyads import has_party
from .lexicon import Lexicon
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from spacy.tokens import Token

#: Verbs (lemmas) that bring a new thing into being; "set" counts with its particle "up".
_FOUNDING = frozenset({"establish", "build", "create", "found", "construct"})
#: Nouns (lemmas) of a meeting held somewhere.
_MEETINGS = frozenset({"meeting", "summit", "talk", "conference"})
#: Words (lemmas) of an inquiry into what happened.
_INQUIRIES = frozenset({"investigate", "investigation", "probe", "inquiry", "enquiry"})
#: Types of a meeting held, attended, or suspended or broken off.
_MET = frozenset({"CONSULT", "SANCTION", "REJECT"})
#: Verbs (lemmas) that hold or go to a meeting.
_HOLDING = frozenset({"hold", "attend", "host"})


def _founds(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma == "set":
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    return lemma in _FOUNDING


def _founding_verbs(cand: Candidate) -> list[Token]:
    verbs = [t for t in cand.triggers if t.pos_ == "VERB"]
    verbs += [c for v in verbs for c in v.children if c.dep_ == "xcomp"]
    return [v for v in verbs if _founds(v)]


def founded_place(cand: Candidate, lex: Lexicon, area: Callable[[Token], bool]) -> bool:
    """ "set up X in Y": Y is the recipient, X (being made) is none. True when applied."""
    for verb in _founding_verbs(cand):
        obj = direct_object(verb)
        if obj is None:
            continue
        # "a school for refugees": whom the new thing serves is no part of it
        served = {t.i for c in obj.children if c.dep_ == "prep" and c.lower_ in ("for", "to")
                  for t in c.subtree}  # fmt: skip
        made = {t.i for t in obj.subtree} - served
        holders = [verb, obj, *obj.conjuncts]
        holders += [t for t in obj.subtree if t.pos_ in ("NOUN", "PROPN") and t not in holders]
        places = [g for g in prep_objects(holders, ("in",)) if area(g)]
        if not places:
            continue
        kept = [a for a in cand.recipient_args if a.head.i not in made]
        if has_party(kept, lex):
            return False
        cand.recipient_args = kept
        return place_recipient(cand, places[0], f"where '{obj.text}' is set up", lex)
    return False


def meeting_place(cand: Candidate, lex: Lexicon, area: Callable[[Token], bool]) -> bool:
    """ "attended a summit in X", "postponed the talks in X" with no party named: X is the
    recipient."""
    if cand.event not in _MET or has_party(cand.recipient_args, lex):
        return False
    verbs = [t for t in cand.triggers if t.pos_ == "VERB"]
    if cand.event == "CONSULT":
        verbs = [t for t in verbs if t.lemma_.lower() in _HOLDING]
    meetings = [t for t in cand.triggers if t.lemma_.lower() in _MEETINGS and t.pos_ == "NOUN"]
    meetings += [o for v in verbs if (o := direct_object(v)) is not None
                 and o.lemma_.lower() in _MEETINGS]  # fmt: skip
    if not verbs or not meetings:
        return False
    places = [g for g in prep_objects(verbs + meetings, ("in",)) if area(g)]
    if not places:
        return False
    cand.recipient_args = []
    return place_recipient(cand, places[0], f"where the {meetings[0].text} is held", lex)


def place_recipient(cand: Candidate, place: Token, why: str, lex: Lexicon) -> bool:
    """Code ``place`` (not already an actor) as the first recipient."""
    seen = {t.i for a in cand.actor_args for t in a.tokens}
    if place.i in seen:
        return False
    new = spans_for(place, "recipient", f"{why} ('{place.text}')", lex.words)
    for arg in new:
        arg.place = "aimed"
    cand.recipient_args = new + cand.recipient_args
    return bool(new)


def inquiry_place(cand: Candidate, lex: Lexicon, area: Callable[[Token], bool]) -> bool:
    """ "investigate attacks on convoys in X" with no party named: X is the recipient."""
    if cand.event != "ACCUSE" or has_party(cand.recipient_args, lex):
        return False
    probes = [t for t in cand.triggers if t.lemma_.lower() in _INQUIRIES]
    things = [o for t in probes if t.pos_ == "VERB" and (o := direct_object(t)) is not None]
    things += prep_objects([t for t in probes if t.pos_ == "NOUN"], ("into", "of"))
    holders = [t for th in things for t in th.subtree if t.pos_ in ("NOUN", "PROPN")]
    where = prep_objects(holders, ("in", "at"))
    # "an investigation of the killing of the former mayor": a person inside it is whom (not
    # a place name after "in" the small parser tags as a group: "in Aleppo")
    inside = {t.i for g in where for t in g.subtree}
    if any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in holders if t.i not in inside):
        return False
    places = [g for g in where if area(g)]
    if not places:
        return False
    cand.recipient_args = []
    return place_recipient(
        cand, places[0], f"where what '{probes[0].text}' looks into happened", lex
    )
