"""GUI test fixtures: an AppContext on a fresh database, settings in a temp file, dialogs
captured instead of shown, jobs run synchronously."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def ui_settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(database, ui_settings, qapp):
    from auditdesk.ui import errors, i18n, jobs
    from auditdesk.ui.context import AppContext

    i18n.install_language("en")
    shown: list[tuple[str, str]] = []
    errors.shown = shown
    jobs.set_executor(jobs.SynchronousExecutor())
    jobs.set_session_factory(lambda: database.session())
    context = AppContext(database, "system", ui_settings)
    context.shown = shown  # type: ignore[attr-defined]
    yield context
    errors.shown = None
    jobs.set_executor(None)
    jobs.set_session_factory(None)
    i18n.install_language("en")


@pytest.fixture
def sample(database):
    from tests.samples import make_sample

    with database.session() as s:
        data = make_sample(s, dt.date.today())
        ids = {
            "clients": [c.id for c in data["clients"]],
            "certs": [c.id for c in data["certs"]],
            "auditor": data["auditor"].id,
            "audit": data["audit"].id,
        }
    return ids


def show_workspace(ctx, audit_id, qtbot):
    """The audit's workspace, shown offscreen at a laptop's size and ready for input."""
    from auditdesk.ui.workspace import AuditWorkspace

    widget = AuditWorkspace(ctx, audit_id)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


@pytest.fixture(params=["zh_CN", "en"])
def language(request, ctx):
    """Run the test in zh_CN and in en (the ``ctx`` fixture restores en afterwards)."""
    from auditdesk.ui import i18n

    i18n.install_language(request.param)
    return request.param


def show_main_window(ctx, qtbot, size=(1366, 728)):
    """The main window, shown offscreen at a laptop's usable size."""
    from auditdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def every_page_and_a_workspace(ctx, database, qtbot):
    """The main window with every page built, and an audit's workspace open on clause 7.1.5:
    everything a live switch (language, palette) must reach. Returns (window, workspace)."""
    from auditdesk.ui.main_window import PAGES
    from tests.services.workspace_data import make_audit

    with database.session() as s:
        facts = make_audit(s)
        s.commit()
    window = show_main_window(ctx, qtbot)
    for name in PAGES:
        window.show_page(name)
    ws = show_workspace(ctx, facts.audit_id, qtbot)
    ws.select_clause("7.1.5")
    return window, ws


def problems_on_every_page(window, qtbot, find):
    """{page: what ``find(window)`` reports there} for every page that has something."""
    from auditdesk.ui.main_window import PAGES

    found = {}
    for name in PAGES:
        window.show_page(name)
        qtbot.wait(5)
        if problems := find(window):
            found[name] = problems
    return found
