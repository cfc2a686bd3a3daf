"""Actor and recipient phrases from the dependency parse.

Functions here take a trigger token and return ``ArgumentSpan`` lists: one per coordinated
member ("Sairoon and Fatih" -> two), each with the head token first and a reason naming the
syntactic path ("subject of 'called'", "by-agent of passive 'killed'").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan
from .conditions import direct_object, object_heads, subject_token
from .lexicon import Lexicon, infinitive, is_party
from .phrases import members, phrase, spans_for

__all__ = ["ArgumentFinder", "agent_of", "is_passive", "members", "phrase", "spans_for"]

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..knowledge.words import DetectWords

#: Named-entity kinds that are never a party to an event (dates, times, amounts).
_NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def agent_of(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
                if pobj.dep_ == "pcomp":  # "by invading forces" parsed as a gerund
                    return direct_object(pobj) or pobj
    return None


def counted(tok: Token) -> bool:
    """A number of something ("dozens of shipping agents", "hundreds of activists"): who they are is
    the of-phrase, so the number names a party, not an amount or a date."""
    return tok.ent_type_ == "CARDINAL" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" for g in c.children)
        for c in tok.children
    )


def is_empty_abstract(
    noun: Token, abstract: frozenset[str] | set[str], parties: frozenset[str] = frozenset()
) -> bool:
    """ "such an event", "the move", "talks": an abstract or event noun with no entity in it
    (nor a party word before it: "the council plan" is the council's)."""
    if noun.lemma_.lower() not in abstract:
        return False
    return not any(
        c.dep_ in ("amod", "compound", "poss", "nmod")
        and (c.ent_type_ or c.pos_ == "PROPN" or (c.dep_ == "compound" and c.lemma_ in parties))
        for c in noun.children
    )


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or (
        token.tag_ == "VBN" and token.dep_ == "acl"
    )


class ArgumentFinder:
    """Finds who acts and who is acted on, given a trigger."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.empty_nouns = set(lexicon.abstract_nouns) | set(lexicon.nouns)

    # ------------------------------------------------------------------ who acts
    def issuer(self, noun: Token) -> tuple[Token, str] | None:
        """Who issued a statement-like noun: "his statement", "a resolution passed by X"."""
        for child in noun.children:
            if child.dep_ == "poss":
                return child, f"issuer of '{noun.text}' (possessor)"
        for child in noun.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj, f"issuer of '{noun.text}' ('{child.text} ...')"
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
            found = self.subject(noun.head)
            if found:
                return found[0], f"issuer of '{noun.text}' ({found[1]})"
        return None

    def intender(self, noun: Token) -> tuple[Token, str] | None:
        """Whose commitment, offer or decision it is: the subject of the verb that states it
        ("X renewed its commitment to ..."), else its possessor or by-phrase."""
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
            found = self.subject(noun.head)
            if found:
                return found[0], f"whose '{noun.text}' ({found[1]})"
        return self.issuer(noun)

    def subject(self, verb: Token, depth: int = 0) -> tuple[Token, str] | None:
        """The doer of ``verb``: its subject, a passive's by-agent, or a controlling subject."""
        if depth > 4:
            return None
        if is_passive(verb):
            agent = agent_of(verb)
            if agent is not None:
                return agent, f"by-agent of passive '{verb.text}'"
        subj = subject_token(verb)
        if subj is not None and not is_passive(verb):
            if subj.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
                return verb.head, f"subject of '{verb.text}' (relative clause)"
            return subj, f"subject of '{verb.text}'"
        head = verb.head
        if head == verb:
            return None
        if verb.dep_ == "conj":
            found = self.subject(head, depth + 1)
            return (found[0], f"{found[1]}, shared by '{verb.text}'") if found else None
        if verb.dep_ == "xcomp":
            if head.lemma_.lower() in self.lex.words.object_control:
                obj = direct_object(head) or _pobj(head, ("on", "upon"))
                if obj is not None:
                    return obj, f"object of '{head.text}' who is to '{verb.text}'"
            found = self.subject(head, depth + 1)
            return (found[0], f"{found[1]}, controlling '{verb.text}'") if found else None
        if verb.dep_ == "acomp":  # "is willing to provide": the copula's subject
            return self.subject(head, depth + 1)
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("of", "for", "with"):
            # "accused Uganda of shelling ...", "blamed the rebels for attacking ...": the
            # accused is the doer of what they are accused of
            holder = head.head
            accused = holder if holder.pos_ in ("NOUN", "PROPN", "PRON") else None
            if holder.pos_ == "VERB":
                accused = direct_object(holder)
                holder_lemma = holder.lemma_.lower()
            else:
                holder_lemma = holder.head.lemma_.lower()
            if (
                accused is not None
                and accused.dep_ == "dobj"
                and holder_lemma in self.lex.words.accusing_verbs
            ):
                return accused, f"who is {holder_lemma}d of '{verb.text}'"
        intent = head.head if verb.dep_ == "pcomp" and head.dep_ == "prep" else head
        if verb.dep_ in ("acl", "pcomp") and intent.lemma_.lower() in self.lex.intent_nouns:
            return self.intender(intent)  # "renewed its commitment to support X"
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            if head.lemma_.lower() in self.lex.statement_nouns:
                return self.issuer(head)
            # "the people killed in ... were buried": the noun suffered it; but where the noun
            # is the sentence's root ("Thousands of teachers protested in ..."), the parser
            # has read the finite verb as a participle and the noun is its subject
            if verb.tag_ == "VBN" and head.dep_ != "ROOT":
                return None
            return head, f"noun modified by '{verb.text}'"
        purpose = infinitive(verb)
        if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or purpose):
            found = self.subject(head, depth + 1)  # "marched ... to demand", "..., killing ten"
            return (found[0], f"{found[1]}, also doing '{verb.text}'") if found else None
        return None

    def actors(self, verb: Token) -> list[ArgumentSpan]:
        found = self.subject(verb)
        if found is None:
            return []
        tok, reason = found
        if tok.lemma_.lower() in self.lex.statement_nouns:
            issued = self.issuer(tok)
            if issued is not None:
                tok, reason = issued
        return spans_for(tok, "actor", reason, self.lex.words)

    # ------------------------------------------------------------------ who is acted on
    def target(self, noun: Token, reason: str) -> tuple[Token, str]:
        """What a recipient noun stands for: the agent of a named event ("the protest called
        for by Sadr" -> Sadr), the entity inside an abstract noun ("the presence of US troops"
        -> troops)."""
        for _ in range(3):
            lemma = noun.lemma_.lower()
            about = self._claim_subject(noun)
            if about is not None:
                noun, reason = about, f"{reason} -> whom the '{lemma}' are about"
                continue
            if (
                lemma in self.lex.nouns
                or lemma in self.lex.abstract_nouns
                or lemma in self.lex.words.demand_nouns  # "dismissed a pay proposal by X": X's
            ):
                inner = self._agent_of_noun(noun)
                if inner is not None:
                    noun, reason = inner[0], f"{reason} -> {inner[1]}"
                    continue
            if lemma in self.lex.abstract_nouns:
                of = _pobj(noun, ("of",))
                if of is not None:
                    noun, reason = of, f"{reason} -> '{noun.text}' inside '{lemma}'"
                    continue
            break
        return noun, reason

    def _claim_subject(self, noun: Token) -> Token | None:
        """ "claims that two officers abused detainees" -> the officers (a party)."""
        if noun.lemma_.lower() not in self.lex.words.claim_nouns:
            return None
        for clause in noun.children:
            if clause.dep_ in ("acl", "ccomp") and any(c.lower_ == "that" for c in clause.lefts):
                subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and is_party(subj, self.lex):
                    return subj
        return None

    def _agent_of_noun(self, noun: Token) -> tuple[Token, str] | None:
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":  # "his policy": the doer's own
                return child, f"possessor of '{noun.text}'"
            if child.dep_ == "acl" and is_passive(child):
                agent = agent_of(child)
                if agent is not None:
                    return agent, f"by-agent of '{child.text}'"
        by = _pobj(noun, ("by", "from"))  # "a call by X", "a request from X"
        if by is not None:
            return by, f"'by/from' of '{noun.text}'"
        if noun.lemma_.lower() in self.lex.words.demand_nouns:
            of = _pobj(noun, ("of",))  # "the demands of the strikers", not "of the deal"
            if of is not None and of.lemma_.lower() not in self.empty_nouns:
                return of, f"who made the '{noun.text}'"
        return None

    def asked_by(self, prep: Token, pobj: Token) -> bool:
        """ "at the request of X", "at X's invitation": who asked for the act, not its
        recipient."""
        return (
            prep.lower_ == "at"
            and pobj.lemma_.lower() in self.lex.words.demand_nouns | {"invitation", "behest"}
            and self._agent_of_noun(pobj) is not None
        )

    def maker(self, noun: Token) -> list[ArgumentSpan]:
        """Who made a demand, request or offer named by a trigger noun ("accepted the demands
        of the strikers"): accepting or rejecting it is done to them."""
        if noun.lemma_.lower() not in self.lex.words.demand_nouns:
            return []
        found = self._agent_of_noun(noun)
        if found is None or found[0].pos_ == "PRON" or found[0].lemma_.lower() in self.empty_nouns:
            return []
        return spans_for(found[0], "recipient", found[1], self.lex.words)

    def recipients(self, trigger: Token, event: str, skip: set[int]) -> list[ArgumentSpan]:
        out: list[ArgumentSpan] = []
        preps = self.lex.preps_for(event)
        thing = direct_object(trigger) if trigger.pos_ in ("VERB", "AUX") else None
        if (
            thing is not None
            and thing.dep_ == "dobj"
            and (
                not is_party(thing, self.lex)
                or thing.lemma_.lower() in self.lex.words.deployed_nouns
            )
        ):
            # "suspended flights to X", "withdrew aid from X", "sent troops to X"
            preps = preps | self.lex.words.thing_preps
        if trigger.pos_ in ("VERB", "AUX"):
            obj = direct_object(trigger)
            if obj is not None and obj.i not in skip:
                if obj.dep_ == "nsubjpass":
                    reason = f"passive subject of '{trigger.text}'"
                else:
                    reason = f"object of '{trigger.text}'"
                tok, reason = self.target(obj, reason)
                if not is_empty_abstract(tok, self.empty_nouns, self.lex.party_words):
                    out.extend(spans_for(tok, "recipient", reason, self.lex.words))
                elif tok.lemma_.lower() in self.lex.nouns and tok.lemma_.lower() not in (
                    self.lex.abstract_nouns
                ):  # "condemned the bombing": the event itself, its doer unnamed
                    why = f"{reason} (the event acted on; its doer unnamed)"
                    out.append(ArgumentSpan(phrase(tok, self.lex.words), "recipient", why))
            for child in trigger.children:
                if child.dep_ in ("dative", "iobj") and child.pos_ in ("NOUN", "PROPN", "PRON"):
                    why = f"indirect object of '{trigger.text}'"
                    out.extend(spans_for(child, "recipient", why, self.lex.words))
                elif child.dep_ == "dative" and child.lower_ in preps:  # "voiced support for them"
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            reason = f"'{child.text} ...' of '{trigger.text}'"
                            out.extend(spans_for(pobj, "recipient", reason, self.lex.words))
        holders = [trigger]
        if trigger.pos_ in ("VERB", "AUX"):  # "lift embargoes ... to Iran", "aid for Romania"
            obj = direct_object(trigger)
            if (
                obj is not None
                and obj.pos_ == "NOUN"
                and obj.dep_ == "dobj"
                and (
                    obj.lemma_.lower() not in self.lex.nouns  # an event noun keeps its own PPs
                )
            ):
                holders += object_heads(
                    obj, self.lex.words
                )  # "a contingent of peacekeepers from X"
        if trigger.pos_ in ("VERB", "AUX"):
            out += self.event_object_parties(trigger, skip)
        inner = set(holders[2:])  # the noun of a partitive: only where it goes, comes from
        for holder, child in ((h, c) for h in holders for c in h.children):
            if child.dep_ == "prep" and child.lower_ in ("into", "over", "about"):
                out.extend(self.whether_subject(child, trigger))
            if holder in inner and child.lower_ not in self.lex.words.thing_preps:
                continue
            if child.dep_ == "prep" and child.lower_ in preps and child.i not in skip:
                for pobj in child.children:
                    if (
                        pobj.dep_ == "pobj"
                        and pobj.i not in skip
                        and (
                            pobj.ent_type_ not in _NOT_PARTIES  # "on Tuesday", "at 5 pm"
                            or counted(pobj)  # but "against dozens of shipping agents"
                        )
                        and not self.asked_by(child, pobj)
                    ):
                        tok, reason = self.target(pobj, f"'{child.text} ...' of '{trigger.text}'")
                        if not is_empty_abstract(tok, self.empty_nouns, self.lex.party_words):
                            out.extend(spans_for(tok, "recipient", reason, self.lex.words))
        return out

    def whether_subject(self, prep: Token, trigger: Token) -> list[ArgumentSpan]:
        """ "an investigation into whether the mayor took bribes": whom it is about."""
        out: list[ArgumentSpan] = []
        for clause in prep.children:
            if clause.dep_ != "pcomp" or not any(
                c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children
            ):
                continue
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and is_party(subj, self.lex):
                why = f"whom '{prep.text} whether ...' of '{trigger.text}' is about"
                out.extend(spans_for(subj, "recipient", why, self.lex.words))
        return out

    def event_object_parties(self, verb: Token, skip: set[int]) -> list[ArgumentSpan]:
        """The parties of an event noun the verb acts on: "ended mediation efforts between X
        and Y", "suspended talks with X", "rejected any cooperation with X", "announced a
        suspension of trade links with X" (through a thing's of-phrase), "reneged on an accord with
        X", "withdrew from a pact with X" (the object of the verb's own preposition)."""
        event_nouns = self.lex.nouns.keys() | self.lex.abstract_nouns
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        held = self.lex.words.thing_preps | {"on", "of", "out"}  # not "following a meeting with X"
        preps_of = [c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in held]
        preps_of += [
            g for c in preps_of for g in c.children if g.dep_ == "prep" and g.lower_ in held
        ]
        objs += [g for c in preps_of for g in c.children if g.dep_ == "pobj"]
        objs = [o for o in objs if o.i not in skip and o.lemma_.lower() in event_nouns]
        # partners and ends, not what a nested act struck: "condemned the attack on a church"
        # does not make the church the accused
        preps = self.lex.words.thing_preps | {"between", "among"}
        out: list[ArgumentSpan] = []
        holders = list(objs)
        for obj in objs:  # "a suspension of trade links with X"
            for child in obj.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    holders += [g for g in child.children if g.dep_ == "pobj"]
        for holder in holders:
            for child in holder.children:
                if child.dep_ != "prep" or child.lower_ not in preps:
                    continue
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    why = f"'{child.text} ...' of '{holder.text}', which '{verb.text}' acts on"
                    tok, why = self.target(pobj, why)
                    if is_party(tok, self.lex):
                        out.extend(spans_for(tok, "recipient", why, self.lex.words))
        return out

    def anti_targets(self, noun: Token) -> list[ArgumentSpan]:
        """ "anti-government protests" -> government; "an anti-US march" -> US."""
        lefts = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod", "npadvmod")]
        for i, tok in enumerate(lefts):
            if tok.lower_ == "anti" or tok.lower_.startswith("anti-"):
                rest = [t for t in lefts[i + 1 :] if not t.is_punct]
                if tok.lower_.startswith("anti-") and len(tok.text) > 5:
                    return [ArgumentSpan([tok], "recipient", f"'{tok.text}' names the target")]
                if rest:
                    return [
                        ArgumentSpan(
                            [rest[-1], *rest[:-1]],
                            "recipient",
                            f"'anti-{rest[-1].text}' names the target",
                        )
                    ]
        return []

    def noun_modifier_actor(self, noun: Token) -> list[ArgumentSpan]:
        """ "a US drone strike", "Iraqi protests": a country-like modifier is the actor."""
        for tok in noun.lefts:
            if tok.dep_ in ("compound", "amod", "nmod") and tok.ent_type_ in ("GPE", "NORP"):
                prev = tok.nbor(-1) if tok.i > 0 else None
                if prev is not None and prev.lower_ == "anti":
                    continue
                return [ArgumentSpan([tok], "actor", f"'{tok.text}' modifies '{noun.text}'")]
        return []

    def speaker(self, verb: Token) -> list[ArgumentSpan]:
        return self.actors(verb)


def _pobj(token: Token, preps: tuple[str, ...]) -> Token | None:
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in _NOT_PARTIES:  # "on Sunday"
                    return pobj
    return None


def is_pronoun(token: Token, words: DetectWords) -> bool:
    return token.pos_ == "PRON" and token.lower_ in words.argument_pronouns
