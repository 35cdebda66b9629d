"""The GUI always signs in: remember-me is a revocable token, never a user name; the first
start of an empty database asks for its admin; the lockout is shown in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from auditdesk.model import Role
from auditdesk.services.setup import open_database


@pytest.fixture
def db(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'ui.sqlite3'}", create=True)
    yield database
    database.close()


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def dialogs(monkeypatch):
    """Record every sign-in dialog that would be shown, and cancel it."""
    from auditdesk.ui import signin

    shown: list[signin.SignInDialog] = []

    def fake_exec(self) -> int:
        shown.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(signin.SignInDialog, "exec", fake_exec)
    return shown


def _admin(db, name="wang", password="admin-pass-1"):
    from auditdesk.services.users import create_first_admin

    with db.session() as s:
        create_first_admin(s, name, password)


def _all_settings(settings) -> str:
    settings.sync()
    return " ".join(f"{k}={settings.value(k)}" for k in settings.allKeys())


def test_remember_me_stores_a_token_not_the_name_and_signs_in_next_time(
    qtbot, db, settings, dialogs
):
    from auditdesk.ui.signin import SignInDialog, sign_in

    _admin(db)
    dialog = SignInDialog(db, settings)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isChecked()  # opt-in
    dialog.name_edit.setText("wang")
    dialog.password_edit.setText("admin-pass-1")
    dialog.remember.setChecked(True)
    assert dialog.try_accept() and dialog.username == "wang"
    stored = _all_settings(settings)
    assert "wang" not in stored and "adk_" in stored
    assert sign_in(db, settings) == "wang" and dialogs == []  # remembered: no dialog
    from auditdesk.services.users import list_sign_ins

    with db.session(user="wang") as s:
        channels = [(r.channel, r.outcome) for r in list_sign_ins(s)]
    assert channels[:2] == [("remember", "success"), ("gui", "success")]


def test_a_user_name_written_into_the_settings_signs_no_one_in(db, settings, dialogs):
    from auditdesk.ui.signin import LEGACY_KEY, _token_key, sign_in

    _admin(db)
    settings.setValue(LEGACY_KEY, "wang")  # what older versions stored
    settings.setValue(_token_key(db), "wang")  # and a name where the token goes
    assert sign_in(db, settings) is None  # the dialog was shown (and cancelled)
    assert len(dialogs) == 1 and not dialogs[0].first_admin
    assert "wang" not in _all_settings(settings)  # both dropped


def test_the_environment_does_not_sign_anyone_in(db, settings, dialogs, monkeypatch):
    from auditdesk.ui import app

    _admin(db)
    monkeypatch.setenv("AUDITDESK_USER", "wang")
    monkeypatch.setenv("AUDITDESK_TESTING", "1")
    assert app.sign_in(db, settings) is None and len(dialogs) == 1


def test_signing_out_revokes_the_token_and_deactivation_forgets_it(qtbot, db, settings, dialogs):
    from auditdesk.services.users import create_user, remember_token, set_active
    from auditdesk.ui.signin import forget_user, remember, remembered_token, sign_in

    _admin(db)
    with db.session(user="wang") as s:
        token = remember_token(s, create_user(s, "li", "lead-pass-1", Role.LEAD))
    remember(settings, db, token)
    assert sign_in(db, settings) == "li"
    forget_user(settings, db)
    assert remembered_token(settings, db) == ""
    remember(settings, db, token)  # a copy kept elsewhere is revoked too
    assert sign_in(db, settings) is None and len(dialogs) == 1
    with db.session(user="wang") as s:
        token = remember_token(s, s.scalars(_user_query("li")).one())
        set_active(s, "li", False)
    remember(settings, db, token)
    assert sign_in(db, settings) is None and len(dialogs) == 2
    assert remembered_token(settings, db) == ""


def _user_query(name):
    from sqlalchemy import select

    from auditdesk.model import User

    return select(User).where(User.username == name)


def test_a_token_remembered_for_one_database_does_not_open_another(tmp_path, db, settings, dialogs):
    from auditdesk.services.users import create_first_admin, remember_token
    from auditdesk.ui.signin import remember, sign_in

    other = open_database(f"sqlite:///{tmp_path / 'other.sqlite3'}", create=True)
    try:
        with other.session() as s:
            token = remember_token(s, create_first_admin(s, "wang", "admin-pass-1"))
        remember(settings, other, token)
        _admin(db)
        assert sign_in(other, settings) == "wang"
        assert sign_in(db, settings) is None and len(dialogs) == 1
    finally:
        other.close()


def test_first_start_asks_for_the_first_admin(qtbot, db, settings, dialogs):
    from auditdesk.services.users import has_people
    from auditdesk.ui.signin import SignInDialog, sign_in

    assert sign_in(db, settings) is None and dialogs[0].first_admin
    dialog = SignInDialog(db, settings)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("wang")
    dialog.password_edit.setText("admin-pass-1")
    dialog.confirm_edit.setText("admin-pass-2")
    assert not dialog.try_accept() and "differ" in dialog.message.text()
    dialog.confirm_edit.setText("admin-pass-1")
    dialog.name_edit.setText("system")
    assert not dialog.try_accept() and "reserved" in dialog.message.text()
    dialog.name_edit.setText("wang")
    assert dialog.try_accept() and dialog.username == "wang"
    with db.session() as s:
        assert has_people(s)


def test_five_wrong_passwords_lock_and_the_dialog_says_until_when(qtbot, db, settings):
    from auditdesk.ui.signin import SignInDialog

    _admin(db)
    dialog = SignInDialog(db, settings)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("wang")
    for _ in range(5):
        dialog.password_edit.setText("guess-guess")
        assert not dialog.try_accept()
        assert dialog.message.text() == "Wrong user name or password."
    dialog.password_edit.setText("admin-pass-1")
    assert not dialog.try_accept() and dialog.username is None
    assert dialog.message.text().startswith("Too many failed sign-ins. Try again after ")


def test_first_start_of_an_empty_database_asks_for_the_admin_then_offers_demo(
    qapp, tmp_path, monkeypatch
):
    """The real entry point on a new file: first-admin dialog, then the demo offer."""
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from auditdesk.services.users import list_users
    from auditdesk.ui import jobs, signin
    from auditdesk.ui.app import run_gui

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(jobs, "_session_factory", None)
    asked: list[str] = []

    def first_admin(self) -> int:
        asked.append("admin" if self.first_admin else "sign-in")
        self.name_edit.setText("wang")
        self.display_edit.setText("王建国")
        self.password_edit.setText("admin-pass-1")
        self.confirm_edit.setText("admin-pass-1")
        return QDialog.DialogCode.Accepted if self.try_accept() else QDialog.DialogCode.Rejected

    def no_demo(_parent, _title, text, *args, **kwargs):
        asked.append("demo" if "empty" in text else text)
        QTimer.singleShot(0, QApplication.closeAllWindows)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(signin.SignInDialog, "exec", first_admin)
    monkeypatch.setattr(QMessageBox, "question", no_demo)
    path = tmp_path / "new.sqlite3"
    assert run_gui(str(path), "en") == 0
    assert asked == ["admin", "demo"]
    database = open_database(f"sqlite:///{path}")
    try:
        with database.session() as s:
            assert [(u.username, u.role) for u in list_users(s) if u.username != "system"] == [
                ("wang", Role.ADMIN)
            ]
    finally:
        database.close()
