"""News patterns that change an event's type or turn its roles round (``RuleDetector`` uses
them): blame is an accusation ("said the rebels were responsible for the attack", "held the army
responsible"); a strike or raid done by armed forces is an attack ("the air force carried out
strikes"); what was received came from the giver ("Gaza received aid from Qatar"); troops
sent or deployed to keep the peace are aid ("sent 200 troops to serve as a peacekeeping force");
people sent to investigate carry out an investigation ("dispatched engineers to X to investigate why the
crash"); borders opened to refugees grant them asylum.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate, Sentence
from .aid_backs import aid_backs
from .arguments import ArgumentFinder
from .bills import bill_threat
from .condemned import rejection_with_condemnation
from .conditions import direct_object
from .lexicon import Lexicon, Sense, infinitive, is_party
from .phrases import phrase, prep_objects, spans_for
from .purpose import purpose_holders

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: ``RuleDetector._candidate``: a candidate of a sense on some trigger words of a sentence.
MakeCandidate = Callable[[Sentence, "list[Token]", Sense], Candidate]


def armed_attack(cand: Candidate, lex: Lexicon) -> None:
    """ "The air force carried out strikes against ...", "warplanes carried out a raid": a
    strike or raid done by armed forces or aircraft is an attack, not a labour strike or a
    police search."""
    noun = next((t for t in cand.triggers if t.pos_ == "NOUN"), None)
    if noun is None or cand.event == "ASSAULT":
        return
    doers = lex.armed_doers.get(noun.lemma_.lower())
    if not doers:
        return
    for arg in cand.actor_args:
        words = {arg.head.lemma_.lower(), arg.head.lower_}
        words |= {f"{t.lower_} {arg.head.lower_}" for t in arg.head.lefts if t.dep_ == "compound"}
        if words & doers:
            cand.reasons["event"] = (
                f"'{noun.text}' done by '{arg.head.text}' (armed forces): an attack"
            )
            cand.event, cand.cameo = "ASSAULT", None
            cand.mode = "aerial" if noun.lemma_.lower() == "raid" else None
            return


def blame(
    sent: Sentence, tok: Token, lex: Lexicon, args: ArgumentFinder, make: MakeCandidate
) -> Candidate | None:
    """ "The ministry said the rebels were responsible for the bombing", "held the army
    responsible for the killings": an accusation (ACCUSE) by the speaker or the holder.
    Not a duty ("responsible for security"): a for-phrase must name an event."""
    if tok.pos_ != "ADJ" or tok.lemma_.lower() not in lex.words.blame_adjectives:
        return None
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"):
        what = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
        if not any(
            g.lemma_.lower() in lex.nouns or g.pos_ == "VERB" or g.lower_ in (lex.instrument_nouns)
            for g in what
        ):
            return None
    head = tok.head
    accuser: Token | None = None
    accused: Token | None = None
    if tok.dep_ == "acomp" and head.lemma_.lower() == "be" and head.dep_ == "ccomp":
        if head.head.lemma_.lower() in lex.speech_verbs:
            accuser = head.head
            accused = next((c for c in head.children if c.dep_ == "nsubj"), None)
    elif head.lemma_.lower() == "hold" and tok.dep_ in ("oprd", "ccomp", "xcomp", "acomp"):
        accuser, accused = head, next((c for c in head.children if c.dep_ == "dobj"), None)
    elif tok.dep_ == "amod" and head.dep_ == "dobj" and head.head.lemma_.lower() == "hold":
        accuser, accused = head.head, head  # "held the rebels responsible"
    if accuser is None or accused is None or not is_party(accused, lex):
        return None
    sense = Sense(lemma=tok.lemma_.lower(), event="ACCUSE", mode="allege", confidence=0.6)
    cand = make(sent, [tok], sense)
    cand.actor_args = args.actors(accuser)
    why = f"held or said to be '{tok.text}'"
    if tok.head == accused:  # "held the rebels responsible": not part of their name
        drop = frozenset(t.i for t in tok.subtree)
        toks = phrase(accused, lex.words, drop)
        cand.recipient_args = [ArgumentSpan(toks, "recipient", why)]
    else:
        cand.recipient_args = spans_for(accused, "recipient", why, lex.words)
    cand.reasons["event"] = f"'{tok.text}' said of '{accused.text}': blame (ACCUSE)"
    return cand


def received_from(cand: Candidate, verb: Token, lex: Lexicon) -> None:
    """ "The camp received food aid from the Red Cross": the giver (the "from" phrase, on the
    verb or on its object) is the actor, the subject who received it the recipient; with no
    giver named the actor stays empty (with a reason), the receiver still the recipient."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    holders = [verb] + ([obj] if obj is not None else [])
    giver = next(iter(prep_objects(holders, ("from",))), None)
    takers = [a.head for a in cand.actor_args]
    why = f"who received ('{verb.text}')"
    cand.recipient_args = [a for t in takers for a in spans_for(t, "recipient", why, lex.words)]
    if giver is None:
        cand.actor_args = []
        cand.reasons["actor"] = f"'{verb.text}' names no giver"
        return
    why = f"'from ...' of '{verb.text}': who gave it"
    cand.actor_args = spans_for(giver, "actor", why, lex.words)


