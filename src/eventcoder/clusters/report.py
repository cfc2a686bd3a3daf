"""``Report``: what the cluster engine needs to know about one coded event.

A coded :class:`~eventcoder.records.Event` says what an article told; to compare it with the
tellings of other outlets the engine needs a few things more (the article's publication date,
its source, the near-duplicate group of the article) and a few things less (no offsets, no
reasons). A ``Report`` is that compact, hashable view: built once per event, cheap to compare,
serialisable to a plain dict (so a cluster index can be saved and loaded).

Dates become an interval of days (``lo``..``hi``, proleptic ordinals) that follows the date's
precision: an explicit day is one day, a week seven, a month its days; a date that only fell
back to the publication date becomes the few days before publication (the event was reported
then, it happened then or a little earlier).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..records import UNREALISED_MODALITIES, CodedArticle, Entity, Event
from .topics import topic_phrase
from .words import cluster_words

if TYPE_CHECKING:  # pragma: no cover
    from ..knowledge.countries import Countries

#: How many days before publication an event dated only by its publication date may lie.
FALLBACK_LAG_DAYS = 3

#: Rank of date precisions, best first (used to pick a cluster's date and representative).
DATE_RANK = {"day": 4, "week": 3, "month": 2, "fallback": 1, "year": 0, None: -1}
#: Rank of place precisions.
PLACE_RANK = {"city": 3, "admin1": 2, "region": 2, "country": 1, None: -1}

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STATE_CODE = re.compile(r"^[A-Z]{3}$")
_NON_STATE = frozenset({"IGO", "UNO", "NGO", "IMG", "MNC", "EUR", "AFR", "ASA", "MEA", "WSM"})


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A crude English stem: enough to match 'protesters'/'protester', 'killed'/'kills'."""
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s$", "", w)
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ers", "er"), ("ed", ""), ("es", ""),
                         ("s", "")):  # fmt: skip
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)] + keep
    return w


_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def evidence_words(text: str) -> frozenset[str]:
    """The content words and figures of a sentence, stemmed (what 'similar evidence' compares)."""
    stop = cluster_words().stopwords
    words = {stem(w) for w in _WORD.findall(text) if len(w) > 2 and w.lower() not in stop}
    return frozenset(words | {"#" + n.rstrip(".,") for n in _NUMBER.findall(text)})


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+\s*\([^)]*\)\s*[-–—]\s*")


@lru_cache(maxsize=1)
def _country_table() -> Countries:
    """The shipped country table (no user data changes it; built once for the reports)."""
    from ..knowledge.countries import Countries

    return Countries()


@lru_cache(maxsize=50_000)
def _is_country_word(word: str) -> bool:
    table = _country_table()
    hit = table.get(word)
    if hit is None or hit.kind == "capital":
        return False
    # A demonym or the country's own name; capitals used for their governments stay places.
    return hit.kind == "demonym" or fold(table.names.get(hit.code, "")) == fold(word)


