"""The trigger lexicon: which words signal which PLOVER event, under which conditions.

The data is ``data/triggers.yaml`` (the project's own, documented in ``data/README.md``); a
user file with the same layout adds senses or replaces a lemma's senses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..knowledge.words import DetectWords
from ..ontology import PLOVER_TYPES
from ..resources import load_yaml, load_yaml_file
from .conditions import sense_applies

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True)
class Sense:
    """One reading of a trigger word."""

    lemma: str
    event: str
    mode: str | None = None
    cameo: str | None = None
    needs: dict[str, Any] = field(default_factory=dict)
    unless: dict[str, Any] = field(default_factory=dict)
    speech_only: bool = False
    request_only: bool = False
    requested_mode: str | None = None
    context: tuple[str, ...] = ()
    confidence: float = 0.8
    #: what the direct object is: the event's "target" (default), a "topic" ("discuss the
    #: crisis") or an "instrument" ("fired tear gas at them"); only targets are recipients
    object: str = "target"
    #: the subject received the thing and a "from" phrase names who gave it ("Gaza received
    #: aid from Qatar": Qatar gives, Gaza receives)
    received: bool = False

    @classmethod
    def from_dict(cls, lemma: str, data: dict[str, Any]) -> Sense:
        event = str(data["event"]).upper()
        if event not in PLOVER_TYPES:
            raise ValueError(f"trigger {lemma!r}: {event!r} is not a PLOVER event type")
        return cls(
            lemma=lemma,
            event=event,
            mode=data.get("mode"),
            cameo=str(data["cameo"]) if data.get("cameo") else None,
            needs=dict(data.get("needs") or {}),
            unless=dict(data.get("unless") or {}),
            speech_only=bool(data.get("speech_only", False)),
            request_only=bool(data.get("request_only", False)),
            requested_mode=data.get("requested_mode"),
            context=tuple(data.get("context") or ()),
            confidence=float(data.get("confidence", 0.8)),
            object=str(data.get("object", "target")),
            received=bool(data.get("received", False)),
        )


def verb_lemmas(token: Token) -> list[str]:
    """The token's lemma, then guesses from its inflection for when the tagger's lemma is wrong
    ("staged" -> "stag"): staged -> stage, stepped -> step, carries -> carry."""
    lemma, low = token.lemma_.lower(), token.lower_
    out = [lemma]
    if low != lemma and token.tag_.startswith("VB"):
        for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"),
                             ("ing", ""), ("es", ""), ("s", "")):  # fmt: skip
            if low.endswith(suffix) and len(low) > len(suffix) + 2:
                stem = low[: -len(suffix)] + repl
                out.append(stem)
                if len(stem) > 3 and stem[-1] == stem[-2] and not repl:  # stepped -> step
                    out.append(stem[:-1])
    return out


def infinitive(verb: Token) -> bool:
    """Whether ``verb`` is a to-infinitive ("sworn to fight", "a rally to protest")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def until_mark(clause: Token, future_aux: frozenset[str]) -> Token | None:
    """The "until" of a clause awaited under a refusal or a future ("will not end the strike
    until the ministry meets their demands"): what it awaits has not happened yet."""
    mark = next(
        (m for m in clause.children if m.dep_ == "mark" and m.lower_ in ("until", "till")), None
    )
    if clause.dep_ != "advcl" or mark is None:
        return None
    refused = any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in future_aux)
        for c in clause.head.children
    )
    return mark if refused else None


#: Entity kinds that name a party.
PARTY_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def is_party(tok: Token, lex: Lexicon) -> bool:
    """A word that can name a party: a person, organisation or place entity, a proper noun, a
    personal pronoun or a role word ("strikers", "the army")."""
    if tok.ent_type_ in PARTY_ENTS or tok.lower_ in lex.words.personal_pronouns:
        return True
    if tok.lemma_.lower() in lex.instrument_nouns or tok.lower_ in lex.instrument_nouns:
        return False
    return (
        tok.pos_ == "PROPN"
        or tok.lemma_.lower() in lex.party_words
        or (tok.lower_ in lex.party_words)
    )


