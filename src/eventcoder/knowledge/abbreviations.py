"""News agencies' abbreviations of states and provinces ("Ill.", "W.Va.", "Calif.") and their
postal codes ("IL"), from the project's own ``data/place_abbreviations.yaml``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..resources import load_yaml


@dataclass(frozen=True)
class Division:
    name: str  # as the gazetteer knows it ("Illinois")
    country: str  # ISO alpha-3


@dataclass
class Abbreviations:
    agency: dict[str, Division]  # "Ill." -> Illinois
    postal: dict[str, Division]  # "IL" -> Illinois
    pattern: re.Pattern[str]  # every agency form, longest first
    #: every division a postal code stands for ("WA": Washington, Western Australia)
    postal_all: dict[str, tuple[Division, ...]] = field(default_factory=dict)
    #: cities news writes by their initials ("LA", "NYC"), read so unless after "Town,"
    cities: dict[str, Division] = field(default_factory=dict)

    def division(
        self, text: str, postal_ok: bool = False, countries: Mapping[str, int] | None = None
    ) -> Division | None:
        """The division ``text`` abbreviates; a postal code that several countries use ("WA")
        is the one of the country the article names most (``countries``), else the first."""
        text = text.strip()
        hit = self.agency.get(text) or self.agency.get(text.replace(" ", ""))
        if hit is None and postal_ok:
            hit = self.postal.get(text)
            if hit is not None and countries:
                hit = max(
                    self.postal_all.get(text, (hit,)),
                    key=lambda d: (countries.get(d.country, 0), d is hit),
                )
        return hit

    @classmethod
    def load(cls) -> Abbreviations:
        data = load_yaml("place_abbreviations.yaml")
        agency: dict[str, Division] = {}
        postal: dict[str, Division] = {}
        postal_all: dict[str, tuple[Division, ...]] = {}
        for entry in data["divisions"]:
            div = Division(entry["name"], entry["country"])
            for form in entry.get("agency") or []:
                agency.setdefault(form, div)
            if entry.get("postal"):
                postal.setdefault(entry["postal"], div)
                postal_all[entry["postal"]] = (*postal_all.get(entry["postal"], ()), div)
        forms = sorted(agency, key=len, reverse=True)
        # a form ends a word: "Ill." before a space, comma, dash or the end; never "(D-Calif.)"
        pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")
        cities = {
            form: Division(entry["name"], entry["country"])
            for entry in data.get("cities") or []
            for form in entry.get("forms") or []
        }
        return cls(agency, postal, pattern, postal_all, cities)
