"""Two admins change the same account: the second change, made from the version its users
page showed, is a ``Conflict`` naming the first (issue 14 point 7). SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from auditdesk.model import Role, User
from auditdesk.services import users
from auditdesk.services.errors import Conflict


@pytest.fixture
def accounts(database):
    with database.session() as s:
        users.create_first_admin(s, "wang", "admin-pass-1", "王建国")
        users.create_user(s, "li", "admin-pass-2", Role.ADMIN, "李娜")
        users.create_user(s, "zhao", "auditor-pass", Role.AUDITOR, "赵敏")


def shown(database):
    with database.session("li") as s:
        return next(u for u in users.user_summaries(s) if u.username == "zhao")


def state(database):
    with database.session() as s:
        user = s.scalar(select(User).where(User.username == "zhao"))
        return user.role, user.active


@pytest.mark.parametrize(
    "second",
    [
        lambda s, v: users.set_role(s, "zhao", Role.LEAD, expected_version=v),
        lambda s, v: users.set_active(s, "zhao", False, expected_version=v),
        lambda s, v: users.reset_password(s, "zhao", "new-pass-123", expected_version=v),
    ],
    ids=["role", "active", "password"],
)
def test_the_second_admin_is_refused_and_told_who(database, accounts, second):
    seen = shown(database).version
    with database.session("wang") as s:
        users.set_role(s, "zhao", Role.ADMIN)
    with pytest.raises(Conflict) as caught, database.session("li") as s:
        second(s, seen)
    assert caught.value.details["changed_by"] == "wang"
    assert state(database) == (Role.ADMIN, True)


def test_the_version_shown_moves_with_each_change(database, accounts):
    with database.session("li") as s:
        users.set_role(s, "zhao", Role.LEAD, expected_version=shown(database).version)
    with database.session("li") as s:
        users.set_active(s, "zhao", False, expected_version=shown(database).version)
    assert state(database) == (Role.LEAD, False)
