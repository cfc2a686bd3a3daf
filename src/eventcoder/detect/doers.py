"""Who did it, where the event's own clause does not say (applied after ``targets``):

- a refusal reported by someone is the speaker's when stated, the named parties' when they
  failed ("X and Y failed to reach a deal, a diplomat told reporters");
- a release told in the passive with no by-agent is done by whoever did the act it followed:
  "the blogger was released after the governor commuted his sentence", "four fishermen were
  freed once the navy confirmed who they were" → the governor, the navy;
- who is guilty of an act did it: "the militia and the army are guilty of violating the truce";
- an act ordered done to someone is done by whoever ordered it: "a judge ordered four ministers
  jailed" → the judge jails the ministers (the parser reads the participle as the ministers');
- the place of a dateline the parser made the subject is no actor: "Davao City--Police have
  opened ...", "Nakuru: The county government has denied ...", "ACCRA (AP) - President X ..."
  → the clause's own subject;
- an arrest or an expulsion told in the passive with no doer named is the state's where it was
  done: "the reporter was arrested in Niger", "two inspectors were expelled from Laos" → the
  country (or the place standing for it) as the actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from .arguments import agent_of, is_passive
from .conditions import direct_object
from .custody import held_by_state
from .first_to import first_to
from .instruments import is_instrument
from .joint import mutual_fire
from .led_by import led_by
from .lexicon import Lexicon, is_party
from .phrases import spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Types of a release or a giving back, which follow the decision that ordered them.
_RELEASES = frozenset({"RETREAT", "CONCEDE"})
#: Subordinators of the act a release followed.
_AFTER = frozenset({"after", "once", "when"})


def _decider(verb: Token, lex: Lexicon) -> tuple[Token, str] | None:
    """The party that did the act of an after-clause of ``verb`` ("after the governor
    commuted his sentence")."""
    for clause in (c for c in verb.children if c.dep_ == "advcl" and not is_passive(c)):
        if not any(m.dep_ == "mark" and m.lower_ in _AFTER for m in clause.children):
            continue
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if (
            subj is not None
            and subj.pos_ != "PRON"
            and is_party(subj, lex)
            and not is_instrument(subj, lex)
        ):
            return subj, f"who did what '{verb.text}' followed ('{clause.text}')"
    return None


def _guilty(verb: Token, lex: Lexicon) -> list[ArgumentSpan]:
    """ "X and Y are guilty of violating the truce": the copula's subject did it."""
    prep, adj = verb.head, verb.head.head
    if verb.dep_ != "pcomp" or prep.lower_ not in ("of", "for") or adj.dep_ != "acomp":
        return []
    if adj.lemma_.lower() not in lex.words.blame_adjectives | {"guilty"}:
        return []
    subj = next((c for c in adj.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON" or not is_party(subj, lex):
        return []
    return spans_for(subj, "actor", f"who is '{adj.text} {prep.text}' '{verb.text}'", lex.words)


def _ordered(cand: Candidate, lex: Lexicon) -> None:
    """ "ordered four ministers jailed": the orderer acts on the ministers."""
    verb = cand.trigger
    noun, order = verb.head, verb.head.head
    if verb.dep_ in ("ccomp", "xcomp", "oprd") and verb.tag_ == "VBN":  # "ordered X ... jailed"
        order = verb.head  # its subject, if the parser gives it one, is who is jailed
        noun = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        noun = noun or direct_object(order)
        if noun is None:
            return
    elif verb.dep_ != "acl" or noun.dep_ != "dobj":
        return
    if order.lemma_.lower() != "order":
        return
    subj = next((c for c in order.children if c.dep_ == "nsubj"), None)
    if subj is None or not is_party(subj, lex) or noun.pos_ not in ("NOUN", "PROPN"):
        return
    why = f"who ordered '{noun.text} {verb.text}'"
    cand.actor_args = spans_for(subj, "actor", why, lex.words)
    why = f"whom '{order.text}' has '{verb.text}'"
    cand.recipient_args = spans_for(noun, "recipient", why, lex.words)


#: Verbs (lemmas) of acts only a state's authorities do to someone.
_STATE_ACTS = frozenset({"arrest", "detain", "jail", "imprison", "expel", "deport"})


def _place_name(tok: Token) -> bool:
    """A place's name: a GPE, or a proper name the small model tags as no entity, a person or
    an organisation ("arrested in Niger": PERSON), as no one is arrested *in* a person."""
    return tok.ent_type_ == "GPE" or (
        tok.pos_ == "PROPN" and tok.ent_type_ in ("", "PERSON", "ORG", "LOC")
    )


def _state_of_place(verb: Token) -> list[ArgumentSpan]:
    """ "was arrested in Niger", "were expelled from Laos": the state where it was done."""
    if verb.lemma_.lower() not in _STATE_ACTS or not is_passive(verb) or agent_of(verb):
        return []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "from")):
        for pobj in (g for g in prep.children if g.dep_ == "pobj" and _place_name(g)):
            why = (
                f"the state where '{verb.text}' was done ('{prep.text} {pobj.text}'), no doer named"
            )
            toks = [pobj, *[t for t in pobj.subtree if t.i != pobj.i and t.dep_ == "compound"]]
            return [ArgumentSpan(toks, "actor", why, place="state")]  # still where it was
    return []


#: Marks that end a dateline at the head of a sentence ("Lima--", "Lima:", "LIMA (AP)").
_DATELINE_ENDS = frozenset({"--", ":", "—", "–", "("})


def _dateline(arg: ArgumentSpan) -> bool:
    """A sentence-initial name (or a line of names) closed by a dateline mark."""
    head = arg.head
    start = head.sent.start
    names = [t for t in head.doc[start : head.i + 1]]
    after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    return (
        after is not None
        and after.text in _DATELINE_ENDS
        and all(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "LOC") or t.is_title for t in names)
        and len(names) <= 4
    )


