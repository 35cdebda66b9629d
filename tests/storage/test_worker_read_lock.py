"""The dashboard's worker process reads without the write lock (issue 21): a dashboard being
built must not make a save, or the opening of an audit's workspace, wait for it."""

from __future__ import annotations

import datetime as dt
import sqlite3

from auditdesk.services.setup import open_database
from auditdesk.ui import worker_process


def test_the_dashboard_worker_runs_while_another_connection_writes(tmp_path):
    path = tmp_path / "office.sqlite3"
    url = f"sqlite:///{path}"
    open_database(url, create=True).close()
    writer = sqlite3.connect(path, timeout=0.1)
    writer.execute("BEGIN IMMEDIATE")  # a save in progress in another process
    try:
        figures = worker_process.run_target(
            url, "system", "auditdesk.ui.worker_process:dashboard", (dt.date(2026, 11, 21),)
        )
    finally:
        writer.rollback()
        writer.close()
    assert figures is not None


def test_only_reading_targets_are_read_only():
    assert "auditdesk.ui.worker_process:dashboard" in worker_process.READ_ONLY_TARGETS
    assert not any("export" in t or "import" in t for t in worker_process.READ_ONLY_TARGETS)
