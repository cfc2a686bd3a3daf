"""Who did what to whom, beyond the trigger's own subject and object.

General patterns of news English, applied to a rule candidate after its own arguments are read
(word lists in ``data/triggers.yaml`` and ``data/detect_words.yaml``, see ``data/README.md``):

- instruments are no parties: "a car bomb killed", "police fired 40 rounds, killing" — the
  weapon's user is the actor when the phrase names one ("police firing", "an Israeli air
  strike", "a bomb planted by militants"), else the actor stays empty; an instrument is never a
  recipient ("opened fire on the crowd": the crowd);
- a passive with no by-agent takes its agent from the event it happened in: "two men were killed
  in police firing" → police; a passive participle modifying a noun ("the people killed in ...")
  has that noun as its recipient, never its actor;
- events done together ("X and Y agreed", "X discussed trade with Y"): one actor, the other
  party the recipient;
- demands on someone: "demanded that X resign" → X;
- what was agreed, refused or offered: "agreed to send doctors to Haiti", "refused to meet with
  the strikers" → the recipient of the complement's act, parties first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from .arguments import agent_of, is_passive, spans_for
from .lexicon import PARTY_ENTS, Lexicon, direct_object, is_party, subject_token

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: ``ArgumentFinder.target``: what a recipient noun stands for ("a request from X" → X).
TargetOf = Callable[["Token", str], "tuple[Token, str]"]
#: Types whose instrument words are the means ("fired rounds"), not what the event is about.
_MATERIAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
#: Types whose passive participle's noun is who suffered the act.
_DONE_TO = frozenset({"ASSAULT", "COERCE", "SANCTION"})
#: Things besides forces and weapons that an actor's "its"/"their" marks as its own.
_OWN_THINGS = frozenset({"arm", "arms", "border", "borders"})
#: Named-entity kinds of dates, times and amounts: never who an act is done to ("agreed to
#: resign on Friday", "provided $3 million").
_AMOUNTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})


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
    if cand.event in _MATERIAL:  # "opened fire on the crowd"; but "condemned the bombing"
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


def participle_patient(verb: Token, event: str, lex: Lexicon) -> list[ArgumentSpan]:
    """ "the six people killed in the clash", "the activists arrested on Monday": a passive
    participle's noun suffered the act (not so "the protest called for by X")."""
    if (
        event in _DONE_TO
        and verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.pos_ in ("NOUN", "PROPN", "PRON")
    ):
        return spans_for(verb.head, "recipient", f"noun that was '{verb.text}'", lex.words)
    return []


def reciprocal(cand: Candidate, lex: Lexicon) -> None:
    """ "Kenya and Uganda agreed", "discussed trade with X", "X and Y signed a trade deal": one
    actor, the others recipients."""
    made = [c for t in cand.triggers for c in t.children if c.dep_ == "dobj"]
    joint = any({t.lemma_.lower(), t.lower_} & lex.joint_nouns for t in [*cand.triggers, *made])
    between = [a for a in cand.recipient_args if "'between" in a.reason]
    if cand.event in lex.reciprocal_events and not cand.actor_args and len(between) >= 2:
        # "the talks between Israel and Hamas resumed": one party acts, the other receives
        first = between[0]
        why = f"{first.reason} (the first party)"
        cand.actor_args = [ArgumentSpan(first.tokens, "actor", why)]
        cand.recipient_args = [a for a in cand.recipient_args if a is not first]
        return
    if not (cand.event in lex.reciprocal_events or joint) or len(cand.actor_args) < 2:
        return
    first, *rest = cand.actor_args
    heads = {a.head.i for a in cand.recipient_args}
    moved = []
    for arg in rest:
        if arg.head.i not in heads:
            moved.append(ArgumentSpan(arg.tokens, "recipient", f"{arg.reason} (the other party)"))
    cand.actor_args = [first]
    cand.recipient_args = moved + cand.recipient_args


