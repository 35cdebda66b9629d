"""The users page checks the version it showed: an admin's change over a colleague's newer
save is asked about, never silently overwritten (issue 14 point 7). SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses

import pytest
import shiboken6

from auditdesk.model import Role, User
from auditdesk.services import users
from auditdesk.ui.conflict_reload import CANCEL, MERGE, RELOAD, headline

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def page(qtbot, ctx):
    from auditdesk.ui.users_page import UsersPage

    with ctx.db.session() as s:
        users.create_first_admin(s, "wang", "admin-pass-1", "王建国")
        users.create_user(s, "li", "admin-pass-2", Role.ADMIN, "李娜")
        users.create_user(s, "zhao", "auditor-pass", Role.AUDITOR, "赵敏")
    p = UsersPage(dataclasses.replace(ctx, user="li"))
    qtbot.addWidget(p)
    p.select("zhao")
    yield p
    # Gone with its database: the language reset at teardown must not reload from a dropped one.
    shiboken6.delete(p)


def wang_sets(database, **change):
    with database.session("wang") as s:
        if "role" in change:
            users.set_role(s, "zhao", change["role"])
        if "active" in change:
            users.set_active(s, "zhao", change["active"])


def stored(database):
    from sqlalchemy import select

    with database.session() as s:
        user = s.scalar(select(User).where(User.username == "zhao"))
        return user.role, user.active


def answer(page, choice):
    asked: list = []
    page.ask_conflict = lambda exc, parent: (asked.append(exc), choice)[1]
    return asked


@BOTH
def test_a_role_set_over_their_deactivation_is_asked_then_merged(page, database):
    wang_sets(database, active=False)
    asked = answer(page, MERGE)
    assert page.set_role(Role.LEAD.value)
    assert len(asked) == 1
    sentence = headline(asked[0])
    assert "王建国" in sentence and "zhao" in sentence and "meanwhile" in sentence, sentence
    assert stored(database) == (Role.LEAD, False)  # their deactivation and my role, both kept


@BOTH
def test_keep_mine_keeps_the_chosen_role_and_reload_shows_theirs(page, database):
    wang_sets(database, role=Role.ADMIN)
    answer(page, CANCEL)
    page.role_box.setCurrentIndex(page.role_box.findData(Role.LEAD.value))
    assert not page.set_role(Role.LEAD.value)
    assert page.role_box.currentData() == Role.LEAD.value  # still what I picked, unsaved
    assert "王建国" in page.message.text()
    assert stored(database) == (Role.ADMIN, True)
    answer(page, RELOAD)
    assert not page.set_role(Role.LEAD.value)
    assert page.role_box.currentData() == Role.ADMIN.value  # theirs shown
    assert stored(database) == (Role.ADMIN, True)
    assert page.set_role(Role.LEAD.value)  # against the reloaded version: saved, no question
    assert stored(database) == (Role.LEAD, True)


@BOTH
def test_merge_where_both_changed_the_role_does_not_save_mine(page, database):
    wang_sets(database, role=Role.ADMIN)
    asked = answer(page, MERGE)
    assert not page.set_role(Role.LEAD.value)
    assert len(asked) == 1 and "both changed" in page.message.text()
    assert page.role_box.currentData() == Role.LEAD.value
    assert stored(database) == (Role.ADMIN, True)


@BOTH
def test_deactivating_over_their_change_asks(page, database):
    wang_sets(database, role=Role.LEAD)
    asked = answer(page, MERGE)
    assert page.toggle_active()
    assert len(asked) == 1 and stored(database) == (Role.LEAD, False)
