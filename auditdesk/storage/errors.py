"""Environment errors about the database file: not bugs, but things the user must act on.

Each carries a ``code`` the UI turns into a translated message with what to do
(STYLE.md habit 6, after qutebrowser's misc/sql.py).
"""

from __future__ import annotations


class StorageError(Exception):
    code = "storage"
    exit_code = 1

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path


class NotAnAuditDeskDatabase(StorageError):
    code = "not_auditdesk"


class NewerDatabase(StorageError):
    code = "newer"


class CorruptDatabase(StorageError):
    code = "corrupt"


class DatabaseLocked(StorageError):
    code = "locked"


class DatabaseInUse(StorageError):
    """Restore refused: an AuditDesk process (this one or another: the desktop app, a command,
    a background backup) still has the database open; replacing the file under it would lose
    the work it saves afterwards (storage/dblock.py)."""

    code = "in_use"


class DatabaseReadOnly(StorageError):
    code = "read_only"


class DiskFull(StorageError):
    code = "disk_full"


class DatabaseMissing(StorageError):
    code = "missing"


class ServerUnreachable(StorageError):
    """The database server (PostgreSQL) does not answer: wrong host/port, down, or a firewall."""

    code = "server_unreachable"


class AuthenticationFailed(StorageError):
    """The database server refused the user name or password."""

    code = "auth_failed"


class ServerPermission(StorageError):
    """The database role lacks a right AuditDesk needs (e.g. to create its tables)."""

    code = "server_permission"


class TextTooLarge(StorageError):
    """A text field longer than AuditDesk stores (``details``: entity, field, chars, limit)."""

    code = "text_too_large"


class EditConflict(StorageError):
    """Someone else saved the same record meanwhile (optimistic locking, ``version`` column).

    ``details``: entity, record_id, changed_by (user or ""), changed_at, version. The services
    layer turns this into ``services.errors.Conflict`` (storage/concurrency.py).
    """

    code = "conflict"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.details = details


def classify_sqlite_error(exc: BaseException, path: str = "") -> StorageError | None:
    """Map a sqlite3/SQLAlchemy operational error to the environment error it really is."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLocked("the database is locked by another program", path)
    if "readonly" in text or "read-only" in text or "attempt to write a readonly" in text:
        return DatabaseReadOnly("the database file is read-only", path)
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull("the disk is full", path)
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return CorruptDatabase("the database file is damaged or not a database", path)
    if "no such table" in text or "no such column" in text:
        return CorruptDatabase(
            "the database's structure is damaged (a table or column is missing); "
            "run auditdesk check, or restore a backup",
            path,
        )
    if "unable to open database" in text:
        return DatabaseMissing("the database file cannot be opened", path)
    # PostgreSQL (storage/postgres.py maps the errors of opening; these come mid-session)
    if any(
        s in text
        for s in (
            "server closed the connection",
            "terminating connection",
            "connection refused",
            "could not connect to server",
            "connection timed out",
            "consuming input failed",
        )
    ):
        return ServerUnreachable(
            "the connection to the database server was lost; check the network and try again", path
        )
    return None
