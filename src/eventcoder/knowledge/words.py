"""English word lists the coder reads phrases with: ``data/actor_words.yaml``,
``data/place_words.yaml``, ``data/detect_words.yaml`` and ``data/dedup_words.yaml`` (the
project's own lists), loaded once per ``Knowledge``."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..resources import load_yaml, word_set


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

        return cls(
            pronouns={str(k): str(v) for k, v in data["pronouns"].items()},
            subject_pronouns=word_set(data, "subject_pronouns"),
            generic_heads=word_set(data, "generic_heads"),
            leader_words=word_set(data, "leader_words"),
            org_nouns=word_set(data, "org_nouns"),
            target_preps=word_set(data, "target_prepositions"),
            locative=word_set(data, "locative_prepositions"),
            speech=word_set(data, "speech_verbs"),
            quantity=word_set(data, "quantity_words"),
            quantity_plurals=word_set(data, "quantity_plurals"),
        )


def _zones(table: dict) -> dict[str, frozenset[str]]:
    """``{country: [zone, ...]}`` as ``{zone: countries}``."""
    out: dict[str, set[str]] = {}
    for country, zones in table.items():
        for zone in zones:
            out.setdefault(str(zone), set()).add(str(country))
    return {zone: frozenset(countries) for zone, countries in out.items()}


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
    named_after_words: frozenset[str]
    facility_words: frozenset[str]
    generic_names: frozenset[str]
    name_particles: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()
    generic_built: frozenset[str] = frozenset()
    road_words: frozenset[str] = frozenset()
    road_context: frozenset[str] = frozenset()
    event_words: frozenset[str] = frozenset()
    area_words: frozenset[str] = frozenset()
    junction_words: frozenset[str] = frozenset()
    renaming_verbs: frozenset[str] = frozenset()
    adjectival_heads: frozenset[str] = frozenset()
    adjectival_not_heads: frozenset[str] = frozenset()
    catenative_verbs: frozenset[str] = frozenset()
    mission_words: frozenset[str] = frozenset()
    landmark_words: frozenset[str] = frozenset()
    unknown_place_preps: frozenset[str] = frozenset()
    unknown_place_between: frozenset[str] = frozenset()
    #: "CT" -> {"USA", "CAN"}: the countries keeping a time zone news writes after a clock time
    time_zones: dict[str, frozenset[str]] = field(default_factory=dict, hash=False)
    #: "European" -> "Europe": a world region's adjective and the region's name
    region_adjectives: dict[str, str] = field(default_factory=dict, hash=False)
    #: "English" -> "England": a first-level division's adjective and the division's name
    division_adjectives: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def street_plurals(self) -> frozenset[str]:
        """ "streets", "roads": the street words in the plural (memoised on the instance)."""
        cached = self.__dict__.get("_street_plurals")
        if cached is None:
            cached = frozenset(w + "s" for w in self.street_words)
            object.__setattr__(self, "_street_plurals", cached)
        return cached

    @property
    def built_heads(self) -> frozenset[str]:
        """Every last word of a street's, building's, event's or area's name."""
        cached = self.__dict__.get("_built_heads")
        if cached is None:
            cached = self.street_words | self.built_words | self.event_words | self.area_words
            object.__setattr__(self, "_built_heads", cached)
        return cached

    @classmethod
    def load(cls, name: str = "place_words.yaml") -> PlaceWords:
        data = load_yaml(name)

        return cls(
            locative=word_set(data, "locative_prepositions"),
            place_preps=word_set(data, "place_prepositions"),
            place_nouns=word_set(data, "place_nouns"),
            geo_heads=word_set(data, "geo_heads"),
            located_heads=word_set(data, "located_heads"),
            ruling_nouns=word_set(data, "ruling_nouns"),
            name_only_heads=word_set(data, "name_only_heads"),
            built_words=word_set(data, "built_words"),
            admin_words=word_set(data, "admin_words"),
            division_words=word_set(data, "division_words"),
            compass=word_set(data, "compass_words"),
            place_object_verbs=word_set(data, "place_object_verbs"),
            pass_through=word_set(data, "pass_through_prepositions"),
            still_verbs=word_set(data, "still_verbs"),
            inside_words=word_set(data, "inside_words"),
            venue_words=word_set(data, "venue_words"),
            named_after_words=word_set(data, "named_after_words"),
            facility_words=word_set(data, "facility_words"),
            generic_names=word_set(data, "generic_name_words"),
            name_particles=word_set(data, "name_particles"),
            street_words=word_set(data, "street_words"),
            generic_built=word_set(data, "generic_built_words"),
            road_words=word_set(data, "road_words"),
            road_context=word_set(data, "road_context_words"),
            event_words=word_set(data, "event_words"),
            area_words=word_set(data, "area_words"),
            junction_words=word_set(data, "junction_words"),
            renaming_verbs=word_set(data, "renaming_verbs"),
            adjectival_heads=word_set(data, "adjectival_heads"),
            adjectival_not_heads=word_set(data, "adjectival_not_heads"),
            catenative_verbs=word_set(data, "catenative_verbs"),
            mission_words=word_set(data, "mission_words"),
            landmark_words=word_set(data, "landmark_words"),
            unknown_place_preps=word_set(data, "unknown_place_prepositions"),
            unknown_place_between=word_set(data, "unknown_place_between"),
            time_zones=_zones(data.get("time_zones") or {}),
            region_adjectives={
                str(k): str(v) for k, v in (data.get("region_adjectives") or {}).items()
            },
            division_adjectives={
                str(k): str(v) for k, v in (data.get("division_adjectives") or {}).items()
            },
        )

    def is_located(self, word: str) -> bool:
        """A noun a place name can modify and still name where it is: a kind of place ("the
        Gaza border") or a thing that stands somewhere ("the Riverdale gas station")."""
        return word in self.geo_heads or word in self.located_heads


@dataclass(frozen=True)
class DetectWords:
    """The words of ``data/detect_words.yaml`` (the detect and modality stages)."""

    for_roles: frozenset[str]
    object_control: frozenset[str]
    thing_preps: frozenset[str]
    deployed_nouns: frozenset[str]
    doer_participles: frozenset[str]
    claim_nouns: frozenset[str]
    demand_nouns: frozenset[str]
    accusing_verbs: frozenset[str]
    blame_adjectives: frozenset[str]
    aid_purpose_verbs: frozenset[str]
    person_object_verbs: frozenset[str]
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
    after_preps: frozenset[str] = frozenset()
    sheltered_people: frozenset[str] = frozenset()
    located_people: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    decision_verbs: frozenset[str] = frozenset()
    permission_nouns: frozenset[str] = frozenset()
    command_verbs: frozenset[str] = frozenset()
    commanded_types: frozenset[str] = frozenset()
    area_measures: frozenset[str] = frozenset()
    area_nouns: frozenset[str] = frozenset()
    peace_words: frozenset[str] = frozenset()
    refuge_nouns: frozenset[str] = frozenset()
    custody_nouns: frozenset[str] = frozenset()
    detaining_words: frozenset[str] = frozenset()
    truce_nouns: frozenset[str] = frozenset()
    occasion_nouns: frozenset[str] = frozenset()
    giving_verbs: frozenset[str] = frozenset()
    ruling_nouns: frozenset[str] = frozenset()
    conflict_nouns: frozenset[str] = frozenset()
    practice_nouns: frozenset[str] = frozenset()
    rank_words: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    getting_verbs: frozenset[str] = frozenset()
    donor_nouns: frozenset[str] = frozenset()
    aid_holders: frozenset[str] = frozenset()
    purpose_nouns: frozenset[str] = frozenset()
    gift_nouns: frozenset[str] = frozenset()
    gift_verbs: frozenset[str] = frozenset()
    receiving_verbs: frozenset[str] = frozenset()
    bill_nouns: frozenset[str] = frozenset()
    proposing_verbs: frozenset[str] = frozenset()

    @classmethod
    def load(cls, name: str = "detect_words.yaml") -> DetectWords:
        data = load_yaml(name)
        return cls(
            for_roles=word_set(data, "for_roles"),
            object_control=word_set(data, "object_control_verbs"),
            thing_preps=word_set(data, "thing_prepositions"),
            deployed_nouns=word_set(data, "deployed_nouns"),
            doer_participles=word_set(data, "doer_participles"),
            claim_nouns=word_set(data, "claim_nouns"),
            demand_nouns=word_set(data, "demand_nouns"),
            accusing_verbs=word_set(data, "accusing_verbs"),
            blame_adjectives=word_set(data, "blame_adjectives"),
            aid_purpose_verbs=word_set(data, "aid_purpose_verbs"),
            person_object_verbs=word_set(data, "person_object_verbs"),
            argument_pronouns=word_set(data, "argument_pronouns"),
            speaker_pronouns=word_set(data, "speaker_pronouns"),
            personal_pronouns=word_set(data, "personal_pronouns"),
            partitives=word_set(data, "partitives"),
            event_preps=word_set(data, "event_prepositions"),
            noun_target_preps=word_set(data, "noun_target_prepositions"),
            complement_preps=word_set(data, "complement_prepositions"),
            future_aux=word_set(data, "future_auxiliaries"),
            hypothetical_aux=word_set(data, "hypothetical_auxiliaries"),
            future_adj=word_set(data, "future_adjectives"),
            temporal_marks=word_set(data, "temporal_marks"),
            after_preps=word_set(data, "after_prepositions"),
            sheltered_people=word_set(data, "sheltered_people"),
            located_people=word_set(data, "located_people"),
            naming_verbs=word_set(data, "naming_verbs"),
            decision_verbs=word_set(data, "decision_verbs"),
            permission_nouns=word_set(data, "permission_nouns"),
            command_verbs=word_set(data, "command_verbs"),
            commanded_types=word_set(data, "commanded_types"),
            area_measures=word_set(data, "area_measures"),
            area_nouns=word_set(data, "area_nouns"),
            peace_words=word_set(data, "peace_words"),
            refuge_nouns=word_set(data, "refuge_nouns"),
            custody_nouns=word_set(data, "custody_nouns"),
            detaining_words=word_set(data, "detaining_words"),
            truce_nouns=word_set(data, "truce_nouns"),
            occasion_nouns=word_set(data, "occasion_nouns"),
            giving_verbs=word_set(data, "giving_verbs"),
            ruling_nouns=word_set(data, "ruling_nouns"),
            conflict_nouns=word_set(data, "conflict_nouns"),
            practice_nouns=word_set(data, "practice_nouns"),
            rank_words=word_set(data, "rank_words"),
            copulas=word_set(data, "copulas"),
            getting_verbs=word_set(data, "getting_verbs"),
            donor_nouns=word_set(data, "donor_nouns"),
            aid_holders=word_set(data, "aid_holders"),
            purpose_nouns=word_set(data, "purpose_nouns"),
            gift_nouns=word_set(data, "gift_nouns"),
            gift_verbs=word_set(data, "gift_verbs"),
            receiving_verbs=word_set(data, "receiving_verbs"),
            bill_nouns=word_set(data, "bill_nouns"),
            proposing_verbs=word_set(data, "proposing_verbs"),
        )


@dataclass(frozen=True)
class DedupWords:
    """The words of ``data/dedup_words.yaml`` (the dedup stage)."""

    function_words: frozenset[str]
    pronouns: frozenset[str]

    @classmethod
    def load(cls, name: str = "dedup_words.yaml") -> DedupWords:
        data = load_yaml(name)
        return cls(
            function_words=word_set(data, "function_words"), pronouns=word_set(data, "pronouns")
        )
