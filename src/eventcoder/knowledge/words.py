"""English word lists the coder reads phrases with: ``data/actor_words.yaml`` and
``data/place_words.yaml`` (the project's own
lists), loaded once per ``Knowledge``."""

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
        )
