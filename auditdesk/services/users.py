"""Local users, passwords (scrypt) and role checks enforced in the services.

Roles (DOMAIN.md §9): an *auditor* records evidence, raises and edits draft NCs and enters
client responses; a *lead* accepts, rejects, verifies and closes NCs and issues reports; an
*admin* keeps the registers, plans audits, reopens NCs and manages users and settings.
A higher role may do what a lower one may: admin ⊇ lead ⊇ auditor.
The built-in ``system`` user (demo building, a new database's set-up) acts as admin and cannot
sign in; the built-in ``reader`` (read-only CLI commands) may do nothing at all.

Sign-in: scrypt passwords (N=2^17, older hashes upgraded at the next sign-in), every attempt
in the sign-in log (``sign_in_event``), a name locked after LOCK_AFTER failures in a row, and
revocable tokens (``auth_token``, only their SHA-256 stored) for "remember me" and scripts.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import secrets
import uuid
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditdesk.model import AuthToken, Role, SignInEvent, User, utcnow
from auditdesk.services.errors import NotFound, PermissionDenied, ValidationFailed
from auditdesk.storage.concurrency import expect_version

SYSTEM_USER = "system"
# The CLI's read-only identity (list, check, calc, export without --issue): may do nothing.
READER_USER = "reader"
RESERVED_NAMES = frozenset({SYSTEM_USER, READER_USER})
_RANK = {Role.AUDITOR: 1, Role.LEAD: 2, Role.ADMIN: 3}
# scrypt cost (OWASP: N >= 2^17 with r=8, p=1): 128 * r * N = 128 MiB of memory, ~0.4 s.
# Hashes made with a lower N (older AuditDesk: 2^14) are upgraded at the next sign-in.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**17, 8, 1
# What verify_password accepts from a stored hash: never more memory/time than this.
_MAX_N, _MAX_R, _MAX_P = 2**18, 16, 4
# Sign-in throttling: after LOCK_AFTER failures in a row the name is locked, first for
# LOCK_SECONDS, doubling with every further failure, at most LOCK_MAX_SECONDS.
LOCK_AFTER = 5
LOCK_SECONDS = 30
LOCK_MAX_SECONDS = 3600
TOKEN_PREFIX = "adk_"


class Channel(str, Enum):
    """Where a sign-in came from (the sign-in log says it)."""

    GUI = "gui"
    CLI = "cli"
    TOKEN = "token"  # an API token (AUDITDESK_TOKEN)
    REMEMBER = "remember"  # a "remember me" token on one computer


class TokenKind(str, Enum):
    REMEMBER = "remember"
    API = "api"


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


def _maxmem(n: int, r: int, p: int) -> int:
    # OpenSSL needs 128*r*p (B) + 128*r*(N+2) (V) bytes; Python's default cap is 32 MiB.
    return 128 * r * p + 128 * r * (n + 2) + 1024 * 1024


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(
        password.encode(), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=_maxmem(n, r, p)
    )


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = _scrypt(password, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P, 32)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    try:
        scheme, n_text, r_text, p_text, salt_b64, digest_b64 = stored.split("$")
        n, r, p = int(n_text), int(r_text), int(p_text)
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except ValueError:
        return None
    if scheme != "scrypt" or not expected:
        return None
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        return None
    return n, r, p, salt, expected


def verify_password(password: str, stored: str) -> bool:
    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    return hmac.compare_digest(_scrypt(password, salt, n, r, p, len(expected)), expected)


def needs_rehash(stored: str) -> bool:
    """Whether a (valid) hash was made with weaker parameters than AuditDesk uses now."""
    parsed = _parse_hash(stored)
    return parsed is not None and (parsed[0] < _SCRYPT_N or parsed[1] < _SCRYPT_R)


def ensure_system_user(session: Session) -> User:
    user = session.scalar(select(User).where(User.username == SYSTEM_USER))
    if user is None:
        user = User(
            username=SYSTEM_USER, display_name="AuditDesk", role=Role.ADMIN, password_hash=""
        )
        session.add(user)
        session.flush()
    return user


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise ValidationFailed("password too short", {"password": "too_short"})


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
    elif username.lower() in RESERVED_NAMES or len(username) > 60:
        errors["username"] = "reserved" if len(username) <= 60 else "too_long"
    elif session.scalar(select(User).where(User.username == username)) is not None:
        errors["username"] = "duplicate"
    if len(password) < 8:
        errors["password"] = "too_short"
    if not isinstance(role, Role):
        errors["role"] = "unknown"
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
    """The active user with this password, or None (no log, no throttling: see sign_in)."""
    user = _find_active(session, username)
    if user is None or not user.password_hash or not verify_password(password, user.password_hash):
        return None
    return user


def _find_active(session: Session, username: str) -> User | None:
    user = session.scalar(
        select(User).where(User.username == username.strip(), User.active.is_(True))
    )
    return None if user is None or user.username in RESERVED_NAMES else user


def current_username(session: Session) -> str:
    return str(session.info.get("user") or SYSTEM_USER)


def _reader() -> User:
    """A transient, never-saved user for read-only CLI work; ``can`` refuses it everything."""
    return User(username=READER_USER, display_name="reader", role=Role.AUDITOR, active=True)


def current_user(session: Session) -> User:
    name = current_username(session)
    if name == READER_USER:
        return _reader()
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        if name == SYSTEM_USER:
            return ensure_system_user(session)
        raise NotFound(f"unknown user '{name}'", user=name)
    if not user.active:
        raise PermissionDenied(f"user '{name}' is deactivated", user=name)
    return user


def can(user: User, permission: Permission) -> bool:
    if user.username == READER_USER:
        return False
    return _RANK[user.role] >= _RANK[_NEEDS[permission]]


def require(session: Session, permission: Permission) -> User:
    """Return the acting user, or raise PermissionDenied saying which role the action needs."""
    user = current_user(session)
    if not can(user, permission):
        needed = _NEEDS[permission]
        if user.username == READER_USER:
            raise PermissionDenied(
                f"signed in as the read-only reader: {permission.value} needs a signed-in "
                f"{needed.value}",
                user=READER_USER,
                reason="sign_in_required",
                needs=needed.value,
                permission=permission.value,
            )
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


@dataclass(frozen=True)
class AuditorAccount:
    """A person who audits: their account and the auditor record it is linked to."""

    username: str
    display_name: str
    auditor_name: str  # the auditor's name as audits' teams know it (中文 name)


def auditor_accounts(session: Session) -> list[AuditorAccount]:
    """Active users linked to an auditor, by display name: whom a package of "an auditor's
    week" can be for (exchange.package.audits_of_auditor looks the team up by this name)."""
    rows = session.scalars(
        select(User).where(User.active.is_(True), User.auditor_id.is_not(None))
    ).all()
    out = [
        AuditorAccount(u.username, u.display_name or u.username, u.auditor.name_zh)
        for u in rows
        if u.auditor is not None and u.username not in RESERVED_NAMES
    ]
    return sorted(out, key=lambda a: (a.display_name, a.username))


