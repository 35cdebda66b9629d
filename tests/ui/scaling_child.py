"""An AuditDesk process at 125 % scaling, for tests/ui/test_scaling_125.py.

    python -m tests.ui.scaling_child DB_PATH OUT_DIR LANG

``QT_SCALE_FACTOR`` must be set before the QApplication exists, so the parent test runs this
in a process of its own. For each laptop screen (1366×768 and 1280×720 physical pixels, less a
Windows 11 taskbar of 40 and a title bar of 32 logical pixels) it sets the main window to the
logical usable size and prints, as one JSON line per screen and widget, the minimum size Qt
needs for every page, the audit workspace and each dialog (planning a new audit, changing a
planned one, users, Excel import, merge conflicts); it saves screenshots (physical pixels) of
the dashboard and the planning dialog at 1366×768 into OUT_DIR.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_SCALE_FACTOR"] = "1.25"

SCREENS = ((1366, 768), (1280, 720))
TASKBAR, TITLE = 40, 32  # logical pixels (Windows 11), as in tests/ui/test_laptop_fit.py


def usable(screen: tuple[int, int]) -> tuple[int, int]:
    return int(screen[0] / 1.25), int(screen[1] / 1.25) - TASKBAR - TITLE


def report(what: str, screen, widget) -> None:
    hint = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    line = {
        "what": what,
        "screen": list(screen),
        "usable": list(usable(screen)),
        "min": [hint.width(), hint.height()],
        "size": [widget.width(), widget.height()],
        "dpr": widget.devicePixelRatioF(),
    }
    print(json.dumps(line), flush=True)


def main() -> None:
    import uuid

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from auditdesk.services.setup import open_database
    from auditdesk.ui import errors, i18n, jobs
    from auditdesk.ui.app import create_application
    from auditdesk.ui.context import AppContext

    db_path, out_dir, lang = sys.argv[1], sys.argv[2], sys.argv[3]
    app = create_application([])
    i18n.install_language(lang)
    database = open_database(f"sqlite:///{db_path}")
    errors.shown = []
    jobs.set_executor(jobs.SynchronousExecutor())
    jobs.set_session_factory(lambda: database.session())
    settings = QSettings(os.path.join(out_dir, f"s_{lang}.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(database, "system", settings)
    ids = json.loads(open(os.path.join(os.path.dirname(db_path), "ids.json")).read())
    audit_id, cert_id = uuid.UUID(ids["audit"]), uuid.UUID(ids["cert"])

    from auditdesk.ui.conflicts import ConflictsDialog
    from auditdesk.ui.import_dialog import ImportDialog
    from auditdesk.ui.main_window import PAGES, MainWindow
    from auditdesk.ui.planning_dialog import PlanningDialog
    from auditdesk.ui.users_page import UsersDialog
    from auditdesk.ui.workspace import AuditWorkspace

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    window = MainWindow(ctx)
    window.show()
    workspace = AuditWorkspace(ctx, audit_id)
    workspace.show()
    dialogs = {
        "planning_new": PlanningDialog(ctx, cert_id, window),
        "planning_change": PlanningDialog(ctx, None, window, audit_id=audit_id),
        "users": UsersDialog(ctx, window),
        "import": ImportDialog(database, "system", window, "certificates"),
        "conflicts": ConflictsDialog(database, "system", window),
    }
    for screen in SCREENS:
        width, height = usable(screen)
        window.resize(width, height)
        for name in PAGES:
            window.show_page(name)
            settle()
            report(f"page:{name}", screen, window)
            if screen == SCREENS[0] and name in ("dashboard", "schedule", "settings"):
                window.grab().save(os.path.join(out_dir, f"{lang}_{name}_125.png"))
        workspace.resize(width, height)
        settle()
        report("workspace", screen, workspace)
        for name, dialog in dialogs.items():
            dialog.show()
            dialog.resize(min(dialog.width(), width), min(dialog.height(), height))
            settle()
            report(f"dialog:{name}", screen, dialog)
            if screen == SCREENS[0] and name == "planning_new":
                dialog.grab().save(os.path.join(out_dir, f"{lang}_planning_125.png"))
            dialog.hide()
    window.close()
    workspace.close()
    database.close()
    QApplication.quit()


if __name__ == "__main__":
    main()
