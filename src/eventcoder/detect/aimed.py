"""Places an event is aimed at (applied after ``targets``). PLOVER's recipient is whom an event
is directed at; a country or a place in it stands for its people (the manual folds a
territory's events into its country), and PLOVER's own gold records code these places as
recipients:

- the area a measure covers: "imposed a curfew in the town of X", "declared a state of
  emergency in X", "will extend martial law across three provinces", "lifted the lockdown on
  the capital" (the measure itself is no recipient);
- where forces are put on alert, deployed or sent: "troops remained on alert in X", "placed two
  brigades on alert to fly into X" (a mobilisation with no enemy named);
- the country a peacekeeping force serves: "agreed to extend its peacekeeping mission in X",
  "contribute troops to the UN force in X";
- the country asked for shelter: "sought refuge in X", "arrived in X seeking asylum";
- where an attack struck when no one struck is named: "carried out killings in X".

Each such place is marked ``place``: it is also where the event happened (``places``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from .conditions import direct_object
from .dyads import has_party
from .founded import founded_place, inquiry_place, meeting_place
from .lexicon import Lexicon, is_party
from .offers import offer_maker, permit_holder
from .opposed import protest_target
from .phrases import prep_objects, spans_for
from .received import post_place
from .truce import truce_area, truce_owner

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..knowledge.words import DetectWords

#: Prepositions through which an area is covered by a measure.
_OVER = frozenset({"in", "on", "across", "throughout", "over", "within"})
#: Prepositions through which forces are placed, moved or sent somewhere.
_TOWARD = frozenset({"in", "into", "to", "across", "along", "toward", "towards"})
#: Verbs (lemmas) of a purpose against someone: "to counter threats from X".
_AGAINST = frozenset({"counter", "deter", "confront", "repel", "combat", "fight"})
#: Named-entity kinds of places.
_PLACES = frozenset({"GPE", "LOC"})
#: Named-entity kinds a place name after "in" may wrongly get (never a person's).
_NAMES = frozenset({"", "ORG", "NORP", "FAC"})


def _area(tok: Token, words: DetectWords) -> bool:
    """A place name, or a noun naming an area people live in ("the town", "parts of X")."""
    if tok.ent_type_ in _PLACES:
        return True
    if tok.pos_ == "PROPN" and tok.ent_type_ in _NAMES:  # the small parser's "Bamako": ORG
        return True
    if tok.ent_type_ or tok.pos_ != "NOUN":
        return False
    of = [g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if tok.lemma_.lower() in ("part", "much", "most", "all", "rest", "number"):
        # "parts of Kashmir", "much of the north", "a number of districts"
        return any(_area(g, words) for g in of)
    return tok.lemma_.lower() in words.area_nouns


def _measure(tok: Token, words: DetectWords) -> bool:
    """A curfew, a lockdown, martial law, a state of emergency (``area_measures``)."""
    lemma = tok.lemma_.lower()
    keys = {lemma} | {f"{c.lower_} {lemma}" for c in tok.lefts if c.dep_ in ("amod", "compound")}
    if lemma in ("hour", "measure", "rule", "order"):  # "curfew hours", "lockdown measures"
        keys |= {c.lemma_.lower() for c in tok.lefts if c.dep_ == "compound"}
    keys |= {f"{lemma} {g.lemma_.lower()}" for c in tok.children if c.lower_ == "of"
             for g in c.children}  # fmt: skip
    return bool(keys & words.area_measures) and tok.pos_ in ("NOUN", "PROPN")


def _verbs(cand: Candidate) -> list[Token]:
    """The event's verbs and the verbs of their complements ("threatened to impose ...")."""
    verbs = [t for t in cand.triggers if t.pos_ in ("VERB", "AUX")]
    comps = [c for v in verbs for c in v.children if c.dep_ in ("xcomp", "advcl")]
    # "put a battalion on alert, ready to be flown into X": a complement's complement too
    return verbs + comps + [c for v in comps for c in v.children if c.dep_ == "xcomp"]


def _places_after(holders: list[Token], preps: frozenset[str], words: DetectWords) -> list[Token]:
    return [g for g in prep_objects(holders, preps) if _area(g, words)]


def _restricted(measure: Token, words: DetectWords) -> list[Token]:
    """ "restrictions on aid to X", "curbs on travel to X", "restrictions on the movement of
    workers in X", "curbs on the right of exiles to own land in X": where what the
    measure restricts goes or happens."""
    things = prep_objects([measure], ("on",))
    things += prep_objects(things, ("of",))
    # "curbs on the right of exiles to own land in X": the thing's to-clause
    things += [t for th in list(things) for c in th.children if c.dep_ in ("acl", "relcl")
               and any(a.lower_ == "to" for a in c.children) for t in c.subtree]  # fmt: skip
    return _places_after(things, _OVER | {"to", "from"}, words)


