"""Instruments are no parties: "a car bomb killed", "police fired 40 rounds, killing" — the
weapon's user is the actor when the phrase names one ("police firing", "an Israeli air strike",
"a bomb planted by militants"), else the actor stays empty; an instrument is never a recipient
("opened fire on the crowd": the crowd). A passive with no by-agent takes its agent from the
event or instrument it happened in: "two men were killed in police firing" → police.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from .arguments import agent_of, is_passive, spans_for
from .conditions import subject_token
from .lexicon import PARTY_ENTS, Lexicon, is_party

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Material types: their instrument words are the means ("fired rounds"), not what the event is
#: about, and what they act on counts whatever it is ("attacked a school").
MATERIAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})


def is_instrument(tok: Token, lex: Lexicon) -> bool:
    # "killed in police firing": lower-cased text may tag the noun "firing" as a gerund
    gerund = tok.tag_ == "VBG" and tok.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj")
    if (tok.pos_ not in ("NOUN", "PROPN") and not gerund) or tok.ent_type_ in PARTY_ENTS:
        return False
    words = {tok.lemma_.lower(), tok.lower_}
    compound = [c for c in tok.lefts if c.dep_ == "compound"]
    if compound:
        words.add(f"{compound[-1].lower_} {tok.lower_}")
    return bool(words & lex.instrument_nouns)


def user_of(noun: Token, lex: Lexicon) -> tuple[Token, str] | None:
    """Who uses an instrument or does an event named by a noun: its possessor ("the army's
    shells"), a by-agent ("a bomb planted by militants", "firing by police"), or a party
    modifier ("police firing", "an Israeli air strike")."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their"):
            return child, f"possessor of '{noun.text}'"
    for child in noun.children:
        if child.dep_ == "acl" and is_passive(child):
            agent = agent_of(child)
            if agent is not None:
                return agent, f"by-agent of '{child.text}' ('{noun.text}')"
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and is_party(pobj, lex):
                    return pobj, f"'{child.text} ...' of '{noun.text}'"
    mods = [
        c
        for c in reversed(list(noun.lefts))
        if c.dep_ in ("compound", "amod", "nmod") and not is_instrument(c, lex)
    ]
    for child in sorted(mods, key=lambda c: c.ent_type_ not in PARTY_ENTS):
        # an adjective names a party only as an entity or a role word ("Israeli", "rebel"):
        # the parser's proper-noun tag on "a peaceful and united protest" names no one
        adjective = child.dep_ == "amod" and child.ent_type_ not in PARTY_ENTS
        if adjective and child.lemma_.lower() not in lex.party_words:
            continue
        if is_party(child, lex):
            return child, f"'{child.text}' modifies '{noun.text}'"
    if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
        # "the police fired 40 rounds killing two": who fired the rounds
        subj = subject_token(noun.head)
        if subj is not None and is_party(subj, lex) and not is_instrument(subj, lex):
            return subj, f"subject of '{noun.head.text}' ('{noun.text}')"
    return None


def mend_instruments(cand: Candidate, lex: Lexicon) -> None:
    """Instrument actors give way to their user (or to no actor); instrument recipients go."""
    actors: list[ArgumentSpan] = []
    for arg in cand.actor_args:
        if _is_count(arg.head):  # "9 were killed and 15 injured": a count is a casualty
            why = f"{arg.reason}: a count of casualties, not a doer"
            cand.recipient_args.append(ArgumentSpan(arg.tokens, "recipient", why))
            continue
        event_noun = arg.head.lemma_.lower() in lex.nouns and arg.head.pos_ == "NOUN"
        if not is_instrument(arg.head, lex) and not event_noun:
            actors.append(arg)
            continue
        user = user_of(arg.head, lex)
        if user is None and event_noun and not is_instrument(arg.head, lex):
            actors.append(arg)  # "the protest blocked roads": its doer is coded from it
            continue
        if user is None:
            cand.reasons.setdefault(
                "actor", f"'{arg.head.text}' is an instrument and the sentence names no user"
            )
            continue
        tok, why = user
        if all(a.head.i != tok.i for a in actors + cand.actor_args):
            actors.extend(spans_for(tok, "actor", f"{why}: the user of the instrument", lex.words))
    cand.actor_args = actors
    if cand.event in MATERIAL:  # "opened fire on the crowd"; but "condemned the bombing"
        cand.recipient_args = [a for a in cand.recipient_args if not is_instrument(a.head, lex)]


def _is_count(tok: Token) -> bool:
    """A bare number ("9 were killed"), not a number of something ("thousands of teachers"
    protested: a crowd, the doer)."""
    return (tok.pos_ == "NUM" or tok.like_num) and not any(c.dep_ != "punct" for c in tok.children)


def passive_event_agent(verb: Token, lex: Lexicon) -> list[ArgumentSpan]:
    """ "two men were killed in police firing": the doer of a passive with no by-agent, read
    from the event or instrument it happened in."""
    if not is_passive(verb) or agent_of(verb) is not None:
        return []
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in lex.words.event_preps:
            continue
        for pobj in child.children:
            lemma = pobj.lemma_.lower()
            after = pobj.nbor(1) if pobj.i + 1 < len(pobj.doc) else None
            if (
                pobj.dep_ == "pobj"
                and is_party(pobj, lex)
                and after is not None
                and (after.lower_ in lex.instrument_nouns or after.lemma_.lower() in lex.nouns)
            ):  # "in police firing" parsed as "police" with a participle after it
                why = f"'{pobj.text} {after.text}', in which '{verb.text}' happened"
                return spans_for(pobj, "actor", why, lex.words)
            if pobj.dep_ == "pobj" and (lemma in lex.nouns or is_instrument(pobj, lex)):
                user = user_of(pobj, lex)
                if user is not None:
                    tok, why = user
                    why = f"{why}, in which '{verb.text}' happened"
                    return spans_for(tok, "actor", why, lex.words)
    return []
