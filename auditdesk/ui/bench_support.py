"""Qt pieces of the benchmark harness (``auditdesk.bench.ops_gui``): the event-loop stall probe
and the main window it watches. They live in the UI layer because only ``auditdesk.ui`` imports
Qt; the harness above it drives them."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QSettings, QTimer


class StallProbe:
    def __init__(self) -> None:
        self.max_gap = 0.0
        self.where = ""
        self.step = ""
        self.gaps: list[tuple[float, str]] = []
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        gap = now - self.last
        if gap > 0.1:
            self.gaps.append((gap, self.step))
        if gap > self.max_gap:
            self.max_gap, self.where = gap, self.step
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.max_gap = 0.0
        self.gaps = []
        self.timer.start()


def open_probe_window(url: str) -> tuple[Any, Any, Any]:
    """(application, database, main window shown) on ``url``, as the app builds them."""
    from auditdesk.services.setup import open_database
    from auditdesk.ui import errors
    from auditdesk.ui.app import create_application, show_main_window

    app = create_application()
    db = open_database(url)
    errors.shown = []  # "Saved to …" messages are collected, not shown modally
    window = show_main_window(db, "system", QSettings())
    window.resize(1400, 900)
    return app, db, window


def audit_id(window: Any, audit_number: str) -> Any:
    """The audit's id (a user opens its Documents from the register row, which knows it)."""
    from auditdesk.services.audits import find_audit

    with window.ctx.session() as s:
        return find_audit(s, audit_number).id


def export_report(window: Any, audit_id: Any, target: Any) -> Any:
    """The report as a user exports it: the audit's Documents dialog, PDF, Chinese."""
    from auditdesk.ui.documents import DocumentsDialog

    dialog = DocumentsDialog(window.ctx, audit_id, window)
    dialog.select("report", "pdf", "zh")
    window._bench_documents = dialog  # kept alive until the job reports back
    return dialog.export(str(target))


def export_schedule(window: Any, year: int, target: Any) -> Any:
    """The annual schedule as the File menu and the Schedule page export it."""
    from auditdesk.ui import file_actions

    return file_actions.export_schedule(window.ctx, window, str(target), year=year, notify=False)