# --------------------------------------------------------------------------- sign-in


@dataclass(frozen=True)
class SignInResult:
    """The outcome of one attempt: ``user`` when it succeeded, else ``reason``
    (``sign_in_failed`` or ``locked``, with ``locked_until``)."""

    user: User | None
    reason: str = ""
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.user is not None


def _record(
    session: Session, username: str, channel: Channel | str, outcome: str, detail: str = ""
) -> None:
    session.add(
        SignInEvent(
            at=utcnow(),
            username=username.strip()[:60],
            channel=Channel(channel).value,
            outcome=outcome,
            detail=detail[:200],
        )
    )
    session.flush()


def _failures_in_a_row(session: Session, username: str) -> list[SignInEvent]:
    """This name's failures since its last success or password reset, newest first."""
    boundary = session.scalar(
        select(func.max(SignInEvent.seq)).where(
            SignInEvent.username == username, SignInEvent.outcome.in_(("success", "reset"))
        )
    )
    return list(
        session.scalars(
            select(SignInEvent)
            .where(
                SignInEvent.username == username,
                SignInEvent.outcome == "failure",
                SignInEvent.seq > (boundary or 0),
            )
            .order_by(SignInEvent.seq.desc())
        )
    )


def locked_until(
    session: Session, username: str, now: dt.datetime | None = None
) -> dt.datetime | None:
    """Until when this name may not sign in (None: it may), after LOCK_AFTER failures in a row."""
    failures = _failures_in_a_row(session, username.strip()[:60])
    if len(failures) < LOCK_AFTER:
        return None
    seconds = min(LOCK_SECONDS * 2 ** (len(failures) - LOCK_AFTER), LOCK_MAX_SECONDS)
    until = failures[0].at + dt.timedelta(seconds=seconds)
    return until if until > (now or utcnow()) else None


