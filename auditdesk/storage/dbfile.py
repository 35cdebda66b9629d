"""Is this file an AuditDesk database? Read-only checks of a SQLite file, shared by opening
(storage/database.py), restore and backups (storage/backup.py, storage/backup_set.py).

Its own module so that those three need not import each other to ask (no import cycle).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from auditdesk.storage import errors

# "ADSK" — marks a SQLite file as an AuditDesk database (PRAGMA application_id).
APPLICATION_ID = 0x4144534B
SQLITE_HEADER = b"SQLite format 3\x00"


def inspect_sqlite_file(path: Path) -> str:
    """Classify an existing file without changing it: 'empty', 'auditdesk' or raise.

    Raises NotAnAuditDeskDatabase for a non-SQLite file or a SQLite file of another program,
    CorruptDatabase when SQLite cannot read its schema.
    """
    if path.stat().st_size == 0:
        return "empty"
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise errors.NotAnAuditDeskDatabase(f"{path} is not a database file", str(path))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise errors.CorruptDatabase(f"{path} is damaged: {exc}", str(path)) from exc
    if app_id == APPLICATION_ID:
        return "auditdesk"
    if not tables:
        return "empty"
    raise errors.NotAnAuditDeskDatabase(f"{path} is a database of another program", str(path))


def check_backup_file(path: Path) -> None:
    """Raise a StorageError unless ``path`` is an intact AuditDesk database."""
    if not path.is_file():
        raise errors.DatabaseMissing(f"no backup file at {path}", str(path))
    kind = inspect_sqlite_file(path)
    if kind != "auditdesk":
        raise errors.NotAnAuditDeskDatabase(f"{path} is not an AuditDesk backup", str(path))
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = con.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise errors.CorruptDatabase(f"{path} is damaged: {exc}", str(path)) from exc
    finally:
        con.close()
    if result != [("ok",)]:
        raise errors.CorruptDatabase(f"{path} is damaged: {result[0][0]}", str(path))