#: Words that make troops sent or deployed a peacekeeping contribution (CAMEO 074: AID).
_PEACEKEEPING = frozenset({"peacekeeping", "peacekeeper", "peacekeepers", "blue-helmet"})


def peacekeeping(cand: Candidate, lex: Lexicon) -> None:
    """ "Fiji is sending soldiers to join the UN peacekeeping mission", "600 troops were sent
    as peacekeeping forces": a deployment to keep the peace is aid (PLOVER AID, CAMEO 074),
    not a show of force; the word may sit in the object, a prepositional or purpose phrase of
    the trigger, or in its doer ("Uruguayan peacekeepers began deploying")."""
    if cand.event != "MOBILIZE":
        return
    words = [t for trig in cand.triggers for t in trig.subtree]
    words += [t for a in cand.actor_args for t in a.tokens]
    hit = next((t for t in words if t.lemma_.lower() in _PEACEKEEPING), None)
    if hit is None:
        return
    cand.reasons["event"] = f"troops to keep the peace ('{hit.text}'): aid (CAMEO 074)"
    cand.event, cand.mode, cand.cameo = "AID", None, "074"
    if "peacekeeping" not in cand.context:
        cand.context.append("peacekeeping")
    kept: list[ArgumentSpan] = []
    for arg in cand.recipient_args:  # the troops or the force sent are no recipient...
        if arg.head.lemma_.lower() not in lex.words.deployed_nouns:
            kept.append(arg)
            continue
        place = next(  # ... but the country they serve in is: "the UN mission in Lebanon"
            (t for t in arg.head.subtree if t.dep_ == "pobj" and t.ent_type_ in ("GPE", "LOC")),
            None,
        )
        if place is not None:
            why = f"where the peacekeepers ('{arg.head.text}') serve"
            kept += spans_for(place, "recipient", why, lex.words)
    cand.recipient_args = kept


#: Verbs of dying whose cause can be an attack ("died in an ambush", "died of torture").
_DIE = frozenset({"die", "perish", "succumb"})
#: Words of a causal phrase between a verb of dying and its cause: "as a result of", "due to",
#: "because of", "from".
_CAUSAL = frozenset({"as", "result", "of", "due", "to", "because", "from"})


def died_of(noun: Token, lex: Lexicon) -> Token | None:
    """The verb of dying an ASSAULT noun is the cause of: "died in a rebel ambush" (an event
    preposition), "died as a result of the torture", "died in a cell due to torture"."""
    if noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.lower_ in lex.words.event_preps and prep.head.lemma_.lower() in _DIE:
        return prep.head
    tok = prep
    for _ in range(4):  # up through "of" <- "result" <- "as", or "to" <- "due"
        if tok.lower_ not in _CAUSAL or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in _DIE and tok.pos_ == "VERB":
            return tok
    return None


