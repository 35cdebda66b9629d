"""What the harness measures: an operation, its floor, its target; and a result line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Context:
    """The database under test and what the generator wrote about it."""

    db: Path
    meta: dict[str, Any]
    work: Path  # scratch folder for exported files

    @property
    def url(self) -> str:
        return "sqlite:///" + str(self.db.resolve())

    @property
    def today(self) -> dt.date:
        return dt.date.fromisoformat(self.meta.get("today") or dt.date.today().isoformat())

    @property
    def report_audit(self) -> str:
        return str(self.meta.get("report_audit") or "")

    @classmethod
    def load(cls, db: Path, work: Path) -> Context:
        from auditdesk.bench.generator import metadata_path

        side = metadata_path(db)
        meta = json.loads(side.read_text(encoding="utf-8")) if side.exists() else {}
        return cls(db, meta, work)


class Unavailable(Exception):
    """The feature an operation measures is not in this build (yet)."""


@dataclass
class Operation:
    name: str
    description: str
    setup: Callable[[Context], Any]
    run: Callable[[Any], Any]
    floor_setup: Callable[[Any], Any]
    floor: Callable[[Any], Any] | None
    # ("lt", seconds) median below; ("ratio", r) median/floor at most r; None: reported only
    target: tuple[str, float] | None = None
    repeat: int = 5
    memory_limit_mb: float | None = None  # the 400 MB target of exports and the GUI
    subprocess_timed: bool = False  # the child measures whole processes (cold start)


@dataclass
class Result:
    operation: str
    median_s: float | None
    floor_s: float | None
    ratio: float | None
    peak_rss_mb: float | None
    runs: list[float] = field(default_factory=list)
    floor_runs: list[float] = field(default_factory=list)
    target: str = ""
    met: bool | None = None
    note: str = ""
    first_s: float | None = None
    cpu_s: float | None = None
    floor_cpu_s: float | None = None

    def judge(self, op: Operation) -> None:
        checks: list[bool] = []
        parts: list[str] = []
        if op.target is not None and self.median_s is not None:
            kind, value = op.target
            if kind == "lt":
                parts.append(f"< {value * 1000:.0f} ms" if value < 1 else f"< {value:g} s")
                checks.append(self.median_s < value)
            elif kind == "ratio" and self.ratio is not None:
                parts.append(f"<= {value:g}x floor")
                checks.append(self.ratio <= value)
        if op.memory_limit_mb is not None and self.peak_rss_mb is not None:
            parts.append(f"< {op.memory_limit_mb:.0f} MB")
            checks.append(self.peak_rss_mb < op.memory_limit_mb)
        self.target = ", ".join(parts)
        self.met = all(checks) if checks else None
