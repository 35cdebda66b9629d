"""CLI fixtures: commands that change a database act as a signed-in user (``--user`` with
$AUDITDESK_PASSWORD here; a person at a terminal types the password at a prompt)."""

from __future__ import annotations

import pytest

ADMIN_PASSWORD = "admin-pass-1"


def add_admin(database, name: str = "wang", password: str = ADMIN_PASSWORD) -> list[str]:
    """An admin account in an open database; the CLI arguments that sign in as it (the
    password comes from $AUDITDESK_PASSWORD, see the ``admin`` fixture)."""
    from auditdesk.model import Role
    from auditdesk.services.users import create_user

    with database.session() as s:
        create_user(s, name, password, Role.ADMIN)
    return ["--user", name]


@pytest.fixture
def admin(database, monkeypatch) -> list[str]:
    """``--user wang`` for an admin of the ``database`` fixture, its password in the env."""
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    return add_admin(database)
