"""Shared plumbing for the CLI subcommands: database resolution, JSON output, errors."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A one-line error for the user; ``exit_code`` 1 (job found a problem) or 2 (bad usage)."""

    def __init__(self, message: str, exit_code: int = EXIT_PROBLEM) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def database_url(db: str | None) -> str:
    """``--db`` wins, then ``AUDITDESK_DB``, then the default file in the user's data folder.

    A plain path becomes a SQLite URL; anything with ``://`` is used as an SQLAlchemy URL.
    """
    from auditdesk.paths import default_database_path

    value = db or os.environ.get("AUDITDESK_DB") or str(default_database_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def parse_date(text: str, field: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` strictly; a wrong date is bad usage (exit 2)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"{field}: '{text}' is not a valid date (YYYY-MM-DD)", EXIT_USAGE
        ) from None


def to_jsonable(value: Any) -> Any:
    """Dates, UUIDs, enums and dataclasses as plain JSON values."""
    if is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def print_json(value: Any) -> None:
    json.dump(to_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    """A plain aligned table for humans (``--json`` is the scripting format)."""
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]
    print("  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        print("  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)))


def _cell(v: Any) -> str:
    v = to_jsonable(v)
    return "" if v is None else str(v)


def _width(text: str) -> int:
    # East-Asian characters take two columns in a terminal.
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


# --------------------------------------------------------------------------- who is acting

# Commands that change the database, by the module and function argparse calls. Everything else
# (list, check, calc, export without --issue, standards list) may run as the read-only reader.
# "setup": allowed without credentials while the database has no people yet (a new file).
_WRITES: dict[tuple[str, str], str] = {
    ("auditdesk.commands.import_", "run_workbook"): "write",
    ("auditdesk.commands.import_", "run_package"): "write",
    ("auditdesk.commands.standards", "run_load"): "write",
    ("auditdesk.commands.export_exchange", "run_package"): "write",  # remembers what was sent
    ("auditdesk.commands.demo", "run"): "setup",
    ("auditdesk.commands.cnca", "run_cnca_monthly"): "write",  # records what was reported when
    ("auditdesk.commands.cnca", "run_id"): "write",
    ("auditdesk.commands.cnca", "run_marks"): "write",
    ("auditdesk.commands.cnca", "run_energy"): "write",
}
SIGN_IN_HINT = (
    "sign in with --user NAME (password prompt, or $AUDITDESK_PASSWORD) "
    "or an API token in $AUDITDESK_TOKEN"
)


def write_mode(args: Any) -> str:
    """ "write", "setup" or "read": what the command about to run does to the database."""
    func = getattr(args, "func", None)
    key = (getattr(func, "__module__", ""), getattr(func, "__name__", ""))
    if key == ("auditdesk.commands.export", "run_report") and getattr(args, "issue", False):
        return "write"  # issuing records a revision: a signed-in lead
    return _WRITES.get(key, "read")


def _password(name: str) -> str:
    import getpass

    password = os.environ.get("AUDITDESK_PASSWORD")
    if password is not None:
        return password
    try:
        return getpass.getpass(f"password for {name}: ")
    except EOFError:
        raise CommandError(
            f"no password for {name}: type it at the prompt or set $AUDITDESK_PASSWORD"
        ) from None


def authenticate(database: Any, args: Any) -> str | None:
    """The user name the credentials sign in (``--user`` + password, else $AUDITDESK_TOKEN),
    None when none were given; a refused sign-in is a one-line CommandError. Every attempt is
    in the database's sign-in log."""
    from auditdesk.services import users

    name = (getattr(args, "user", None) or "").strip()
    token = os.environ.get("AUDITDESK_TOKEN", "").strip()
    if name:
        password = _password(name)
        with database.session() as s:
            result = users.attempt_sign_in(s, name, password, users.Channel.CLI)
            signed_in = result.user.username if result.user is not None else None
        if signed_in is None:
            if result.reason == "locked" and result.locked_until is not None:
                until = result.locked_until.astimezone().strftime("%H:%M:%S")
                raise CommandError(f"too many failed sign-ins for {name}: try again after {until}")
            raise CommandError("sign-in refused: wrong user name or password")
        return signed_in
    if token:
        with database.session() as s:
            user = users.sign_in_with_token(s, token, users.Channel.TOKEN, users.TokenKind.API)
            signed_in = user.username if user is not None else None
        if signed_in is None:
            raise CommandError(
                "sign-in refused: $AUDITDESK_TOKEN is not a valid token "
                "(unknown, revoked, or its user is deactivated)"
            )
        return signed_in
    return None


def require_credentials(args: Any) -> None:
    """Refuse at once (before asking anything else) when no credentials were given."""
    if (
        not (getattr(args, "user", None) or "").strip()
        and not os.environ.get("AUDITDESK_TOKEN", "").strip()
    ):
        raise CommandError(f"this command changes the database: {SIGN_IN_HINT}", EXIT_USAGE)


def acting_user(database: Any, args: Any, mode: str | None = None) -> str:
    """Who the command acts as: the signed-in user, else the reader for a read-only command;
    a write without credentials is refused with one line (exit 2)."""
    from auditdesk.services import users

    mode = mode or write_mode(args)
    signed_in = authenticate(database, args)
    if signed_in is not None:
        return signed_in
    if mode == "read":
        return users.READER_USER
    if mode == "setup":
        with database.session(user=users.READER_USER) as s:
            if not users.has_people(s):
                return users.SYSTEM_USER  # a new database: no one could sign in yet
    raise CommandError(f"this command changes the database: {SIGN_IN_HINT}", EXIT_USAGE)


def require_admin_of(args: Any) -> str | None:
    """Before a file-level write (restore): when the current database opens and has people,
    only a signed-in admin of it may replace it. A missing or unreadable file has no one to
    ask (restoring is how it gets repaired). Returns the admin's name, or None."""
    from auditdesk.services import users
    from auditdesk.services.errors import PermissionDenied
    from auditdesk.services.setup import open_database
    from auditdesk.storage.errors import StorageError

    try:
        database = open_database(database_url(getattr(args, "db", None)))
    except StorageError:
        return None
    try:
        with database.session(user=users.READER_USER) as s:
            if not users.has_people(s):
                return None
        require_credentials(args)
        name = authenticate(database, args)
        with database.session(user=name) as s:
            try:
                users.require(s, users.Permission.EDIT_SETTINGS)
            except PermissionDenied as exc:
                raise CommandError(f"{name} may not replace the database: {exc}") from exc
        return name
    finally:
        database.close()


def guard_read_only(session: Any) -> None:
    """The reader may read only: any write in its session is refused before it reaches the file."""
    from sqlalchemy import event

    def refuse(s: Any, _ctx: Any, _instances: Any) -> None:
        if s.new or s.dirty or s.deleted:
            raise CommandError(
                f"this command would change the database: {SIGN_IN_HINT}", EXIT_USAGE
            )

    event.listen(session, "before_flush", refuse)


@contextmanager
def open_session(
    args: Any, *, create: bool = False, user: str | None = None, mode: str | None = None
) -> Iterator[Any]:
    """Open the database named by ``--db`` and yield a Session inside one transaction, acting
    as the signed-in user (see :func:`acting_user`; ``user`` overrides it for internal jobs).

    ``create`` allows creating a new database file; otherwise a missing file is an error.
    """
    from auditdesk.services.setup import open_database
    from auditdesk.services.users import READER_USER

    url = database_url(getattr(args, "db", None))
    database = open_database(url, create=create)
    try:
        name = user or acting_user(database, args, mode)
        with database.session(user=name) as session:
            if name == READER_USER:
                guard_read_only(session)
            yield session
    finally:
        database.close()
