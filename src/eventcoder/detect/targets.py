"""Recipients the sentence names away from the trigger (applied after ``dyads.mend``):

- coordinated parties modifying the one doer of an act done together: "Ghana and Togo's
  ministers met" → Ghana's ministers meet Togo's; "the meeting between X and Y failed to
  reach a deal" → X and Y;
- an object pronoun of a linked clause stands for the first clause's object: "hit the army's
  positions and destroyed them", "held 200 villagers to use them as shields" → the positions,
  the villagers (the number of the pronoun agrees with the noun's);
- who is let do something or found so, and whom a thing in the complement bears on: "refused
  to allow an Ethiopian plane to land", "found the bishop guilty", "refused to remove the ban
  on Indian channels";
- the party a refusal, a threat or a strike presses (or any act refused): "will not end the
  strike until the government meets their demands" → the government;
- the enemy of a mobilisation: "mobilized troops for a war against X" → X;
- the country aid goes to, named only as a place: "provided $5 million for flood relief in
  Malawi", "gave 3 million euros to promote investment in Ghana" → the place;
- aid cut off, from where or whom it went to: "suspended its aid deliveries in Mali";
- the parties of an event noun that is the recipient: "voiced support for the peace talks among
  Colombian factions";
- the guest of a meal or reception hosted: "hosted a lunch for his Argentine counterpart";
- whose needs aid is for: "food aid to meet the daily needs of refugees";
- the party named in the clause of a thing acted on: "lifted restrictions imposed on the
  former minister", "condemned the threats made by the junta", "dismissed the complaint lodged
  by the mayor" → the minister, the junta, the mayor;
- whom an allegation is about: "alleged that the mayor had stolen funds" → the mayor;
- who is asked for a thing: "demanded support from the ministry" → the ministry;
- whom a thing given back went to, named inside its phrase: "returned dozens of artifacts
  stolen in 1990 to the embassy" → the embassy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from .arguments import agent_of, is_passive
from .clauses import clause_recipients
from .composed import force_members
from .conditions import direct_object
from .dyads import has_party, prefer_parties
from .framing import drop_framing
from .instruments import MATERIAL
from .joint import caption_pair, dangling_partners, mutual_fire
from .lexicon import Lexicon, infinitive, is_party
from .nested import content_clauses, nested_parties
from .phrases import prep_objects, spans_for
from .received import received_by

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Links from a clause up to the clause whose object its pronoun can stand for.
_LINKED = frozenset({"conj", "xcomp", "advcl"})
#: Types of things given or given back, whose phrase may name whom they went to.
_GIVEN = frozenset({"RETREAT", "CONCEDE", "AID"})
#: Named-entity kinds of dates and times: "held on Monday" names no party.
_WHEN = frozenset({"DATE", "TIME"})
#: Types whose doer presses someone until a condition is met ("will not end the strike until").
_PRESSING = frozenset({"REJECT", "PROTEST", "THREATEN"})


def _plural(noun: Token) -> bool:
    return noun.tag_ in ("NNS", "NNPS") or bool(noun.conjuncts)


def _prep_parties(
    holders: list[Token | None], preps: tuple[str, ...], lex: Lexicon
) -> list[tuple[Token, Token]]:
    """Each party named after one of ``preps`` on one of ``holders`` ("support from the
    ministry", "a lunch for his counterpart"), with its preposition, in the holders' order."""
    return [(g, g.head) for g in prep_objects(holders, preps) if is_party(g, lex)]


def _antecedent(pron: Token) -> Token | None:
    """ "destroyed them" after "hit the positions": the linked clause's object, of the
    pronoun's number ("them": plural; "it": singular and not a person)."""
    verb = pron.head
    if pron.dep_ != "dobj" or verb.dep_ not in _LINKED or verb.head.i == verb.i:
        return None
    obj = direct_object(verb.head)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.i > pron.i:
        return None
    if pron.lower_ == "them" and _plural(obj):
        return obj
    if pron.lower_ == "it" and not _plural(obj) and obj.ent_type_ != "PERSON":
        return obj
    return None


def resolve_pronouns(cand: Candidate, lex: Lexicon) -> None:
    out: list[ArgumentSpan] = []
    for arg in cand.recipient_args:
        noun = _antecedent(arg.head) if arg.head.lower_ in ("them", "it") else None
        if noun is None:
            out.append(arg)
            continue
        why = f"'{arg.head.text}' stands for '{noun.text}', the object of '{noun.head.text}'"
        out.extend(spans_for(noun, "recipient", why, lex.words))
    cand.recipient_args = out


def _condition_party(verb: Token, lex: Lexicon) -> tuple[Token, str] | None:
    """ "until the government meets their demands": the doer of the awaited act (also in the
    clause of a threat noun: "threats that he would shut the border unless X paid")."""
    said = content_clauses(verb) if verb.pos_ == "NOUN" else []
    for tok in (verb, verb.head, *said):
        for clause in tok.children:
            if clause.dep_ != "advcl" or not any(
                m.dep_ == "mark" and m.lower_ in ("until", "unless", "before")
                for m in clause.children
            ):
                continue
            # "until the ministry meets their demands", "before the director is dismissed";
            # "before the plan is reviewed and the director dismissed": a conjoined clause's
            for part in (clause, *clause.conjuncts):
                doer = agent_of(part) if is_passive(part) else None
                doer = doer or next(
                    (c for c in part.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
                if doer is not None and is_party(doer, lex) and doer.pos_ != "PRON":
                    return doer, f"who must act first ('{part.text}' ...)"
            doer = agent_of(clause) if is_passive(clause) else None
            doer = doer or next(
                (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None
            )
            # "until he is satisfied (that) X complies": the doer of what must be seen done
            seen = [g for t in clause.subtree if t.dep_ == "ccomp" for g in t.children
                    if g.dep_ == "nsubj" and g.pos_ != "PRON" and is_party(g, lex)]  # fmt: skip
            if doer is not None and doer.pos_ == "PRON" and seen:
                return seen[0], f"who must act first ('{seen[0].head.text}' ...)"
    return None


def _against(top: Token, lex: Lexicon) -> Token | None:
    """Whom a for-phrase's "against" names: "for a ground assault against X"."""
    for prep in (c for c in top.children if c.dep_ == "prep" and c.lower_ == "for"):
        for tok in prep.subtree:
            if tok.dep_ == "pobj" and tok.head.lower_ == "against" and tok.pos_ != "PRON":
                return tok
    return None


def _aid_place(verb: Token, area_nouns: frozenset[str]) -> Token | None:
    """A country or region (or an area noun, "in the province") after "in", on the aid verb,
    its object, a noun of their prepositions ("for aid in Yemen") or inside its purpose clause:
    where the aid goes."""
    obj = direct_object(verb)
    holders = [verb] + ([obj] if obj is not None else [])
    holders += [g for h in list(holders) for c in h.children if c.dep_ == "prep"
                for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    # "to contain the outbreak in X": a purpose clause of the verb or of what it gives
    holders += [t for h in (verb, obj) if h is not None for c in h.children
                if c.dep_ in ("advcl", "xcomp", "acl") and infinitive(c)
                for t in c.subtree]  # fmt: skip
    return next((g for g in prep_objects(holders, ("in",)) if g.ent_type_ in ("GPE", "LOC")
                 or g.lemma_.lower() in area_nouns), None)  # fmt: skip


def _aid_cut(verb: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "suspended its aid deliveries in Mali", "suspended humanitarian aid for Gaza": aid cut
    off is taken from where (or whom) it went to."""
    obj = direct_object(verb)
    if obj is not None and obj.lemma_.lower() in lex.nouns:  # "announced a suspension of aid"
        obj = next(iter(prep_objects([obj], ("of",))), obj)
    words = [t.lemma_.lower() for t in ([obj, *obj.lefts] if obj is not None else [])]
    if obj is None or not any(s.event == "AID" for w in words for s in lex.nouns.get(w, [])):
        return []
    place = _aid_place(verb, lex.words.area_nouns)
    found = [(place, f"where the aid ('{obj.text}') went")] if place is not None else []
    why = f"'for ...' of '{obj.text}': whom the aid was for"
    return found + [(g, why) for g, _ in _prep_parties([obj, verb], ("for",), lex)]


def _aid_needy(verb: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "gives food aid to meet the daily needs of hundreds of refugees", "aid to ease the
    suffering of civilians": whose need the aid's purpose names."""
    obj = direct_object(verb)
    clauses = [c for h in (verb, obj) if h is not None for c in h.children
               if c.dep_ in ("advcl", "xcomp", "acl") and infinitive(c)]  # fmt: skip
    for clause in clauses:
        need = direct_object(clause)
        for pobj in (g for c in (need.children if need is not None else ()) if c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"):  # fmt: skip
            people = [g for c in pobj.children if c.lower_ == "of" for g in c.children]
            for tok in [pobj, *people]:  # "hundreds of refugees": the refugees
                if is_party(tok, lex) and tok.ent_type_ != "CARDINAL":
                    return [(tok, f"whose '{need.text}' '{clause.text}' is for ('{verb.text}')")]
    return []


def _event_parties(noun: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "voiced his support for the peace talks among Colombian factions", "the talks among
    Sudanese stakeholders": the parties of an event noun that is the recipient."""
    if noun.lemma_.lower() not in lex.nouns:
        return []
    parties = [g for g in prep_objects([noun], ("between", "among", "with")) if _owned(g, lex)]
    return [(g, f"a party to the '{noun.text}' ('{g.head.text} ...')") for g in parties]


def _owned(tok: Token, lex: Lexicon) -> bool:
    """A party, or a noun a party's name modifies ("US intelligence services")."""
    return is_party(tok, lex) or any(
        t.ent_type_ in ("GPE", "NORP", "ORG") for t in tok.subtree if t.i < tok.i
    )


def _thing_clause(thing: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "restrictions imposed on X", "the threats made by X", "the curfew placed on the
    province", "the audit, a review aimed at X": the party (or the place a measure is
    laid on) of the clause that describes the thing or its apposition. A pronoun agent ("the
    hostages held by them") is the doer's own side, and a date ("held on Monday") no party."""
    out: list[tuple[Token, str]] = []
    named = [thing, *(c for c in thing.children if c.dep_ == "appos")]
    if thing.dep_ == "dobj":  # the small parser hangs "..., a review aimed at X" on the verb
        named += [c for c in thing.head.children if c.dep_ == "npadvmod" and c.i > thing.i
                  and c.pos_ == "NOUN" and c.left_edge.nbor(-1).is_punct]  # fmt: skip
    for clause in (c for t in named for c in t.children if c.dep_ in ("acl", "relcl")):
        agent = agent_of(clause)
        if agent is not None and is_party(agent, lex) and agent.pos_ != "PRON":
            out.append((agent, f"by-agent of '{clause.text}' ('{thing.text}')"))
        for prep in (c for c in clause.children if c.dep_ == "prep"):
            if prep.lower_ in ("on", "against", "upon"):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    if pobj.ent_type_ in _WHEN:
                        continue
                    if _owned(pobj, lex) or pobj.lemma_.lower() in lex.words.area_nouns:
                        out.append((pobj, f"'{clause.text} {prep.text}' ('{thing.text}')"))
    return out


def _given_to(thing: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "returned dozens of artifacts stolen in 1990 to the embassy": whom a thing given
    (back) goes to, named inside its phrase."""
    return [
        (pobj, f"'to ...' inside '{thing.text}': whom it was given")
        for prep in thing.subtree
        if prep.dep_ in ("prep", "dative") and prep.lower_ == "to"
        for pobj in prep.children
        if pobj.dep_ == "pobj" and is_party(pobj, lex)
    ]


def _allowed(verb: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """ "refused to allow an Ethiopian plane to land", "agreed to let aid workers enter": the
    parser makes the one allowed the subject of a clause under "allow"; and "refused to remove
    the ban on Indian channels": whom the thing in the complement bears on."""
    words = lex.words
    verbs = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    out: list[tuple[Token, str]] = []
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "oprd") and c.pos_ == "ADJ"):
        subj = next((g for g in clause.children if g.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):  # "found the bishop guilty"
            out.append((subj, f"who is found '{clause.text}' ('{verb.text}')"))
    for comp in verbs:
        if comp.lemma_.lower() in words.person_object_verbs | words.object_control:
            for clause in (c for c in comp.children if c.dep_ in ("ccomp", "xcomp")):
                subj = next((g for g in clause.children if g.dep_ == "nsubj"), None)
                if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                    out.append((subj, f"who is let '{clause.text}' ('{comp.text}')"))
        obj = direct_object(comp) if comp.i != verb.i else None
        for prep in (c for c in obj.children if c.dep_ == "prep") if obj is not None else ():
            if prep.lower_ in ("on", "against"):
                # "the ban on Indian channels", "a ban on imports of Egyptian fruit"
                pobjs = [g for g in prep.children if g.dep_ == "pobj"]
                for pobj in pobjs + prep_objects(pobjs, ("of",)):
                    if is_party(pobj, lex) or any(
                        m.ent_type_ in ("NORP", "GPE") for m in pobj.lefts
                    ):
                        out.append((pobj, f"'{obj.text} {prep.text} ...' of '{comp.text}'"))
                        break
    return out


def _alleged(verb: Token) -> list[tuple[Token, str]]:
    """ "alleged that the mayor had stolen funds", "critics say the governor rigged the tender": whom
    the allegation is about is the doer of what is alleged."""
    return [
        (subj, f"who is said to have done '{clause.text}' ('{verb.text}')")
        for clause in verb.children
        if clause.dep_ == "ccomp"
        for subj in clause.children
        if subj.dep_ in ("nsubj", "nsubjpass")
        and (subj.pos_ in ("NOUN", "PROPN") or subj.lower_ in ("he", "she", "they"))
    ]


def split_joint_owners(cand: Candidate, lex: Lexicon) -> None:
    """ "Ghana and Togo's trade ministers met", "Chile and Peru's fisheries agencies agreed to
    pool their data": coordinated parties modifying the one doer of an act done together are its two
    sides; the first acts, the others receive (as "Kenya and Uganda agreed")."""
    joint = any(t.lemma_.lower() in lex.joint_nouns for t in cand.triggers)  # "reached a deal"
    if len(cand.actor_args) != 1 or not (
        cand.event in lex.reciprocal_events or cand.mode == "meet" or joint
    ):
        return
    arg = cand.actor_args[0]
    head = arg.head
    if head.lemma_.lower() in lex.nouns:  # "the meeting between Serbia and Kosovo failed to ..."
        for party in (g for c in head.children if c.lower_ in ("between", "among")
                      for g in c.children if g.dep_ == "pobj" and is_party(g, lex)):  # fmt: skip
            sides = [party, *party.conjuncts]
            why = f"a party to the '{head.text}' ('{party.head.text} ...')"
            cand.actor_args = spans_for(party, "actor", why, lex.words)[:1]
            for other in sides[1:]:
                cand.recipient_args += [ArgumentSpan([other], "recipient", why)]
            prefer_parties(cand, lex)
            return
    # "the navies of Chile and Peru held joint exercises", "officials from Chile and Peru met"
    for owner in prep_objects([head], ("of", "from")):
        others = [c for c in owner.conjuncts if c.i > owner.i and is_party(c, lex)]
        if others and is_party(owner, lex):
            drop = {t.i for o in others for t in o.subtree} | {c.i for c in owner.children
                                                               if c.dep_ == "cc"}  # fmt: skip
            why = f"{arg.reason} (the first of '{owner.text}' and '{others[0].text}')"
            toks = arg.tokens + [t for t in owner.head.subtree if t not in arg.tokens]
            cand.actor_args = [ArgumentSpan([t for t in toks if t.i not in drop], "actor", why)]
            why = f"{arg.reason} (the other party, '{others[0].text}')"
            parties = [s for o in others for s in spans_for(o, "recipient", why, lex.words)]
            for span in parties:
                span.other_party = True
            cand.recipient_args += parties
            prefer_parties(cand, lex)
            return
    for mod in (c for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod")):
        others = [c for c in mod.conjuncts if c.i > mod.i and is_party(c, lex)]
        others = others or dangling_partners(mod, lex)  # "Chile and Peru negotiators"
        if not others or not is_party(mod, lex):
            continue
        drop = {t.i for o in others for t in o.subtree} | {
            c.i for c in mod.children if c.dep_ == "cc"
        }
        why = f"{arg.reason} (the first of '{mod.text}' and '{others[0].text}')"
        cand.actor_args = [ArgumentSpan([t for t in arg.tokens if t.i not in drop], "actor", why)]
        for other in others:
            toks = {t for t in other.subtree} | {t for t in arg.tokens if max(drop) < t.i < head.i}
            why = f"{arg.reason} (the other party, '{other.text}')"
            cand.recipient_args.append(
                ArgumentSpan(
                    [head, *sorted(toks, key=lambda t: t.i)], "recipient", why, other_party=True
                )
            )
        prefer_parties(cand, lex)
        return


def mend_targets(cand: Candidate, lex: Lexicon) -> None:
    """Every rule of this module, in order, on one merged candidate."""
    drop_framing(cand, lex)
    clause_recipients(cand, lex)
    split_joint_owners(cand, lex)
    caption_pair(cand, lex)
    mutual_fire(cand, lex)
    resolve_pronouns(cand, lex)
    # "X and Y agreed to lift the ban on ...": the other side named with the doer is no reason
    # to stop looking for whom the act bears on
    if has_party([a for a in cand.recipient_args if not a.other_party], lex):
        return
    verb = cand.trigger
    found: list[tuple[Token, str]] = []
    negated = any(c.dep_ == "neg" for t in cand.triggers for c in t.children)
    if cand.event in _PRESSING or negated:
        party = _condition_party(verb, lex)
        found += [party] if party is not None else []
    found += force_members(cand, lex)  # "set up a force made up of Kenyan troops"
    if cand.event == "MOBILIZE":
        enemy = _against(verb, lex)
        found += [(enemy, f"against whom '{verb.text}' is for")] if enemy is not None else []
    if cand.event == "ACCUSE" and verb.pos_ == "VERB":
        found += _alleged(verb)
    if cand.event == "REQUEST":  # "demanded support from the ministry": who is asked
        things = [a.head for a in cand.recipient_args] + [direct_object(verb)]
        found += [(g, f"'from ...' of '{c.head.text}': who is asked")
                  for g, c in _prep_parties(things, ("from",), lex)]  # fmt: skip
    if cand.event == "AID" and verb.pos_ == "VERB":
        place = _aid_place(verb, lex.words.area_nouns)
        found += [(place, f"where the aid of '{verb.text}' goes")] if place is not None else []
        found += _aid_needy(verb, lex)
    if cand.event == "SANCTION" and verb.pos_ == "VERB":
        found += _aid_cut(verb, lex)
    if cand.event in ("CONSULT", "AGREE") and getattr(cand.sense, "object", "") == "topic":
        # "hosted a lunch for his Argentine counterpart": the guest
        guests = _prep_parties([verb, direct_object(verb)], ("for",), lex)
        found += [(g, f"'for ...' of '{verb.text}': the guest") for g, _ in guests]
    if cand.event not in MATERIAL:
        found += _allowed(verb, lex) if verb.pos_ in ("VERB", "AUX") else []
        # "dismissed the complaint lodged by X": also the event noun the verb acts on
        nouns = [t for t in cand.triggers[1:] if t.pos_ == "NOUN"]
        for thing in [a.head for a in cand.recipient_args] + nouns:
            found += _thing_clause(thing, lex)
        for arg in list(cand.recipient_args):
            found += _event_parties(arg.head, lex)
    giving = (
        cand.event in ("AGREE", "COOPERATE") and verb.lemma_.lower() in lex.words.giving_verbs
    )  # "willing to provide", "handed the files over to X"
    if cand.event == "AID" and verb.pos_ == "VERB":  # "supplied the arms X bought"
        found += received_by(verb, lex)
    if cand.event in _GIVEN or giving:
        # "authorized the release of $1 billion in aid to X": inside the event noun too
        nouns = [t for t in cand.triggers[1:] if t.pos_ == "NOUN"]
        nouns += prep_objects([verb], ("alongside", "besides"))  # "arms alongside aid to X"
        for head in [a.head for a in cand.recipient_args] + nouns:
            found += _given_to(head, lex)
    found += nested_parties(cand, lex, bool(found))  # "a plan to end the dispute with X"
    seen = {a.head.i for a in cand.recipient_args} | {a.head.i for a in cand.actor_args}
    for tok, why in found:
        if tok.i not in seen:
            seen.add(tok.i)
            cand.recipient_args += spans_for(tok, "recipient", why, lex.words)
    prefer_parties(cand, lex)
