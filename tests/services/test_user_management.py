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


# --------------------------------------------------------------------------- passwords


def test_new_hashes_use_scrypt_n_2_17_and_absurd_parameters_are_refused():
    from auditdesk.services.users import hash_password, needs_rehash, verify_password

    stored = hash_password("correct horse")
    scheme, n, r, p, _salt, _digest = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**17, 8, 1)
    assert verify_password("correct horse", stored) and not verify_password("wrong", stored)
    assert not needs_rehash(stored)
    # A stored hash asking for 2^30 (128 GiB) is refused before any work, not attempted.
    hostile = "$".join(["scrypt", str(2**30), "8", "1", *stored.split("$")[4:]])
    assert not verify_password("correct horse", hostile)
    assert not verify_password("x", "garbage") and not verify_password("x", "")


def _old_hash(password: str) -> str:
    import base64
    import hashlib
    import os

    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return (
        f"scrypt${2**14}$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    )


def test_an_old_hash_is_upgraded_at_the_next_successful_sign_in(database):
    from sqlalchemy import select

    from auditdesk.model import User

    with database.session() as s:
        create_first_admin(s, "wang", "admin-pass-1")
        s.scalar(select(User).where(User.username == "wang")).password_hash = _old_hash(
            "old-pass-1"
        )
    with database.session() as s:
        with pytest.raises(PermissionDenied):
            sign_in(s, "wang", "wrong-pass")
        assert s.scalar(select(User.password_hash).where(User.username == "wang")).startswith(
            "scrypt$16384$"
        )  # a failed attempt changes nothing
    with database.session() as s:
        sign_in(s, "wang", "old-pass-1")
    with database.session() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "wang"))
        assert stored.startswith("scrypt$131072$8$1$")
        assert sign_in(s, "wang", "old-pass-1").username == "wang"  # same password still works
        entries = history(
            s, "app_user", str(s.scalar(select(User.id).where(User.username == "wang")))
        )
    assert [e.user for e in entries if e.field == "password_hash"][-1] == "wang"


# --------------------------------------------------------------------------- throttling and the log


def test_five_failures_lock_the_name_then_the_lock_expires_and_grows(database):
    import datetime as dt

    from auditdesk.services.users import LOCK_AFTER, attempt_sign_in, list_sign_ins, locked_until

    with database.session() as s:
        create_first_admin(s, "wang", "admin-pass-1")
    with database.session() as s:
        for _ in range(LOCK_AFTER - 1):
            assert attempt_sign_in(s, "wang", "guess", "cli").reason == "sign_in_failed"
        assert locked_until(s, "wang") is None
        assert attempt_sign_in(s, "wang", "guess", "cli").locked_until is not None
        # Locked: even the right password is refused, without looking at it.
        result = attempt_sign_in(s, "wang", "admin-pass-1", "gui")
        assert result.reason == "locked" and result.user is None
        first_lock = result.locked_until
    later = first_lock + dt.timedelta(seconds=1)
    with database.session() as s:
        assert locked_until(s, "wang", now=later) is None
        assert attempt_sign_in(s, "wang", "guess", "gui", now=later).reason == "sign_in_failed"
        second = locked_until(s, "wang", now=later)
        assert second is not None and second - later > first_lock - later  # doubled
        assert attempt_sign_in(s, "wang", "admin-pass-1", "gui", now=second).ok
        assert locked_until(s, "wang") is None  # a success clears the count
        log = list_sign_ins(s)
    outcomes = [(r.username, r.channel, r.outcome) for r in reversed(log)]
    assert outcomes[:LOCK_AFTER] == [("wang", "cli", "failure")] * LOCK_AFTER
    assert outcomes[LOCK_AFTER] == ("wang", "gui", "locked")
    assert outcomes[-1] == ("wang", "gui", "success")


def test_failures_are_kept_when_the_caller_reports_them(database):
    """The GUI and CLI commit the attempt even when it failed (no exception in the transaction)."""
    from auditdesk.services.users import attempt_sign_in, list_sign_ins

    with database.session() as s:
        create_first_admin(s, "wang", "admin-pass-1")
    with database.session() as s:
        assert not attempt_sign_in(s, "nobody", "guess", "gui").ok
    with database.session(user="wang") as s:
        assert [(r.username, r.outcome) for r in list_sign_ins(s)] == [("nobody", "failure")]


def test_an_admin_reset_lifts_the_lock(database):
    from auditdesk.services.users import LOCK_AFTER, attempt_sign_in, locked_until

    with database.session() as s:
        create_first_admin(s, "wang", "admin-pass-1")
        create_user(s, "li", "lead-pass-1", Role.LEAD)
    with database.session() as s:
        for _ in range(LOCK_AFTER):
            attempt_sign_in(s, "li", "guess")
        assert locked_until(s, "li") is not None
    with database.session(user="wang") as s:
        reset_password(s, "li", "fresh-pass-1")
        assert locked_until(s, "li") is None
        assert sign_in(s, "li", "fresh-pass-1").username == "li"


# --------------------------------------------------------------------------- tokens


def test_remember_token_signs_in_until_revoked_and_only_its_hash_is_stored(database):
    from sqlalchemy import select, text

    from auditdesk.model import AuthToken
    from auditdesk.services.users import (
        TokenKind,
        forget_remember_token,
        remember_token,
        sign_in_with_token,
    )

    with database.session() as s:
        user = create_first_admin(s, "wang", "admin-pass-1")
        token = remember_token(s, user, "laptop")
    with database.session() as s:
        assert s.scalar(select(AuthToken.token_hash)) != token
        dump = " ".join(str(v) for row in s.execute(text("SELECT * FROM auth_token")) for v in row)
        assert token not in dump
        assert sign_in_with_token(s, token, "remember", TokenKind.REMEMBER).username == "wang"
        assert s.scalar(select(AuthToken.last_used_at)) is not None
        assert sign_in_with_token(s, token, "token", TokenKind.API) is None  # wrong kind
        assert sign_in_with_token(s, "wang", "remember") is None  # a name is not a token
        assert sign_in_with_token(s, token + "x", "remember") is None
    with database.session() as s:
        assert forget_remember_token(s, token)
    with database.session() as s:
        assert sign_in_with_token(s, token, "remember") is None


