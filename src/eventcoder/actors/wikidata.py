"""Build an actor knowledge base from a Wikidata JSON dump, streaming.

The dump format is Wikidata's: a JSON array with one entity per line (``[``, then
``{...},`` lines, then ``]``), plain, ``.gz`` or ``.bz2``. One pass reads it; nothing but the
kept entities and a few small look-up tables is held in memory:

- countries: items with an ISO 3166-1 alpha-3 code (P298) give the QID -> code table;
- offices and occupations: English labels of position/occupation items (and of items already
  named as someone's P39/P106), read through the project's role words (``roles.yaml``) to a
  sector: "Secretary of Defense" -> GOV, "journalist" -> JRN;
- entities kept: people (P31 human) and organisations/institutions of the classes in
  ``data/wikidata.yaml``, with their English label, aliases, country (P27 for people; P17,
  then P495 for organisations; for a person without P27, the country of a held office) and
  sector (class, else the latest office, else an occupation). A person's offices become dated
  roles (P580/P582), so the sector follows the event's date.

References are resolved at the end, so the order of entities in the dump does not matter.
The mapping of properties and classes is data: ``data/wikidata.yaml``.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from ..knowledge.names import norm
from ..knowledge.roles import Roles
from ..resources import load_yaml


class DumpError(ValueError):
    """A line of the dump that is not an entity; the message names the line."""


def open_dump(path: str | Path) -> TextIO:
    path = Path(path)
    name = path.name.lower()
    if name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    if name.endswith(".bz2"):
        return io.TextIOWrapper(bz2.open(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8")


def entities(fh: TextIO, source: str = "dump") -> Iterator[dict[str, Any]]:
    """The entities of a dump, one per line; ``[``/``]`` lines and trailing commas skipped."""
    for n, line in enumerate(fh, 1):
        text = line.strip()
        if not text or text in ("[", "]"):
            continue
        if text.endswith(","):
            text = text[:-1]
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DumpError(f"{source}:{n}: not a JSON entity ({exc.msg})") from None
        if not isinstance(data, dict) or "id" not in data:
            raise DumpError(f"{source}:{n}: a JSON value without an 'id'")
        yield data


def _values(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    return [c for c in (entity.get("claims") or {}).get(prop, []) if c.get("rank") != "deprecated"]


def _item(claim: dict[str, Any]) -> str | None:
    value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
    if isinstance(value, dict):
        return value.get("id") or (f"Q{value['numeric-id']}" if "numeric-id" in value else None)
    return None


def _string(claim: dict[str, Any]) -> str | None:
    value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "text" in value:  # monolingual text (short name)
        return value["text"] if value.get("language", "en") == "en" else None
    return None


def _year(claim: dict[str, Any], prop: str) -> int | None:
    for q in (claim.get("qualifiers") or {}).get(prop, []):
        value = (q.get("datavalue") or {}).get("value")
        if isinstance(value, dict) and isinstance(value.get("time"), str):
            try:
                return int(value["time"][:5].replace("+", ""))
            except ValueError:
                return None
    return None


def _label(entity: dict[str, Any], lang: str) -> str | None:
    value = (entity.get("labels") or {}).get(lang)
    return value.get("value") if isinstance(value, dict) else None


@dataclass
class _Pending:
    qid: str
    name: str
    aliases: list[str]
    kind: str
    sector: str | None
    code: str | None
    countries: list[str]
    positions: list[tuple[str, int | None, int | None]] = field(default_factory=list)
    occupations: list[str] = field(default_factory=list)
    party: bool = False


@dataclass
class ImportStats:
    lines: int = 0
    kept: int = 0
    people: int = 0
    organisations: int = 0
    countries: int = 0
    without_country: int = 0


class WikidataImporter:
    def __init__(self, lang: str = "en", min_sitelinks: int = 0) -> None:
        mapping = load_yaml("wikidata.yaml")
        self.props: dict[str, str] = mapping["properties"]
        self.classes: dict[str, dict[str, str]] = mapping["classes"]
        self.role_classes = frozenset(mapping.get("role_classes") or ())
        self.lang = lang
        self.min_sitelinks = min_sitelinks
        self.roles = Roles.load()  # role words -> sector, for offices and occupations
        self.iso: dict[str, str] = {}  # country QID -> alpha-3
        self.labels: dict[str, str] = {}  # office/occupation QID -> label
        self.referenced: set[str] = set()
        self.position_country: dict[str, str] = {}  # office QID -> country QID
        self.pending: list[_Pending] = []
        self.stats = ImportStats()

    # ------------------------------------------------------------------ reading
    def read(self, stream: Iterator[dict[str, Any]], progress: Callable | None = None) -> None:
        for entity in stream:
            self.stats.lines += 1
            self.add(entity)
            if progress is not None and self.stats.lines % 100_000 == 0:
                progress(self.stats)

    def add(self, entity: dict[str, Any]) -> None:
        p = self.props
        qid = str(entity["id"])
        classes = [c for c in map(_item, _values(entity, p["instance_of"])) if c]
        for claim in _values(entity, p["iso_alpha3"]):
            code = _string(claim)
            if code and len(code) == 3:
                self.iso.setdefault(qid, code.upper())
                self.stats.countries += 1
                break
        label = _label(entity, self.lang)
        if label and (qid in self.referenced or self.role_classes.intersection(classes)):
            self.labels[qid] = label
            for prop in (p["jurisdiction"], p["country"]):
                country = next((c for c in map(_item, _values(entity, prop)) if c), None)
                if country:
                    self.position_country[qid] = country
                    break
        known = [self.classes[c] for c in classes if c in self.classes]
        if not known or not label:
            return
        if len(entity.get("sitelinks") or {}) < self.min_sitelinks:
            return
        kind = next((k["kind"] for k in known if k.get("kind") == "person"), known[0]["kind"])
        if kind == "country":
            return  # countries come from the country table, not the actor KB
        sector = next((k["sector"] for k in known if k.get("sector")), None)
        code = next((k["code"] for k in known if k.get("code")), None)
        aliases = [
            a["value"]
            for a in (entity.get("aliases") or {}).get(self.lang, [])
            if isinstance(a, dict) and a.get("value")
        ]
        aliases += [s for s in map(_string, _values(entity, p["short_name"])) if s]
        country_props = (
            [p["citizenship"]] if kind == "person" else [p["country"], p["country_of_origin"]]
        )
        countries: list[str] = []
        for prop in country_props:
            countries = [c for c in map(_item, _values(entity, prop)) if c]
            if countries:
                break
        rec = _Pending(qid, label, list(dict.fromkeys(aliases)), kind, sector, code, countries)
        for claim in _values(entity, p["position_held"]):
            office = _item(claim)
            if office:
                rec.positions.append((office, _year(claim, p["start"]), _year(claim, p["end"])))
                self.referenced.add(office)
        rec.occupations = [o for o in map(_item, _values(entity, p["occupation"])) if o]
        self.referenced.update(rec.occupations)
        rec.party = bool(_values(entity, p["party"]))
        self.pending.append(rec)

    # ------------------------------------------------------------------ resolving
    def _sector_of_label(self, label: str) -> str | None:
        words = self.roles
        whole = words.sector(label)
        if whole:
            return whole
        for word in norm(label).split():
            sector = words.sector(word)
            if sector:
                return sector
        return None

    def records(self) -> Iterator[dict[str, Any]]:
        for rec in self.pending:
            code = rec.code
            if code is None:
                code = next((self.iso[c] for c in rec.countries if c in self.iso), None)
            roles_out = []
            for office, start, end in rec.positions:
                label = self.labels.get(office)
                sector = self._sector_of_label(label) if label else None
                if sector:
                    roles_out.append({"sector": sector, "office": label, "from": start, "to": end})
                if code is None and office in self.position_country:
                    code = self.iso.get(self.position_country[office])
            roles_out.sort(key=lambda r: (r["from"] is None, r["from"] or 0))
            sector = rec.sector
            if sector is None and not roles_out:
                sector = next(
                    (
                        s
                        for o in rec.occupations
                        if (s := self._sector_of_label(self.labels.get(o, "")))
                    ),
                    None,
                )
            if code is None and sector is None and not roles_out:
                continue  # nothing to code with
            out: dict[str, Any] = {"name": rec.name, "aliases": rec.aliases, "code": code}
            if sector:
                out["sector"] = sector
            if rec.party and sector != "PTY":
                out["other_sectors"] = ["PTY"]
            out["kind"] = rec.kind
            out["wikidata"] = rec.qid
            if roles_out:
                out["roles"] = [{k: v for k, v in r.items() if v is not None} for r in roles_out]
            self.stats.kept += 1
            self.stats.without_country += code is None
            if rec.kind == "person":
                self.stats.people += 1
            else:
                self.stats.organisations += 1
            yield out


def write_kb(records: Iterator[dict[str, Any]], out: Path, fmt: str) -> int:
    """Write records as a user KB file (YAML ``actors:`` list or CSV); returns the count."""
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            cols = ["name", "aliases", "code", "sector", "other_sectors", "kind", "wikidata",
                    "roles"]  # fmt: skip
            writer = csv.DictWriter(fh, fieldnames=cols)
            writer.writeheader()
            for rec in records:
                row = dict(rec)
                row["aliases"] = "; ".join(rec.get("aliases") or [])
                row["other_sectors"] = " ".join(rec.get("other_sectors") or [])
                row["roles"] = format_roles(rec.get("roles") or [])
                writer.writerow({c: row.get(c) or "" for c in cols})
                n += 1
            return n
        fh.write("# Built by `eventcoder kb import` from a Wikidata dump.\nversion: 1\nactors:\n")
        for rec in records:
            fh.write("  - ")
            fh.write(yaml.safe_dump(rec, default_flow_style=True, allow_unicode=True, width=10**6))
            n += 1
    return n


def format_roles(items: list[dict[str, Any]]) -> str:
    """Dated roles in one CSV cell: ``SECTOR|office|from|to`` joined by ``;``."""
    return "; ".join(
        "|".join(str(r.get(k) or "") for k in ("sector", "office", "from", "to")) for r in items
    )