_DUMMY_HASH: list[str] = []


def _waste_time(password: str) -> None:
    """Cost an unknown name as much as a known one, so timing does not tell which names exist."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hash_password("not a password"))
    verify_password(password, _DUMMY_HASH[0])


def attempt_sign_in(
    session: Session,
    username: str,
    password: str,
    channel: Channel | str = Channel.GUI,
    now: dt.datetime | None = None,
) -> SignInResult:
    """Check a name and password and record the attempt in the sign-in log (in ``session``:
    commit it even when the attempt failed, i.e. do not raise inside the transaction).

    A locked name is refused without looking at the password. A correct password whose hash
    was made with weaker scrypt parameters is re-hashed now. The built-in users never sign in.
    """
    name = username.strip()
    until = locked_until(session, name, now)
    if until is not None:
        _record(session, name, channel, "locked")
        return SignInResult(None, "locked", until)
    user = _find_active(session, name)
    if user is None or not user.password_hash:
        _waste_time(password)
        ok = False
    else:
        ok = verify_password(password, user.password_hash)
    if not ok or user is None:
        _record(session, name, channel, "failure")
        return SignInResult(None, "sign_in_failed", locked_until(session, name, now))
    if needs_rehash(user.password_hash):
        session.info["user"] = user.username  # the change log names the user, not "system"
        user.password_hash = hash_password(password)
    _record(session, name, channel, "success")
    return SignInResult(user)


def sign_in(
    session: Session,
    username: str,
    password: str,
    channel: Channel | str = Channel.GUI,
    now: dt.datetime | None = None,
) -> User:
    """The user for these credentials; PermissionDenied(reason ``sign_in_failed`` or ``locked``)
    otherwise, without saying whether the name or the password was wrong. The attempt is in
    the session: catch the refusal inside the transaction if the log entry must be kept."""
    result = attempt_sign_in(session, username, password, channel, now)
    if result.user is None:
        raise refusal(result)
    return result.user


def refusal(result: SignInResult) -> PermissionDenied:
    if result.reason == "locked":
        return PermissionDenied(
            "too many failed sign-ins: try again later",
            reason="locked",
            until=result.locked_until.isoformat() if result.locked_until else "",
        )
    return PermissionDenied("wrong user name or password", reason="sign_in_failed")


def active_user(session: Session, username: str) -> User | None:
    """A user who may still work here (exists, active, not a built-in user)."""
    return _find_active(session, username)


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
    user = create_user(session, username, password, Role.ADMIN, display_name)
    session.info["user"] = user.username
    return user


# --------------------------------------------------------------------------- tokens


def _token_hash(token: str) -> str:
    # A token is 256 random bits: a plain SHA-256 cannot be reversed or guessed.
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token(session: Session, user: User, kind: TokenKind, label: str, by: str) -> str:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(
        AuthToken(
            user_id=user.id,
            kind=kind.value,
            token_hash=_token_hash(token),
            label=label[:200],
            created_by=by[:60],
            created_at=utcnow(),
        )
    )
    session.flush()
    return token


def remember_token(session: Session, user: User, label: str = "") -> str:
    """A "remember me" token for ``user`` who has just signed in (give it the User that
    ``sign_in`` returned). Only its hash is stored; the caller keeps the token."""
    if user.username in RESERVED_NAMES or not user.active:
        raise PermissionDenied("this user cannot be remembered", reason="system_user")
    return _new_token(session, user, TokenKind.REMEMBER, label, user.username)


def create_api_token(session: Session, username: str, label: str = "") -> str:
    """An admin makes a token with which scripts act as ``username`` (AUDITDESK_TOKEN).
    Shown once; revocable with ``revoke_token``."""
    admin = require(session, Permission.MANAGE_USERS)
    user = _managed(session, username)
    if not user.active:
        raise ValidationFailed("the user is deactivated", {"active": "inactive"})
    return _new_token(session, user, TokenKind.API, label, admin.username)


def sign_in_with_token(
    session: Session,
    token: str,
    channel: Channel | str = Channel.TOKEN,
    kind: TokenKind | None = None,
) -> User | None:
    """The active user this unrevoked token belongs to (its use is recorded), else None."""
    row = session.scalar(select(AuthToken).where(AuthToken.token_hash == _token_hash(token)))
    user = row.user if row is not None else None
    if (
        row is None
        or user is None
        or row.revoked_at is not None
        or (kind is not None and row.kind != kind.value)
        or not user.active
        or user.username in RESERVED_NAMES
    ):
        _record(session, user.username if user else "", channel, "failure", "token")
        return None
    row.last_used_at = utcnow()
    _record(session, user.username, channel, "success", "token")
    return user


def revoke_token(session: Session, token_id: uuid.UUID | str) -> AuthToken:
    """An admin revokes any token; anyone may revoke their own."""
    row = session.get(AuthToken, uuid.UUID(str(token_id)))
    if row is None:
        raise NotFound(f"no token {token_id}", token=str(token_id))
    me = current_user(session)
    if row.user_id != me.id:
        require(session, Permission.MANAGE_USERS)
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.flush()
    return row


def forget_remember_token(session: Session, token: str) -> bool:
    """Sign out on a remembering computer: whoever holds the token may revoke it."""
    row = session.scalar(select(AuthToken).where(AuthToken.token_hash == _token_hash(token)))
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    session.flush()
    return True


@dataclass(frozen=True)
class TokenInfo:
    id: uuid.UUID
    username: str
    kind: str
    label: str
    created_by: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


def list_tokens(session: Session, username: str | None = None) -> list[TokenInfo]:
    require(session, Permission.MANAGE_USERS)
    query = select(AuthToken, User.username).join(User, AuthToken.user_id == User.id)
    if username:
        query = query.where(User.username == username.strip())
    return [
        TokenInfo(
            t.id, name, t.kind, t.label, t.created_by, t.created_at, t.last_used_at, t.revoked_at
        )
        for t, name in session.execute(query.order_by(AuthToken.created_at))
    ]


def _revoke_all(session: Session, user: User) -> None:
    for row in session.scalars(
        select(AuthToken).where(AuthToken.user_id == user.id, AuthToken.revoked_at.is_(None))
    ):
        row.revoked_at = utcnow()


# --------------------------------------------------------------------------- user management


@dataclass(frozen=True)
class UserSummary:
    username: str
    display_name: str
    role: Role
    active: bool
    last_sign_in: dt.datetime | None
    failures_in_a_row: int
    version: int = 0  # what the users page showed: the version its next change is checked against


@dataclass(frozen=True)
class SignInRecord:
    at: dt.datetime
    username: str
    channel: str
    outcome: str
    detail: str


def user_summaries(session: Session) -> list[UserSummary]:
    """Every person (not the built-in users) with role, state and last successful sign-in."""
    require(session, Permission.MANAGE_USERS)
    last = dict(
        session.execute(
            select(SignInEvent.username, func.max(SignInEvent.at))
            .where(SignInEvent.outcome == "success")
            .group_by(SignInEvent.username)
        ).all()
    )
    people = [u for u in list_users(session) if u.username not in RESERVED_NAMES]
    return [
        UserSummary(
            u.username,
            u.display_name,
            u.role,
            u.active,
            _aware(last.get(u.username)),
            len(_failures_in_a_row(session, u.username)),
            u.version,
        )
        for u in people
    ]


def _aware(value: Any) -> dt.datetime | None:
    # func.max() bypasses the column type on SQLite: re-attach UTC to what comes back.
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def list_sign_ins(
    session: Session, username: str | None = None, limit: int = 200
) -> list[SignInRecord]:
    """The sign-in log, newest first (admins only)."""
    require(session, Permission.MANAGE_USERS)
    query = select(SignInEvent)
    if username:
        query = query.where(SignInEvent.username == username.strip())
    rows = session.scalars(query.order_by(SignInEvent.seq.desc()).limit(limit))
    return [SignInRecord(r.at, r.username, r.channel, r.outcome, r.detail) for r in rows]


def _managed(session: Session, username: str, expected_version: int | None = None) -> User:
    """The user an admin changes; ``expected_version`` (the version the users page showed)
    makes a change over someone else's newer save raise ``Conflict`` at flush."""
    require(session, Permission.MANAGE_USERS)
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise NotFound(f"no user '{username}'", user=username)
    if user.username in RESERVED_NAMES:
        raise PermissionDenied("the built-in system user cannot be changed", reason="system_user")
    if expected_version is not None:
        expect_version(session, User, user.id, expected_version)
    return user


