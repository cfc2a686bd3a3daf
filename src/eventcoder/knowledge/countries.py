"""Country names, demonyms and capitals -> ISO alpha-3 (``data/countries.yaml`` over
``countryinfo`` and ``pycountry``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..resources import load_yaml
from .names import NameIndex, norm


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
        self.capitals: dict[str, str] = {}  # ISO alpha-3 -> its (first) capital's name
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
                self.capitals.setdefault(code, capital.split(" D.C.")[0])
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
