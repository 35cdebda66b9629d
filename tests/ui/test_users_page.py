"""The admins' users page: list with role, state and last sign-in; add, set role, reset
password, deactivate; the sign-in log; hidden from and refused to everyone else."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QDialog

from auditdesk.model import Role
from auditdesk.services import users


@pytest.fixture
def admin_ctx(ctx):
    with ctx.db.session() as s:
        users.create_first_admin(s, "wang", "admin-pass-1", "王建国")
    with ctx.db.session() as s:
        users.sign_in(s, "wang", "admin-pass-1")
    return dataclasses.replace(ctx, user="wang")


@pytest.fixture
def page(qtbot, admin_ctx):
    from auditdesk.ui.users_page import UsersPage

    p = UsersPage(admin_ctx)
    qtbot.addWidget(p)
    p.show()
    return p


def _rows(table):
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_lists_people_with_role_state_and_last_sign_in(page):
    (row,) = _rows(page.table)
    assert row[:4] == ["wang", "王建国", "Administrator", "active"]
    assert row[4][:4].isdigit()  # a local date and time
    assert page.table.horizontalHeaderItem(4).text() == "Last sign-in"


def test_add_set_role_reset_and_deactivate(page, admin_ctx, monkeypatch):
    from auditdesk.ui.users_page import UserDialog

    def filled(self):
        self.name_edit.setText("li")
        self.display_edit.setText("李娜")
        self.role_box.setCurrentIndex(self.role_box.findData("auditor"))
        self.password_edit.setText("auditor-pass-1")
        self.confirm_edit.setText("auditor-pass-1")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(UserDialog, "exec", filled)
    page.ask_add()
    assert page.message.text() == "User li added."
    assert [r[:4] for r in _rows(page.table)] == [
        ["li", "李娜", "Auditor", "active"],
        ["wang", "王建国", "Administrator", "active"],
    ]
    page.select("li")
    assert page.set_role("lead")
    page.select("li")
    assert page.reset_password("fresh-pass-1")
    page.select("li")
    assert page.active_button.text() == "Deactivate"
    assert page.toggle_active()
    assert page.message.text() == "li can no longer sign in."
    with admin_ctx.db.session(user="wang") as s:
        li = {u.username: u for u in users.user_summaries(s)}["li"]
        assert (li.role, li.active) == (Role.LEAD, False)
        assert users.authenticate(s, "li", "fresh-pass-1") is None  # deactivated
    assert _rows(page.table)[0][3] == "deactivated"
    page.select("li")
    assert page.active_button.text() == "Activate"


def test_refusals_are_said_in_words_and_change_nothing(page, admin_ctx):
    page.select("wang")
    assert not page.set_role("auditor")
    assert page.message.text() == "The last active administrator must stay an administrator."
    assert not page.toggle_active()
    assert page.message.text() == "You cannot deactivate yourself."
    assert not page.add_user("li", "short", Role.AUDITOR)
    assert page.message.text() == "The password needs at least 8 characters."
    assert not page.add_user("system", "long-enough-1", Role.ADMIN)
    assert page.message.text() == "That name is reserved."
    assert [r[2] for r in _rows(page.table)] == ["Administrator"]


def test_the_sign_in_log_shows_who_when_from_where(page, admin_ctx):
    with admin_ctx.db.session() as s:
        users.attempt_sign_in(s, "wang", "wrong-guess", users.Channel.CLI)
    page.refresh()
    page.select("wang")
    page.show_sign_ins_of_selected()
    assert page.tabs.currentIndex() == 1
    log = _rows(page.log_table)
    assert [r[1:4] for r in log] == [
        ["wang", "command line", "refused"],
        ["wang", "desktop", "signed in"],
    ]
    assert page.log_filter.text() == "Sign-ins of wang"
    assert _rows(page.table)[0][5] == "1"  # one failure in a row


def test_not_for_non_admins(qtbot, admin_ctx, sample):
    from auditdesk.ui.main_window import MainWindow
    from auditdesk.ui.users_page import UsersPage

    with admin_ctx.db.session(user="wang") as s:
        users.create_user(s, "li", "lead-pass-1", Role.LEAD)
    lead_ctx = dataclasses.replace(admin_ctx, user="li")
    page = UsersPage(lead_ctx)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 0
    assert page.message.text() == "Only an administrator can manage users."
    assert not page.add_user("zhao", "auditor-pass-1", Role.AUDITOR)
    as_lead = MainWindow(lead_ctx)
    qtbot.addWidget(as_lead)
    as_admin = MainWindow(admin_ctx)
    qtbot.addWidget(as_admin)
    assert not as_lead.users_action.isVisible() and as_admin.users_action.isVisible()
    as_admin.users_action.trigger()
    assert as_admin.users_dialog.isVisible()
    assert as_admin.users_dialog.page.table.rowCount() == 2
    as_admin.users_dialog.close()


def test_dialog_refuses_two_different_passwords(qtbot):
    from auditdesk.ui.users_page import UserDialog

    dialog = UserDialog()
    qtbot.addWidget(dialog)
    dialog.password_edit.setText("one-password")
    dialog.confirm_edit.setText("another-one")
    assert not dialog.try_accept() and dialog.message.text() == "The two passwords differ."


def test_page_in_chinese(page, qtbot):
    from auditdesk.ui import i18n

    i18n.install_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: page.tabs.tabText(0) == "用户")  # switched live
        assert page.add_button.text() == "添加用户…"
        assert _rows(page.table)[0][2] == "管理员"
    finally:
        i18n.install_language("en")