@dataclass
class Lexicon:
    verbs: dict[str, list[Sense]]
    nouns: dict[str, list[Sense]]
    light_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_words: frozenset[str]
    future_verbs: frozenset[str]
    abstract_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    requested_modes: dict[str, str]
    refused_modes: dict[str, str]
    assault_mode_cues: dict[str, str]
    with_joins_actor: frozenset[str]
    recipient_preps: dict[str, frozenset[str]]
    future_threats: frozenset[str] = frozenset()
    demand_modals: frozenset[str] = frozenset()
    negating_verbs: frozenset[str] = frozenset()
    #: Events whose failure is a rejection: "failed to reach agreement" (REJECT in PLOVER).
    failure_rejects: frozenset[str] = frozenset()
    permission_verbs: frozenset[str] = frozenset()
    #: "capable of launching attacks": what one is able to do has not happened.
    ability_words: frozenset[str] = frozenset()
    plan_nouns: frozenset[str] = frozenset()
    stative_verbs: frozenset[str] = frozenset()
    natural_causes: frozenset[str] = frozenset()
    instrument_nouns: frozenset[str] = frozenset()
    patient_nouns: frozenset[str] = frozenset()
    #: Event nouns whose possessor and of-phrase do it: "the withdrawal of US troops".
    agent_nouns: frozenset[str] = frozenset()
    reciprocal_events: frozenset[str] = frozenset()
    intent_nouns: frozenset[str] = frozenset()
    joint_nouns: frozenset[str] = frozenset()
    #: Nouns naming a party (the role words of roles.yaml): "the strikers", "doctors".
    party_words: frozenset[str] = frozenset()
    #: Doers that make a strike or a raid noun an armed attack ("the air force's strikes").
    armed_doers: dict[str, frozenset[str]] = field(default_factory=dict)
    version: int = 1
    #: The closed-class and role words of ``data/detect_words.yaml`` (a coder's
    #: ``Knowledge.detect_words``; loaded here when the lexicon is built on its own).
    words: DetectWords = field(default_factory=DetectWords.load)

    @classmethod
    def load(cls, extra: str | Path | None = None, words: DetectWords | None = None) -> Lexicon:
        data = load_yaml("triggers.yaml")
        if extra is not None:
            data = merge(data, load_yaml_file(extra))
        if "party_words" not in data:
            sectors = (load_yaml("roles.yaml") or {}).get("sectors") or {}
            data["party_words"] = [str(w).lower() for ws in sectors.values() for w in ws]
        return cls.from_data(data, words)

    @classmethod
    def from_data(cls, data: dict[str, Any], words: DetectWords | None = None) -> Lexicon:
        data = _unbool(data)

        def senses(table: dict[str, Any]) -> dict[str, list[Sense]]:
            out: dict[str, list[Sense]] = {}
            for lemma, entries in (table or {}).items():
                items = entries if isinstance(entries, list) else [entries]
                out[str(lemma).lower()] = [Sense.from_dict(str(lemma).lower(), e) for e in items]
            return out

        cues: dict[str, str] = {}
        for mode, cue_words in (data.get("assault_mode_cues") or {}).items():
            for word in cue_words:
                cues[str(word).lower()] = mode
        preps = {
            str(k): frozenset(str(p) for p in v)
            for k, v in (data.get("recipient_preps") or {}).items()
        }
        return cls(
            verbs=senses(data.get("verbs", {})),
            nouns=senses(data.get("nouns", {})),
            light_verbs=frozenset(data.get("light_verbs", [])),
            occurrence_verbs=frozenset(data.get("occurrence_verbs", [])),
            speech_verbs=frozenset(data.get("speech_verbs", [])),
            hedge_verbs=frozenset(data.get("hedge_verbs", [])),
            hedge_words=frozenset(data.get("hedge_words", [])),
            future_verbs=frozenset(data.get("future_verbs", [])),
            abstract_nouns=frozenset(data.get("abstract_nouns", [])),
            statement_nouns=frozenset(data.get("statement_nouns", [])),
            requested_modes=dict(data.get("requested_modes") or {}),
            refused_modes=dict(data.get("refused_modes") or {}),
            assault_mode_cues=cues,
            with_joins_actor=frozenset(data.get("with_joins_actor", [])),
            recipient_preps=preps,
            future_threats=frozenset(data.get("future_threats", [])),
            demand_modals=frozenset(data.get("demand_modals", [])),
            negating_verbs=frozenset(data.get("negating_verbs", [])),
            failure_rejects=frozenset(data.get("failure_rejects", [])),
            permission_verbs=frozenset(data.get("permission_verbs", [])),
            ability_words=frozenset(data.get("ability_words", [])),
            plan_nouns=frozenset(data.get("plan_nouns", [])),
            stative_verbs=frozenset(data.get("stative_verbs", [])),
            natural_causes=frozenset(data.get("natural_causes", [])),
            instrument_nouns=frozenset(data.get("instrument_nouns", [])),
            patient_nouns=frozenset(data.get("patient_nouns", [])),
            agent_nouns=frozenset(data.get("agent_nouns", [])),
            reciprocal_events=frozenset(data.get("reciprocal_events", [])),
            intent_nouns=frozenset(data.get("intent_nouns", [])),
            joint_nouns=frozenset(data.get("joint_nouns", [])),
            party_words=frozenset(data.get("party_words", [])),
            armed_doers={
                str(k): frozenset(str(w).lower() for w in v)
                for k, v in (data.get("armed_doers") or {}).items()
            },
            version=int(data.get("version", 1)),
            words=words if words is not None else DetectWords.load(),
        )

    def verb_sense(self, token: Token) -> Sense | None:
        lemma = next((v for v in verb_lemmas(token) if v in self.verbs), None)
        for sense in self.verbs.get(lemma or "", ()):
            if sense_applies(sense, token, self.words):
                return sense
        return None

    def noun_sense(self, token: Token) -> Sense | None:
        senses = self.nouns.get(token.lemma_.lower()) or self.nouns.get(token.lower_) or ()
        for sense in senses:
            if sense_applies(sense, token, self.words):
                return sense
        return None

    def preps_for(self, event: str) -> frozenset[str]:
        return self.recipient_preps.get("*", frozenset()) | self.recipient_preps.get(
            event, frozenset()
        )


def _unbool(value: Any) -> Any:
    """YAML 1.1 reads the words ``on`` and ``off`` as booleans: inside a list of words
    (``prt: [off]``, ``prep: [on, at]``) a boolean can only have been one of those words."""
    if isinstance(value, dict):
        return {k: _unbool(v) for k, v in value.items()}
    if isinstance(value, list):
        return [("on" if v else "off") if isinstance(v, bool) else _unbool(v) for v in value]
    return value


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A user lexicon over the shipped one: tables merge by key, lists of words are extended."""
    out = dict(base)
    for key, value in (extra or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        else:
            out[key] = value
    return out