@lru_cache(maxsize=50_000)
def fold(text: str) -> str:
    """Lower case without accents ('Bogotá' and 'Bogota' are one name)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def proper_names(text: str) -> frozenset[str]:
    """Capitalised words inside a sentence (names of people, places, groups), lower-cased.

    Not the sentence's first word, not all-capital words (datelines, acronyms), not days,
    months or country names and demonyms (a country is compared on its own); nothing from a
    sentence in title case, where capitals say nothing.
    """
    words = _WORD.findall(_DATELINE.sub("", text))
    if len(words) < 2:
        return frozenset()
    caps = [w for w in words[1:] if w[:1].isupper()]
    if len(caps) > 0.6 * (len(words) - 1):
        return frozenset()
    stop = cluster_words().stopwords
    return frozenset(
        fold(w) for w in caps
        if not w.isupper() and w.casefold() not in stop and not _is_country_word(w)
    )  # fmt: skip


def _head_word(text: str) -> str | None:
    words = [w for w in _WORD.findall(text)]
    stop, pronouns = cluster_words().stopwords, cluster_words().pronouns
    words = [w for w in words if w.lower() not in stop and w.lower() not in pronouns]
    return stem(words[-1]) if words else None


def entity_keys(entity: Entity) -> frozenset[str]:
    """Ways one actor can be recognised in another report (see ``_entity_keys``)."""
    return _entity_keys(entity.entity_text, entity.name, entity.code, entity.sector,
                        entity.identifier_id)  # fmt: skip


@lru_cache(maxsize=8192)
def _entity_keys(
    text: str, name: str | None, code: str | None, sector: str | None, identifier: str | None
) -> frozenset[str]:
    """Ways one actor can be recognised in another report.

    ``id:`` knowledge-base id, ``name:`` canonical name, ``cs:`` country+sector, ``csw:``
    country+sector+head word ('Nigerian farmers' / 'thousands of farmers' in Nigeria),
    ``w:`` head word alone, ``c:`` country alone. Pronouns give only their country+sector.
    """
    keys: set[str] = set()
    if identifier:
        keys.add(f"id:{identifier}")
    if name:
        keys.add(f"name:{name.casefold()}")
        if not _is_country_word(name):  # a person or an organisation, not a state
            keys.add(f"who:{name.casefold()}")
    head = _head_word(name or text)
    if head:
        keys.add(f"w:{head}")
    if code:
        keys.add(f"c:{code}")
        if sector:
            keys.add(f"cs:{code}/{sector}")
            if head:
                keys.add(f"csw:{code}/{sector}/{head}")
    elif sector and head:
        keys.add(f"sw:{sector}/{head}")
    if sector:  # 'security forces' and 'police' are both police (COP)
        keys.add(f"s:{sector}")
    return frozenset(keys)


def _keys(entities: list[Entity]) -> frozenset[str]:
    out: set[str] = set()
    for entity in entities:
        out |= entity_keys(entity)
    return frozenset(out)


def modality_class(modality: str) -> str:
    """Realised (asserted, historical), unrealised, or prospective (future, called-for)."""
    if modality in UNREALISED_MODALITIES:
        return "unrealised"
    if modality in ("future", "called-for"):
        return "prospective"
    return "realised"


def _iso_interval(value: str, precision: str | None) -> tuple[int, int] | None:
    try:
        if len(value) >= 10:
            day = dt.date.fromisoformat(value[:10]).toordinal()
            return (day, day + 6) if precision == "week" else (day, day)
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1).toordinal(), dt.date(year, month, last).toordinal()
        if len(value) == 4:
            year = int(value)
            return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    except ValueError:
        return None
    return None


def is_fallback(event: Event) -> bool:
    """Whether the event's date is only its article's publication date."""
    info = event.date_info
    return info.text is None and info.reason.startswith("publication date")


@dataclass(frozen=True, slots=True)
class Place:
    """The comparable part of an event's place."""

    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    name: str | None = None

    @property
    def rank(self) -> int:
        return PLACE_RANK.get(self.precision, -1)


#: Key kinds that recognise one party again by name (not only by country or sector).
STRONG_KINDS = ("id", "name", "who", "w", "csw", "sw")


@dataclass(frozen=True, slots=True)
class PartyView:
    """What contradiction checks read from a set of party keys."""

    strong: AbstractSet[str]  # keys of STRONG_KINDS
    countries: AbstractSet[str]  # codes of ``c:`` keys
    who: bool  # names a person or an organisation


@lru_cache(maxsize=8192)
def party_view(keys: frozenset[str]) -> PartyView:
    """The ``PartyView`` of one report's keys (cached: the same parties come back often)."""
    return view_of(keys)


def view_of(keys: frozenset[str] | set[str]) -> PartyView:
    return PartyView(
        strong=frozenset(k for k in keys if k.split(":", 1)[0] in STRONG_KINDS),
        countries=frozenset(k[2:] for k in keys if k.startswith("c:")),
        who=any(k.startswith("who:") for k in keys),
    )


def _place_names(place: Place | None) -> frozenset[str]:
    """A resolved place below country level counts as a proper name of the report."""
    if place is None or not place.name or place.rank < 2:
        return frozenset()
    stop = cluster_words().stopwords
    return frozenset(fold(w) for w in _WORD.findall(place.name) if w.casefold() not in stop)