def demanded_of(verb: Token, lex: Lexicon) -> list[ArgumentSpan]:
    """ "demanded that the contractor repay": who is to act is who is asked."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            personal = lex.words.personal_pronouns
            if subj is not None and (subj.pos_ != "PRON" or subj.lower_ in personal):
                why = f"who is to '{child.text}' ('{verb.text}')"
                return spans_for(subj, "recipient", why, lex.words)
    return []


def complement_recipients(
    verb: Token,
    lex: Lexicon,
    target: TargetOf,
    depth: int = 0,
    asked_by: Callable[[Token, Token], bool] = lambda prep, pobj: False,
) -> list[ArgumentSpan]:
    """Who the complement's act is done to: "agreed to send doctors to Haiti" → Haiti,
    "refused to meet with the strikers" → the strikers, "threatened to halt talks with X" → X,
    "refused to answer a request from X" → X; parties only."""
    if depth > 2:
        return []
    out: list[ArgumentSpan] = []
    for comp in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")):
        holders = [comp] + [c for c in comp.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
        for holder in holders:
            for child in holder.children:
                if child.dep_ in ("dative", "iobj") and is_party(child, lex):
                    why = f"indirect object of '{comp.text}'"
                    out += spans_for(child, "recipient", why, lex.words)
                elif (
                    child.dep_ in ("prep", "dative") and child.lower_ in lex.words.complement_preps
                ):
                    for pobj in child.children:
                        if pobj.dep_ != "pobj" or asked_by(child, pobj):
                            continue
                        why = f"'{child.text} ...' of '{holder.text}' (what is {verb.lemma_}d)"
                        tok, why = target(pobj, why)
                        if is_party(tok, lex):
                            out += spans_for(tok, "recipient", why, lex.words)
                elif (
                    holder is comp
                    and child.dep_ == "dobj"
                    and is_party(child, lex)
                    and (
                        child.pos_ != "NOUN" or comp.lemma_.lower() in lex.words.person_object_verbs
                    )
                ):  # "agreed to accept 80 asylum seekers"; not "agreed to send doctors to X"
                    out += spans_for(child, "recipient", f"object of '{comp.text}'", lex.words)
        out += complement_recipients(comp, lex, target, depth + 1, asked_by)
    return out


def has_party(args: list[ArgumentSpan], lex: Lexicon) -> bool:
    return any(is_party(a.head, lex) for a in args)


def prefer_parties(cand: Candidate, lex: Lexicon) -> None:
    """A recipient is a party: where the sentence names one ("suspended flights to Armenia"),
    the things acted on ("flights") are no recipients."""
    if cand.event in _MATERIAL:  # what is struck counts, whatever it is ("attacked a school")
        return
    if has_party(cand.recipient_args, lex):
        cand.recipient_args = [a for a in cand.recipient_args if names_party(a, lex)]


def names_party(arg: ArgumentSpan, lex: Lexicon) -> bool:
    """A party, or something a modifier says belongs to one ("an army camp")."""
    return is_party(arg.head, lex) or any(
        t.head == arg.head
        and is_party(t, lex)
        and (t.dep_ in ("compound", "poss", "nmod") or (t.dep_ == "amod" and t.ent_type_))
        for t in arg.tokens[1:]
    )  # an adjective counts as a name only ("Israeli"), not as a role word ("official")


def drop_amounts(cand: Candidate) -> None:
    """Dates, times and sums are no recipients: "agreed to resign on Friday", "gave $3
    million" (what is given, not who receives it)."""
    seen: set[int] = set()
    kept = []
    for arg in cand.recipient_args:  # each party once
        if arg.head.ent_type_ not in _AMOUNTS and arg.head.i not in seen:
            kept.append(arg)
            seen.add(arg.head.i)
    if len(kept) < len(cand.recipient_args) and not kept:
        cand.reasons.setdefault("recipient", "only a date, time or amount where a party would be")
    cand.recipient_args = kept


def own_means(cand: Candidate, lex: Lexicon) -> None:
    """One's own people and means moved ("withdrew its troops from X", "sent peacekeepers to
    X") are no recipients: the party they go to or leave is, when the sentence names one;
    with a pronoun possessor ("its troops") they are the actor's own, never the recipient."""
    if cand.event in ("ASSAULT", "COERCE"):  # "attacked the troops": what is struck
        return
    deployed = lex.words.deployed_nouns

    def own(arg: ArgumentSpan) -> bool:
        head = arg.head
        if cand.event == "MOBILIZE" and moved(arg):  # "mobilized the army": its own forces
            return True
        lemma = head.lemma_.lower()
        if not (lemma in deployed or lemma in _OWN_THINGS or is_instrument(head, lex)):
            return False  # "its allies", "to its owner": a party of its own
        # "withdrew its troops", "laid down their weapons", "opened its borders"
        return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)

    def moved(arg: ArgumentSpan) -> bool:
        head = arg.head
        return (head.lemma_.lower() in deployed or head.lower_ in deployed) and head.dep_ == "dobj"

    others = [a for a in cand.recipient_args if not moved(a) and is_party(a.head, lex)]
    kept = [a for a in cand.recipient_args if not own(a) and not (others and moved(a))]
    if len(kept) < len(cand.recipient_args) and not kept:
        cand.reasons.setdefault("recipient", "the actor's own people or means, not a recipient")
    cand.recipient_args = kept


