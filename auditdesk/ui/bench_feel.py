"""What a user feels, for the harness (issue 21, point 7): every event-loop gap, not only the
longest; typing with autosave in an audit's workspace; opening that workspace; scrolling a
register to its end; the soak (deep scroll and repeated repaints, ``sys.getrefcount(None)``).

The harness (``auditdesk.bench``) drives these; Qt stays in ``auditdesk.ui``.
"""

from __future__ import annotations

import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import PySide6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListWidget

TICK_MS = 10


@dataclass
class Gaps:
    """Every gap between ticks of a 10 ms timer, by step; a gap is a stall of the GUI thread."""

    values: list[float] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)

    def worst(self) -> float:
        return max(self.values, default=0.0)

    def where(self) -> str:
        return self.steps[self.values.index(self.worst())] if self.values else ""

    def p99(self) -> float:
        if not self.values:
            return 0.0
        ordered = sorted(self.values)
        return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]

    def summary(self) -> str:
        return (
            f"max {self.worst() * 1000:.0f} ms ({self.where()}), p99 {self.p99() * 1000:.0f} ms, "
            f"{sum(1 for v in self.values if v > 0.05)} gaps > 50 ms of {len(self.values)}"
        )


class GapProbe:
    def __init__(self) -> None:
        self.gaps = Gaps()
        self.step = ""
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.values.append(now - self._last)
        self.gaps.steps.append(self.step)
        self._last = now

    def start(self) -> None:
        self.gaps = Gaps()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> Gaps:
        self.timer.stop()
        return self.gaps


def pump(seconds: float) -> None:
    app = QApplication.instance()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()  # type: ignore[union-attr]
        time.sleep(0.002)


# ------------------------------------------------------------------ workspace
def open_workspace(db: Any, audit_id: uuid.UUID) -> tuple[Any, float]:
    """(the audit's workspace, seconds from constructing it to its first painted frame)."""
    from auditdesk.ui.workspace.workspace import AuditWorkspace

    t0 = time.perf_counter()
    ws = AuditWorkspace(db, audit_id)
    ws.resize(1366, 768)
    ws.show()
    QApplication.processEvents()
    ws.repaint()
    return ws, time.perf_counter() - t0


def first_item_with_evidence(ws: Any) -> bool:
    """Select the first clause whose list has an evidence item, and that item."""
    for number in list(ws.rows):
        ws.select_clause(number)
        QApplication.processEvents()
        if ws.items.count():
            ws.items.setCurrentRow(0)
            QApplication.processEvents()
            return ws.editor.isEnabled()
    return False


def type_key(widget: Any, ch: str) -> None:
    """One typed character: a key press for ASCII, the input method's commit for Chinese
    (as a pinyin IME delivers it)."""
    if ch.isascii():
        QTest.keyClicks(widget, ch)
        return
    event = QInputMethodEvent()
    event.setCommitString(ch)
    QApplication.sendEvent(widget, event)


@dataclass
class Typing:
    gaps: Gaps
    saves: int
    save_s: list[float]
    chars: int


def type_with_autosave(ws: Any, text: str, every_s: float = 0.08) -> Typing:
    """Type ``text`` into the selected item's description a key at a time (a fast typist,
    one key every 80 ms), letting autosave run as it does; then wait for the last save."""
    editor = ws.editor
    real = editor._save
    times: list[float] = []

    def timed(item_id: uuid.UUID, changes: dict[str, Any]) -> bool | None:
        # The GUI thread's share of a save: the workspace hands it to the job runner (None:
        # its answer comes later), so this is what typing waits for.
        t0 = time.perf_counter()
        try:
            return real(item_id, changes)
        finally:
            times.append(time.perf_counter() - t0)

    editor._save = timed
    probe = GapProbe()
    probe.step = "typing"
    probe.start()
    try:
        editor.description.setFocus()
        for ch in text:
            type_key(editor.description, ch)
            pump(every_s)
        probe.step = "last autosave"
        pump(1.5)
    finally:
        editor._save = real
    return Typing(probe.stop(), len(times), times, len(text))


# ------------------------------------------------------------------ deep scroll and soak
def scroll_to_end(widget: Any, limit_s: float = 900.0) -> int:
    """Scroll a register view to its very last row, as a user holding End does: the model
    fetches page by page in the background; the view keeps asking for more."""
    view, model = widget.view, widget.view.model()
    end = time.perf_counter() + limit_s
    while time.perf_counter() < end:
        view.scrollToBottom()
        pump(0.01)
        if model.rowCount() >= model.total and not model.loading and not model._fetching:
            break
    view.scrollToBottom()
    pump(0.05)
    return int(model.rowCount())


@dataclass
class Soak:
    rows: int
    repaints: int
    none_lost: int
    seconds: float
    gaps: Gaps


def soak(widget: Any, repaints: int) -> Soak:
    """Scroll ``widget``'s register to the end, then repaint its view ``repaints`` times (the
    event loop turning between them); ``none_lost`` is how far ``sys.getrefcount(None)`` fell
    over it all (the broken binding aborts at ~88 000)."""
    probe = GapProbe()
    probe.step = "deep scroll"
    before = sys.getrefcount(None)
    t0 = time.perf_counter()
    probe.start()
    rows = scroll_to_end(widget)
    probe.step = "repaint"
    viewport = widget.view.viewport()
    app = QApplication.instance()
    for _ in range(repaints):
        viewport.repaint()
        app.processEvents()  # type: ignore[union-attr]
    gaps = probe.stop()
    return Soak(rows, repaints, before - sys.getrefcount(None), time.perf_counter() - t0, gaps)


def bare_list_seconds(items: int) -> float:
    """The floor of ``workspace.open``: a bare QListWidget of ``items`` rows shown at
    1366×768 and painted once (the harness keeps Qt inside ``auditdesk.ui``)."""
    t0 = time.perf_counter()
    w = QListWidget()
    w.addItems([f"{i}. evidence" for i in range(items)])
    w.resize(1366, 768)
    w.show()
    w.repaint()
    seconds = time.perf_counter() - t0
    w.close()
    return seconds


def qt_binding_version() -> str:
    return str(PySide6.__version__)
