"""Recipients named inside the event's own phrases (applied after ``targets``, only where no
recipient names a party yet):

- whom the doer joined for a meeting: "joined her Ugandan counterpart for talks" → the
  counterpart;
- who a warrant is for: "issued an arrest warrant for businessman X" → X;
- whom a deadline or an ultimatum is set for: "set a 30-day deadline for the ministry to
  answer" → the ministry;
- whom a letter or message that threatens, demands or accuses is sent to: "sent a letter to
  the head of the IMF threatening to halt payments" → the head of the IMF;
- whose is the thing investigated, or the goods a tariff is on, named deeper in its phrase:
  "an investigation into the $2 million spent by the ports agency", "an inquiry into the
  transfer of funds from the budget of the health ministry", "cut tariffs on $40 billion of
  Brazil's exports" → the agency, the ministry, Brazil (not the victim of a killing
  investigated: who is investigated is not who was killed); whom a decision undone names:
  "revoked its decision on the custody of opposition leader X" → X;
- whom sanctions are on, where the parser hangs "on X" deeper: "slapped sanctions for the
  rigged vote, among them visa bans, on ten officials".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .conditions import direct_object
from .dyads import names_party
from .lexicon import Lexicon, is_party
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Nouns of a legal order naming whom it is "for".
_WARRANTS = frozenset({"warrant", "summons", "subpoena"})
#: Nouns of a time limit set "for" someone.
_DEADLINES = frozenset({"deadline", "ultimatum"})
#: Verbs of sending a written message.
_SENDING = frozenset({"send", "write", "deliver", "address", "hand"})
#: Nouns of a charge laid on goods.
_TARIFFS = frozenset({"tariff", "duty", "levy", "quota"})
#: Links that stay inside a thing's phrase when looking for its party.
_INSIDE = frozenset({"prep", "pobj", "poss", "acl", "agent", "compound", "appos"})
#: Types of undoing or refusing a decision ("revoked the order", "refused to lift the ban").
_UNDOING = frozenset({"CONCEDE", "RETREAT", "REJECT"})
#: Named-entity kinds of dates, times and sums.
_AMOUNTS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"})
#: Clauses that are another statement, not the event's own phrase.
_OTHER = frozenset({"ccomp", "relcl", "advcl", "parataxis"})


def _party(tok: Token, lex: Lexicon) -> bool:
    """A party, not a pronoun, nor a date or a sum ("on Tuesday")."""
    return is_party(tok, lex) and tok.pos_ != "PRON" and tok.ent_type_ not in _AMOUNTS


def _warrant_for(cand: Candidate, lex: Lexicon) -> list[tuple[Token, str]]:
    nouns = [t for t in cand.triggers if t.lemma_.lower() in _WARRANTS]
    return [
        (g, f"whom the '{g.head.head.text}' is for")
        for g in prep_objects(nouns, ("for",))
        if _party(g, lex)
    ]


def _deadline_for(verb: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    obj = direct_object(verb)
    if obj is None or obj.lemma_.lower() not in _DEADLINES:
        return []
    out: list[tuple[Token, str]] = []
    for clause in (c for h in (verb, obj) for c in h.children if c.dep_ in ("advcl", "acl")):
        if any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subj is not None and _party(subj, lex):
                out.append((subj, f"whom the '{obj.text}' is set for ('{clause.text}')"))
    out += [
        (g, f"whom the '{obj.text}' is set for")
        for g in prep_objects([obj], ("for",))
        if _party(g, lex)
    ]
    return out


def _sent_to(verb: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "sent a letter to X threatening ...": the addressee of the message."""
    sender = verb.head
    if verb.dep_ not in ("advcl", "acl") or sender.lemma_.lower() not in _SENDING:
        return []
    return [(g, f"whom the '{sender.text}' message says it to")
            for g in prep_objects([sender], ("to",), ("prep", "dative"))
            if _party(g, lex) or _inside(g, lex) is not None]  # fmt: skip


