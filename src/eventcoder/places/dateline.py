"""The dateline's place ("SPRINGFIELD, Ill. -", "Tripoli, Lebanon (AP) -") and the state or
country written after a town ("Dover, Delaware"), read with the gazetteer."""

from __future__ import annotations

import re

from ..document import Document
from ..knowledge.gazetteer import Place
from ..knowledge.names import norm
from ..records import Location, TextSpan
from .common import _DATELINE, DatelineParts, _location
from .name_forms import KNOWN_TOWN
from .resolve import MAX_CANDIDATES, Context, Cue, choose
from .toponyms import Toponyms
from .unknown_names import as_area

#: A title-case place and a colon opening the first paragraph kept: "Muscat: The ministry ...",
#: "Port Louis, Mauritius: Police said ...".
_TITLE_COLON = re.compile(
    r"\s*(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:,\s*(?P<region>[A-Z][A-Za-z. -]{1,30}?))?"
    r":\s+(?=[\"“]?[A-Z])"
)


class Datelines(Toponyms):
    """The dateline's place and the state written after a town (``Resolution``'s base)."""

    def _in_region(self, town: str, region: str) -> bool:
        """A place named ``town`` lies in a state or province named ``region`` ("Yakima,
        Washington"; not "Paris, London" in a list of cities)."""
        key = norm(region)
        return any(
            p.admin1 and norm(p.admin1) == key for p in self.gaz.lookup(town)[:MAX_CANDIDATES]
        )

    def _state_after(self, town: str, region: str) -> Place | None:
        """The state ``region`` written after ``town`` stands for: the first place of its name if
        a division, else one holding a town of ``town``'s name ("Dover, Delaware": the state)."""
        found = [p for p in self.gaz.lookup(region)[:MAX_CANDIDATES] if p.country]
        if found and found[0].precision == "admin1":
            return found[0]
        return next((p for p in found if p.precision == "admin1"
                     and self._in_region(town, p.name)), None)  # fmt: skip

    # ------------------------------------------------------------------ dateline
    def dateline_of(self, doc: Document) -> tuple[TextSpan, str] | None:
        """The dateline the cleaner read and its place's name, else a title-case one with a
        colon opening the first paragraph kept ("Muscat: The ministry said ..."; the cleaner
        reads only "MUSCAT:" so), when its place is a town of ``KNOWN_TOWN`` people or more
        ("Update:", "Watch:", "Opinion:" are none)."""
        if doc.dateline is not None and doc.dateline_place:
            return doc.dateline, doc.dateline_place
        if doc.dateline is not None or not doc.segments:
            return None
        first = doc.segments[0]
        m = _TITLE_COLON.match(doc.text, first.start, first.end)
        if m is None:
            return None
        found = self.gaz.lookup(m.group("place"))[:1]
        if not found or found[0].precision != "city" or found[0].population < KNOWN_TOWN:
            return None
        span = TextSpan(text=m.group(0).strip(), start=m.start("place"), end=m.end())
        return span, m.group("place")

    def dateline_parts(self, doc: Document) -> DatelineParts | None:
        """The dateline's place name, what is written after it (a country, a state or its
        abbreviation: "SPRINGFIELD, Ill. —"), and the place resolved with that cue only."""
        read = self.dateline_of(doc)
        if read is None:
            return None
        dateline, name = read
        m = _DATELINE.match(dateline.text)
        region = m.group("region").strip() if m and m.group("region") else None
        cue = self._region_cue(name, region) if region else None
        found = self.gaz.lookup(name)
        text = dateline.text.rstrip()
        if (
            text.endswith(":")
            and "(" not in text
            and (not found or (found[0].precision == "city" and found[0].population < KNOWN_TOWN))
        ):
            return None  # "UPDATE:", "WATCH:", a caption's "GEM:" open paragraphs as "NEW
            # DELHI:" does; only a known town of 10,000 people or more is a dateline so
        place = None
        if cue is not None:
            place = choose(self.gaz, name, Context(), cue, found=found).place
        place = place or (found[0] if found else None)
        r_start = dateline.start + m.start("region") if m and region else None
        return DatelineParts(place, name, cue, region, r_start, dateline)

    def _region_cue(self, name: str, region: str) -> Cue | None:
        hit = self.knowledge.countries.get(region)
        if hit is not None and hit.kind == "name":
            return Cue(hit.code, None, f"'{name}, {region}'")
        div = self.knowledge.abbreviations.division(
            region, postal_ok=region.isupper() and len(region) <= 3
        )
        if div is not None:
            return Cue(div.country, div.name, f"'{name}, {region}'")
        state = self._state_after(name, region)
        if state is not None:
            return Cue(state.country or "", state.name, f"'{name}, {region}'")
        return None

    def _dateline(self, doc: Document, ctx: Context) -> list[Location]:
        """The dateline's place (resolved with what is written after it and the article's
        geography) and that country or state as a place of its own."""
        parts = self.dateline_parts(doc)
        if parts is None or parts.span is None:
            return []
        name, dateline = parts.name, parts.span
        start = dateline.start + dateline.text.find(dateline.text.strip()[:1])
        surface = dateline.text[start - dateline.start :][: len(name)]
        c = choose(self.gaz, name, ctx, parts.cue, near=bool(ctx.anchors))
        out = [_location(surface, start, c.place, f"dateline ({c.reason})")]
        if parts.cue is not None and parts.region and parts.region_start is not None:
            cue = parts.cue
            region = self.gaz.countries.get(cue.country) if cue.admin1 is None else next(
                (p for p in self.gaz.lookup(cue.admin1)
                 if p.country == cue.country and p.precision in ("admin1", "country")), None,
            )  # fmt: skip
            what = "country" if cue.admin1 is None else "state or province"
            if (c.place is None and region is not None and cue.admin1 is not None
                    and not self.gaz.lookup(name)):  # fmt: skip
                out[0] = _location(surface, start, as_area(region),
                                   f"dateline ('{name}' is not in the gazetteer: placed in "
                                   f"{region.name}, the state written after it)")  # fmt: skip
            out.append(_location(parts.region, parts.region_start, region,
                                 f"dateline: the {what} after the place"))  # fmt: skip
        return out
