"""The rule detector: trigger words from the lexicon, checked against the parse.

A verb fires when one of its senses' conditions hold. A noun fires only when something in the
sentence anchors it as an event that took place or was asked for (``noun_events``). News
patterns that retype an event or mend its roles live in their own modules, applied here in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate, Document, Sentence
from ..pipeline import check_budget
from . import dyads
from .aimed import aimed_places
from .arguments import ArgumentFinder, spans_for
from .blame import blame, received_from, retype
from .conditions import object_heads
from .critical_of import critical_of
from .deeds import responsible_for
from .doers import antecedent_doer
from .donors import donor
from .inner import inner_parties
from .instruments import passive_event_agent
from .lexicon import Lexicon, Sense, is_party
from .merge import merge_linked
from .noun_events import NounEvents, assault_mode, circumstance
from .settled import settled_protest, struck_employer
from .targets import mend_targets
from .unwelcome import unwelcome

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Event types that need someone to act: a natural cause as the doer is no such event.
NEEDS_AGENT = frozenset({"ASSAULT", "COERCE", "PROTEST"})


class RuleDetector:
    """Proposes ``Candidate`` events for each sentence from the trigger lexicon."""

    name = "rules"

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.args = ArgumentFinder(lexicon)
        self.nouns = NounEvents(lexicon, self.args, self._candidate)

    def __call__(self, doc: Document) -> list[Candidate]:
        out: list[Candidate] = []
        for sent in doc.sentences:
            check_budget(doc, "detect")
            out.extend(self.sentence(sent))
        return out

    # ------------------------------------------------------------------ per sentence
    def sentence(self, sent: Sentence) -> list[Candidate]:
        cands: list[Candidate] = []
        request_tokens: set[int] = set()
        for tok in sent.span:
            if tok.dep_ in ("amod", "compound", "npadvmod") or (
                tok.dep_ == "pcomp" and tok.head.dep_ == "agent"
            ):
                continue  # "Iran-backed militias", "by invading forces": adjectives, not events
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
                sense = self.lex.verb_sense(tok)
                if sense is not None and self._natural_cause(tok, sense):
                    continue
                if sense is not None and not sense.request_only:
                    cand = self._verb_candidate(sent, tok, sense)
                    if cand is not None:
                        cands.append(cand)
                        if sense.event == "REQUEST":
                            request_tokens.add(tok.i)
        finders = (blame, unwelcome, responsible_for, donor, critical_of)
        for tok, find in ((t, f) for t in sent.span for f in finders):
            blamed = find(sent, tok, self.lex, self.args, self._candidate)
            if blamed is not None:
                cands.append(blamed)
        for tok in sent.span:
            cand = self._stated_demand(sent, tok, request_tokens)
            if cand is not None:
                cands.append(cand)
                request_tokens.add(tok.i)
        # a noun a verb trigger took as its object is what the verb acts on, not a second
        # event of another type: "suspended its aid" is no AID, "lifted the ban" no COERCE
        absorbed = {t.i: c.event for c in cands for t in c.triggers[1:] if t.pos_ == "NOUN"}
        for tok in sent.span:
            if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("PERSON", "GPE", "ORG"):
                sense = self.lex.noun_sense(tok)
                if sense is not None and absorbed.get(tok.i, sense.event) != sense.event:
                    continue
                if sense is not None:
                    cand = self.nouns.candidate(sent, tok, sense, request_tokens)
                    if cand is not None:
                        cands.append(cand)
                        if sense.event == "REQUEST":
                            request_tokens.add(tok.i)
        # "overthrew him following mass protests": a circumstance is coded only when the
        # sentence reports nothing else
        told = [c for c in cands if not circumstance(c)]
        cands = told or cands
        for cand in cands:
            retype(cand, self.lex)
        merged = merge_linked(cands, self.lex)
        for cand in merged:
            dyads.mend(cand, self.lex)
            mend_targets(cand, self.lex)
            aimed_places(cand, self.lex)
            settled_protest(cand, self.lex)
            struck_employer(cand, self.lex)
            inner_parties(cand, self.lex)
            antecedent_doer(cand, self.lex)
        return merged

    def _natural_cause(self, tok: Token, sense: Sense) -> bool:
        """ "Malaria kills", "floods destroyed homes", "a quake struck": no one acted."""
        if sense.event not in NEEDS_AGENT:
            return False
        doers = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        doers += [g for c in tok.children if c.dep_ == "agent" for g in c.children]
        for doer in doers:
            words = {doer.lemma_.lower(), doer.lower_}
            words |= {c.lower_ for c in doer.children if c.dep_ == "compound"}
            if words & self.lex.natural_causes:
                return True
        return False

    def _stated_demand(
        self, sent: Sentence, tok: Token, request_tokens: set[int]
    ) -> Candidate | None:
        """ "X said China must drop its barriers": X demands something of China."""
        if tok.i in request_tokens or tok.dep_ not in ("ccomp", "acl"):
            return None
        head = tok.head.lemma_.lower()
        if not (
            (tok.dep_ == "ccomp" and head in self.lex.speech_verbs)
            or head in self.lex.statement_nouns  # "a reminder that Iraq must ..."
        ):
            return None
        modal = next(
            (c for c in tok.children if c.dep_ == "aux" and c.lower_ in self.lex.demand_modals),
            None,
        )
        if modal is None:
            return None
        sense = Sense(lemma=tok.lemma_.lower(), event="REQUEST", confidence=0.6)
        cand = self._candidate(sent, [tok], sense)
        speaker = tok.head
        if tok.dep_ == "acl" and speaker.dep_ in ("dobj", "nsubjpass"):
            speaker = speaker.head  # "issued a reminder that ...": who issued it
        cand.actor_args = self.args.actors(speaker)
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            why = f"subject of '{modal.text} {tok.text}' in the statement"
            cand.recipient_args = spans_for(subj, "recipient", why, self.lex.words)
        cand.reasons["event"] = f"'{modal.text} {tok.text}' stated by '{tok.head.text}': a demand"
        return cand

    def _candidate(self, sent: Sentence, triggers: list[Token], sense: Sense) -> Candidate:
        return Candidate(
            sentence=sent,
            event=sense.event,
            mode=sense.mode,
            cameo=sense.cameo,
            triggers=triggers,
            detector=self.name,
            confidence=sense.confidence,
            context=list(sense.context),
            sense=sense,
        )

    def _verb_candidate(self, sent: Sentence, tok: Token, sense: Sense) -> Candidate | None:
        triggers = [tok]
        for child in tok.children:
            if child.dep_ == "prt":
                triggers.append(child)
        skip: set[int] = set()
        if "dobj" in sense.needs:  # "hold talks", "impose sanctions": the object is the event
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
            for head in object_heads(obj, self.lex.words) if obj is not None else []:
                if head.lemma_.lower() in self.lex.nouns:
                    triggers.append(head)
                    skip.add(head.i)
        cand = self._candidate(sent, triggers, sense)
        cand.actor_args = self.args.actors(tok) or passive_event_agent(tok, self.lex)
        if sense.object != "target":  # "discuss the crisis", "fired tear gas at them"
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None:
                skip.add(obj.i)
        cand.recipient_args = self.args.recipients(tok, sense.event, skip)
        for noun in (t for t in triggers[1:] if t.pos_ == "NOUN"):
            # "lifted its blockade of the port", "cancelled a visit to X": the event noun's target
            heads = {a.head.i for a in cand.recipient_args}
            cand.recipient_args += [
                a for a in self.nouns.recipients(noun, sense) if a.head.i not in heads
            ]
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if (
                owner is not None
                and owner.pos_ != "PRON"
                and is_party(owner, self.lex)
                and owner.i not in heads
                and noun.lemma_.lower() not in self.lex.patient_nouns
            ):  # "defended the army's actions", "rejected the rebels' offer": whose it is
                why = f"whose '{noun.text}' '{tok.text}' acts on"
                cand.recipient_args += spans_for(owner, "recipient", why, self.lex.words)
        if not cand.recipient_args:
            cand.recipient_args = dyads.participle_patient(tok, sense.event, self.lex)
        if not dyads.has_party(cand.recipient_args, self.lex):
            cand.recipient_args = (
                dyads.complement_recipients(
                    tok, self.lex, self.args.target, asked_by=self.args.asked_by
                )
                + cand.recipient_args
            )
        if sense.event == "REQUEST":
            on = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")]
            addressees = [
                span
                for prep in on
                for pobj in prep.children
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("DATE", "TIME")  # "on Sunday"
                for span in spans_for(
                    pobj, "recipient", f"addressee of '{tok.text} {prep.text}'", self.lex.words
                )
            ]
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None and any(c.dep_ == "xcomp" for c in tok.children):
                # "urged supporters to stage a rally": who is asked, not the target
                why = f"addressee of '{tok.text}'"
                addressees += spans_for(obj, "recipient", why, self.lex.words)
            addressees += dyads.demanded_of(tok, self.lex)
            if addressees:
                cand.recipient_args = [
                    a for a in cand.recipient_args if a.head.i not in {x.head.i for x in addressees}
                ] + addressees
                cand.addressees = addressees
        if sense.received:
            received_from(cand, tok, self.lex)
        if sense.event == "ASSAULT":
            assault_mode(cand, tok, self.lex)
        return cand
