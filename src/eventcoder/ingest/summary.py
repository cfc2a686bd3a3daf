"""What one ingest run did (``IngestSummary``; ``render()`` gives the text the CLI prints)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class IngestSummary:
    """What one ingest run did. ``render()`` gives the text the CLI prints."""

    read: int = 0
    new: int = 0
    already_stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    events: int = 0
    skipped: Counter = field(default_factory=Counter)
    warnings: int = 0
    logged: int = 0
    interrupted: bool = False
    seconds: float = 0.0
    load_seconds: float = 0.0
    code_seconds: float = 0.0
    store_seconds: float = 0.0
    store_wait_seconds: float = 0.0
    store_cpu_seconds: float = 0.0
    code_cpu_seconds: float = 0.0
    total: int | None = None
    clustered: int = 0
    clusters_joined: int = 0
    cluster_seconds: float = 0.0

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def done(self) -> int:
        """Records dealt with (read, whatever became of them)."""
        return self.read

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["skipped"] = dict(self.skipped)
        out["skipped_total"] = self.skipped_total
        out["articles_per_second"] = round(self.rate, 2)
        for key in (
            "seconds",
            "load_seconds",
            "code_seconds",
            "store_seconds",
            "store_wait_seconds",
            "store_cpu_seconds",
            "code_cpu_seconds",
            "cluster_seconds",
        ):
            out[key] = round(out[key], 3)
        return out

    def render(self) -> str:
        lines = [
            f"read {self.read} record(s) in {self.seconds:.1f} s ({self.rate:.1f}/s)"
            + (" — interrupted: run the same command again to resume" if self.interrupted else ""),
            f"  coded and stored   {self.new} article(s), {self.events} event(s)",
            f"  already in store   {self.already_stored}",
            f"  duplicates linked  {self.exact_duplicates} exact, {self.near_duplicates} near"
            " (coded once, counted as reports)",
            f"  skipped            {self.skipped_total}"
            + (
                " (" + ", ".join(f"{why}: {n}" for why, n in sorted(self.skipped.items())) + ")"
                if self.skipped
                else ""
            ),
        ]
        if self.clustered:
            lines.append(
                f"  event clusters     {self.clustered} event(s) clustered, "
                f"{self.clusters_joined} joined a stored cluster ({self.cluster_seconds:.1f} s)"
            )
        if self.warnings:
            lines.append(f"  warnings           {self.warnings}")
        if self.skipped or self.warnings:
            lines.append("  (each one is in the store's log: eventcoder query errors --db ...)")
        if self.seconds:
            lines.append(
                f"  time: model load {self.load_seconds:.1f} s, coding {self.code_seconds:.1f} s, "
                f"store writes {self.store_seconds:.1f} s in the background"
                f" ({100 * self.store_seconds / self.seconds:.1f}%; coding waited "
                f"{self.store_wait_seconds:.1f} s for them)"
            )
        return "\n".join(lines)


Progress = Callable[[IngestSummary], None]
