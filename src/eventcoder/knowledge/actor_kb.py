"""The actor knowledge base: people, organisations and institutions with country, sector,
dated roles and aliases (``data/actors.yaml`` plus the user's YAML/CSV files, which win)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..resources import load_yaml, load_yaml_file
from .names import NameIndex, norm


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