def _past_dateline(cand: Candidate, lex: Lexicon) -> None:
    """A dateline read as the subject gives way to the clause's own subject."""
    if len(cand.actor_args) != 1 or not _dateline(cand.actor_args[0]):
        return
    dated = cand.actor_args[0].head
    for verb in (t for t in cand.triggers if t.pos_ in ("VERB", "AUX")):
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > dated.i + 1), None)
        if subj is not None and is_party(subj, lex):
            why = f"subject of '{verb.text}' (not the dateline '{dated.text}')"
            cand.actor_args = spans_for(subj, "actor", why, lex.words)
            return


#: Verbs (lemmas) of a purpose that helps whom it names: "deployed to relieve X".
_HELPING = frozenset({"relieve", "help", "assist", "support", "protect", "reinforce", "replace"})


def _deployed(cand: Candidate, lex: Lexicon) -> None:
    """ "peacekeepers are being deployed to relieve the Ugandan contingent": forces deployed as
    aid, told in the passive with no doer, give the aid; whom its purpose helps receives it."""
    verb = cand.trigger
    if cand.event != "AID" or cand.actor_args or verb.pos_ != "VERB" or agent_of(verb):
        return
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lemma_.lower() not in lex.words.deployed_nouns:
        return
    cand.actor_args = spans_for(subj, "actor", f"the forces '{verb.text}' as aid", lex.words)
    cand.recipient_args = [a for a in cand.recipient_args if a.head.i != subj.i]
    for clause in (c for c in verb.children if c.dep_ in ("advcl", "xcomp")):
        obj = direct_object(clause) if clause.lemma_.lower() in _HELPING else None
        helped = obj is not None and obj.lemma_.lower() in lex.words.deployed_nouns
        if obj is not None and (helped or is_party(obj, lex)) and not cand.recipient_args:
            why = f"whom '{verb.text}' is to '{clause.text}'"
            cand.recipient_args = spans_for(obj, "recipient", why, lex.words)


def antecedent_doer(cand: Candidate, lex: Lexicon) -> None:
    """The doer of a passive release with no by-agent, from the act it followed; who is guilty
    of an act; who ordered it done; else the state holding a prisoner (``custody``)."""
    _antecedent(cand, lex)
    mutual_fire(cand, lex)  # "X and Y are guilty of violating the truce": at each other
    _deployed(cand, lex)
    led_by(cand, lex)
    first_to(cand, lex)
    held_by_state(cand, lex.words)


def _antecedent(cand: Candidate, lex: Lexicon) -> None:
    verb = cand.trigger
    _past_dateline(cand, lex)
    if cand.event in ("COERCE", "SANCTION", "RETREAT", "CONCEDE") and verb.pos_ == "VERB":
        _ordered(cand, lex)
    if not cand.actor_args and verb.pos_ == "VERB":
        cand.actor_args = _guilty(verb, lex) or _state_of_place(verb)
    if cand.actor_args or cand.event not in _RELEASES or verb.pos_ != "VERB":
        return
    if not is_passive(verb) or agent_of(verb) is not None:
        return
    found = _decider(verb, lex)
    if found is not None:
        cand.actor_args = spans_for(found[0], "actor", found[1], lex.words)


def speaker_refuses(doers: list[ArgumentSpan], failed: bool) -> bool:
    """Whether the speaker of a reported refusal is its actor: a refusal stated ("X said the
    army will not withdraw": X speaks for it), not a failure reported of named parties ("X and
    Y failed to reach a deal, a diplomat told reporters"); a pronoun or what a possessive pronoun
    owns ("it", "his country") is the speaker's own side either way."""
    return not failed or all(
        a.head.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in a.head.children)
        for a in doers
    )
