"""Resolution of an article's toponyms together, by the article's own geography.

Each name's candidates (the gazetteer's places of that name, at most ``MAX_CANDIDATES``) are
scored on:
- a prior: log10 of the population, with a bonus when the name is the place's own name;
- a place written beside it: "Springfield, Ill.", "Tripoli, Lebanon", "the Iranian city of Qom"
  (the strongest cue; one sense per article: every mention of the name gets it);
- the article's states and provinces and its countries (named, or the country of a name that
  is in one country only), and the dateline's place;
- nearness to the places of the article already resolved with confidence (spatial coherence:
  a second pass, against at most ``MAX_ANCHORS`` anchors, so the work is linear in the article);
- a division word fitting the phrase ("Mason County", "Sindh province").

The choice keeps a ``reason`` naming the cue that decided it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..knowledge.gazetteer import OWN_NAME_BONUS, Gazetteer, Place, big_feature
from ..knowledge.names import norm

MAX_CANDIDATES = 25
MAX_ANCHORS = 40
W_LOCAL = 8.0  # a place written beside the name
W_ADMIN1 = 3.0  # the article names the state/province the candidate lies in
W_COUNTRY = 2.0  # the article names the candidate's country
W_DATELINE_ADMIN1 = 2.0
W_DATELINE_COUNTRY = 1.5
W_DIVISION_WORD = 3.0
#: Against a state whose country the article names only by the state's own name, where a town
#: of that name in a country the article names lies beside the article's places.
W_STATE_ABROAD = 4.0
W_CAPITAL = 1.0  # less than a named country: "the Lebanese army ... Tripoli"
NEAR = ((50.0, 3.0), (200.0, 2.0), (600.0, 1.0))  # (km, bonus) to the nearest anchor
#: The division word of a name listed with states or provinces ("Ohio, Georgia and Texas").
LISTED_WITH_STATES = "state listed with others"
#: The division word of a name written after a town and a comma ("Yakima, Washington"): the
#: town's state or province, not a capital of its name.
REGION_AFTER_TOWN = "state written after a town"
#: The prior of a large natural feature or world region (no population): news names "the
#: Atlantic" or "the Middle East" as it names a city of ten million; any of its names is its own.
FEATURE_WEIGHT = 10_000_000
FEATURE_PRIOR = math.log10(FEATURE_WEIGHT) + OWN_NAME_BONUS
FEATURE_WHY = "a large natural feature or region (the project's table; no GeoNames id)"


#: The cues (in a choice's reason) that place a name in its state or beside another place:
#: the only ones that make a small town of a sea's or a region's name the one meant.
LOCAL_CUES = ("beside it", "where the article's places are", "state or province")


def placed_by_article(reason: str) -> bool:
    """Whether a choice's reason says the article's own geography placed it: a local cue or a
    distance to the article's other places ("... km from ...")."""
    return any(c in reason for c in (*LOCAL_CUES, "km from"))


@dataclass
class Cue:
    """A place written beside a name: a country and maybe a first-level division."""

    country: str
    admin1: str | None
    why: str
    #: the state is written by its own name ("Dover, Delaware"), not abbreviated ("Del.")
    written_out: bool = False


@dataclass
class Context:
    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[tuple[str, str]] = field(default_factory=Counter)  # (country, name)
    #: of ``admin1s``, the mentions of the state's own name ("Virginia" alone): no evidence
    #: that "Virginia" is the state rather than a town of its name beside the article's places
    own_admin1s: Counter[tuple[str, str]] = field(default_factory=Counter)
    own_countries: Counter[tuple[str, str]] = field(default_factory=Counter)  # the same
    dateline: Place | None = None
    dateline_country: str | None = None
    dateline_admin1: str | None = None  # "CAMP HALE, Colo. -": Colorado, the camp unknown
    dateline_name: str | None = None  # the dateline's place as written ("BASRA")
    anchors: list[Place] = field(default_factory=list)
    #: the first choices of the other ambiguous names (half the nearness of an anchor): "Dundalk"
    #: beside an unsure "Dundrum" is the Irish town, not the bigger one in Maryland
    likely: list[Place] = field(default_factory=list)


def km(a: Place, b: Place) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def admin1_of(p: Place) -> str | None:
    return p.admin1 if p.feature_class != "A" or p.feature_code != "ADM1" else p.name


#: Words news abbreviates in place names: "St. Petersburg" is Saint Petersburg's own name.
_SHORT = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def same_name(a: str, b: str) -> bool:
    """The same name, the abbreviated words news uses ("St.", "Mt.", "Ft.") spelt out."""
    return a == b or _spelt_out(a) == _spelt_out(b)


@lru_cache(maxsize=1 << 16)
def _spelt_out(text: str) -> tuple[str, ...]:
    """A name's normalised words with news abbreviations spelt out (asked for again and again
    while candidates are scored: cached)."""
    return tuple(_SHORT.get(w, w) for w in norm(text).split())


