"""Recipients named in a clause of the event (applied by ``targets`` before its own rules, only
where no recipient names a party, or only a pronoun does):

- what a strike targets: "carried out a raid, targeting rebel commanders in X" → the
  commanders;
- whose bid is turned down, where the parser makes them the subject of the infinitive:
  "the court rejected the senator to delay his trial" → the senator;
- a preposition whose object the parser read as the subject or object of a participle: "a
  scathing attack on the state's ruling party calling it corrupt", "a lawsuit against visiting
  Prince X" → the party, the prince;
- who had a thing given back: "will return the bases it has seized from the army" → the
  army; who got a thing supplied: "supplied most of the arms Chad has bought" → Chad;
- whose act a permission was for: "refused permission for a rally by X" → X.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from .conditions import direct_object
from .dyads import has_party
from .lexicon import is_party
from .phrases import prep_objects, spans_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .lexicon import Lexicon

#: Verbs (lemmas) of rejecting a bid.
_REJECTING = frozenset({"reject", "refuse", "deny", "decline", "dismiss"})
#: Verbs (lemmas) of taking a thing from someone: "seized from X".
_TAKEN = frozenset({"seize", "take", "capture", "steal", "confiscate", "loot", "grab"})
_GIVEN = frozenset({"RETREAT", "CONCEDE", "AID", "AGREE"})


def _targeted(cand: Candidate) -> list[tuple[Token, str]]:
    """ "launched strikes targeting X", "a raid targeting X"."""
    out: list[tuple[Token, str]] = []
    for trig in cand.triggers:
        for clause in (c for c in trig.children if c.dep_ in ("advcl", "xcomp", "acl")):
            obj = direct_object(clause) if clause.lemma_.lower() == "target" else None
            if obj is not None:
                out.append((obj, f"'{clause.text} ...' of '{trig.text}': whom it aimed at"))
    return out


def _bidder(cand: Candidate) -> list[tuple[Token, str]]:
    """ "rejected the senator to delay his trial": the subject of the infinitive."""
    verb = cand.trigger
    if cand.event != "REJECT" or verb.lemma_.lower() not in _REJECTING:
        return []
    out: list[tuple[Token, str]] = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ != "PRON":
            out.append((subj, f"whose bid to '{clause.text}' was '{verb.text}'"))
    return out


def _participle_object(cand: Candidate) -> list[tuple[Token, str]]:
    """ "an attack on X calling it ...", "a lawsuit against visiting X": the noun the parser
    hung as a participle's subject or object under the preposition."""
    out: list[tuple[Token, str]] = []
    for prep in (c for n in cand.triggers for c in n.children if c.dep_ == "prep"):
        if prep.lower_ not in ("on", "against", "upon"):
            continue
        for part in (c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"):
            deps = ("nsubj",) if part.i > prep.i + 1 else ("dobj",)  # "against visiting X"
            out += [(c, f"'{prep.text} ...' of '{prep.head.text}'")
                    for c in part.children if c.dep_ in deps]  # fmt: skip
    return out


def _thing_owner(cand: Candidate, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "return the bases it has seized from X" → X; "supplied most of the arms X bought" → X."""
    if cand.event not in _GIVEN:
        return []
    verbs = [t for t in cand.triggers if t.pos_ == "VERB"]
    verbs += [c for v in verbs for c in v.children if c.dep_ in ("xcomp", "ccomp")]
    things = [o for v in verbs if (o := direct_object(v)) is not None]
    things += prep_objects(things, ("of",))  # "94% of the equipment"
    out: list[tuple[Token, str]] = []
    for clause in (c for t in things for c in t.children if c.dep_ in ("relcl", "acl")):
        lemma = clause.lemma_.lower()
        if lemma in _TAKEN:
            out += [(g, f"whom '{clause.head.text}' was '{clause.text}' from")
                    for g in prep_objects([clause], ("from",))]  # fmt: skip
        elif lemma in lex.words.getting_verbs:
            out += [(c, f"who '{clause.text}' the '{clause.head.text}'")
                    for c in clause.children if c.dep_ == "nsubj"]  # fmt: skip
    return out


def _permitted(cand: Candidate, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "did not give permission for the party's march / a rally by X / a Lopez rally": whose
    act the permission was for."""
    heads = [a.head for a in cand.recipient_args] + list(cand.triggers)
    nouns = [t for t in heads if t.lemma_.lower() in lex.words.permission_nouns]
    out: list[tuple[Token, str]] = []
    for act in prep_objects(nouns, ("for",)):
        why = f"whose '{act.text}' the '{act.head.head.text}' was for"
        owners = [c for c in act.children if c.dep_ == "poss"]
        owners += prep_objects([act], ("by",))
        owners += [c for c in act.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        out += [(o, why) for o in owners] + [(act, f"'for ...' of '{act.head.head.text}'")]
    return out


def clause_recipients(cand: Candidate, lex: Lexicon) -> None:
    """Every rule of this module, in order, where no recipient but a pronoun names a party."""
    named = [a for a in cand.recipient_args if a.head.pos_ != "PRON"]
    if has_party(named, lex):
        return
    actors = {t.i for a in cand.actor_args for t in a.tokens}
    found = _targeted(cand) + _bidder(cand) + _participle_object(cand) + _thing_owner(cand, lex)
    found += _permitted(cand, lex)
    for tok, why in found:
        if tok.i in actors or tok.pos_ == "PRON" or not is_party(tok, lex):
            continue
        pronouns = [a for a in cand.recipient_args if a.head.pos_ == "PRON"]
        keep = [a for a in cand.recipient_args if a not in pronouns
                and a.head.lemma_.lower() not in lex.words.permission_nouns]  # fmt: skip
        cand.recipient_args = spans_for(tok, "recipient", why, lex.words) + keep
        return