def _measure_area(cand: Candidate, words: DetectWords) -> tuple[list[Token], Token] | None:
    """The area a measure named by the event covers, and the measure."""
    verbs = _verbs(cand)
    things = [t for t in cand.triggers if t.pos_ == "NOUN"]
    things += [o for v in verbs if (o := direct_object(v)) is not None]
    things += prep_objects(verbs, ("on", "under"))
    things += prep_objects(things, ("of",))  # "eased some of its restrictions"
    for thing in things:
        if not _measure(thing, words):
            continue
        holders = [thing, *[g for c in thing.children if c.lower_ == "of" for g in c.children]]
        holders += [thing.head] if thing.dep_ == "pobj" else []  # "put the capital on lockdown"
        # "the curfew hours imposed in X", "the lockdown measures imposed throughout X"
        holders += [c for c in thing.children if c.dep_ in ("acl", "relcl")]
        areas = _places_after(holders + verbs, _OVER, words) or _restricted(thing, words)
        if areas:
            return areas, thing
    return None


def _peace_force_area(cand: Candidate, words: DetectWords) -> list[Token]:
    """ "extend its peacekeeping mission in X", "troops to the UN force in X": where the force
    keeps the peace."""
    verbs = _verbs(cand)
    verbs += [c for v in verbs for c in v.children if c.dep_ == "xcomp"]
    forces = [o for v in verbs if (o := direct_object(v)) is not None]
    # "agreed to an expansion of its peacekeeping force in X": the verb's to-object too
    joined = prep_objects(verbs, ("to",), ("prep", "dative"))
    forces += joined
    # "contribute troops to the security force in X": troops sent to join a force anywhere
    sent = any((o := direct_object(v)) is not None and o.lemma_.lower() in words.deployed_nouns
               for v in verbs)  # fmt: skip
    joined_ids = {g.i for g in joined} if sent else set()
    nouns = [t for t in cand.triggers if t.pos_ == "NOUN"]
    forces += prep_objects(forces + nouns, ("of", "to"))
    out: list[Token] = []
    for force in forces:
        lemma = force.lemma_.lower()
        if lemma not in words.deployed_nouns:
            continue
        mods = {c.lemma_.lower() for c in force.lefts} | {lemma}
        if mods & words.peace_words or force.i in joined_ids:
            out += _places_after([force], frozenset({"in"}), words)
    return out


def _refuge_country(cand: Candidate, words: DetectWords) -> list[Token]:
    """ "sought refuge in X", "arrived in X seeking asylum": who is asked to shelter them."""
    verb = cand.trigger
    obj = direct_object(verb) if verb.pos_ == "VERB" else None
    if obj is None or obj.lemma_.lower() not in words.refuge_nouns:
        return []
    holders = [verb, obj] + ([verb.head] if verb.dep_ in ("advcl", "xcomp") else [])
    return _places_after(holders, frozenset({"in", "into", "to"}), words)


def _add(cand: Candidate, places: list[Token], why: str, lex: Lexicon, kind: str = "aimed") -> None:
    """The first of ``places`` (a later one locates it: "in the town of X in southern Y")."""
    seen = {t.i for a in cand.recipient_args + cand.actor_args for t in a.tokens}
    new: list[ArgumentSpan] = []
    for tok in places[:1]:
        if tok.i in seen:
            continue
        for arg in spans_for(tok, "recipient", why.format(place=tok.text), lex.words):
            arg.place = kind
            new.append(arg)
    cand.recipient_args = new + cand.recipient_args


def _purpose_enemy(cand: Candidate, lex: Lexicon) -> list[Token]:
    """ "deployed two brigades to the border to deter an attack by Eritrea": the party a
    deployment's purpose is against."""
    out: list[Token] = []
    for clause in (c for v in _verbs(cand) for c in v.children if c.dep_ in ("advcl", "xcomp")):
        if clause.lemma_.lower() not in _AGAINST or not any(
            c.lower_ == "to" for c in clause.children
        ):
            continue
        obj = direct_object(clause)
        found = [obj] if obj is not None else []
        found += [g for o in found for c in o.children if c.dep_ == "prep"
                  and c.lower_ in ("from", "by", "of") for g in c.children]  # fmt: skip
        out += [t for t in found if is_party(t, lex) and t.pos_ != "PRON"][:1]
    return out