def own_name(p: Place, text: str) -> bool:
    """Whether ``text`` is the place's own name; every name of a large feature of the
    project's table is its own ("the Atlantic", "the Mediterranean")."""
    return same_name(p.name, text) or big_feature(p)


def prior(p: Place, text: str) -> float:
    if big_feature(p):
        return FEATURE_PRIOR
    own = OWN_NAME_BONUS if same_name(p.name, text) else 0.0
    return math.log10(p.population + 1) + own


def _within(town: Place, division: Place) -> bool:
    """The town lies in the division's area: their GeoNames admin codes nest ("IQ.02" in
    "IQ.02"; "PS.GZ" holds "PS.GZ.11184609"), or no code says otherwise."""
    a, b = town.admin_code, division.admin_code
    if not a or not b:
        return town.admin1 is None or norm(town.admin1) == norm(division.name)
    return a.startswith(b) or b.startswith(a)


@dataclass
class Choice:
    place: Place | None
    reason: str
    margin: float = 0.0


def choose(
    gaz: Gazetteer,
    text: str,
    ctx: Context,
    cue: Cue | None = None,
    division_word: str | None = None,
    near: bool = True,
    found: list[Place] | None = None,
) -> Choice:
    """The place ``text`` stands for in this article, with why."""
    found = (found if found is not None else gaz.lookup(text))[:MAX_CANDIDATES]
    if not found:
        return Choice(None, f"'{text}' is not in the gazetteer")
    top = found[0]
    if (
        top.precision == "country"
        and norm(top.name) == norm(text)
        and cue is None
        and division_word != LISTED_WITH_STATES  # "Alabama, Georgia and Florida": the state
    ):
        return Choice(top, "a country", 99.0)
    own = [p for p in found if own_name(p, text)]
    if (
        not own
        and (ctx.countries or cue)
        and not any(ctx.countries.get(p.country or "") for p in found)
        and (cue is None or all(p.country != cue.country for p in found))
        and top.precision != "country"
    ):
        return Choice(None, (
            f"'{text}' is only another name of places outside the article's countries "
            f"({', '.join(sorted({p.country or '?' for p in found}))})"
        ))  # fmt: skip
    scored = []
    for p in found:
        s, why = _score(p, text, ctx, cue, division_word, near, found, getattr(gaz, "near", {}))
        scored.append((s, why, p))
    scored.sort(key=lambda x: -x[0])
    best_s, best_why, best = scored[0]
    margin = best_s - scored[1][0] if len(scored) > 1 else 99.0
    if big_feature(best) and (not best_why or len(found) == 1):
        return Choice(best, FEATURE_WHY, margin if len(found) > 1 else 99.0)
    if len(found) == 1:
        return Choice(best, "the only place of that name", 99.0)
    if not best_why:
        if len({p.country for p in found}) == 1:
            best_why = f"every place of that name is in {best.country}"
        elif best is top:
            best_why = f"the most populous of {len(found)} places named '{text}'"
        else:
            best_why = f"the likeliest of {len(found)} places named '{text}'"
    return Choice(best, best_why, margin)


