"""A real AuditDesk process typing into the evidence editor, for tests/ui/test_typing_kill.py.

    python -m tests.ui.typing_child DB_PATH CHARS INTERVAL_MS

Opens the audit workspace on a prepared database, types CHARS one key at a time every
INTERVAL_MS (without ever pausing long enough for the pause-save), and prints
``typed N`` after each key, flushed, so the parent knows what was typed when it kills us.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from auditdesk.services.setup import open_database
    from auditdesk.ui import errors, jobs
    from auditdesk.ui.context import AppContext
    from auditdesk.ui.workspace import AuditWorkspace

    db_path, chars, interval = sys.argv[1], sys.argv[2], int(sys.argv[3])
    app = QApplication([])
    database = open_database(f"sqlite:///{db_path}")
    errors.shown = []
    jobs.set_executor(jobs.SynchronousExecutor())
    jobs.set_session_factory(lambda: database.session())
    settings = QSettings(
        os.path.join(os.path.dirname(db_path), "s.ini"), QSettings.Format.IniFormat
    )
    ctx = AppContext(database, "system", settings)
    with open(os.path.join(os.path.dirname(db_path), "audit_id")) as f:
        import uuid

        audit_id = uuid.UUID(f.read().strip())
    ws = AuditWorkspace(ctx, audit_id)
    ws.resize(1300, 700)
    ws.show()
    ws.select_clause("5.1")
    ws.new_item()
    box = ws.editor.description
    box.setFocus()
    typed = 0

    def key() -> None:
        nonlocal typed
        if typed >= len(chars):
            return
        QTest.keyClicks(box, chars[typed])
        typed += 1
        os.write(1, f"typed {typed}\n".encode())

    timer = QTimer(interval=interval)
    timer.timeout.connect(key)
    timer.start()
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