def _countered(cand: Candidate, lex: Lexicon) -> bool:
    """ "deployed two brigades to the border to deter an attack by X": X, the enemy, before
    the places the forces go (kept after it) and the forces or weapons moved (dropped)."""
    if cand.event not in ("MOBILIZE", "THREATEN"):
        return False
    moved = {o.i for v in _verbs(cand) if (o := direct_object(v)) is not None}
    if has_party([a for a in cand.recipient_args if a.head.i not in moved], lex) and any(
        a.head.ent_type_ not in _PLACES for a in cand.recipient_args if a.head.i not in moved
    ):
        return False  # a party other than a place is named: it stays
    enemy = _purpose_enemy(cand, lex)
    if not enemy:
        return False
    why = "whom the move is meant to counter ('{place}')"
    cand.recipient_args = [a for a in cand.recipient_args if a.head.ent_type_ in _PLACES]
    _add(cand, enemy, why, lex, kind="")
    return True


def aimed_places(cand: Candidate, lex: Lexicon) -> None:
    """Every rule of this module, in order, on one merged candidate."""
    words = lex.words
    protest_target(cand, lex)
    offer_maker(cand, lex)
    permit_holder(cand, lex)
    measures = {a.head.i for a in cand.recipient_args if _measure(a.head, words)}
    if measures and len(measures) < len(cand.recipient_args):  # "put the capital on lockdown"
        cand.recipient_args = [a for a in cand.recipient_args if a.head.i not in measures]
    found = _measure_area(cand, words)
    if found is not None:
        areas, measure = found
        why = f"the area '{measure.text}' covers ('{{place}}'): whom it is aimed at"
        measures = {measure.i} | {t.i for t in measure.subtree if _measure(t, words)}
        cand.recipient_args = [a for a in cand.recipient_args if a.head.i not in measures]
        _add(cand, areas, why, lex, "covered")
        return
    if cand.event not in ("ASSAULT", "COERCE", "CONSULT", "MOBILIZE", "REQUEST"):
        why = "the country the peacekeeping force serves ('{place}')"
        served = _peace_force_area(cand, words)
        if served:  # the force troops join is no recipient once its country is
            cand.recipient_args = [
                a for a in cand.recipient_args if a.head.lemma_.lower() not in words.deployed_nouns
            ]
        _add(cand, served, why, lex)
    truce_owner(cand, lex)
    if founded_place(cand, lex, lambda t: _area(t, words)):
        return
    places, moved = post_place(cand, lex, lambda t: _area(t, words))
    kept = [a for a in cand.recipient_args if a.head.i not in moved]
    if places and not has_party(kept, lex):  # "withdrew its monitors from a base in Mali"
        cand.recipient_args = kept
        _add(cand, places, "where the post the forces left or reached lies ('{place}')", lex)
        return
    if _countered(cand, lex):  # "sent patrol boats to the strait to deter raids from Y"
        return
    if cand.recipient_args and all(a.other_party for a in cand.recipient_args):
        # "X and Y declared a truce in Z": the other side first, then Z, which it is aimed at
        places, why = truce_area(cand, lex, lambda t: _area(t, words))
        sides = list(cand.recipient_args)
        _add(cand, places, why, lex)
        cand.recipient_args = sides + [a for a in cand.recipient_args if a not in sides]
    if has_party(cand.recipient_args, lex):
        return
    if meeting_place(cand, lex, lambda t: _area(t, words)):
        return
    if inquiry_place(cand, lex, lambda t: _area(t, words)):
        return
    places, why = truce_area(cand, lex, lambda t: _area(t, words))
    if places:
        _add(cand, places, why, lex)
        return
    if cand.event == "MOBILIZE":
        verbs = _verbs(cand)
        holders = verbs + [g for v in verbs for c in v.children if c.dep_ == "prep"
                           and c.lower_ == "on" for g in c.children]  # fmt: skip
        why = "where the forces are placed or sent ('{place}')"
        _add(cand, _places_after(holders, _TOWARD, words), why, lex)
    elif cand.event == "ASSAULT" and not cand.recipient_args:
        # "staged a wave of abductions in X": no one struck is named, the place is
        struck = [*cand.triggers, *(c for t in cand.triggers for c in t.conjuncts)]
        why = "where the attack struck, no one struck being named ('{place}')"
        _add(cand, _places_after(struck, frozenset({"in"}), words), why, lex)
    elif cand.event == "REQUEST":
        why = "the country asked to shelter them ('{place}')"
        places = _refuge_country(cand, words)
        if places:
            cand.recipient_args = [a for a in cand.recipient_args if is_party(a.head, lex)]
        _add(cand, places, why, lex)
