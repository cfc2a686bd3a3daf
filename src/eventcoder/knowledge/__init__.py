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
from collections.abc import Callable
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

#: The tables a ``Knowledge`` holds, each loaded on first use.
TABLES = (
    "kb",
    "countries",
    "roles",
    "gazetteer",
    "abbreviations",
    "actor_words",
    "place_words",
    "detect_words",
    "dedup_words",
)


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
        self._parent: Knowledge | None = None  # set by ``with_changes``
        self._shared: frozenset[str] = frozenset()  # the tables taken from the parent
        if kb is None and self.extra_kb:
            self._kb = KnowledgeBase.load(self.extra_kb)  # a bad user file fails here, at once

    def _table(self, name: str, build: Callable[[], Any]) -> Any:
        """The table ``name``: kept once built; taken from the parent (``with_changes``) when
        this one shares it, so a table loaded by either is loaded once for both."""
        value = getattr(self, f"_{name}")
        if value is None:
            parent = self._parent
            shared = parent is not None and name in self._shared
            value = getattr(parent, name) if shared else build()
            setattr(self, f"_{name}", value)
        return value

    @property
    def kb(self) -> KnowledgeBase:
        kb: KnowledgeBase = self._table("kb", lambda: KnowledgeBase.load(self.extra_kb))
        return kb

    @property
    def countries(self) -> Countries:
        countries: Countries = self._table("countries", Countries)
        return countries

    @property
    def roles(self) -> Roles:
        roles: Roles = self._table("roles", Roles.load)
        return roles

    @property
    def gazetteer(self) -> Gazetteer:
        gazetteer: Gazetteer = self._table("gazetteer", load_gazetteer)
        return gazetteer

    @property
    def abbreviations(self) -> Abbreviations:
        abbreviations: Abbreviations = self._table("abbreviations", Abbreviations.load)
        return abbreviations

    @property
    def actor_words(self) -> ActorWords:
        words: ActorWords = self._table("actor_words", ActorWords.load)
        return words

    @property
    def place_words(self) -> PlaceWords:
        words: PlaceWords = self._table("place_words", PlaceWords.load)
        return words

    @property
    def detect_words(self) -> DetectWords:
        words: DetectWords = self._table("detect_words", DetectWords.load)
        return words

    @property
    def dedup_words(self) -> DedupWords:
        words: DedupWords = self._table("dedup_words", DedupWords.load)
        return words

    @property
    def gazetteer_loaded(self) -> bool:
        if self._gazetteer is not None:
            return True
        parent = self._parent
        return parent is not None and "gazetteer" in self._shared and parent.gazetteer_loaded

    def load(self) -> Knowledge:
        """Load every table now (before forking workers that share them)."""
        for name in TABLES:
            getattr(self, name)
        return self

    def with_changes(
        self, *, extra_kb: KbFiles = None, gazetteer: Gazetteer | None = None
    ) -> Knowledge:
        """A ``Knowledge`` with another user KB and/or gazetteer (the same object when neither
        is given) sharing this one's other tables, whether loaded already or later: a table
        either one loads first is loaded once for both."""
        if extra_kb is None and gazetteer is None:
            return self
        child = Knowledge(
            extra_kb if extra_kb is not None else self.extra_kb,
            kb=self._kb if extra_kb is None else None,
            gazetteer=gazetteer,
        )
        child._parent = self
        own = {"kb"} if extra_kb is not None else set()
        if gazetteer is not None:
            own.add("gazetteer")
        child._shared = frozenset(TABLES) - own
        return child

    def is_org(self, text: str) -> bool:
        """Whether the KB knows ``text`` as an organisation or institution (not a person)."""
        entry = self.kb.index.get(text)
        return entry is not None and entry.kind != "person"

    def __repr__(self) -> str:
        loaded = [n for n in TABLES if getattr(self, f"_{n}") is not None]
        return f"Knowledge(extra_kb={self.extra_kb!r}, loaded={loaded})"


def knowledge_from_config(config: dict[str, dict[str, Any]]) -> tuple[KbFiles, Gazetteer | None]:
    """The user KB and gazetteer named in a ``Coder`` configuration (``actors.extra_kb``,
    ``places.gaz``): they belong to the coder's ``Knowledge``, which every stage shares."""
    return config.get("actors", {}).get("extra_kb"), config.get("places", {}).get("gaz")
