"""The rule detector: trigger words from the lexicon, checked against the parse.

A verb fires when one of its senses' conditions hold. A noun fires only when something in the
sentence anchors it as an event that took place or was asked for (a light verb: "held talks";
an occurrence verb: "protests erupted", "protests that began"; an agent: "Sadr's call", "a call
by Sadr"; a meeting partner: "a meeting with X"; a request: "called for the expulsion of...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate, Document, Sentence
from ..pipeline import check_budget
from . import dyads
from .aimed import aimed_places
from .arguments import ArgumentFinder, spans_for
from .blame import blame, died_of, received_from, retype
from .deeds import responsible_for
from .doers import antecedent_doer
from .inner import inner_parties
from .lexicon import Lexicon, Sense, is_party, object_heads, verb_lemmas
from .merge import merge_linked
from .settled import settled_protest, struck_employer
from .targets import mend_targets
from .unwelcome import unwelcome

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: The reason of an event noun anchored only by "after", "following", "amid" ...
_TOOK_PLACE = "an event that took place"
#: Event types that need someone to act: a natural cause as the doer is no such event.
NEEDS_AGENT = frozenset({"ASSAULT", "COERCE", "PROTEST"})


class RuleDetector:
    """Proposes ``Candidate`` events for each sentence from the trigger lexicon."""

    name = "rules"

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.args = ArgumentFinder(lexicon)

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
        for tok, find in ((t, f) for t in sent.span for f in (blame, unwelcome, responsible_for)):
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
                    cand = self._noun_candidate(sent, tok, sense, request_tokens)
                    if cand is not None:
                        cands.append(cand)
                        if sense.event == "REQUEST":
                            request_tokens.add(tok.i)
        # "overthrew him following mass protests": a circumstance is coded only when the
        # sentence reports nothing else
        told = [c for c in cands if not _circumstance(c, self.lex)]
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
        cand.actor_args = self.args.actors(tok) or dyads.passive_event_agent(tok, self.lex)
        if sense.object != "target":  # "discuss the crisis", "fired tear gas at them"
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None:
                skip.add(obj.i)
        cand.recipient_args = self.args.recipients(tok, sense.event, skip)
        for noun in (t for t in triggers[1:] if t.pos_ == "NOUN"):
            # "lifted its blockade of the port", "cancelled a visit to X": the event noun's target
            heads = {a.head.i for a in cand.recipient_args}
            cand.recipient_args += [
                a for a in self._noun_recipients(noun, sense) if a.head.i not in heads
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
            self._assault_mode(cand, tok)
        return cand

    def _assault_mode(self, cand: Candidate, tok: Token) -> None:
        if cand.mode is not None:
            return
        words = [t for a in cand.actor_args for t in a.tokens] + list(tok.subtree)
        for word in words:
            mode = self.lex.assault_mode_cues.get(word.lower_)
            if mode is not None:
                cand.mode = mode
                cand.reasons["mode"] = f"'{word.text}' in the event's clause"
                return

    # ------------------------------------------------------------------ nouns
    def _noun_candidate(
        self, sent: Sentence, tok: Token, sense: Sense, request_tokens: set[int]
    ) -> Candidate | None:
        head = tok.head
        lex = self.lex
        under_request = head.i in request_tokens or (
            head.dep_ == "prep" and head.lower_ in ("for", "to") and head.head.i in request_tokens
        )
        if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() == "end":
            return None  # "an end to X": X is what is to end, not an event by itself
        if sense.request_only and not under_request:
            return None
        cand: Candidate | None = None
        held = tok  # "began a new round of talks": the partitive is the light verb's object
        if (
            tok.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.dep_ in ("dobj", "attr")
            and head.head.lemma_.lower() in lex.words.partitives
        ):
            held = head.head
        if under_request:
            cand = self._candidate(sent, [tok], sense)
            cand.requested_by = head.i if head.i in request_tokens else head.head.i
            cand.actor_args = self._noun_actors(tok)  # "the withdrawal of foreign forces"
            cand.recipient_args = self._noun_recipients(tok, sense)
        elif (
            (held.dep_ in ("dobj", "attr") or (held.dep_ == "nsubjpass" and held is tok))
            and any(v in lex.light_verbs for v in verb_lemmas(held.head))
            and held.head.pos_ in ("VERB", "AUX")
        ):  # "held talks", also passive: "the exercise was staged by X and Y"
            verb = held.head
            cand = self._candidate(sent, [verb, tok], sense)
            cand.actor_args = self.args.actors(verb)
            cand.recipient_args = self._noun_recipients(tok, sense) + self.args.recipients(
                verb, sense.event, {tok.i, held.i}
            )
        elif sense.event == "ASSAULT" and (died := died_of(tok, lex)) is not None:
            # "three soldiers died in a rebel ambush", "died as a result of torture"
            cand = self._candidate(sent, [tok], sense)
            cand.actor_args = self._noun_actors(tok)
            user = dyads.user_of(tok, lex) if not cand.actor_args else None
            if user is not None:  # "a rebel ambush"
                cand.actor_args = spans_for(user[0], "actor", user[1], lex.words)
            dead = next((c for c in died.children if c.dep_ == "nsubj"), None)
            if dead is not None:
                why = f"who died in the '{tok.text}'"
                cand.recipient_args = spans_for(dead, "recipient", why, lex.words)
            cand.recipient_args += self._noun_recipients(tok, sense)
        elif tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex.occurrence_verbs:
            cand = self._candidate(sent, [tok], sense)
            cand.actor_args = self._noun_actors(tok)
            cand.recipient_args = self._noun_recipients(tok, sense)
            if sense.event == "ASSAULT":
                cand.recipient_args += self.args.recipients(head, sense.event, {tok.i})
        elif any(
            c.dep_ == "relcl"
            and c.lemma_.lower() in lex.occurrence_verbs
            and any(g.dep_ == "nsubj" and g.lower_ in ("that", "which") for g in c.children)
            for c in tok.children
        ):
            cand = self._candidate(sent, [tok], sense)
            cand.actor_args = self._noun_actors(tok)
            cand.recipient_args = self._noun_recipients(tok, sense)
        elif any(c.dep_ == "poss" for c in tok.children) or any(
            c.dep_ == "prep" and c.lower_ == "by" for c in tok.children
        ):
            actors = self._noun_actors(tok)
            if actors or tok.lemma_.lower() in lex.patient_nouns:
                cand = self._candidate(sent, [tok], sense)
                cand.actor_args = actors
                cand.recipient_args = self._noun_recipients(tok, sense)
        elif sense.event in lex.with_joins_actor and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in tok.children
        ):
            clause = next(
                (
                    a
                    for a in tok.ancestors
                    if a.pos_ in ("VERB", "AUX") and a.dep_ not in ("prep", "pcomp", "amod")
                ),
                None,
            )
            cand = self._candidate(sent, [tok], sense)
            if clause is not None:
                cand.actor_args = self.args.actors(clause)
                for arg in cand.actor_args:
                    arg.reason = f"{arg.reason} (takes part in the '{tok.text}')"
            cand.recipient_args += [
                a for a in self._noun_recipients(tok, sense) if "'with" in a.reason
            ]
        if (
            cand is None
            and tok.dep_ == "pobj"
            and head.lower_ in lex.words.after_preps
            and not any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in tok.children)
        ):  # not "following the peace deal": an event the reader knows of, not news
            cand = self._candidate(sent, [tok], sense)  # "following mass protests against X"
            cand.confidence = 0.5
            cand.reasons["event"] = f"'{head.text} {tok.text}': {_TOOK_PLACE}"
            cand.actor_args = self._noun_actors(tok)
            cand.recipient_args = self._noun_recipients(tok, sense)
        if cand is None:
            return None
        cand.confidence = min(cand.confidence, 0.7)
        if sense.received:
            received_from(cand, tok, self.lex)
        if sense.event == "ASSAULT":
            self._assault_mode(cand, tok)
        return cand

    def _noun_actors(self, noun: Token) -> list[ArgumentSpan]:
        patient = noun.lemma_.lower() in self.lex.patient_nouns  # "X's arrest": X is arrested
        for child in noun.children:
            if child.dep_ == "poss" and not patient:
                return spans_for(child, "actor", f"possessor of '{noun.text}'", self.lex.words)
        # "the arrest of X by Y": the parser may hang the by-phrase on X
        holders = [noun] + [
            g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
        ]
        for holder in holders:
            for child in holder.children:
                if child.dep_ in ("prep", "agent") and child.lower_ == "by":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            why = f"'by ...' of '{noun.text}'"
                            return spans_for(pobj, "actor", why, self.lex.words)
        if noun.lemma_.lower() in self.lex.agent_nouns:  # "the withdrawal of US troops"
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in self.args.empty_nouns:
                            why = f"who does the '{noun.text}' ('of ...')"
                            return spans_for(pobj, "actor", why, self.lex.words)
        return self.args.noun_modifier_actor(noun)

    def _noun_recipients(self, noun: Token, sense: Sense) -> list[ArgumentSpan]:
        out = self.args.anti_targets(noun) + self.args.maker(noun)
        if noun.lemma_.lower() in self.lex.patient_nouns:  # "the governor's assassination"
            for child in noun.children:
                if child.dep_ == "poss":
                    why = f"who suffered '{noun.text}'"
                    out.extend(spans_for(child, "recipient", why, self.lex.words))
        preps = self.lex.preps_for(sense.event) | self.lex.words.noun_target_preps
        if noun.lemma_.lower() in self.lex.agent_nouns:
            preps = preps - {"of"}  # "the withdrawal of US troops": the troops do it
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                out.extend(self.args.whether_subject(child, noun))
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if child.lower_ == "of" and pobj.lemma_.lower() in self.lex.abstract_nouns:
                        pobj, _ = self.args.target(pobj, "")
                    reason = f"'{child.text} ...' of '{noun.text}'"
                    tok, reason = self.args.target(pobj, reason)
                    out.extend(spans_for(tok, "recipient", reason, self.lex.words))
                    if child.lower_ == "of" and not is_party(tok, self.lex):
                        out.extend(dyads.thing_parties(tok, noun, self.lex))
        return out


def _circumstance(cand: Candidate, lex: Lexicon) -> bool:
    """An event noun anchored only by "following", "amid" ...: a circumstance."""
    return len(cand.triggers) == 1 and cand.reasons.get("event", "").endswith(_TOOK_PLACE)