def test_api_tokens_are_made_by_admins_and_die_with_deactivation_or_reset(database):
    from auditdesk.services.users import (
        create_api_token,
        list_tokens,
        revoke_token,
        sign_in_with_token,
    )

    with database.session() as s:
        create_first_admin(s, "wang", "admin-pass-1")
        create_user(s, "li", "lead-pass-1", Role.LEAD)
        create_user(s, "zhao", "auditor-pass-1", Role.AUDITOR)
    with database.session(user="li") as s:
        with pytest.raises(PermissionDenied):
            create_api_token(s, "li")  # a lead may not make tokens, not even their own
    with database.session(user="wang") as s:
        for_li = create_api_token(s, "li", "nightly import")
        for_zhao = create_api_token(s, "zhao")
        other = create_api_token(s, "zhao")
        assert sign_in_with_token(s, for_li).username == "li"
        with pytest.raises(PermissionDenied):
            create_api_token(s, "system")
        reset_password(s, "li", "fresh-pass-1")
        set_active(s, "zhao", False)
        assert sign_in_with_token(s, for_li) is None
        assert sign_in_with_token(s, for_zhao) is None
        set_active(s, "zhao", True)
        assert sign_in_with_token(s, other) is None  # revoked when deactivated, stays revoked
        tokens = list_tokens(s)
        assert {t.username for t in tokens} == {"li", "zhao"}
        assert all(t.revoked_at is not None for t in tokens)
        assert {t.created_by for t in tokens} == {"wang"}
        fresh = create_api_token(s, "zhao")
        fresh_id = next(t.id for t in list_tokens(s, "zhao") if t.revoked_at is None)
        revoke_token(s, fresh_id)
        assert sign_in_with_token(s, fresh) is None


# --------------------------------------------------------------------------- guards


def test_only_admins_manage_and_the_built_in_users_are_out_of_reach(database):
    from auditdesk.services.users import (
        READER_USER,
        create_api_token,
        list_sign_ins,
        user_summaries,
    )

    with database.session() as s:
        create_first_admin(s, "wang", "admin-pass-1")
        create_user(s, "li", "lead-pass-1", Role.LEAD)
    for actor in ("li", READER_USER):
        with database.session(user=actor) as s:
            for attempt in (
                lambda: create_user(s, "new", "new-pass-123", Role.AUDITOR),
                lambda: set_role(s, "li", Role.ADMIN),
                lambda: reset_password(s, "wang", "hijack-123"),
                lambda: set_active(s, "wang", False),
                lambda: create_api_token(s, "wang"),
                lambda: list_sign_ins(s),
                lambda: user_summaries(s),
            ):
                with pytest.raises(PermissionDenied):
                    attempt()
    with database.session(user="wang") as s:
        for name in ("system", "reader", "System"):
            with pytest.raises(ValidationFailed):
                create_user(s, name, "some-pass-123", Role.ADMIN)
        with pytest.raises(PermissionDenied):
            set_role(s, "system", Role.AUDITOR)
        with pytest.raises(PermissionDenied):
            reset_password(s, "system", "now-i-can-sign-in")
        with pytest.raises(PermissionDenied):
            sign_in(s, "reader", "")
        summaries = {u.username: u for u in user_summaries(s)}
    assert set(summaries) == {"wang", "li"}
    assert summaries["wang"].role == Role.ADMIN and summaries["li"].active


def test_the_last_active_admin_stays_and_a_second_admin_frees_the_first(database):
    with database.session() as s:
        create_first_admin(s, "wang", "admin-pass-1")
        create_user(s, "li", "lead-pass-1", Role.LEAD)
    with database.session(user="wang") as s:
        with pytest.raises(ValidationFailed) as info:
            set_role(s, "wang", Role.LEAD)
        assert info.value.errors == {"role": "last_admin"}
        set_role(s, "li", Role.ADMIN)
        set_active(s, "li", False)  # an inactive admin does not count as another admin
        with pytest.raises(ValidationFailed):
            set_role(s, "wang", Role.AUDITOR)
        set_active(s, "li", True)
    with database.session(user="li") as s:
        set_role(s, "wang", Role.AUDITOR)
        with pytest.raises(ValidationFailed):
            set_active(s, "li", False)  # li is now the last admin (and herself)


def test_last_sign_in_is_listed(database):
    from auditdesk.services.users import user_summaries

    with database.session() as s:
        create_first_admin(s, "wang", "admin-pass-1")
        create_user(s, "li", "lead-pass-1", Role.LEAD)
    with database.session() as s:
        sign_in(s, "wang", "admin-pass-1")
    with database.session(user="wang") as s:
        rows = {u.username: u for u in user_summaries(s)}
    assert rows["wang"].last_sign_in is not None and rows["wang"].last_sign_in.tzinfo
    assert rows["li"].last_sign_in is None


def test_the_reader_may_do_nothing_at_all(database):
    from auditdesk.services.users import READER_USER, Permission, require

    with database.session(user=READER_USER) as s:
        for permission in Permission:
            with pytest.raises(PermissionDenied) as info:
                require(s, permission)
            assert info.value.details["reason"] == "sign_in_required"
