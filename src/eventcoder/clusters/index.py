"""``ClusterIndex``: incremental event clustering with blocking.

Each report is compared only with the live clusters of its blocks: same PLOVER type, same
country (its place's, else its state actors'), same bucket of days (``bucket_days`` wide,
every bucket its date interval touches). Reports with no country meet the clusters of their
type and buckets in any country. Within a batch the reports are taken in the canonical order
(publication date, source, article, event id); each one joins the best-scoring cluster at or
above the threshold that nothing contradicts, or founds a new one whose id is derived from its
own event id. A report may show that two clusters are one (it matches both, or its cluster now
matches a report of the other): they are merged into the one founded first, unless a report of
one contradicts the other.

What this guarantees (tested in ``tests/test_clusters.py``):

- a batch's result does not depend on the order of the reports inside it;
- adding reports already in the index changes nothing and returns their assignments;
- cluster ids are stable: re-running a batch, saving and loading, or rebuilding from stored
  assignments gives the same ids; an assignment changes only when its cluster is merged into
  an older one (``merged`` lists those of the last batch), and nothing is ever split;
- ``add(A); add(B)`` gives exactly what ``add(A + B)`` gives whenever every report of ``B``
  comes after every report of ``A`` in the canonical order (batches in publication order, the
  way news arrives). A late batch of older articles still joins the existing clusters, but may
  group differently than a single run would have.

Memory: with ``horizon_days`` set, clusters whose last report lies more than that many days
before the newest report seen are evicted (their assignments are final and stored); memory
then follows the number of events in the horizon, not the size of the store. A ``loader``
brings evicted clusters back when a batch reaches into their days.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..records import CodedArticle
from .cluster import Cluster
from .report import Report, reports_from_coded
from .similarity import (
    DEFAULT_THRESHOLD,
    SAME_PARTIES,
    assess,
    contradiction,
    party_score,
    place_score,
    score,
)

STATE_VERSION = 1
#: Contradictions that make two clusters two events a vague telling cannot choose between.
_APART = ("place", "date")

#: Loader of evicted clusters: ``(first_day, last_day)`` ordinals -> ``(cluster id, reports)``.
Loader = Callable[[int, int], Iterable[tuple[str, list[Report]]]]


class Assignment(NamedTuple):
    """Where one report went: its cluster, whether it founded it, its score when it joined."""

    event_id: str
    cluster_id: str
    founded: bool
    score: float | None


class ClusterIndex:
    """Incremental clustering of coded events into real-world events."""

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        bucket_days: int = 7,
        horizon_days: int | None = None,
        loader: Loader | None = None,
    ) -> None:
        if bucket_days < 1:
            raise ValueError("bucket_days must be at least 1")
        self.threshold = threshold
        self.bucket_days = bucket_days
        self.horizon_days = horizon_days
        self.loader = loader
        self.clusters: dict[str, Cluster] = {}
        self.assignments: dict[str, Assignment] = {}
        self.blocks: dict[tuple, set[str]] = {}
        self.cluster_keys: dict[str, set[tuple]] = {}
        #: Clusters the last ``add`` (or ``evict``) dropped: final, to be stored if not yet.
        self.evicted: list[Cluster] = []
        #: Clusters the last ``add`` merged into another: absorbed id -> surviving id (the
        #: store moves their ``event_clusters`` rows and drops their ``clusters`` row).
        self.merged: dict[str, str] = {}
        self.newest_day: int | None = None
        self.evicted_before: int | None = None

    def __len__(self) -> int:
        return len(self.clusters)

    # ------------------------------------------------------------------ blocking
    def _buckets(self, report: Report) -> list[int | None]:
        if report.lo is None or report.hi is None:
            return [None]
        b = self.bucket_days
        return list(range((report.lo - 1) // b, (report.hi + 1) // b + 1))

    def _register(self, cluster_id: str, report: Report) -> None:
        keys = self.cluster_keys.setdefault(cluster_id, set())
        countries = report.countries or {"?"}
        for bucket in self._buckets(report):
            for key in [(report.event, c, bucket) for c in countries] + [
                (report.event, "*", bucket)
            ]:
                if key not in keys:
                    keys.add(key)
                    self.blocks.setdefault(key, set()).add(cluster_id)

    def candidates(self, report: Report) -> set[str]:
        """Ids of the live clusters that share a block with ``report``."""
        found: set[str] = set()
        countries = report.countries
        for bucket in self._buckets(report):
            keys = [(report.event, c, bucket) for c in countries] + [(report.event, "?", bucket)]
            if not countries:
                keys = [(report.event, "*", bucket)]
            for key in keys:
                found |= self.blocks.get(key, set())
        return found

    # ------------------------------------------------------------------ adding
    def matches(
        self, report: Report, candidates: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, float]], list[str]]:
        """Clusters ``report`` may join (score at or above the threshold), best first; and
        the candidates it does not contradict (the only ones it can tie together)."""
        found: list[tuple[str, float]] = []
        open_: list[str] = []
        for cid in self.candidates(report) if candidates is None else candidates:
            value = assess(report, self.clusters[cid].profile())
            if value is None:
                continue
            open_.append(cid)
            if value >= self.threshold:
                found.append((cid, value))
        return sorted(found, key=lambda m: (-m[1], m[0])), sorted(open_)

    def _compatible(self, keep: Cluster, other: Cluster) -> bool:
        """Nothing in ``other`` contradicts ``keep`` (every report of it scores, none is None)."""
        profile = keep.profile()
        return all(contradiction(m, profile) is None for m in other.members)

    def _merge(self, keep: Cluster, other: Cluster) -> Cluster:
        """Merge two clusters into the one founded first (canonical order) and return it."""
        if other.founder.order < keep.founder.order:
            keep, other = other, keep
        for key in self.cluster_keys.pop(other.id, set()):
            block = self.blocks.get(key)
            if block is not None:
                block.discard(other.id)
                if not block:
                    del self.blocks[key]
        del self.clusters[other.id]
        self.merged[other.id] = keep.id
        for report in other.members:
            keep.add(report)
            self._register(keep.id, report)
            old = self.assignments[report.event_id]
            self.assignments[report.event_id] = old._replace(cluster_id=keep.id)
        for report in keep.members:
            old = self.assignments.get(report.event_id)
            if old is not None and old.cluster_id != keep.id:
                self.assignments[report.event_id] = old._replace(cluster_id=keep.id)
        return keep

    def _ambiguous(self, report: Report, found: list[tuple[str, float]], open_: list[str]) -> bool:
        """A telling that names no city or province fits two clusters that cannot be one
        event: two it may join whose places cannot be one (the same actors in two cities that
        day), or the one it would join and another of the same parties it does not contradict
        whose place or days contradict it (the same police in two provinces, the same students
        in one city on two days). Nothing in it says which it tells."""
        if not found or (report.place is not None and report.place.rank >= 2):
            return False
        best = self.clusters[found[0][0]]
        if len(found) >= 2:
            second = self.clusters[found[1][0]].profile().place
            if place_score(best.profile().place, second) is None:
                return True
        for cid in open_:
            other = self.clusters[cid]
            if other is best or party_score(report.actors, other.profile().actors) < SAME_PARTIES:
                continue
            if (contradiction(other.best(), best.profile()) in _APART
                    or contradiction(best.best(), other.profile()) in _APART):  # fmt: skip
                return True
        return False

    def _place(self, report: Report) -> Assignment:
        found, open_ = self.matches(report)
        if self._ambiguous(report, found, open_):  # abstain: found a cluster of its own
            found, open_ = [], []
        if not found:
            cluster = Cluster.found(report)
            if cluster.id in self.clusters:  # the same founding event id came back evicted
                cluster = self.clusters[cluster.id]
                cluster.add(report)
            self.clusters[cluster.id] = cluster
            assignment = Assignment(report.event_id, cluster.id, True, None)
        else:
            cluster = self.clusters[found[0][0]]
            cluster.add(report)
            assignment = Assignment(report.event_id, cluster.id, False, round(found[0][1], 4))
        self._register(cluster.id, report)
        self.assignments[report.event_id] = assignment
        # The report may tie other clusters of its blocks to this one (it matched them too, or
        # the grown cluster now matches one of their reports): merge those nothing contradicts.
        for cid in open_:
            other = self.clusters.get(cid)
            if other is None or other is cluster or not self._linked(cluster, other):
                continue
            if (
                self._compatible(cluster, other)
                and self._compatible(other, cluster)
                and not self._torn(cluster, other)
            ):
                cluster = self._merge(cluster, other)
        return self.assignments[report.event_id]

    def _torn(self, cluster: Cluster, other: Cluster) -> bool:
        """One of the two knows only the country and its representative also fits a cluster
        of another city: merging would guess which of the two it tells (see ``_ambiguous``)."""
        pair = [(c, d) for c, d in ((cluster, other), (other, cluster))
                if (c.best_place is None or c.best_place.place is None
                    or c.best_place.place.rank < 2)
                and d.best_place is not None and d.best_place.place is not None
                and d.best_place.place.rank >= 2]  # fmt: skip
        if not pair:
            return False
        vague, precise = pair[0]
        rep = vague.best()
        where = precise.best_place.place if precise.best_place else None
        for cid in self.candidates(rep):
            third = self.clusters.get(cid)
            if third is None or third is vague or third is precise:
                continue
            place = third.profile().place
            if place is None or place.rank < 2 or place_score(place, where) is not None:
                continue
            value = score(rep, third.profile())
            if value is not None and value >= self.threshold:
                return True
        return False

    def _linked(self, cluster: Cluster, other: Cluster) -> bool:
        """The representative of ``other`` (its best-evidenced report) scores at or above the
        threshold against ``cluster``. Not any one member: single-link chaining through a
        weak report (a detail sentence, a telling that gave only the country) would tie
        unrelated events together one bridge at a time."""
        value = score(other.best(), cluster.profile())
        return value is not None and value >= self.threshold

    def add(self, reports: Iterable[Report]) -> list[Assignment]:
        """Cluster a batch; returns one assignment per distinct report, in canonical order."""
        self.evicted = []
        self.merged = {}
        batch = {r.event_id: r for r in reports}
        ordered = sorted(batch.values(), key=lambda r: r.order)
        self._reload(ordered)
        for report in ordered:
            if report.event_id not in self.assignments:
                self._place(report)
            day = report.hi if report.hi is not None else report.pub_date
            if day is not None and (self.newest_day is None or day > self.newest_day):
                self.newest_day = day
        for gone, kept in list(self.merged.items()):  # A -> B and B -> C: A -> C
            while kept in self.merged:
                kept = self.merged[kept]
            self.merged[gone] = kept
        out = [self.assignments[r.event_id] for r in ordered]
        if self.horizon_days is not None:
            self.evict()
        return out

    def add_coded(
        self, articles: Iterable[CodedArticle], groups: Mapping[str, str] | None = None
    ) -> list[Assignment]:
        """Cluster the events of coded articles (``groups``: article id -> near-dup group)."""
        groups = groups or {}
        reports: list[Report] = []
        for coded in articles:
            reports += reports_from_coded(coded, article_group=groups.get(coded.article.id))
        return self.add(reports)

    # ------------------------------------------------------------------ memory
    def evict(self, before: int | None = None) -> list[str]:
        """Drop clusters whose last day is before ``before`` (default: newest - horizon);
        they are appended to ``evicted`` (cleared by each ``add``)."""
        if before is None:
            if self.horizon_days is None or self.newest_day is None:
                return []
            before = self.newest_day - self.horizon_days
        gone = [cid for cid, c in self.clusters.items() if c.last_day < before]
        for cid in gone:
            cluster = self.clusters.pop(cid)
            self.evicted.append(cluster)
            for key in self.cluster_keys.pop(cid, set()):
                block = self.blocks.get(key)
                if block is not None:
                    block.discard(cid)
                    if not block:
                        del self.blocks[key]
            for report in cluster.members:
                self.assignments.pop(report.event_id, None)
        if gone:
            self.evicted_before = max(before, self.evicted_before or before)
        return gone

    def _reload(self, ordered: list[Report]) -> None:
        if self.loader is None or self.evicted_before is None:
            return
        days = [r.lo for r in ordered if r.lo is not None and r.lo < self.evicted_before + 1]
        if not days:
            return
        lo = min(days) - self.bucket_days
        for cluster_id, members in self.loader(lo, self.evicted_before + self.bucket_days):
            self.restore(cluster_id, members)

    def restore(self, cluster_id: str, members: Iterable[Report]) -> None:
        """Bring back (or build) cluster ``cluster_id`` from its reports, without matching."""
        cluster = self.clusters.get(cluster_id) or Cluster(id=cluster_id)
        for report in sorted(members, key=lambda r: r.order):
            if report.event_id in self.assignments:
                continue
            cluster.add(report)
            self._register(cluster_id, report)
            founded = report.event_id == cluster.founder.event_id
            self.assignments[report.event_id] = Assignment(
                report.event_id, cluster_id, founded, None
            )
        if cluster.members:
            self.clusters[cluster_id] = cluster

    # ------------------------------------------------------------------ state
    @classmethod
    def from_assignments(
        cls, reports: Iterable[Report], assignments: Mapping[str, str], **kwargs: Any
    ) -> ClusterIndex:
        """Rebuild an index from stored reports and their ``event_id -> cluster_id``."""
        index = cls(**kwargs)
        grouped: dict[str, list[Report]] = {}
        for report in reports:
            cid = assignments.get(report.event_id)
            if cid is not None:
                grouped.setdefault(cid, []).append(report)
        for cid in sorted(grouped):
            index.restore(cid, grouped[cid])
            for report in grouped[cid]:
                day = report.hi if report.hi is not None else report.pub_date
                if day is not None and (index.newest_day is None or day > index.newest_day):
                    index.newest_day = day
        return index

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "threshold": self.threshold,
            "bucket_days": self.bucket_days,
            "horizon_days": self.horizon_days,
            "newest_day": self.newest_day,
            "evicted_before": self.evicted_before,
            "clusters": [
                {
                    "id": cid,
                    "reports": [r.to_dict() for r in self.clusters[cid].members],
                    "joined": [
                        list(self.assignments[r.event_id][2:]) for r in self.clusters[cid].members
                    ],
                }
                for cid in sorted(self.clusters)
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], loader: Loader | None = None) -> ClusterIndex:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"cluster state version {data.get('version')!r} is not supported")
        index = cls(threshold=data["threshold"], bucket_days=data["bucket_days"],
                    horizon_days=data.get("horizon_days"), loader=loader)  # fmt: skip
        for item in data["clusters"]:
            cluster = Cluster(id=item["id"])
            joined = item.get("joined") or [[None, None]] * len(item["reports"])
            for raw, (founded, value) in zip(item["reports"], joined, strict=True):
                report = Report.from_dict(raw)  # in joining order: the founder first
                cluster.add(report)
                index._register(cluster.id, report)
                if founded is None:
                    founded = report.event_id == cluster.founder.event_id
                index.assignments[report.event_id] = Assignment(
                    report.event_id, cluster.id, bool(founded), value
                )
            index.clusters[cluster.id] = cluster
        index.newest_day = data.get("newest_day")
        index.evicted_before = data.get("evicted_before")
        return index

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict()), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path, loader: Loader | None = None) -> ClusterIndex:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")), loader=loader)

    # ------------------------------------------------------------------ reading
    def summaries(self) -> list[dict[str, Any]]:
        """One summary per live cluster (see ``Cluster.summary``), by cluster id."""
        return [self.clusters[cid].summary() for cid in sorted(self.clusters)]

    def labels(self) -> dict[str, str]:
        """``event_id -> cluster_id`` for every live report."""
        return {eid: a.cluster_id for eid, a in self.assignments.items()}
