"""Lookup tables for actor coding: countries, the actor knowledge base, role words.

Names are matched on normalised token sequences (case, diacritics, apostrophes and hyphens
folded), longest match first, so "Kata’ib Hizbollah", "Kataib Hezbollah" and "Kata'ib
Hizbollah" find one entry, and "al-Sadr" is "al Sadr".
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..resources import load_yaml, load_yaml_file

_APOS = re.compile(r"[’'ʼ`´]")
_NONWORD = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
#: Short all-caps names that are also English words: matched only when written in capitals.
def _cased_anyway(text: str) -> bool:
    """A capitals-only name written without capitals but unmistakable: "the us", "u.s." (text
    that is all lower case: feeds, archives, police reports), never the pronoun "us"."""
    low = text.strip().lower()
    return low.startswith("the ") or "." in low.rstrip(".")


_CAPS_ONLY = frozenset({"us", "u s", "uk", "un", "eu", "is", "au", "who", "ec", "pmf", "hhn"})


@lru_cache(maxsize=200_000)
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOS.sub("", text.lower()).replace("-", " ").replace(".", " ")
    text = _NONWORD.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class Role:
    sector: str
    office: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class KBEntry:
    name: str
    code: str | None
    sector: str | None
    other_sectors: tuple[str, ...] = ()
    kind: str = "org"
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()

    def sector_at(self, year: int | None) -> tuple[str | None, str | None]:
        """Sector and office in force in ``year`` (the latest role when the year is unknown)."""
        if self.roles:
            if year is not None:
                for role in self.roles:
                    if (role.start is None or role.start <= year) and (
                        role.end is None or year <= role.end
                    ):
                        return role.sector, role.office
                return "ELI", f"former {self.roles[-1].office or self.roles[-1].sector}"
            return self.roles[-1].sector, self.roles[-1].office
        return self.sector, None


@dataclass
class NameIndex:
    """Normalised name -> value, with the longest name length for windowed matching."""

    table: dict[str, Any] = field(default_factory=dict)
    longest: int = 1
    firsts: set[str] = field(default_factory=set)  # first words of the names

    def add(self, name: str, value: Any) -> None:
        key = norm(name)
        if key and key not in self.table:
            self.table[key] = value
            words = key.split()
            self.longest = max(self.longest, len(words))
            self.firsts.add(words[0])

    def may_start(self, word: str) -> bool:
        """Whether a name may start with this (normalised) word; plurals included."""
        return word in self.firsts or (word.endswith("s") and word[:-1] in self.firsts)

    def get(self, text: str) -> Any:
        key = norm(text)
        if key in _CAPS_ONLY and not text.replace(".", "").isupper() and not _cased_anyway(text):
            return None
        return self.table.get(key)


PLOVER_SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)
KINDS = frozenset({"person", "org", "institution"})


def parse_roles(cell: str) -> list[dict[str, Any]]:
    """Dated roles from one CSV cell: ``SECTOR|office|from|to`` items joined by ``;``."""
    out = []
    for part in (p.strip() for p in cell.split(";")):
        if part:
            sector, office, start, end = [*part.split("|"), "", "", ""][:4]
            out.append({"sector": sector.strip(), "office": office.strip() or None,
                        "from": start.strip() or None, "to": end.strip() or None})  # fmt: skip
    return out


def check_record(data: Any, where: str) -> dict[str, Any]:
    """A KB record, checked; ``ValueError`` naming ``where`` (file and record) if it is bad."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: an actor record must be a mapping, not {type(data).__name__}")
    data = {k: v for k, v in data.items() if k is not None}
    if not str(data.get("name") or "").strip():
        raise ValueError(f"{where}: the record has no 'name'")
    name = data["name"]
    code = data.get("code")
    if code and not (isinstance(code, str) and len(code) == 3 and code.isalpha()):
        raise ValueError(f"{where} ({name}): code {code!r} is not a 3-letter country/IGO code")
    if isinstance(code, str) and code:
        data["code"] = code.upper()
    if isinstance(data.get("roles"), str):
        data["roles"] = parse_roles(data["roles"])
    sectors = [data.get("sector")] + [r.get("sector") for r in data.get("roles") or []]
    for sector in (s for s in sectors if s):
        if sector not in PLOVER_SECTORS:
            raise ValueError(f"{where} ({name}): sector {sector!r} is not a PLOVER sector")
    for role in data.get("roles") or []:
        for key in ("from", "to"):
            value = role.get(key)
            if value not in (None, "") and not str(value).lstrip("-").isdigit():
                raise ValueError(f"{where} ({name}): role year {key}={value!r} is not a year")
    kind = data.get("kind") or "org"
    if kind not in KINDS:
        raise ValueError(f"{where} ({name}): kind {kind!r} is not one of {sorted(KINDS)}")
    return data


def _entry(data: dict[str, Any]) -> KBEntry:
    roles = tuple(
        Role(
            sector=str(r["sector"]),
            office=r.get("office"),
            start=_year(r.get("from")),
            end=_year(r.get("to")),
        )
        for r in data.get("roles") or ()
    )
    other = data.get("other_sectors") or ()
    if isinstance(other, str):
        other = [s for s in re.split(r"[;, ]+", other) if s]
    return KBEntry(
        name=str(data["name"]),
        code=data.get("code") or None,
        sector=data.get("sector") or None,
        other_sectors=tuple(other),
        kind=str(data.get("kind") or "org"),
        wikidata=data.get("wikidata") or None,
        roles=roles,
    )


def _aliases(data: dict[str, Any]) -> list[str]:
    aliases = data.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]
    return [str(data["name"]), *map(str, aliases)]