def _score(
    p: Place,
    text: str,
    ctx: Context,
    cue: Cue | None,
    division_word: str | None,
    near: bool,
    found: list[Place],
    gaz_near: dict[str, frozenset[str]],
) -> tuple[float, str]:
    is_own = own_name(p, text)
    s = prior(p, text)
    if p.precision == "country":
        s += 2.0  # a country's name is the country before a town of that name
    elif p.feature_code == "PPLC":  # "Washington" alone is the US capital, more so when the
        s += W_CAPITAL * (2 if ctx.countries.get(p.country or "") else 1)  # US is named
    whys: list[tuple[float, str]] = []
    adm1 = admin1_of(p)
    if (
        cue is not None
        and p.country == cue.country
        and (cue.admin1 is None or (adm1 and norm(adm1) == norm(cue.admin1)))
    ):
        whys.append((W_LOCAL, f"{cue.why} beside it"))
    # "Virginia" in a story whose other places are all in Ireland: the state's own name is
    # no evidence for the state where the article names its country nowhere else
    own_state = p.precision == "admin1" and same_name(p.name, text) and p.country is not None
    key = (p.country or "", norm(p.name))
    abroad = own_state and ctx.countries.get(p.country or "", 0) <= ctx.own_countries.get(key, 0)
    if adm1 and p.country:
        n = ctx.admin1s.get((p.country, norm(adm1)), 0)
        if abroad:
            n -= ctx.own_admin1s.get(key, 0)
        if n and p.precision == "admin1":
            whys.append((W_ADMIN1, "a state or province the article names"))
        elif n:
            whys.append((W_ADMIN1 + 0.5 * min(n, 4), f"in {adm1}, where the article's places are"))
    if abroad and near and any(_beside_the_article(q, text, ctx) for q in found
                               if q.country != p.country):  # fmt: skip
        # "Virginia" in a story from County Cavan that names no other US place: the village
        s -= W_STATE_ABROAD
    n = ctx.countries.get(p.country or "", 0) if not abroad else 0
    if n and p.precision != "country":
        # capped: a country named often is no reason for a town of 10,000 to beat London
        bonus = W_COUNTRY + min(0.5, 0.25 * math.log2(n))
        biggest = max(
            FEATURE_WEIGHT if big_feature(q) else q.population
            for q in found
            if q.feature_class == "P" or q is p or (big_feature(q) and p.feature_class == "P")
        )  # the Middle East or the Atlantic is no reason for a small namesake in the US
        if biggest >= 10 * (p.population + 1) and biggest >= 100_000:
            bonus /= 2
        whys.append((bonus, f"{p.country} is named in the article"))
    d = ctx.dateline
    if d is not None and d.country == p.country and p.precision != "country":
        da = admin1_of(d)
        if da and adm1 and norm(da) == norm(adm1) and d.precision != "country":
            if p.precision == "admin1" and not same_name(ctx.dateline_name or d.name, text):
                # "central Washington" in a story from Olympia, Wash. (but "Kirkuk" in a story
                # from Kirkuk is the dateline's city, not its province)
                whys.append((W_ADMIN1 + W_DATELINE_ADMIN1, "the dateline's state or province"))
            else:
                whys.append((W_DATELINE_ADMIN1, f"in the dateline's state or province ({da})"))
        whys.append((W_DATELINE_COUNTRY, "in the dateline's country"))
    elif ctx.dateline_country and ctx.dateline_country == p.country:
        da = ctx.dateline_admin1
        if da and p.precision == "admin1" and norm(da) == norm(p.name):
            whys.append((W_ADMIN1 + W_DATELINE_ADMIN1, "the dateline's state or province"))
        elif da and adm1 and norm(da) == norm(adm1):
            whys.append((W_DATELINE_ADMIN1, f"in the dateline's state or province ({da})"))
        whys.append((W_DATELINE_COUNTRY, "in the dateline's country"))
    if division_word:
        if p.feature_class == "A" and p.precision != "country":
            whys.append((W_DIVISION_WORD, f"a {division_word}"))
    elif (
        p.feature_class == "A"
        and p.precision != "country"
        and any(
            q.feature_class == "P"
            and q.country == p.country
            # the town's own name, or a big town known by it ("Basra" is Basrah, not the
            # governorate Al Basrah)
            and (norm(q.name) == norm(text) or q.population * 20 >= p.population)
            and (p.precision != "admin1" or q.feature_code == "PPLC" or _within(q, p))
            for q in found
        )
    ):  # "Basra" alone is the city before its governorate, "Washington" the capital before
        s -= 1.0  # the state; a town elsewhere does not make "Wyoming" alone a town
    if near and p.precision not in ("country", "admin1") and not big_feature(p):
        whys += _nearness(p, text, ctx)
    near_countries = gaz_near.get(p.name) if big_feature(p) else None
    if near_countries and (
        any(ctx.countries.get(c) for c in near_countries)
        or any(c in near_countries for c, _ in ctx.admin1s)
    ):
        whys.append((W_COUNTRY, "beside the countries the article names"))
    if p.feature_class == "P" and any(big_feature(q) for q in found):
        # a country named or a place nearby is no reason for a small town to be meant
        # instead of the sea or region of its name; its state named or beside it is
        whys = [(w, why) for w, why in whys if any(c in why for c in LOCAL_CUES)]
    if not is_own and any(same_name(q.name, text) for q in found):
        whys = [(w / 2, why) for w, why in whys]  # "Minneota", once called Minnesota
    s += sum(w for w, _ in whys)
    best_why = max(whys, key=lambda x: x[0])[1] if whys else ""
    return s, best_why


def _beside_the_article(q: Place, text: str, ctx: Context) -> bool:
    """A town in a country the article names, within the first ``NEAR`` distance of one of the
    article's other places (confident or likeliest)."""
    if q.feature_class != "P" or not ctx.countries.get(q.country or ""):
        return False
    return any(km(q, a) <= NEAR[0][0] for a in (*ctx.anchors, *ctx.likely)
               if not same_name(a.name, text))  # fmt: skip


def _nearness(p: Place, text: str, ctx: Context) -> list[tuple[float, str]]:
    """The bonus of lying near the article's confident places (``NEAR``), else half of it
    near the likeliest places of its other ambiguous names; other names' places only: a name
    is no evidence of where its own namesake lies, nor a place of itself ("Marcos" of "San
    Marcos")."""
    for anchors, share, what in ((ctx.anchors, 1.0, "named in the article"),
                                 (ctx.likely, 0.5, "the likeliest place of that name "
                                  "in the article")):  # fmt: skip
        others = [(km(p, a), a) for a in anchors
                  if not same_name(a.name, text) and a.geonameid != p.geonameid]  # fmt: skip
        if not others:
            continue
        dist, anchor = min(others, key=lambda x: x[0])
        for limit, bonus in NEAR:
            if dist <= limit:
                return [(bonus * share, f"{dist:.0f} km from {anchor.name}, {what}")]
    return []
