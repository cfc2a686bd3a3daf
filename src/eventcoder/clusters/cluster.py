"""``Cluster``: the reports of one real-world event, and what they say together.

A cluster keeps its reports in the order they joined and an incrementally updated profile
(what a new report is compared with): its most precise place, its most precise date, the union
of its parties' keys and content words. Both "most precise" choices are a function of the set
of reports, not of the order they came in (ties go to the earliest report in the canonical
order), so a cluster rebuilt from stored assignments compares exactly like the original.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from .report import PartyView, Report
from .similarity import Profile


def cluster_id_for(event_id: str) -> str:
    """The id of a cluster founded by event ``event_id`` (deterministic, stable)."""
    return "evc-" + hashlib.blake2b(event_id.encode("utf-8"), digest_size=8).hexdigest()


def _better_place(a: Report, b: Report | None) -> bool:
    if b is None:
        return True
    ra = a.place.rank if a.place else -1
    rb = b.place.rank if b.place else -1
    return ra > rb or (ra == rb and a.order < b.order)


def _better_date(a: Report, b: Report | None) -> bool:
    if b is None:
        return True
    return a.date_rank > b.date_rank or (a.date_rank == b.date_rank and a.order < b.order)


def _better_evidence(a: Report, b: Report | None) -> bool:
    if b is None:
        return True
    ea, eb = a.evidence_rank(), b.evidence_rank()
    return ea > eb or (ea == eb and a.order < b.order)


def day(ordinal: int) -> dt.date:
    """The date of a day number, held inside the calendar: windows around 0001-01-01 or
    9999-12-31 reach past it."""
    return dt.date.fromordinal(min(max(ordinal, 1), dt.date.max.toordinal()))


def _iso(ordinal: int | None) -> str | None:
    return day(ordinal).isoformat() if ordinal is not None else None


_DATE_WORDS = {"day": "an explicit day", "week": "a week", "month": "a month",
               "year": "a year only", "fallback": "the publication date only"}  # fmt: skip


@dataclass
class Cluster:
    """One event cluster. Build with :meth:`found`, grow with :meth:`add`."""

    id: str
    members: list[Report] = field(default_factory=list)
    best_place: Report | None = None
    best_date: Report | None = None
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    actor_strong: set[str] = field(default_factory=set)
    actor_countries: set[str] = field(default_factory=set)
    actor_who: bool = False
    recipient_strong: set[str] = field(default_factory=set)
    recipient_countries: set[str] = field(default_factory=set)
    recipient_who: bool = False
    words: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    modes: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    last_day: int = -(10**9)
    lo_max: int | None = None  # latest start and earliest end of the reports' date intervals
    hi_min: int | None = None
    _profile: Profile | None = None

    @classmethod
    def found(cls, report: Report, cluster_id: str | None = None) -> Cluster:
        cluster = cls(id=cluster_id or cluster_id_for(report.event_id))
        cluster.add(report)
        return cluster

    def add(self, report: Report) -> None:
        self.members.append(report)
        if _better_place(report, self.best_place) and report.place is not None:
            self.best_place = report
        if _better_date(report, self.best_date):
            self.best_date = report
        self.actors |= report.actors
        self.recipients |= report.recipients
        av, rv = report.actor_view, report.recipient_view
        self.actor_strong |= av.strong
        self.actor_countries |= av.countries
        self.actor_who = self.actor_who or av.who
        self.recipient_strong |= rv.strong
        self.recipient_countries |= rv.countries
        self.recipient_who = self.recipient_who or rv.who
        self.words |= report.words
        self.names |= report.names
        self.topics |= report.topic
        if report.mode:
            self.modes.add(report.mode)
        if report.article_group:
            self.groups.add(report.article_group)
        self.docs.add(report.doc_id)
        if report.lo is not None and report.hi is not None and report.date_precision != "year":
            self.lo_max = report.lo if self.lo_max is None else max(self.lo_max, report.lo)
            self.hi_min = report.hi if self.hi_min is None else min(self.hi_min, report.hi)
        for day in (report.hi, report.pub_date):
            if day is not None:
                self.last_day = max(self.last_day, day)
        self._profile = None

    def interval(self) -> tuple[int | None, int | None]:
        """The days every dated report of the cluster allows: the intersection of their
        intervals (when the one day of slack left them apart, the days between)."""
        if self.lo_max is None or self.hi_min is None:
            when = self.best_date
            return (when.lo, when.hi) if when else (None, None)
        return (min(self.lo_max, self.hi_min), max(self.lo_max, self.hi_min))

    @property
    def founder(self) -> Report:
        return self.members[0]

    def profile(self) -> Profile:
        if self._profile is None:
            first = self.members[0]
            when = self.best_date
            lo, hi = self.interval()
            self._profile = Profile(
                event=first.event,
                realised=first.realised,
                place=self.best_place.place if self.best_place else None,
                lo=lo,
                hi=hi,
                day_precise=bool(when and when.date_precision == "day"),
                actors=self.actors,
                recipients=self.recipients,
                actor_view=PartyView(self.actor_strong, self.actor_countries, self.actor_who),
                recipient_view=PartyView(
                    self.recipient_strong, self.recipient_countries, self.recipient_who
                ),
                words=self.words,
                names=self.names,
                modes=self.modes,
                groups=self.groups,
                docs=self.docs,
                core_words=self.best().words,
                topics=self.topics,
                core_recipients=self.best().recipients,
            )
        return self._profile

    # ------------------------------------------------------------------ summary
    def best(self) -> Report:
        """The best-evidenced report (the representative)."""
        best: Report | None = None
        for report in self.members:
            if _better_evidence(report, best):
                best = report
        assert best is not None
        return best

    def representative(self) -> tuple[Report, str]:
        """The best-evidenced report, and the rule that chose it."""
        best = self.best()
        place = best.place.precision if best.place and best.place.precision else "no"
        reason = (
            f"best-evidenced of {len(self.members)} report(s): dated to "
            f"{_DATE_WORDS.get(best.date_precision or '', 'no date')}, {place} place, "
            f"{best.n_entities} coded participant(s), {best.mentions} mention(s) "
            "(rule: explicit date, then place precision, coded participants, date precision, "
            "mentions, confidence; ties to the earliest published)"
        )
        return best, reason

    def summary(self) -> dict[str, Any]:
        """Everything a ``clusters`` row holds (see :mod:`eventcoder.clusters.store`)."""
        rep, reason = self.representative()
        ordered = sorted(self.members, key=lambda r: r.order)
        pubs = [r.pub_date for r in ordered if r.pub_date is not None]
        sources = sorted({r.source for r in ordered if r.source})
        articles: dict[str, int] = {}
        for r in ordered:
            articles[r.doc_id] = max(articles.get(r.doc_id, 1), r.copies)
        los = [r.lo for r in ordered if r.lo is not None]
        his = [r.hi for r in ordered if r.hi is not None]
        place = self.best_place.place if self.best_place else None
        when = self.best_date
        return {
            "id": self.id,
            "event": rep.event,
            "mode": rep.mode,
            "founder": self.founder.event_id,
            "representative": rep.event_id,
            "representative_reason": reason,
            "n_reports": len(ordered),
            "n_articles": sum(articles.values()),
            "n_sources": len(sources),
            "sources": sources,
            "first_report": _iso(min(pubs)) if pubs else None,
            "last_report": _iso(max(pubs)) if pubs else None,
            "date": when.date if when else None,
            "date_precision": when.date_precision if when else None,
            "date_from": when.event_id if when else None,
            "place": place.name if place else None,
            "place_precision": place.precision if place else None,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "geonameid": place.geonameid if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "place_from": self.best_place.event_id if self.best_place else None,
            "day_from": _iso(min(los)) if los else None,
            "day_to": _iso(max(his)) if his else None,
            "reports": [r.event_id for r in ordered],
            "doc_ids": list(dict.fromkeys(r.doc_id for r in ordered)),
        }
