"""Local users, passwords (scrypt) and role checks enforced in the services.

Roles (DOMAIN.md §9): an *auditor* records evidence, raises and edits draft NCs and enters
client responses; a *lead* accepts, rejects, verifies and closes NCs and issues reports; an
*admin* keeps the registers, plans audits, reopens NCs and manages users and settings.
A higher role may do what a lower one may: admin ⊇ lead ⊇ auditor.
The built-in ``system`` user (CLI jobs, demo building) acts as admin and cannot sign in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import Role, User
from auditdesk.services.errors import NotFound, PermissionDenied, ValidationFailed

SYSTEM_USER = "system"
_RANK = {Role.AUDITOR: 1, Role.LEAD: 2, Role.ADMIN: 3}
# scrypt cost: ~50 ms on a laptop, 16 MiB of memory.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


class Permission(str, Enum):
    """What an action needs; the minimal role for each is in ``_NEEDS``."""

    RECORD_EVIDENCE = "record_evidence"
    EDIT_DRAFT_NC = "edit_draft_nc"
    ENTER_NC_RESPONSE = "enter_nc_response"
    REVIEW_NC = "review_nc"
    VERIFY_NC = "verify_nc"
    CLOSE_NC = "close_nc"
    ISSUE_REPORT = "issue_report"
    REOPEN_NC = "reopen_nc"
    EDIT_REGISTERS = "edit_registers"
    PLAN_AUDIT = "plan_audit"
    MANAGE_USERS = "manage_users"
    EDIT_SETTINGS = "edit_settings"
    RESOLVE_CONFLICT = "resolve_conflict"


_NEEDS: dict[Permission, Role] = {
    Permission.RECORD_EVIDENCE: Role.AUDITOR,
    Permission.EDIT_DRAFT_NC: Role.AUDITOR,
    Permission.ENTER_NC_RESPONSE: Role.AUDITOR,
    Permission.REVIEW_NC: Role.LEAD,
    Permission.VERIFY_NC: Role.LEAD,
    Permission.CLOSE_NC: Role.LEAD,
    Permission.ISSUE_REPORT: Role.LEAD,
    Permission.RESOLVE_CONFLICT: Role.LEAD,
    Permission.REOPEN_NC: Role.ADMIN,
    Permission.EDIT_REGISTERS: Role.ADMIN,
    Permission.PLAN_AUDIT: Role.ADMIN,
    Permission.MANAGE_USERS: Role.ADMIN,
    Permission.EDIT_SETTINGS: Role.ADMIN,
}


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(expected)
    )
    return hmac.compare_digest(digest, expected)


def ensure_system_user(session: Session) -> User:
    user = session.scalar(select(User).where(User.username == SYSTEM_USER))
    if user is None:
        user = User(
            username=SYSTEM_USER, display_name="AuditDesk", role=Role.ADMIN, password_hash=""
        )
        session.add(user)
        session.flush()
    return user


def create_user(
    session: Session,
    username: str,
    password: str,
    role: Role,
    display_name: str = "",
    auditor_id: object = None,
) -> User:
    require(session, Permission.MANAGE_USERS)
    username = username.strip()
    errors: dict[str, str] = {}
    if not username:
        errors["username"] = "required"
    elif session.scalar(select(User).where(User.username == username)) is not None:
        errors["username"] = "duplicate"
    if len(password) < 8:
        errors["password"] = "too_short"
    if errors:
        raise ValidationFailed(f"cannot create user '{username}': {errors}", errors)
    user = User(
        username=username,
        display_name=display_name or username,
        role=role,
        password_hash=hash_password(password),
        auditor_id=auditor_id,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = session.scalar(
        select(User).where(User.username == username.strip(), User.active.is_(True))
    )
    if user is None or not user.password_hash or not verify_password(password, user.password_hash):
        return None
    return user


def current_username(session: Session) -> str:
    return str(session.info.get("user") or SYSTEM_USER)


def current_user(session: Session) -> User:
    name = current_username(session)
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        if name == SYSTEM_USER:
            return ensure_system_user(session)
        raise NotFound(f"unknown user '{name}'", user=name)
    if not user.active:
        raise PermissionDenied(f"user '{name}' is deactivated", user=name)
    return user


def can(user: User, permission: Permission) -> bool:
    return _RANK[user.role] >= _RANK[_NEEDS[permission]]


def require(session: Session, permission: Permission) -> User:
    """Return the acting user, or raise PermissionDenied saying which role the action needs."""
    user = current_user(session)
    if not can(user, permission):
        needed = _NEEDS[permission]
        raise PermissionDenied(
            f"{user.username} ({user.role.value}) may not {permission.value}: needs the {needed.value} role",
            user=user.username,
            role=user.role.value,
            needs=needed.value,
            permission=permission.value,
        )
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


# --------------------------------------------------------------------------- sign-in and user management


def sign_in(session: Session, username: str, password: str) -> User:
    """The user for these credentials; PermissionDenied(code sign_in_failed) otherwise, without
    saying whether the name or the password was wrong."""
    user = authenticate(session, username, password)
    if user is None or user.username == SYSTEM_USER:
        raise PermissionDenied("wrong user name or password", reason="sign_in_failed")
    return user


def active_user(session: Session, username: str) -> User | None:
    """A remembered user who may still work here (exists, active, not the system user)."""
    user = session.scalar(
        select(User).where(User.username == username.strip(), User.active.is_(True))
    )
    return None if user is None or user.username == SYSTEM_USER else user


def has_people(session: Session) -> bool:
    """Whether anyone but the built-in system user can sign in (a new database has no one)."""
    return (
        session.scalar(select(User.id).where(User.username != SYSTEM_USER, User.active.is_(True)))
        is not None
    )


def create_first_admin(
    session: Session, username: str, password: str, display_name: str = ""
) -> User:
    """The first person on a new database becomes its admin (no one else could appoint one)."""
    if has_people(session):
        raise PermissionDenied(
            "this database already has users; an admin adds new ones", reason="has_users"
        )
    session.info["user"] = SYSTEM_USER
    return create_user(session, username, password, Role.ADMIN, display_name)


def _managed(session: Session, username: str) -> User:
    require(session, Permission.MANAGE_USERS)
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise NotFound(f"no user '{username}'", user=username)
    if user.username == SYSTEM_USER:
        raise PermissionDenied("the built-in system user cannot be changed", reason="system_user")
    return user


def _other_active_admins(session: Session, user: User) -> int:
    return len(
        list(
            session.scalars(
                select(User.id).where(
                    User.role == Role.ADMIN,
                    User.active.is_(True),
                    User.id != user.id,
                    User.username != SYSTEM_USER,
                )
            )
        )
    )


def set_role(session: Session, username: str, role: Role) -> User:
    user = _managed(session, username)
    if user.role == Role.ADMIN and role != Role.ADMIN and _other_active_admins(session, user) == 0:
        raise ValidationFailed("the last admin cannot lose the admin role", {"role": "last_admin"})
    user.role = role
    session.flush()
    return user


def set_active(session: Session, username: str, active: bool) -> User:
    user = _managed(session, username)
    if not active and user.username == current_username(session):
        raise ValidationFailed("you cannot deactivate yourself", {"active": "self"})
    if not active and user.role == Role.ADMIN and _other_active_admins(session, user) == 0:
        raise ValidationFailed("the last admin cannot be deactivated", {"active": "last_admin"})
    user.active = active
    session.flush()
    return user


def reset_password(session: Session, username: str, new_password: str) -> User:
    """An admin sets a new password (e.g. the user forgot theirs)."""
    user = _managed(session, username)
    if len(new_password) < 8:
        raise ValidationFailed("password too short", {"password": "too_short"})
    user.password_hash = hash_password(new_password)
    session.flush()
    return user


def change_own_password(session: Session, old_password: str, new_password: str) -> User:
    user = current_user(session)
    if not user.password_hash or not verify_password(old_password, user.password_hash):
        raise PermissionDenied("the current password is wrong", reason="sign_in_failed")
    if len(new_password) < 8:
        raise ValidationFailed("password too short", {"password": "too_short"})
    user.password_hash = hash_password(new_password)
    session.flush()
    return user