def _year(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


def read_kb_file(path: str | Path) -> list[dict[str, Any]]:
    """A user knowledge base: YAML (``actors:`` list) or CSV (name,aliases,code,sector,...).

    Each record is checked; a bad one raises ``ValueError`` naming the file and record."""
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: no such knowledge-base file")
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        return [check_record(dict(row), f"{path}:{n}") for n, row in enumerate(rows, 2)]
    data = load_yaml_file(path) or {}
    if not isinstance(data, dict) or not isinstance(data.get("actors", []), list):
        raise ValueError(f"{path}: expected a mapping with an 'actors:' list")
    return [
        check_record(row, f"{path}: actors[{n}]") for n, row in enumerate(data.get("actors", []))
    ]


class KnowledgeBase:
    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.index = NameIndex()
        self.surnames: dict[str, list[KBEntry]] = {}
        self.entries: list[KBEntry] = []
        for data in records:
            entry = _entry(data)
            self.entries.append(entry)
            for alias in _aliases(data):
                self.index.add(alias, entry)
            if entry.kind == "person":
                last = norm(entry.name).split()[-1]
                self.surnames.setdefault(last, []).append(entry)

    @classmethod
    def load(cls, extra: str | Path | list[str | Path] | None = None) -> KnowledgeBase:
        records = list(load_yaml("actors.yaml")["actors"])
        extras = [] if extra is None else extra if isinstance(extra, list) else [extra]
        user: list[dict[str, Any]] = []
        for path in extras:
            user.extend(read_kb_file(path))
        return cls(user + records)  # the user's entries win

    def surname(self, word: str) -> KBEntry | None:
        found = self.surnames.get(norm(word))
        return found[0] if found and len(found) == 1 else None


@dataclass(frozen=True)
class CountryName:
    code: str
    kind: str  # "name" | "demonym" | "capital"


class Countries:
    """Country names, demonyms and capitals -> ISO alpha-3."""

    def __init__(self) -> None:
        import countryinfo
        import pycountry

        extra = load_yaml("countries.yaml")
        self.not_countries = {norm(w) for w in extra.get("not_countries", [])}
        self.cameo_codes: dict[str, str] = dict(extra.get("cameo_codes") or {})
        self.index = NameIndex()
        self.names: dict[str, str] = {}
        for code, words in (extra.get("demonyms") or {}).items():
            for word in words:
                self.index.add(word, CountryName(code, "demonym"))
        for code, words in (extra.get("names") or {}).items():
            for word in words:
                self.index.add(word, CountryName(code, "name"))
        for info in countryinfo.all_countries():
            try:
                code = info.iso(3)
                name = info.name()
            except Exception:  # a record without ISO data
                continue
            if not code:
                continue
            self.names.setdefault(code, name)
            self.index.add(name, CountryName(code, "name"))
            for alt in info.alt_spellings() or []:
                if len(alt) > 3:
                    self.index.add(alt, CountryName(code, "name"))
            demonym = info.demonym()
            if isinstance(demonym, str) and demonym:
                self.index.add(demonym, CountryName(code, "demonym"))
            capitals = info.capital() or []
            for capital in [capitals] if isinstance(capitals, str) else capitals:
                self.index.add(capital.split(" D.C.")[0], CountryName(code, "capital"))
        for country in pycountry.countries:
            self.names.setdefault(country.alpha_3, getattr(country, "common_name", country.name))
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    self.index.add(value, CountryName(country.alpha_3, "name"))
        for word in self.not_countries:
            self.index.table.pop(word, None)

    def get(self, text: str) -> CountryName | None:
        hit = self.index.get(text)
        if hit is None and len(text) > 4 and text[-1:] == "s" and text[:1].isupper():
            single = self.index.get(text[:-1])  # "Algerians", "Liberians": plural demonyms
            if single is not None and single.kind == "demonym":
                return single
        return hit

    def from_code(self, code: str) -> str:
        code = code.upper()
        return self.cameo_codes.get(code, code)


@dataclass
class Roles:
    words: NameIndex
    secondary: dict[str, str]
    former: frozenset[str]
    backer_words: frozenset[str]
    foreign_words: frozenset[str]
    ethnic_words: frozenset[str] = frozenset()
    org_name_words: dict[str, str] = field(default_factory=dict)
    people_default: str = "CVL"

    @classmethod
    def load(cls) -> Roles:
        data = load_yaml("roles.yaml")
        words = NameIndex()
        for sector, items in data["sectors"].items():
            for item in items:
                words.add(item, sector)
        secondary = {norm(w): s for s, ws in (data.get("secondary") or {}).items() for w in ws}
        return cls(
            words=words,
            secondary=secondary,
            former=frozenset(norm(w) for w in data.get("former", [])),
            backer_words=frozenset(norm(w) for w in data.get("backer_words", [])),
            foreign_words=frozenset(norm(w) for w in data.get("foreign_words", [])),
            ethnic_words=frozenset(norm(w) for w in data.get("ethnic_words", [])),
            org_name_words={
                norm(w): s for s, ws in (data.get("org_name_words") or {}).items() for w in ws
            },
            people_default=str(data.get("people_default") or "CVL"),
        )

    def sector(self, word: str, lemma: str | None = None) -> str | None:
        return self.words.table.get(norm(word)) or (
            self.words.table.get(norm(lemma)) if lemma else None
        )


@lru_cache(maxsize=1)
def countries() -> Countries:
    return Countries()


@lru_cache(maxsize=1)
def roles() -> Roles:
    return Roles.load()
