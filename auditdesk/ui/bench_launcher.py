"""Bench-only launcher: start the desktop app as ``run_gui`` does, quit once the window is shown.

``python -m auditdesk.ui.bench_launcher DB`` prints ``SHOWN <epoch seconds>`` when the main
window has been shown and the event loop has run once (the first paint is queued then), and
exits. The harness measures from just before it spawned the process to that moment: process
start, imports, database open, every page built, first page of each register fetched.

It calls the app's own functions in run_gui's order (auditdesk.ui.app); only the demo offer
(which needs a person to answer) and the long-running event loop are left out.

``--bare`` is the floor: a bare PySide6 QMainWindow with an empty table, nothing else.
"""

from __future__ import annotations

import os
import sys
import time


def _report_and_quit(app: object) -> None:
    print(f"SHOWN {time.time():.6f}", flush=True)
    app.quit()  # type: ignore[attr-defined]


def launch_app(db: str) -> int:
    from PySide6.QtCore import QSettings, QTimer

    from auditdesk.ui import errors, i18n
    from auditdesk.ui.app import create_application, database_url, open_or_explain, show_main_window

    app = create_application()
    errors.install_excepthook()
    settings = QSettings()
    i18n.install_language(i18n.preferred_language(settings, None))
    database = open_or_explain(database_url(db))
    if database is None:
        return 1
    _window = show_main_window(
        database, os.environ.get("AUDITDESK_USER") or "system", settings
    )  # alive while the loop runs
    QTimer.singleShot(0, lambda: _report_and_quit(app))
    try:
        return int(app.exec())
    finally:
        database.close()


def launch_bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableWidget(200, 8))
    window.show()
    QTimer.singleShot(0, lambda: _report_and_quit(app))
    return int(app.exec())


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(launch_bare() if sys.argv[1] == "--bare" else launch_app(sys.argv[1]))
