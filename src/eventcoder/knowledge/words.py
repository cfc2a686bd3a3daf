"""English word lists the coder reads phrases with: ``data/actor_words.yaml``,
``data/place_words.yaml``, ``data/detect_words.yaml`` and ``data/dedup_words.yaml`` (the
project's own lists), loaded once per ``Knowledge``."""

from __future__ import annotations

from dataclasses import dataclass

from ..resources import load_yaml


@dataclass(frozen=True)
class ActorWords:
    pronouns: dict[str, str]  # pronoun -> "person" | "group" | "org"
    subject_pronouns: frozenset[str]
    generic_heads: frozenset[str]
    leader_words: frozenset[str]
    org_nouns: frozenset[str]
    target_preps: frozenset[str]
    locative: frozenset[str]
    speech: frozenset[str]
    quantity: frozenset[str]
    quantity_plurals: frozenset[str]

    @classmethod
    def load(cls, name: str = "actor_words.yaml") -> ActorWords:
        data = load_yaml(name)

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w) for w in data[key])

        return cls(
            pronouns={str(k): str(v) for k, v in data["pronouns"].items()},
            subject_pronouns=words("subject_pronouns"),
            generic_heads=words("generic_heads"),
            leader_words=words("leader_words"),
            org_nouns=words("org_nouns"),
            target_preps=words("target_prepositions"),
            locative=words("locative_prepositions"),
            speech=words("speech_verbs"),
            quantity=words("quantity_words"),
            quantity_plurals=words("quantity_plurals"),
        )


@dataclass(frozen=True)
class PlaceWords:
    locative: frozenset[str]
    place_preps: frozenset[str]
    place_nouns: frozenset[str]
    geo_heads: frozenset[str]
    located_heads: frozenset[str]
    ruling_nouns: frozenset[str]
    name_only_heads: frozenset[str]
    built_words: frozenset[str]
    admin_words: frozenset[str]
    division_words: frozenset[str]
    compass: frozenset[str]
    place_object_verbs: frozenset[str]
    pass_through: frozenset[str]
    still_verbs: frozenset[str]
    inside_words: frozenset[str]
    venue_words: frozenset[str]
    facility_words: frozenset[str]
    generic_names: frozenset[str]

    @classmethod
    def load(cls, name: str = "place_words.yaml") -> PlaceWords:
        data = load_yaml(name)

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w) for w in data[key])

        return cls(
            locative=words("locative_prepositions"),
            place_preps=words("place_prepositions"),
            place_nouns=words("place_nouns"),
            geo_heads=words("geo_heads"),
            located_heads=words("located_heads"),
            ruling_nouns=words("ruling_nouns"),
            name_only_heads=words("name_only_heads"),
            built_words=words("built_words"),
            admin_words=words("admin_words"),
            division_words=words("division_words"),
            compass=words("compass_words"),
            place_object_verbs=words("place_object_verbs"),
            pass_through=words("pass_through_prepositions"),
            still_verbs=words("still_verbs"),
            inside_words=words("inside_words"),
            venue_words=words("venue_words"),
            facility_words=words("facility_words"),
            generic_names=words("generic_name_words"),
        )


def _words(data: dict, key: str) -> frozenset[str]:
    return frozenset(str(w) for w in data[key])


@dataclass(frozen=True)
class DetectWords:
    """The words of ``data/detect_words.yaml`` (the detect and modality stages)."""

    for_roles: frozenset[str]
    object_control: frozenset[str]
    thing_preps: frozenset[str]
    argument_pronouns: frozenset[str]
    speaker_pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    partitives: frozenset[str]
    event_preps: frozenset[str]
    noun_target_preps: frozenset[str]
    complement_preps: frozenset[str]
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_adj: frozenset[str]
    temporal_marks: frozenset[str]

    @classmethod
    def load(cls, name: str = "detect_words.yaml") -> DetectWords:
        data = load_yaml(name)
        return cls(
            for_roles=_words(data, "for_roles"),
            object_control=_words(data, "object_control_verbs"),
            thing_preps=_words(data, "thing_prepositions"),
            argument_pronouns=_words(data, "argument_pronouns"),
            speaker_pronouns=_words(data, "speaker_pronouns"),
            personal_pronouns=_words(data, "personal_pronouns"),
            partitives=_words(data, "partitives"),
            event_preps=_words(data, "event_prepositions"),
            noun_target_preps=_words(data, "noun_target_prepositions"),
            complement_preps=_words(data, "complement_prepositions"),
            future_aux=_words(data, "future_auxiliaries"),
            hypothetical_aux=_words(data, "hypothetical_auxiliaries"),
            future_adj=_words(data, "future_adjectives"),
            temporal_marks=_words(data, "temporal_marks"),
        )


@dataclass(frozen=True)
class DedupWords:
    """The words of ``data/dedup_words.yaml`` (the dedup stage)."""

    function_words: frozenset[str]
    pronouns: frozenset[str]

    @classmethod
    def load(cls, name: str = "dedup_words.yaml") -> DedupWords:
        data = load_yaml(name)
        return cls(function_words=_words(data, "function_words"), pronouns=_words(data, "pronouns"))