@dataclass(slots=True)
class Report:
    """One coded event as the cluster engine sees it."""

    event_id: str
    doc_id: str
    event: str
    realised: str = "realised"
    mode: str | None = None
    pub_date: int | None = None  # ordinal day of the article's publication
    source: str | None = None
    article_group: str | None = None  # near-duplicate article group (store: articles.cluster_id)
    copies: int = 1  # articles that tell this report word for word or nearly (itself included)
    date: str | None = None
    date_precision: str | None = None  # day/week/month/year, or "fallback"
    lo: int | None = None
    hi: int | None = None
    place: Place | None = None
    actors: frozenset[str] = field(default_factory=frozenset)
    recipients: frozenset[str] = field(default_factory=frozenset)
    words: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)
    topic: frozenset[str] = field(default_factory=frozenset)  # what a meeting was about
    n_entities: int = 0  # actors + recipients coded with a country or a knowledge-base id
    confidence: float = 0.0
    mentions: int = 1
    # Derived from the keys (not serialised): what contradiction checks need, computed once.
    actor_view: PartyView = field(init=False, repr=False, compare=False)
    recipient_view: PartyView = field(init=False, repr=False, compare=False)
    _order: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.actor_view = party_view(self.actors)
        self.recipient_view = party_view(self.recipients)
        self._order = (
            self.pub_date if self.pub_date is not None else 10**9,
            self.place is None or self.place.rank < 2,
            self.source or "",
            self.doc_id,
            tuple(-float(x) for x in self.evidence_rank()),
            self.event_id,
        )

    # ------------------------------------------------------------------ derived
    @property
    def order(self) -> tuple[int, bool, str, str, tuple[float, ...], str]:
        """The canonical order: publication date, tellings that name a city or province before
        those that do not, source, article, then inside an article the best-evidenced first
        (``evidence_rank``: a lede with its date and place before a detail sentence with
        neither), then event id."""
        return self._order  # computed once: sorting and every comparison read it

    @property
    def countries(self) -> frozenset[str]:
        """Countries to block on: the place's, else the state actors' and recipients'."""
        if self.place is not None and self.place.country:
            return frozenset({self.place.country})
        codes = {k[2:] for k in self.actors | self.recipients if k.startswith("c:")}
        return frozenset(c for c in codes if _STATE_CODE.match(c) and c not in _NON_STATE)

    @property
    def date_rank(self) -> int:
        return DATE_RANK.get(self.date_precision, -1)

    def evidence_rank(self) -> tuple:
        """Higher is better evidenced (explicit date, precise place, coded participants...)."""
        return (
            self.date_rank >= DATE_RANK["month"],
            self.place.rank if self.place else -1,
            self.n_entities,
            self.date_rank,
            self.mentions,
            round(self.confidence, 3),
        )

    # ------------------------------------------------------------------ building
    @classmethod
    def from_event(
        cls,
        event: Event,
        *,
        pub_date: dt.date | str | None = None,
        source: str | None = None,
        article_group: str | None = None,
        copies: int = 1,
    ) -> Report:
        """A report of ``event``, told by an article of ``source`` published on ``pub_date``."""
        if isinstance(pub_date, str):
            pub_date = dt.date.fromisoformat(pub_date[:10]) if pub_date else None
        pub = pub_date.toordinal() if pub_date is not None else None
        precision: str | None = event.date_info.precision
        interval = _iso_interval(event.date, precision) if event.date else None
        if interval is not None and is_fallback(event):
            precision = "fallback"
            interval = (interval[1] - FALLBACK_LAG_DAYS, interval[1])
        if interval is None and pub is not None:
            precision, interval = "fallback", (pub - FALLBACK_LAG_DAYS, pub)
        loc = event.event_loc
        place = None
        if loc is not None and (loc.country_code or loc.geonameid or loc.lat is not None):
            place = Place(country=loc.country_code, admin1=loc.province, geonameid=loc.geonameid,
                          lat=loc.lat, lon=loc.lon, precision=loc.precision,
                          name=loc.resolved_place or loc.extracted_place)  # fmt: skip
        parties = event.actor + event.recipient
        return cls(
            event_id=event.id,
            doc_id=event.doc_id or event.id.split(":", 1)[0],
            event=event.event,
            realised=modality_class(event.modality),
            mode=event.mode,
            pub_date=pub,
            source=source,
            article_group=article_group,
            copies=max(1, copies),
            date=event.date,
            date_precision=precision,
            lo=interval[0] if interval else None,
            hi=interval[1] if interval else None,
            place=place,
            actors=_keys(event.actor),
            recipients=_keys(event.recipient),
            words=evidence_words(" ".join([event.text, *event.event_text])),
            names=proper_names(event.text) | _place_names(place),
            topic=evidence_words(topic_phrase(event.text) or ""),
            n_entities=sum(1 for e in parties if e.code or e.identifier_id),
            confidence=event.confidence,
            mentions=event.mentions,
        )

    # ------------------------------------------------------------------ (de)serialising
    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["actor_view"], data["recipient_view"], data["_order"]
        for key in ("actors", "recipients", "words", "names", "topic"):
            data[key] = sorted(data[key])
        data["place"] = asdict(self.place) if self.place else None
        return {k: v for k, v in data.items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        data = dict(data)
        for key in ("actors", "recipients", "words", "names", "topic"):
            data[key] = frozenset(data.get(key, ()))
        if data.get("place") is not None:
            data["place"] = Place(**data["place"])
        return cls(**data)


def reports_from_coded(
    coded: CodedArticle, *, article_group: str | None = None, copies: int = 1
) -> list[Report]:
    """The reports of one coded article (as ``Coder.code_article`` returns it)."""
    article = coded.article
    return [
        Report.from_event(
            e,
            pub_date=article.date,
            source=article.source,
            article_group=article_group,
            copies=copies,
        )
        for e in coded.events
    ]
