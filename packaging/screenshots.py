"""Screenshots of every page of the real app for the README and for looking at them.

    python packaging/screenshots.py DEMO_DB OUT_DIR [--lang zh_CN] [--audit 2026-0005]

Opens DEMO_DB (``auditdesk demo --db DEMO_DB``) as the demo's admin, in the given language,
on the offscreen platform (or Xvfb when ``QT_QPA_PLATFORM=xcb``), with the main window at a
1366×768 laptop's usable size (1366×728), and saves ``page_<name>.png`` for every page,
``workspace.png`` (the audit's workspace on clause 7.1.5) and ``planning.png`` (the planning
dialog changing that audit, 1280×690 as it opens).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("out")
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--audit", default="2026-0005")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from sqlalchemy import select

    from auditdesk.model import Audit
    from auditdesk.services.setup import open_database
    from auditdesk.ui import i18n, jobs
    from auditdesk.ui.app import create_application
    from auditdesk.ui.context import AppContext
    from auditdesk.ui.main_window import PAGES, MainWindow
    from auditdesk.ui.planning_dialog import PlanningDialog
    from auditdesk.ui.workspace import AuditWorkspace

    app = create_application([])
    i18n.install_language(args.lang)
    db = open_database(f"sqlite:///{args.db}")
    jobs.set_executor(jobs.SynchronousExecutor())
    jobs.set_session_factory(lambda: db.session())
    settings = QSettings(str(out / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(db, "admin", settings)

    def settle(n: int = 20) -> None:
        for _ in range(n):
            app.processEvents()

    window = MainWindow(ctx)
    window.resize(1366, 728)
    window.show()
    settle()
    for name in PAGES:
        page = window.show_page(name)
        if name == "dashboard":
            page.refresh()  # type: ignore[attr-defined]
        reg = window.registers.get(name)
        if reg is not None and reg.model.rowCount() > 0:
            reg.view.selectRow(0)
        settle()
        window.grab().save(str(out / f"page_{name}.png"))
    with db.session() as s:
        audit_id = s.scalar(select(Audit.id).where(Audit.number == args.audit))
    if audit_id is None:
        print(f"no audit {args.audit}", file=sys.stderr)
        return 1
    ws = AuditWorkspace(ctx, audit_id)
    ws.resize(1366, 728)
    ws.show()
    settle()
    ws.select_clause("7.1.5")
    settle()
    ws.grab().save(str(out / "workspace.png"))
    dialog = PlanningDialog(ctx, None, window, audit_id=audit_id)
    dialog.show()
    settle()
    dialog.grab().save(str(out / "planning.png"))
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