def sent_to_investigate(cand: Candidate, lex: Lexicon) -> None:
    """ "dispatched a dozen engineers to Zambia to investigate why the bridge gave way", "is
    sending a team to conduct an audit of the accounts": the sending serves an investigation (PLOVER ACCUSE,
    investigate), not aid or a show of force. The recipient is where they go, else what they
    are to investigate."""
    verb = cand.trigger
    if cand.event not in ("AID", "MOBILIZE") or verb.pos_ != "VERB":
        return
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    heads += purpose_holders(verb, lex.words)  # "sent a team in a bid to investigate ..."
    for comp in (c for h in heads for c in h.children):
        if comp.dep_ not in ("advcl", "xcomp", "acl", "relcl") or not infinitive(comp):
            continue
        sense = lex.verb_sense(comp)
        about = direct_object(comp)
        if sense is None or sense.mode != "investigate":
            noun = about if comp.lemma_.lower() in lex.light_verbs else None
            sense = lex.noun_sense(noun) if noun is not None else None
            about = next((g for c in noun.children if c.lower_ in ("of", "into")
                          for g in c.children if g.dep_ == "pobj"), None) if noun else None  # fmt: skip
        if sense is None or sense.mode != "investigate":
            continue
        cand.reasons["event"] = f"'{verb.text}' to '{comp.text}': an investigation (ACCUSE)"
        cand.event, cand.mode, cand.cameo = "ACCUSE", "investigate", None
        sent = {t.i for h in heads[1:] for t in h.subtree}
        cand.recipient_args = [a for a in cand.recipient_args if a.head.i not in sent]
        if not any(is_party(a.head, lex) for a in cand.recipient_args) and about is not None:
            why = f"what '{comp.text}' is about (purpose of '{verb.text}')"
            cand.recipient_args = spans_for(about, "recipient", why, lex.words)
        return


def asylum(cand: Candidate, lex: Lexicon) -> None:
    """ "has opened its borders to refugees from the south", "... to Syrian families escaping
    the violence", "... to thousands of Belarusians": letting people in grants them asylum (PLOVER AID, CAMEO 075), not the opening
    of access that borders opened to trade are (RETREAT)."""
    verb = cand.trigger
    obj = direct_object(verb) if verb.pos_ == "VERB" else None
    if cand.event != "RETREAT" or obj is None or obj.lemma_.lower() not in ("border", "frontier"):
        return
    for pobj in prep_objects((verb, obj), ("to",)):
        people = [pobj, *(g for c in pobj.children if c.lower_ == "of" for g in c.children)]
        words = {w for p in people for t in (p, *p.children) for w in (t.lemma_.lower(), t.lower_)}
        if words & lex.words.sheltered_people or any(p.ent_type_ == "NORP" for p in people):
            cand.reasons["event"] = f"'{verb.text} {obj.text}' to people: asylum (AID, CAMEO 075)"
            cand.event, cand.mode, cand.cameo = "AID", None, "075"
            return


def verbal_attack(cand: Candidate, lex: Lexicon) -> None:
    """ "launched a fresh attack on the central bank governor, calling him reckless", "led the
    attack on the budget plan, branding it a fraud": an attack whose -ing clause names or
    blames its target is made of words (ACCUSE disapprove), not force."""
    nouns = [t for t in cand.triggers if t.pos_ == "NOUN"]
    if cand.event != "ASSAULT" or not nouns:
        return
    words = lex.words.naming_verbs | lex.words.accusing_verbs
    for clause in (c for h in [cand.trigger, *nouns] for c in h.children):
        if (
            clause.dep_ in ("advcl", "acl", "xcomp")
            and clause.tag_ == "VBG"
            and clause.lemma_.lower() in words
        ):
            cand.reasons["event"] = f"an attack '{clause.text}' its target: words (ACCUSE)"
            cand.event, cand.mode, cand.cameo = "ACCUSE", "disapprove", None
            return


def retype(cand: Candidate, lex: Lexicon) -> None:
    """Every pattern of this module that changes a candidate's type, in order."""
    armed_attack(cand, lex)
    verbal_attack(cand, lex)
    peacekeeping(cand, lex)
    sent_to_investigate(cand, lex)
    asylum(cand, lex)
    rejection_with_condemnation(cand, lex)
    aid_backs(cand, lex)
    bill_threat(cand, lex)
