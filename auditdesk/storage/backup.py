"""Backups with SQLite's online backup API: consistent copies of a live database.

- ``backup_file``: one copy, safe while the database is in use (WAL content included).
- Automatic rotating backups (``AutoBackup``): one when a database is opened (only if its
  change-log head moved since the newest backup, so read-only CLI runs add no copies) and one after
  every ``every_changes`` change-log rows written; the newest ``keep`` are kept.
- ``restore``: checks the backup, keeps the current file aside (itself as a backup), then
  replaces the database with the backup.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditdesk.storage import errors

if TYPE_CHECKING:
    from auditdesk.storage.database import Database

BACKUP_DIR_NAME = "backups"
AUTO_TAG = "auto"


@dataclass
class AutoBackup:
    """Policy for automatic backups; ``Database.auto_backup = None`` turns them off."""

    keep: int = 10
    every_changes: int = 500
    on_open: bool = True


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def backup_file(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` with the online backup API (safe while in use)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            # A backup is a single self-contained file: no WAL beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    tmp.replace(target)
    return target


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR_NAME


def backup_before_upgrade(db_path: Path) -> Path:
    return backup_file(db_path, backup_dir(db_path) / f"{db_path.stem}-before-upgrade-{_stamp()}.sqlite3")


def automatic_backups(db_path: Path) -> list[Path]:
    """This database's automatic backups, oldest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-{AUTO_TAG}-*.sqlite3"))


def rotating_backup(db_path: Path, keep: int = 10) -> Path:
    """Write a new automatic backup and delete the oldest beyond ``keep``."""
    target = backup_file(db_path, backup_dir(db_path) / f"{db_path.stem}-{AUTO_TAG}-{_stamp()}.sqlite3")
    old = automatic_backups(db_path)
    for path in old[: max(0, len(old) - max(1, keep))]:
        path.unlink(missing_ok=True)
    # Copies cut short by a crash never got their final name; they are of no use.
    for part in backup_dir(db_path).glob(f"{db_path.stem}-{AUTO_TAG}-*.sqlite3.part"):
        if part != target.with_name(target.name + ".part"):
            part.unlink(missing_ok=True)
    return target


def _log_head(path: Path) -> tuple[int, str] | None:
    """(rows, last hash) of a file's change log; None when unreadable."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return (int(row[0]), str(row[1])) if row else (0, "")


def backup_on_open(db: Database) -> Path | None:
    """The open-time backup: only for an existing file that changed since the newest backup."""
    policy: AutoBackup | None = getattr(db, "auto_backup", None)
    path = db.path
    if policy is None or not policy.on_open or path is None or db.created or not path.exists():
        return None
    existing = automatic_backups(path)
    # Unchanged since the newest backup (same change-log head): opening to read adds no copy.
    if existing and _log_head(existing[-1]) == _log_head(path):
        return None
    return rotating_backup(path, policy.keep)


def install(db: Database) -> None:
    """Count change-log rows committed through ``db``'s sessions; back up every N of them."""
    from sqlalchemy import event

    def after_commit(session: Any) -> None:
        written = session.info.pop("changelog_written", 0)
        policy: AutoBackup | None = getattr(db, "auto_backup", None)
        if not written or policy is None or db.path is None or db.opening:
            return
        db.changes_since_backup += written
        if db.changes_since_backup >= policy.every_changes:
            db.changes_since_backup = 0
            try:
                rotating_backup(db.path, policy.keep)
            except (OSError, sqlite3.Error):
                # A failed automatic backup must not fail the user's committed action;
                # the next commit tries again.
                db.changes_since_backup = policy.every_changes

    def after_rollback(session: Any) -> None:
        session.info.pop("changelog_written", None)

    event.listen(db.Session, "after_commit", after_commit)
    event.listen(db.Session, "after_soft_rollback", lambda s, _t: after_rollback(s))


def check_backup_file(path: Path) -> None:
    """Raise a StorageError unless ``path`` is an intact AuditDesk database."""
    from auditdesk.storage.database import inspect_sqlite_file

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


def restore(backup: Path, db_path: Path) -> Path | None:
    """Replace the database at ``db_path`` by ``backup``; return where the old file was kept.

    The backup is checked first (AuditDesk database, SQLite integrity); the current database,
    if any, is copied aside with the online backup API before it is replaced.
    """
    check_backup_file(backup)
    kept: Path | None = None
    if db_path.exists() and db_path.stat().st_size > 0:
        kept = backup_file(db_path, backup_dir(db_path) / f"{db_path.stem}-before-restore-{_stamp()}.sqlite3")
    tmp = db_path.with_name(db_path.name + ".restore")
    backup_file(backup, tmp)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    tmp.replace(db_path)
    return kept
