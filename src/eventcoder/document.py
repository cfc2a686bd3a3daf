"""The working document that flows through the pipeline stages.

Like spaCy's ``Doc``, one object carries every annotation; stages add to it and never copy
it. All offsets are character offsets into ``article.text`` (the text as the user gave it):
the cleaner never rewrites the text, it only marks which regions to read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .records import Article, Entity, Event, EventDate, Location, PlaceMention, TextSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from .detect.lexicon import Lexicon, Sense


@dataclass
class Segment:
    """A region of the article that the cleaner keeps (usually one paragraph)."""

    start: int
    end: int
    doc: Doc | None = None  # spaCy parse of article.text[start:end]


@dataclass
class Sentence:
    """One sentence of a kept segment, with its place in the article."""

    index: int
    segment: Segment
    span: Span

    @property
    def start(self) -> int:
        return self.segment.start + self.span.start_char

    @property
    def end(self) -> int:
        return self.segment.start + self.span.end_char

    @property
    def text(self) -> str:
        return self.span.text

    def char(self, token: Token) -> int:
        """Article offset of a token's first character."""
        return self.segment.start + token.idx

    def text_span(self, first: Token, last: Token | None = None) -> TextSpan:
        """Evidence for tokens ``first..last`` (inclusive) as a ``TextSpan`` in article offsets."""
        last = last or first
        doc = first.doc
        span = doc[first.i : last.i + 1]
        return TextSpan(
            text=span.text,
            start=self.segment.start + span.start_char,
            end=self.segment.start + span.end_char,
        )


@dataclass
class ArgumentSpan:
    """A stretch of tokens that fills an actor or recipient slot, before coding."""

    tokens: list[Token]  # the head token first, then the rest of the phrase in order
    role: str  # "actor" | "recipient"
    reason: str  # how the slot was filled ("subject of 'called'", "by-agent of passive")
    # a place that is a party and also where the event happened: "covered" for an area a
    # measure covers (its people), "aimed" for another place aimed at (detect/aimed.py),
    # "state" for the state an arrest was made in (detect/doers.py); "" for no such place
    place: str = ""
    # a co-doer of a joint act coded as its recipient ("X and Y signed a deal": Y, the other
    # party), set where the dyad is split; later rules treat it as no recipient of their own
    other_party: bool = False

    @property
    def head(self) -> Token:
        return self.tokens[0]


@dataclass(frozen=True)
class Vote:
    """What the learned classifier said of a sentence: its label, that label's probability,
    the probability of no event, and every class's probability."""

    label: str
    prob: float
    p_none: float
    probs: dict[str, float]


@dataclass
class Candidate:
    """An event proposed by a detector and completed by the later stages."""

    sentence: Sentence
    event: str
    mode: str | None
    cameo: str | None
    triggers: list[Token]
    detector: str
    confidence: float
    modality: str = "asserted"
    modality_cue: Token | None = None
    salience: str = "main"  # or "background": see detect.salience
    actor_args: list[ArgumentSpan] = field(default_factory=list)
    recipient_args: list[ArgumentSpan] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    # Filled by later stages.
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    event_loc: Location | None = None
    date: EventDate | None = None
    reasons: dict[str, str] = field(default_factory=dict)
    merged: list[Candidate] = field(default_factory=list)
    # Hand-offs from detect to modality.
    #: The lexicon sense the rule detector matched (what is asked for, speech-only...).
    sense: Sense | None = None
    #: Who a call or demand is addressed to ("urged supporters to ..."), not its target.
    addressees: list[ArgumentSpan] = field(default_factory=list)
    #: Token index of the REQUEST trigger this event is asked for under ("a call for talks").
    requested_by: int | None = None
    #: Why modality left the candidate out (set: the candidate is dropped).
    drop_reason: str | None = None
    #: The learned detector's vote for its own candidates (``eventcoder.learn``).
    vote: Vote | None = None

    @property
    def trigger(self) -> Token:
        return self.triggers[0]


@dataclass
class Document:
    """An article under analysis."""

    article: Article
    segments: list[Segment] = field(default_factory=list)
    dropped: list[TextSpan] = field(default_factory=list)
    dateline: TextSpan | None = None
    dateline_place: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    # Article-level annotations shared between stages (entity mentions, places, dates...).
    entities: list[Entity] = field(default_factory=list)
    #: Every place mention: names and adjectival uses (``PlaceMention.use``).
    places: list[PlaceMention] = field(default_factory=list)
    #: The lexicon ``detect`` used, for ``modality`` (the detect -> modality hand-off).
    lexicon: Lexicon | None = None
    #: The learned detector ``detect`` ran beside the rules, if any (``eventcoder.learn``).
    learned: Any | None = None
    #: The coded events, set by ``finalize``.
    events: list[Event] = field(default_factory=list)
    #: Names the places stage left out on purpose, ``(start, end, text, why)`` (for evaluation).
    places_excluded: list[tuple[int, int, str, str]] = field(default_factory=list)
    #: ``(start, seconds)`` of the time budget of the article being coded (``Pipeline``).
    budget: tuple[float, float] | None = None
    #: Room for a user's own stages (the shipped stages never use it).
    user_data: dict[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def pub_date(self) -> dt.date | None:
        return self.article.date

    def sentence_at(self, offset: int) -> Sentence | None:
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None
