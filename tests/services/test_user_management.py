"""Sign-in and user management: admins manage users, the change log names who did what."""

from __future__ import annotations

import pytest

from auditdesk.model import Role
from auditdesk.services.errors import PermissionDenied, ValidationFailed
from auditdesk.services.users import (
    active_user,
    change_own_password,
    create_first_admin,
    create_user,
    has_people,
    reset_password,
    set_active,
    set_role,
    sign_in,
)
from auditdesk.storage.changelog import history


def test_first_person_becomes_admin_then_signs_in(database):
    with database.session() as s:
        assert not has_people(s)
        create_first_admin(s, "wang", "admin-pass-1")
    with database.session() as s:
        assert sign_in(s, "wang", "admin-pass-1").role == Role.ADMIN
        with pytest.raises(PermissionDenied):
            create_first_admin(s, "li", "another-pass")
        with pytest.raises(PermissionDenied) as info:
            sign_in(s, "wang", "wrong-password")
        assert info.value.details["reason"] == "sign_in_failed"
        with pytest.raises(PermissionDenied):
            sign_in(s, "system", "")


def test_admin_manages_users_and_the_log_names_the_admin(database):
    with database.session() as s:
        create_first_admin(s, "wang", "admin-pass-1")
    with database.session(user="wang") as s:
        li = create_user(s, "li", "lead-pass-1", Role.AUDITOR)
        set_role(s, "li", Role.LEAD)
        reset_password(s, "li", "new-pass-123")
    with database.session(user="li") as s:
        assert sign_in(s, "li", "new-pass-123").role == Role.LEAD
        change_own_password(s, "new-pass-123", "mine-456789")
        with pytest.raises(PermissionDenied):
            set_role(s, "wang", Role.AUDITOR)  # a lead may not manage users
    with database.session(user="wang") as s:
        with pytest.raises(ValidationFailed):
            set_role(s, "wang", Role.LEAD)  # the last admin stays admin
        with pytest.raises(ValidationFailed):
            set_active(s, "wang", False)
        set_active(s, "li", False)
        assert active_user(s, "li") is None and active_user(s, "wang") is not None
        entries = history(s, "app_user", str(li.id))
    assert {e.user for e in entries} == {"wang", "li"}
    assert [e.field for e in entries if e.user == "wang" and e.action == "update"] == [
        "role",
        "password_hash",
        "active",
    ]