def aid_purpose(cand: Candidate, lex: Lexicon) -> None:
    """ "gave $5 million to help flood victims", "donated tents to assist Kenya",
    "aid to rebuild schools in Haiti": whom aid is for, read from its purpose clause when the
    sentence names no one it goes to."""
    if cand.event != "AID" or has_party(cand.recipient_args, lex):
        return
    verbs = lex.words.aid_purpose_verbs
    heads = [cand.trigger, *[t for t in cand.trigger.children if t.dep_ == "dobj"]]
    for head in heads:
        for comp in head.children:
            if comp.dep_ not in ("advcl", "xcomp", "acl", "relcl") or comp.pos_ != "VERB":
                continue
            if comp.lemma_.lower() not in verbs or not any(c.lower_ == "to" for c in comp.children):
                continue
            obj = direct_object(comp)
            if obj is not None and is_party(obj, lex):
                why = f"whom '{comp.text}' is for (purpose of '{cand.trigger.text}')"
                cand.recipient_args = spans_for(obj, "recipient", why, lex.words) + [
                    a for a in cand.recipient_args if a.head.ent_type_ not in _AMOUNTS
                ]
                return
            for tok in comp.subtree:
                if tok.ent_type_ == "GPE" and tok.dep_ == "pobj" and tok.head.lower_ == "in":
                    why = f"where '{comp.text}' is for (purpose of '{cand.trigger.text}')"
                    cand.recipient_args = spans_for(tok, "recipient", why, lex.words)
                    return


def possessor_parties(cand: Candidate, lex: Lexicon) -> None:
    """The owner of the thing acted on is the recipient: "criticised the government's handling
    of the crisis" -> the government, "froze the minister's accounts" -> the minister; a
    material act keeps what it struck too ("shelled the rebels' convoy": the rebels and the
    convoy). Possessive pronouns are left alone ("its troops" is the actor's own)."""
    out: list[ArgumentSpan] = []
    heads = {a.head.i for a in cand.recipient_args}
    for arg in cand.recipient_args:
        owner = next(
            (
                c
                for c in arg.head.children
                if c.dep_ == "poss" and c.pos_ != "PRON" and is_party(c, lex)
            ),
            None,
        )
        if owner is None or is_party(arg.head, lex) or owner.i in heads:
            out.append(arg)
            continue
        why = f"owner of '{arg.head.text}' ({arg.reason})"
        out.extend(spans_for(owner, "recipient", why, lex.words))
        heads.add(owner.i)
        if cand.event in _MATERIAL:
            out.append(arg)
    cand.recipient_args = out


def mediated_parties(cand: Candidate, lex: Lexicon) -> None:
    """A mediation is done to the parties of the dispute its purpose names: "began a
    mediation effort to settle the feud between X and Y", "... to help X and Y reach a
    settlement"."""
    if cand.event != "CONSULT" or cand.mode != "third-party" or has_party(cand.recipient_args, lex):
        return
    purposes = [
        c
        for t in cand.triggers
        for c in t.children
        if c.dep_ in ("acl", "advcl", "xcomp", "relcl") and c.pos_ == "VERB"
    ]
    for clause in purposes:
        for tok in clause.subtree:
            between = tok.dep_ == "pobj" and tok.head.lower_ in ("between", "among")
            helped = tok.dep_ in ("dobj", "nsubj") and tok.head.lemma_.lower() == "help"
            if (between or helped) and is_party(tok, lex):
                why = f"a party to the dispute '{cand.trigger.text}' is about ('{clause.text}')"
                cand.recipient_args = spans_for(tok, "recipient", why, lex.words)
                return


def thing_parties(thing: Token, noun: Token, lex: Lexicon) -> list[ArgumentSpan]:
    """ "a suspension of flights to Belarus": the party the thing goes to, comes from or
    is shared with."""
    out: list[ArgumentSpan] = []
    for child in thing.children:
        if child.dep_ == "prep" and child.lower_ in lex.words.thing_preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and is_party(pobj, lex):
                    why = f"'{child.text} ...' of '{thing.text}' ('{noun.text}')"
                    out.extend(spans_for(pobj, "recipient", why, lex.words))
    return out


def mend(cand: Candidate, lex: Lexicon) -> None:
    """Every dyad rule of this module, in order, on one merged candidate."""
    reciprocal(cand, lex)
    mend_instruments(cand, lex)
    aid_purpose(cand, lex)
    own_means(cand, lex)
    mediated_parties(cand, lex)
    possessor_parties(cand, lex)
    prefer_parties(cand, lex)
    drop_amounts(cand)
    # no one is their own recipient: "Sadr's call for a march" (he calls, is not called on)
    own = {a.head.i for a in cand.actor_args}
    cand.recipient_args = [a for a in cand.recipient_args if a.head.i not in own]
