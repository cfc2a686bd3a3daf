"""What a ``Coder`` knows: the actor knowledge base, countries, role words, the gazetteer, the
news abbreviations of places and the English word lists of the stages — built once per
``Coder`` and handed to every stage that needs it.

>>> knowledge = Knowledge(extra_kb="my_actors.yaml")   # doctest: +SKIP
>>> Coder(knowledge=knowledge)                          # doctest: +SKIP

Nothing here is a process-wide singleton: two ``Knowledge`` objects built with different user
files code differently, and the actors and places stages of one ``Coder`` see the same one (a
user KB changes place recognition too; a gazetteer given to the places stage reaches actors).
Each part is loaded on first use (the gazetteer takes about a second from its disk cache);
``load()`` loads them all, e.g. before forking workers that share the memory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .abbreviations import Abbreviations, Division
from .actor_kb import KBEntry, KnowledgeBase, Role, check_record, read_kb_file
from .countries import Countries, CountryName
from .gazetteer import Gazetteer, Place, load_gazetteer
from .names import NameIndex, norm
from .roles import Roles
from .words import ActorWords, DedupWords, DetectWords, PlaceWords

__all__ = [
    "Abbreviations",
    "ActorWords",
    "Countries",
    "CountryName",
    "DedupWords",
    "DetectWords",
    "Division",
    "Gazetteer",
    "KBEntry",
    "Knowledge",
    "KnowledgeBase",
    "NameIndex",
    "Place",
    "PlaceWords",
    "Role",
    "Roles",
    "check_record",
    "kb_files_from_env",
    "norm",
    "read_kb_file",
]

KbFiles = str | Path | list[str | Path] | None


def kb_files_from_env() -> list[str] | None:
    """The user KB files named in ``$EVENTCODER_KB`` (separated like ``$PATH``), if any."""
    value = os.environ.get("EVENTCODER_KB")
    files = [p for p in value.split(os.pathsep) if p] if value else []
    return files or None


class Knowledge:
    """The tables one coder works from; each built on first use, then kept.

    ``extra_kb``: the user's actor files (YAML/CSV), merged over the shipped KB (default: the
    files in ``$EVENTCODER_KB``). ``kb``, ``countries``, ``roles``, ``gazetteer``,
    ``abbreviations``: ready-made tables to use instead of loading the shipped ones.
    """

    def __init__(
        self,
        extra_kb: KbFiles = None,
        *,
        kb: KnowledgeBase | None = None,
        countries: Countries | None = None,
        roles: Roles | None = None,
        gazetteer: Gazetteer | None = None,
        abbreviations: Abbreviations | None = None,
        actor_words: ActorWords | None = None,
        place_words: PlaceWords | None = None,
        detect_words: DetectWords | None = None,
        dedup_words: DedupWords | None = None,
    ) -> None:
        self.extra_kb = extra_kb if extra_kb is not None else kb_files_from_env()
        self._kb = kb
        self._countries = countries
        self._roles = roles
        self._gazetteer = gazetteer
        self._abbreviations = abbreviations
        self._actor_words = actor_words
        self._place_words = place_words
        self._detect_words = detect_words
        self._dedup_words = dedup_words
        if kb is None and self.extra_kb:
            self._kb = KnowledgeBase.load(self.extra_kb)  # a bad user file fails here, at once

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = KnowledgeBase.load(self.extra_kb)
        return self._kb

    @property
    def countries(self) -> Countries:
        if self._countries is None:
            self._countries = Countries()
        return self._countries

    @property
    def roles(self) -> Roles:
        if self._roles is None:
            self._roles = Roles.load()
        return self._roles

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    @property
    def abbreviations(self) -> Abbreviations:
        if self._abbreviations is None:
            self._abbreviations = Abbreviations.load()
        return self._abbreviations

    @property
    def actor_words(self) -> ActorWords:
        if self._actor_words is None:
            self._actor_words = ActorWords.load()
        return self._actor_words

    @property
    def place_words(self) -> PlaceWords:
        if self._place_words is None:
            self._place_words = PlaceWords.load()
        return self._place_words

    @property
    def detect_words(self) -> DetectWords:
        if self._detect_words is None:
            self._detect_words = DetectWords.load()
        return self._detect_words

    @property
    def dedup_words(self) -> DedupWords:
        if self._dedup_words is None:
            self._dedup_words = DedupWords.load()
        return self._dedup_words

    @property
    def gazetteer_loaded(self) -> bool:
        return self._gazetteer is not None

    def load(self) -> Knowledge:
        """Load every table now (before forking workers that share them)."""
        for name in (
            "kb",
            "countries",
            "roles",
            "gazetteer",
            "abbreviations",
            "actor_words",
            "place_words",
            "detect_words",
            "dedup_words",
        ):
            getattr(self, name)
        return self

    def with_changes(
        self, *, extra_kb: KbFiles = None, gazetteer: Gazetteer | None = None
    ) -> Knowledge:
        """A ``Knowledge`` sharing this one's loaded tables, with another user KB and/or
        gazetteer (the same object when neither is given)."""
        if extra_kb is None and gazetteer is None:
            return self
        return Knowledge(
            extra_kb if extra_kb is not None else self.extra_kb,
            kb=self._kb if extra_kb is None else None,
            countries=self._countries,
            roles=self._roles,
            gazetteer=gazetteer if gazetteer is not None else self._gazetteer,
            abbreviations=self._abbreviations,
            actor_words=self._actor_words,
            place_words=self._place_words,
            detect_words=self._detect_words,
            dedup_words=self._dedup_words,
        )

    def is_org(self, text: str) -> bool:
        """Whether the KB knows ``text`` as an organisation or institution (not a person)."""
        entry = self.kb.index.get(text)
        return entry is not None and entry.kind != "person"

    def __repr__(self) -> str:
        names = ("kb", "countries", "roles", "gazetteer", "abbreviations", "actor_words",
                 "place_words", "detect_words", "dedup_words")  # fmt: skip
        loaded = [n for n in names if getattr(self, f"_{n}") is not None]
        return f"Knowledge(extra_kb={self.extra_kb!r}, loaded={loaded})"


def knowledge_from_config(config: dict[str, dict[str, Any]]) -> tuple[KbFiles, Gazetteer | None]:
    """The user KB and gazetteer named in a ``Coder`` configuration (``actors.extra_kb``,
    ``places.gaz``): they belong to the coder's ``Knowledge``, which every stage shares."""
    return config.get("actors", {}).get("extra_kb"), config.get("places", {}).get("gaz")
