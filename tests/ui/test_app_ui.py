"""The main window, dashboard, certificate view, planning, language switch, errors."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget

from auditdesk.model import CertificateEventKind, TeamRole
from auditdesk.ui import errors, i18n
from auditdesk.ui.main_window import PAGES, MainWindow


@pytest.fixture
def window(qtbot, ctx, sample):
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    return w


def test_every_page_is_reachable_by_shortcut_order(window):
    for i, name in enumerate(PAGES):
        window.go_actions[i].trigger()
        assert window.current_page() == name
    assert window.go_actions[0].shortcut().toString() == "Ctrl+1"


def test_dashboard_figure_opens_filtered_register(window):
    window.show_page("dashboard")
    dash = window.pages["dashboard"]
    assert dash.figure_values()["overdue_ncs"] == 1
    dash.figures["overdue_ncs"].click()
    assert window.current_page() == "ncs"
    reg = window.registers["ncs"]
    assert reg.model.total == 1
    assert reg.model.data(reg.model.index(0, 0)) == "NC-2026-0001-01"


def test_switch_language_shows_chinese_labels(window, qtbot):
    settings = window.show_page("settings")
    combo = settings.findChild(QComboBox, "languageCombo")
    combo.setCurrentIndex(combo.findData("zh_CN"))
    assert i18n.current_language() == "zh_CN"
    nav = window.findChild(QListWidget, "navigation")
    # Qt delivers LanguageChange through the event loop.
    qtbot.waitUntil(lambda: nav.item(PAGES.index("clients")).text() == "受审核方", timeout=3000)
    reg = window.registers["certificates"]
    assert reg.model.headerData(0, Qt.Orientation.Horizontal) == "编号"
    status_col = reg.config.columns.index("status")
    assert reg.model.data(reg.model.index(0, status_col)) == "有效"
    assert window.registers["clients"].search.placeholderText().startswith("搜索")
    assert window.ctx.settings.value("ui/language") == "zh_CN"
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(lambda: nav.item(PAGES.index("clients")).text() == "Clients", timeout=3000)


def test_open_certificate_and_read_its_programme(window, sample):
    reg = window.open_register("certificates", {})
    assert reg.select_id(sample["certs"][0])
    view = reg.detail
    rows = view.programme_rows()
    # CN-Q-0001 issued 2026-03-15 under CNCA-QMS-01:2025: first surveillance by 2027-03-15.
    assert rows[0][:3] == ["First surveillance", "2026-12-15", "2027-03-15"]
    assert [r[0] for r in rows] == ["First surveillance", "Second surveillance", "Recertification"]
    assert "CNCA-QMS-01:2025" in view.programme.item(0, 2).toolTip()
    assert "§5.4.1.4" in view.programme.item(0, 2).toolTip()
    assert "CN-Q-0001" in view.findChild(QLabel, "certTitle").text()


def test_status_event_dialog_suspends_and_refuses_illegal_moves(window, sample):
    reg = window.open_register("certificates", {})
    reg.select_id(sample["certs"][0])
    view = reg.detail
    assert not view.event_buttons[CertificateEventKind.RESTORE].isEnabled()
    dialog = view.event_dialog(CertificateEventKind.SUSPEND)
    assert not dialog.record()  # no reason given
    assert dialog.errors["reason"].text() == "Required."
    dialog.reason.setPlainText("监督审核逾期")
    assert dialog.record()
    view.load(sample["certs"][0])
    assert "Suspended" in view.status.text()
    assert view.event_buttons[CertificateEventKind.RESTORE].isEnabled()
    assert not view.event_buttons[CertificateEventKind.EXTEND_SCOPE].isEnabled()
    assert "restore it first" in view.event_buttons[CertificateEventKind.EXTEND_SCOPE].toolTip()


def test_planning_dialog_proposes_days_and_warns_about_team(window, sample, qtbot):
    from auditdesk.ui.planning_dialog import PlanningDialog

    d = PlanningDialog(window.ctx, sample["certs"][0], window)
    qtbot.addWidget(d)
    assert d.days.value() == 2.5  # MD5: 120 persons QMS → 7 days initial, 1/3 for surveillance
    assert "2027-03-15" in d.proposal.text()
    d.add_member(sample["auditor"], TeamRole.AUDITOR)
    assert any("No team leader" in t for t in d.warning_texts())
    d.team.cellWidget(0, 0).setCurrentIndex(0)  # make them team leader (role column)
    assert d.warning_texts() == ["✓ No problems found with this team."]
    d.plan()
    assert d.created_id is not None
    schedule = window.registers["schedule"]
    schedule.refresh()
    assert schedule.model.row_of(d.created_id) >= 0
    certs = window.open_register("certificates", {})
    certs.select_id(sample["certs"][0])
    planned_col = certs.detail.programme_rows()[0][4]
    assert planned_col.endswith(")") and planned_col.startswith("20")  # "2026-12-21 (2026-0002)"


def test_remembers_last_page_and_column_widths(qtbot, ctx, sample):
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show_page("auditors")
    w.registers["clients"].view.setColumnWidth(0, 333)
    w.save_state()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.current_page() == "auditors"
    assert again.registers["clients"].view.columnWidth(0) == 333


def test_storage_errors_get_a_clear_message(ctx):
    from auditdesk.storage.errors import DatabaseLocked, DiskFull

    errors.show_error(DatabaseLocked("locked", "/x.sqlite3"))
    errors.show_error(DiskFull("full"))
    assert (
        ctx.shown[0][0] == "Database problem" and "Close other AuditDesk windows" in ctx.shown[0][1]
    )
    assert "Free some disk space" in ctx.shown[1][1]


def test_sqlite_operational_errors_are_classified(ctx):
    from sqlalchemy.exc import OperationalError

    errors.show_error(
        OperationalError("INSERT", {}, Exception("attempt to write a readonly database"))
    )
    assert "read-only" in ctx.shown[0][1]


def test_unexpected_errors_open_crash_dialog_with_details(ctx):
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        errors.excepthook(type(exc), exc, exc.__traceback__)
    assert ctx.shown[0][0] == "crash" and "RuntimeError: boom" in ctx.shown[0][1]


def test_crash_dialog_copies_details(qtbot):
    d = errors.CrashDialog("Traceback: details")
    qtbot.addWidget(d)
    assert d.details.toPlainText() == "Traceback: details"


def test_settings_page_saves_cb_settings(window):
    from auditdesk.services import cb_settings

    page = window.show_page("settings")
    page.inputs["nc_response_days"].setValue(45)
    assert page.save()
    with window.ctx.session() as s:
        assert cb_settings.current(s).nc_response_days == 45


def test_run_gui_database_url(tmp_path):
    from auditdesk.ui.app import database_url

    assert database_url(str(tmp_path / "a.sqlite3")) == f"sqlite:///{tmp_path / 'a.sqlite3'}"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_demo_offered_for_empty_database(ctx):
    from auditdesk.ui.app import offer_demo

    asked: list[str] = []
    assert offer_demo(ctx.db, ask=lambda q: asked.append(q) or False) is False
    assert asked and "empty" in asked[0]
    from auditdesk.services.clients import count_organisations

    with ctx.db.session() as s:
        assert count_organisations(s) == 0  # declined: nothing was loaded


def test_demo_not_offered_for_a_database_with_clients(ctx, sample):
    from auditdesk.ui.app import offer_demo

    asked: list[str] = []
    assert offer_demo(ctx.db, ask=lambda q: asked.append(q) or True) is False
    assert asked == []


def test_run_gui_opens_the_window_and_returns(qapp, tmp_path, monkeypatch, database, sample):
    """The real entry point: font, language, database, window, event loop, exit code 0."""
    import sys

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from auditdesk.model import Role
    from auditdesk.services.users import create_user, remember_token
    from auditdesk.ui import i18n, jobs, signin
    from auditdesk.ui.app import run_gui

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # Signed in the way a remembering laptop is: a token for this database in the settings.
    with database.session() as s:
        token = remember_token(s, create_user(s, "wang", "admin-pass-1", Role.ADMIN))
    from auditdesk.ui.app import create_application

    create_application()  # AuditDesk's organisation and application names, as run_gui sets them
    signin.remember(QSettings(), database, token)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(jobs, "_session_factory", None)
    seen: list[str] = []

    def close() -> None:
        seen.extend(w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible())
        QApplication.closeAllWindows()

    QTimer.singleShot(300, close)
    try:
        assert run_gui(str(database.path), "zh_CN") == 0
    finally:
        signin.forget_user(QSettings(), database)
    assert "mainWindow" in seen and "signInDialog" not in seen
    assert i18n.current_language() == "zh_CN"
    assert i18n.CJK_FAMILY  # the shipped font is registered


def test_run_gui_explains_a_broken_database(ctx, tmp_path, monkeypatch):
    import sys

    from auditdesk.ui.app import run_gui

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("this is not a database")
    assert run_gui(str(bad), "en") == 1
    assert ctx.shown[0][0] == "Database problem" and "not an AuditDesk database" in ctx.shown[0][1]


def test_charts_open_filtered_registers(window, sample):
    dash = window.show_page("dashboard")
    dash.today = lambda: dt.date(2026, 3, 15)  # the dashboard's own clock, not the machine's
    dash.refresh()
    assert dash.data.on == dt.date(2026, 3, 15)
    dash.month_chart.bar_clicked.emit(1)  # February of the shown year
    assert window.current_page() == "audits"
    assert window.registers["audits"].model.query.filters["start_date"] == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
    )


def test_new_certificate_dialog_validates_and_creates(qtbot, ctx, sample):
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QLineEdit

    from auditdesk.ui.registers.configs import build_configs
    from auditdesk.ui.registers.editor import DetailEditor

    config = build_configs(ctx)["certificates"].create_editor
    editor = DetailEditor(ctx, config, QUndoStack())
    qtbot.addWidget(editor)
    editor.clear()
    editor.findChild(QLineEdit, "field_number").setText("CN-Q-0003")
    editor.findChild(QLineEdit, "field_organisation").setText("不存在的公司")
    editor.findChild(QLineEdit, "field_issue_date").setText("2026-07-01")
    assert editor.create_record() is None
    assert editor.error_text("organisation") == "Not found."
    editor.findChild(QLineEdit, "field_organisation").setText(
        "914403001922038216"
    )  # by credit code
    editor.findChild(QLineEdit, "field_expiry_date").setText("2026-06-30")
    assert editor.create_record() is None
    assert editor.error_text("expiry_date") == "Expiry must be after the issue date."
    editor.findChild(QLineEdit, "field_expiry_date").setText("")
    assert editor.create_record() is not None


def test_demo_data_loaded_in_the_background_when_accepted(ctx):
    from auditdesk.services.clients import count_organisations
    from auditdesk.ui.app import offer_demo

    ready: list[bool] = []
    assert offer_demo(ctx.db, ask=lambda q: True, on_done=lambda: ready.append(True))
    assert ready == [True]
    with ctx.session() as s:
        assert count_organisations(s) > 10
    assert offer_demo(ctx.db, ask=lambda q: True) is False  # not empty any more: not offered
