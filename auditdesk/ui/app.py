"""Starting the desktop app: QApplication, CJK font, language, database, demo offer, window.

``run_gui(db, lang)`` is what ``auditdesk`` (no subcommand) calls.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from auditdesk.storage.database import Database

ORGANISATION = "AuditDesk"
APPLICATION = "AuditDesk"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with AuditDesk's names, high-DPI policy and the CJK fallback font."""
    from auditdesk.ui import i18n, palette

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    i18n.register_cjk_font(app)
    palette.follow_palette_changes()  # Windows dark mode switched while AuditDesk runs
    return app


def database_url(db: str | None) -> str:
    from auditdesk.paths import default_database_path

    target = db or os.environ.get("AUDITDESK_DB") or str(default_database_path())
    return target if "://" in target else f"sqlite:///{target}"


def open_or_explain(url: str) -> Database | None:
    """Open the database; on an environment error show what to do and return None."""
    from auditdesk.services.setup import open_database
    from auditdesk.ui.errors import show_error

    try:
        return open_database(url, create=True)
    except Exception as exc:  # noqa: BLE001 — opening failed for any reason: shown to the user, who picks again
        show_error(exc)
        return None


def offer_demo(db: Database, parent: Any = None, ask: Any = None, on_done: Any = None) -> bool:
    """An empty database (no organisations): offer to fill it with demo data, built in the
    background; ``on_done()`` runs when it is there."""
    from auditdesk.services import demo as demo_service
    from auditdesk.services.clients import count_organisations

    if not hasattr(demo_service, "build_demo"):
        return False
    with db.session() as s:
        if count_organisations(s):
            return False
    question = QCoreApplication.translate(
        "App",
        "This database is empty.\n\nLoad demonstration data (clients, certificates, audits, "
        "nonconformities) to explore AuditDesk?",
    )
    if ask is None:
        answer = QMessageBox.question(
            parent, QCoreApplication.translate("App", "Demo data"), question
        )
        yes = answer == QMessageBox.StandardButton.Yes
    else:
        yes = bool(ask(question))
    if not yes:
        return False
    from auditdesk.ui.jobs import run_job

    def build(job: Any) -> None:
        with job.session() as s:
            demo_service.build_demo(s)

    run_job(
        build,
        lambda _r: on_done() if on_done is not None else None,
        None,
        QCoreApplication.translate("App", "Building demo data…"),
        parent=parent,
        write=True,
        session_factory=lambda: db.session(),
    )
    return True


def sign_in(db: Database, settings: QSettings) -> str | None:
    """Who works in this window: always the sign-in dialog (``auditdesk.ui.signin``: first
    admin account on a new database, a remembered token, else name and password). There is
    no environment variable or settings entry that skips it. None = the user cancelled."""
    from auditdesk.ui.signin import sign_in as sign_in_dialog

    result = sign_in_dialog(db, settings)
    return None if result is None else str(result)


SMOKE_SCREENSHOT = "AUDITDESK_SMOKE_SCREENSHOT"


def smoke_sign_in(db: Database) -> str | None:
    """The bundle's smoke test (packaging/smoke.sh) opens the main window with no one at the
    keyboard: it signs in with ``$AUDITDESK_SMOKE_USER`` and ``$AUDITDESK_PASSWORD``, checked
    and logged like any sign-in (a wrong password opens nothing)."""
    import os

    from auditdesk.services import users
    from auditdesk.services.errors import PermissionDenied

    name, password = (
        os.environ.get("AUDITDESK_SMOKE_USER", ""),
        os.environ.get("AUDITDESK_PASSWORD", ""),
    )
    try:
        with db.session() as s:
            user = users.sign_in(s, name, password, users.Channel.GUI)
            username = user.username
            s.commit()
    except PermissionDenied:
        return None
    return username


def screenshot_and_quit(window: Any, path: str, delay_ms: int = 6000) -> None:
    """Save what the window shows to ``path``, then quit (the smoke test's last step)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def shoot() -> None:
        window.grab().save(path)
        QApplication.quit()

    QTimer.singleShot(delay_ms, shoot)


def freeze_start_up_objects() -> None:
    """Take what start-up built out of the cyclic garbage collector's passes (``gc.freeze``).

    Modules, ORM mappers, Qt wrappers and the window's pages are several hundred thousand objects
    that live as long as the app. A full collection walks every tracked object while holding the
    GIL, so each one froze the window for 0.1–0.3 s whenever a job's allocations triggered it.
    Frozen objects are skipped by collections (reference counting still frees them), so later
    passes only walk what was made after the window appeared.
    """
    import gc

    gc.freeze()


def show_main_window(database: Database, user: str, settings: QSettings) -> Any:
    """The main window for ``user`` on ``database``, shown; jobs open sessions as that user and
    start-up's objects are frozen out of later garbage-collection passes. The app, the
    cold-start launcher and the stall probe all start the window here, so they time the same start."""
    from auditdesk.ui import jobs
    from auditdesk.ui.context import AppContext
    from auditdesk.ui.main_window import MainWindow

    jobs.set_session_factory(lambda: database.session(user))
    window = MainWindow(AppContext(database, user, settings))
    window.show()
    freeze_start_up_objects()
    return window


def run_gui(db: str | None = None, lang: str | None = None) -> int:
    from auditdesk.ui import errors, i18n

    app = create_application()
    errors.install_excepthook()
    from auditdesk.paths import user_data_dir
    from auditdesk.ui import crash_report

    crash_report.show_pending(user_data_dir())  # the last run crashed: show what happened
    crash_report.enable(user_data_dir())
    settings = QSettings()
    i18n.install_language(i18n.preferred_language(settings, lang))
    database = open_or_explain(database_url(db))
    if database is None:
        return 1
    import os

    shot = os.environ.get(SMOKE_SCREENSHOT)
    user = smoke_sign_in(database) if shot else sign_in(database, settings)
    if user is None:
        database.close()
        return 1 if shot else 0
    window = show_main_window(database, user, settings)
    if shot:
        screenshot_and_quit(window, shot)
    else:
        from auditdesk.ui.file_actions import start_automatic_backups

        start_automatic_backups(database, settings)  # the daily backup, in the background

    def demo_ready() -> None:
        # The registers and the dashboard follow ctx.changed: shown now, the dashboard computes.
        window.show_page("dashboard")

    offer_demo(database, window, on_done=demo_ready)
    try:
        return int(app.exec())
    finally:
        database.close()