def _other_active_admins(session: Session, user: User) -> int:
    return len(
        list(
            session.scalars(
                select(User.id).where(
                    User.role == Role.ADMIN,
                    User.active.is_(True),
                    User.id != user.id,
                    User.username.not_in(RESERVED_NAMES),
                )
            )
        )
    )


def set_role(
    session: Session, username: str, role: Role, *, expected_version: int | None = None
) -> User:
    """An admin changes someone's role; the last active admin keeps the admin role."""
    user = _managed(session, username, expected_version)
    if not isinstance(role, Role):
        raise ValidationFailed(f"unknown role {role!r}", {"role": "unknown"})
    if (
        user.role == Role.ADMIN
        and role != Role.ADMIN
        and user.active
        and _other_active_admins(session, user) == 0
    ):
        raise ValidationFailed("the last admin cannot lose the admin role", {"role": "last_admin"})
    user.role = role
    session.flush()
    return user


def set_active(
    session: Session, username: str, active: bool, *, expected_version: int | None = None
) -> User:
    """Deactivate (or reactivate) a user: nobody is deleted, the records keep their author.
    A deactivated user cannot sign in, and their tokens are revoked."""
    user = _managed(session, username, expected_version)
    if not active and user.username == current_username(session):
        raise ValidationFailed("you cannot deactivate yourself", {"active": "self"})
    if not active and user.role == Role.ADMIN and _other_active_admins(session, user) == 0:
        raise ValidationFailed("the last admin cannot be deactivated", {"active": "last_admin"})
    user.active = active
    if not active:
        _revoke_all(session, user)
    session.flush()
    return user


def deactivate(session: Session, username: str) -> User:
    return set_active(session, username, False)


def reset_password(
    session: Session,
    username: str,
    new_password: str,
    channel: Channel | str = Channel.GUI,
    *,
    expected_version: int | None = None,
) -> User:
    """An admin sets a new password (e.g. the user forgot theirs): lifts a lockout and revokes
    the user's remember-me and API tokens."""
    user = _managed(session, username, expected_version)
    _check_password(new_password)
    user.password_hash = hash_password(new_password)
    _revoke_all(session, user)
    _record(session, user.username, channel, "reset", f"by {current_username(session)}")
    session.flush()
    return user


def change_own_password(session: Session, old_password: str, new_password: str) -> User:
    user = current_user(session)
    if not user.password_hash or not verify_password(old_password, user.password_hash):
        raise PermissionDenied("the current password is wrong", reason="sign_in_failed")
    _check_password(new_password)
    user.password_hash = hash_password(new_password)
    session.flush()
    return user
