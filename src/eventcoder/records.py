"""Typed records that flow out of the coder.

Field names follow the PLOVER JSON specification where it has one (``id``, ``date``,
``actor``, ``recipient``, ``event``, ``mode``, ``context``, ``event_loc``, ``event_text``,
``quad_code``, ``event_scale``, ``text``); everything else is a documented eventcoder
extension (see ``docs/schema.md``). Every coded field carries its evidence: the text it
came from with character offsets into the article, and a ``reason`` saying how the value
was chosen, or why it was left empty.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Modality = Literal[
    "asserted",
    "negated",
    "future",
    "called-for",
    "hypothetical",
    "historical",
    "reported-unconfirmed",
]

MODALITIES: tuple[str, ...] = get_args(Modality)
Salience = Literal["main", "background"]

#: Modalities that describe something that did not (or not yet, or not verifiably) happen.
UNREALISED_MODALITIES = frozenset({"negated", "hypothetical", "reported-unconfirmed"})

DatePrecision = Literal["day", "week", "month", "year"]
PlacePrecision = Literal["city", "admin1", "country", "region"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Article(_Record):
    """One news article: the unit the coder reads."""

    id: str = Field(description="Identifier, unique within a corpus.")
    text: str
    title: str | None = None
    date: dt.date | None = Field(None, description="Publication date.")
    source: str | None = None
    url: str | None = None
    language: str | None = None


class TextSpan(_Record):
    """A piece of the article text with its character offsets (``text == article[start:end]``)."""

    text: str
    start: int
    end: int


class Entity(_Record):
    """One actor or recipient member (PLOVER entity object, extended)."""

    entity_text: str = Field(description="The mention as written in the text.")
    start: int | None = None
    end: int | None = None
    name: str | None = Field(
        None, description="Canonical name (knowledge base or longest mention)."
    )
    code: str | None = Field(
        None, description="Country (ISO-3166 alpha-3) or PLOVER non-state code (IGO, UNO, NGO...)."
    )
    sector: str | None = Field(None, description="Primary PLOVER sector code (GOV, MIL, REL...).")
    other_sectors: list[str] = Field(default_factory=list)
    identifier_id: str | None = Field(
        None, description="Knowledge-base id (Wikidata QID when known)."
    )
    office: str | None = Field(None, description="Role or title read from the text.")
    reason: str | None = Field(None, description="How country and sector were decided.")
    confidence: float | None = None


class Location(_Record):
    """Where the event happened (PLOVER location object, extended)."""

    extracted_place: str | None = None
    start: int | None = None
    end: int | None = None
    resolved_place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    province: str | None = Field(None, description="Admin-1 name or code.")
    country_code: str | None = Field(None, description="ISO-3166 alpha-3.")
    precision: PlacePrecision | None = None
    reason: str


PlaceUse = Literal["name", "adjectival"]


class PlaceMention(Location):
    """A place the article mentions (``Document.places``, ``eventcoder places``): where it is,
    and how the text refers to it. An event's place (``event_loc``) is a plain ``Location``."""

    use: PlaceUse = Field(
        "name",
        description="'name': the place's name ('in Aleppo', 'the Gaza border'); 'adjectival': "
        "a country's or region's adjective describing a place or what stands there ('the "
        "Syrian capital', 'the Romanian market'), at country or region precision, never an "
        "event's place.",
    )


class EventDate(_Record):
    """How the event's date was resolved."""

    value: str | None = Field(
        None, description="ISO date: YYYY-MM-DD, YYYY-MM or YYYY (week precision: its Monday)."
    )
    precision: DatePrecision | None = None
    text: str | None = Field(None, description="The temporal expression, if any.")
    start: int | None = None
    end: int | None = None
    reason: str


class Event(_Record):
    """One coded event."""

    id: str
    doc_id: str | None = None
    date: str | None = Field(None, description="Resolved date (ISO; may be YYYY-MM or YYYY).")
    date_info: EventDate
    event: str = Field(description="One of the 16 PLOVER event types.")
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo: str | None = Field(None, description="CAMEO code (root or 3-4 digits).")
    quad_code: int | None = Field(
        None,
        description="1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict.",
    )
    quad_class: str | None = None
    event_scale: float | None = Field(None, description="PLOVER conflict-cooperation score.")
    actor: list[Entity] = Field(default_factory=list)
    recipient: list[Entity] = Field(default_factory=list)
    modality: Modality = "asserted"
    modality_cue: TextSpan | None = None
    salience: Salience = Field(
        "main",
        description="'main': the event the sentence reports; 'background': told in a "
        "subordinate clause on the way (reason in reasons['salience']).",
    )
    event_loc: Location | None = None
    event_text: list[str] = Field(default_factory=list, description="Trigger words.")
    triggers: list[TextSpan] = Field(default_factory=list)
    text: str = Field(description="The sentence the event was coded from.")
    sentence_start: int
    sentence_end: int
    sentence_index: int
    confidence: float
    detector: str = Field(description="Name of the detector that proposed the event.")
    mentions: int = Field(1, description="How many times the article tells this event.")
    other_sentences: list[TextSpan] = Field(
        default_factory=list, description="Further sentences merged into this event."
    )
    reasons: dict[str, str] = Field(
        default_factory=dict, description="Why a field fell back to a default or stayed empty."
    )

    def to_json(self) -> dict:
        return self.model_dump(mode="json")


class CodedArticle(_Record):
    """An article with its events and the cleaning decisions made on it."""

    article: Article
    events: list[Event]
    dropped: list[TextSpan] = Field(
        default_factory=list, description="Text the cleaner set aside (boilerplate, repeated lede)."
    )
    dateline: TextSpan | None = None
