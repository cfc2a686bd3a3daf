"""Event nouns (``RuleDetector`` hands them here): a noun fires only when something in the
sentence anchors it as an event that took place or was asked for: a light verb ("held talks"),
an occurrence verb ("protests erupted"), an agent ("Sadr's call", "a call by Sadr"), a partner
("a meeting with X"), a request ("called for the expulsion of ...") or a time preposition
("following mass protests"). Also who does an event noun and whom it is aimed at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate, Sentence
from . import dyads
from .arguments import ArgumentFinder, spans_for
from .blame import MakeCandidate, died_of, received_from
from .instruments import user_of
from .lexicon import Lexicon, Sense, is_party, verb_lemmas

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: The reason of an event noun anchored only by "after", "following", "amid" ...
TOOK_PLACE = "an event that took place"


class NounEvents:
    """Candidates from event nouns, and the actors and recipients an event noun names."""

    def __init__(self, lexicon: Lexicon, args: ArgumentFinder, make: MakeCandidate) -> None:
        self.lex = lexicon
        self.args = args
        self.make = make

    def candidate(
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
            cand = self.make(sent, [tok], sense)
            cand.requested_by = head.i if head.i in request_tokens else head.head.i
            cand.actor_args = self.actors(tok)  # "the withdrawal of foreign forces"
            cand.recipient_args = self.recipients(tok, sense)
        elif (
            (held.dep_ in ("dobj", "attr") or (held.dep_ == "nsubjpass" and held is tok))
            and any(v in lex.light_verbs for v in verb_lemmas(held.head))
            and held.head.pos_ in ("VERB", "AUX")
        ):  # "held talks", also passive: "the exercise was staged by X and Y"
            verb = held.head
            cand = self.make(sent, [verb, tok], sense)
            cand.actor_args = self.args.actors(verb)
            cand.recipient_args = self.recipients(tok, sense) + self.args.recipients(
                verb, sense.event, {tok.i, held.i}
            )
        elif sense.event == "ASSAULT" and (died := died_of(tok, lex)) is not None:
            # "three soldiers died in a rebel ambush", "died as a result of torture"
            cand = self.make(sent, [tok], sense)
            cand.actor_args = self.actors(tok)
            user = user_of(tok, lex) if not cand.actor_args else None
            if user is not None:  # "a rebel ambush"
                cand.actor_args = spans_for(user[0], "actor", user[1], lex.words)
            dead = next((c for c in died.children if c.dep_ == "nsubj"), None)
            if dead is not None:
                why = f"who died in the '{tok.text}'"
                cand.recipient_args = spans_for(dead, "recipient", why, lex.words)
            cand.recipient_args += self.recipients(tok, sense)
        elif tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex.occurrence_verbs:
            cand = self.make(sent, [tok], sense)
            cand.actor_args = self.actors(tok)
            cand.recipient_args = self.recipients(tok, sense)
            if sense.event == "ASSAULT":
                cand.recipient_args += self.args.recipients(head, sense.event, {tok.i})
        elif any(
            c.dep_ == "relcl"
            and c.lemma_.lower() in lex.occurrence_verbs
            and any(g.dep_ == "nsubj" and g.lower_ in ("that", "which") for g in c.children)
            for c in tok.children
        ):
            cand = self.make(sent, [tok], sense)
            cand.actor_args = self.actors(tok)
            cand.recipient_args = self.recipients(tok, sense)
        elif any(c.dep_ == "poss" for c in tok.children) or any(
            c.dep_ == "prep" and c.lower_ == "by" for c in tok.children
        ):
            actors = self.actors(tok)
            if actors or tok.lemma_.lower() in lex.patient_nouns:
                cand = self.make(sent, [tok], sense)
                cand.actor_args = actors
                cand.recipient_args = self.recipients(tok, sense)
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
            cand = self.make(sent, [tok], sense)
            if clause is not None:
                cand.actor_args = self.args.actors(clause)
                for arg in cand.actor_args:
                    arg.reason = f"{arg.reason} (takes part in the '{tok.text}')"
            cand.recipient_args += [a for a in self.recipients(tok, sense) if "'with" in a.reason]
        if (
            cand is None
            and tok.dep_ == "pobj"
            and head.lower_ in lex.words.after_preps
            and not any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in tok.children)
        ):  # not "following the peace deal": an event the reader knows of, not news
            cand = self.make(sent, [tok], sense)  # "following mass protests against X"
            cand.confidence = 0.5
            cand.reasons["event"] = f"'{head.text} {tok.text}': {TOOK_PLACE}"
            cand.actor_args = self.actors(tok)
            cand.recipient_args = self.recipients(tok, sense)
        if cand is None:
            return None
        cand.confidence = min(cand.confidence, 0.7)
        if sense.received:
            received_from(cand, tok, self.lex)
        if sense.event == "ASSAULT":
            assault_mode(cand, tok, lex)
        return cand

    def actors(self, noun: Token) -> list[ArgumentSpan]:
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

    def recipients(self, noun: Token, sense: Sense) -> list[ArgumentSpan]:
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


def assault_mode(cand: Candidate, tok: Token, lex: Lexicon) -> None:
    """The weapon or means named in an assault's clause or its actor's words gives its mode."""
    if cand.mode is not None:
        return
    words = [t for a in cand.actor_args for t in a.tokens] + list(tok.subtree)
    for word in words:
        mode = lex.assault_mode_cues.get(word.lower_)
        if mode is not None:
            cand.mode = mode
            cand.reasons["mode"] = f"'{word.text}' in the event's clause"
            return


def circumstance(cand: Candidate) -> bool:
    """An event noun anchored only by "following", "amid" ...: a circumstance."""
    return len(cand.triggers) == 1 and cand.reasons.get("event", "").endswith(TOOK_PLACE)
