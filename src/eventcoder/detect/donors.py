"""Aid told as who gives it rather than as a giving (PLOVER AID: "all provisions of material aid"):

- a donor named by a copula: "Norway is the largest donor of food aid in Varnia", "Kordova
  remains one of the biggest contributors to the mission" → the subject gives aid (AID), to
  whom or where the donor's (or the aid's) "to", "for" or "in" phrase says;
- an aid package owned by its giver: "the EU's aid package to Varnia includes ...", "an
  assistance package from Kordova arrived" → the owner (or the "from" party) gives it. A package
  only named as what was hit ("rebels attacked the UN's aid convoy") is no aid given: the
  package must be its clause's subject;
- a sum given with a gift noun: "Norway marked the day with a contribution of 30 million euros to
  the Red Cross", "made a donation of $2 million to the fund" → the subject of the clause gives it (the
  "from" party where there is one; none where the subject received it: "got a grant of ..."),
  only as the object of a verb of giving (``giving_verbs``, ``gift_verbs``) or after "with".

A finder of the rule detector, called per token like ``blame`` (``RuleDetector.sentence``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate, Sentence
from .arguments import ArgumentFinder
from .blame import MakeCandidate
from .lexicon import Lexicon, Sense, is_party
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Where the aid goes: "a donor to X", "aid for X", "assistance in X".
_TO = ("to", "for", "in")


def _copula_subject(noun: Token, copulas: frozenset[str]) -> tuple[Token, Token] | None:
    """The subject of "X is (one of) the <noun>s", and the copula's complement."""
    attr = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "attr":
        attr = noun.head.head  # "one of the largest donors"
    while attr.dep_ == "conj":
        attr = attr.head
    if attr.dep_ != "attr" or attr.head.lemma_.lower() not in copulas:
        return None
    subj = next((c for c in attr.head.children if c.dep_ == "nsubj"), None)
    return None if subj is None else (subj, attr)


def _recipients(holders: list[Token], lex: Lexicon, why: str) -> list:
    aid = [g for g in prep_objects(holders, ("of",)) if lex.noun_sense(g) is not None]
    for obj in prep_objects([*holders, *aid], _TO):
        if is_party(obj, lex):
            return spans_for(obj, "recipient", f"'{obj.head.text} ...' of the {why}", lex.words)
    return []


def _donor(sent: Sentence, tok: Token, lex: Lexicon, make: MakeCandidate) -> Candidate | None:
    if tok.pos_ != "NOUN" or tok.lower_ not in lex.words.donor_nouns:
        return None
    found = _copula_subject(tok, lex.words.copulas)
    if found is None or not is_party(found[0], lex) or found[0].pos_ == "PRON":
        return None
    subj, attr = found
    cand = make(sent, [tok], Sense(lemma=tok.lemma_.lower(), event="AID"))
    cand.reasons["event"] = f"'{subj.text}' named the '{tok.text}': it gives aid (AID)"
    why = f"who is the '{tok.text}'"
    cand.actor_args = spans_for(subj, "actor", why, lex.words)
    cand.recipient_args = _recipients([tok, attr], lex, f"'{tok.text}'")
    return cand


def _package(sent: Sentence, tok: Token, lex: Lexicon, make: MakeCandidate) -> Candidate | None:
    """ "the EU's aid package to X": ``tok`` is the aid noun compounded on the package."""
    if tok.dep_ != "compound" or tok.head.lower_ not in lex.words.aid_holders:
        return None
    sense = lex.noun_sense(tok)
    package = tok.head
    if sense is None or sense.event != "AID" or package.dep_ != "nsubj":
        return None  # "the EU's aid programme was cancelled": no aid given
    done = lex.verb_sense(package.head)
    if done is not None and done.event != "AID":
        return None  # "the aid package angered the rebels", "... rejected by": another act
    givers = [c for c in package.children if c.dep_ == "poss"]
    givers += prep_objects([package], ("from",))
    giver = next((g for g in givers if is_party(g, lex) and g.pos_ != "PRON"), None)
    if giver is None:
        return None
    cand = make(sent, [tok, package], sense)
    why = f"whose '{tok.text} {package.text}' it is"
    cand.actor_args = spans_for(giver, "actor", why, lex.words)
    cand.recipient_args = _recipients([package], lex, f"'{tok.text} {package.text}'")
    return cand


def _amount(noun: Token) -> bool:
    """ "a contribution of 30 million euros", "a grant of $5 million": its of-object is a sum."""
    return any(
        g.ent_type_ == "MONEY"
        or any(c.dep_ in ("nummod", "compound") and c.like_num for c in g.children)
        for g in prep_objects([noun], ("of",))
    )


def _gift(
    sent: Sentence, tok: Token, lex: Lexicon, args: ArgumentFinder, make: MakeCandidate
) -> Candidate | None:
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.words.gift_nouns or not _amount(tok):
        return None
    verb = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "with":
        verb = tok.head.head  # "marked the day with a contribution of ..."
    elif (
        tok.dep_ != "dobj"
        or verb.lemma_.lower() not in lex.words.giving_verbs | lex.words.gift_verbs
    ):
        return None  # "condemned a donation of ...": the subject gave nothing
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    senders = [g for g in prep_objects([tok], ("from",)) if is_party(g, lex)]
    if senders:
        actors = spans_for(senders[0], "actor", f"'from ...' of '{tok.text}'", lex.words)
    elif verb.lemma_.lower() in lex.words.receiving_verbs:
        return None  # "got a grant of ...": the subject received it
    else:
        actors = args.actors(verb)
    if not actors or not any(is_party(a.head, lex) and a.head.pos_ != "PRON" for a in actors):
        return None
    cand = make(sent, [tok], Sense(lemma=tok.lemma_.lower(), event="AID"))
    cand.reasons["event"] = f"a sum given as a '{tok.text}': aid (AID)"
    cand.actor_args = actors
    holders = [tok, *(c for c in verb.children if c.dep_ == "dobj")]
    cand.recipient_args = _recipients(holders, lex, f"'{tok.text}'")
    return cand


def donor(
    sent: Sentence, tok: Token, lex: Lexicon, args: ArgumentFinder, make: MakeCandidate
) -> Candidate | None:
    """An AID event from a donor named by a copula or from an owned aid package (see the module
    docstring); ``None`` where ``tok`` starts neither."""
    return (
        _donor(sent, tok, lex, make)
        or _package(sent, tok, lex, make)
        or _gift(sent, tok, lex, args, make)
    )