def _inside(thing: Token, lex: Lexicon, victims: bool = True) -> Token | None:
    """The first party in a thing's phrase, breadth first (with ``victims`` False, not
    through a victim's "of")."""
    queue, seen = [thing], {thing.i}
    while queue:
        tok = queue.pop(0)
        if tok is not thing and _party(tok, lex):
            return tok
        if not victims and tok.dep_ == "pobj" and tok.lemma_.lower() in lex.patient_nouns:
            continue  # "the killing of X": X was killed, not investigated
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "near"):
                continue  # where it happened is not whose it is
            if child.dep_ in _INSIDE and child.i not in seen:
                seen.add(child.i)
                queue.append(child)
    return None


def _owner_inside(cand: Candidate, lex: Lexicon) -> list[tuple[Token, str]]:
    verb = cand.trigger
    if cand.mode == "investigate":
        holders = [t for t in cand.triggers if t.pos_ == "NOUN"] + [verb]
        preps = ("into", "of", "over", "about")
    elif (obj := direct_object(verb)) is not None and obj.lemma_.lower() in _TARIFFS:
        holders, preps = [obj, verb], ("on", "against")
    elif (
        obj is not None and cand.event in _UNDOING and obj.lemma_.lower() in lex.words.ruling_nouns
    ):
        party = _inside(obj, lex)  # "revoked its decision on the custody of X": X
        return [(party, f"whom the '{obj.text}' '{verb.text}' acts on names")] if party else []
    else:
        return []
    things = prep_objects(holders, preps)
    out: list[tuple[Token, str]] = []
    for thing in things:
        if thing.lemma_.lower() in lex.patient_nouns:
            continue
        party = _inside(thing, lex, victims=False)
        if party is not None:
            out.append((party, f"whose is the '{thing.text}' '{verb.text}' is about"))
            break
    return out


def _own(tok: Token) -> bool:
    """Part of the clause, not another statement (a list the parser reads as a clause with no
    subject of its own stays: "..., among them visa bans, on X")."""
    if tok.dep_ == "advcl":
        return not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)
    return tok.dep_ not in _OTHER


def _sanctioned(verb: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "slapped sanctions for the rigged vote, among them visa bans, on ten officials": the
    first "on/against" party of the sanction's clause."""
    stack = [c for c in verb.children if _own(c) and c.dep_ != "nsubj"]
    while stack:
        tok = stack.pop(0)
        if tok.dep_ == "prep" and tok.lower_ in ("on", "against"):
            for g in (c for c in tok.children if c.dep_ == "pobj"):
                if _party(g, lex):
                    return [(g, f"'{tok.text} ...' in the clause of '{verb.text}'")]
        stack += [c for c in tok.children if _own(c)]
    return []


def _joined(cand: Candidate, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "joined her Ugandan counterpart for talks with donors": whom the doer joined."""
    noun = cand.trigger
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() != "join":
        return []
    obj = direct_object(prep.head)
    if obj is None or not _party(obj, lex):
        return []
    return [(obj, f"whom the doer joined for the '{noun.text}'")]


def inner_parties(cand: Candidate, lex: Lexicon) -> None:
    """Every rule of this module, in order, on one merged candidate."""
    if any(names_party(a, lex) for a in cand.recipient_args) or cand.event == "ASSAULT":
        return
    verb = cand.trigger
    found = _warrant_for(cand, lex) + (_joined(cand, lex) if cand.event == "CONSULT" else [])
    if verb.pos_ == "VERB":
        if cand.event == "THREATEN":
            found += _deadline_for(verb, lex)
        found += _sent_to(verb, lex)
        found += _owner_inside(cand, lex)
        if cand.event == "SANCTION" and not found:
            found += _sanctioned(verb, lex)
    for tok, why in found[:1]:
        cand.recipient_args = spans_for(tok, "recipient", why, lex.words)
