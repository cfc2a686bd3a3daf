"""Event clusters: the reports of one real-world event, across articles and outlets.

Every coded event stays as it is (one per article); the cluster engine groups the events that
tell the same real-world event. See docs/clusters.md for the algorithm and its measured
precision and recall.

>>> from eventcoder.clusters import ClusterIndex, Report
>>> index = ClusterIndex()
>>> assignments = index.add_coded(coded_articles)          # doctest: +SKIP
>>> rows = cluster_rows(index)                              # doctest: +SKIP
"""

from __future__ import annotations

from .cluster import Cluster, cluster_id_for
from .index import Assignment, ClusterIndex
from .report import Place, Report, reports_from_coded
from .similarity import DEFAULT_THRESHOLD, score
from .store import SCHEMA_SQL, assignment_rows, cluster_rows, write_batch

__all__ = [
    "DEFAULT_THRESHOLD",
    "SCHEMA_SQL",
    "Assignment",
    "Cluster",
    "ClusterIndex",
    "Place",
    "Report",
    "assignment_rows",
    "cluster_id_for",
    "cluster_rows",
    "reports_from_coded",
    "score",
    "write_batch",
]
