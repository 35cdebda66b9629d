"""Backups with SQLite's online backup API: consistent copies of a live database.

- ``backup_file``: one copy, safe while the database is in use (WAL content included).
- Automatic rotating backups (``AutoBackup``): one when a database is opened (only if its
  change-log head moved since the newest backup, so read-only CLI runs add no copies) and one after
  every ``every_changes`` change-log rows written; the newest ``keep`` are kept. Both run OFF the
  user's path (``BackgroundBackups``): ``Database.open`` returns and a commit completes before the
  copy starts, in a background thread with its own ``sqlite3`` connections (the online backup API
  reads a consistent snapshot while WAL writers go on). At most one copy runs at a time; a request
  arriving meanwhile runs once after it. ``Database.close()`` waits for the copy, so a normal exit
  leaves no ``.part`` file; one cut short by a crash is deleted by the next automatic backup.
- ``restore``: checks the backup, refuses while any AuditDesk process has the database open
  (storage/dblock.py), keeps the current file aside (itself as a backup), then replaces the
  database with the backup.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditdesk.storage import errors

if TYPE_CHECKING:
    from auditdesk.storage.database import Database

log = logging.getLogger(__name__)

BACKUP_DIR_NAME = "backups"
_WINDOWS = os.name == "nt"
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
    return backup_file(
        db_path, backup_dir(db_path) / f"{db_path.stem}-before-upgrade-{_stamp()}.sqlite3"
    )


def automatic_backups(db_path: Path) -> list[Path]:
    """This database's automatic backups, oldest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-{AUTO_TAG}-*.sqlite3"))


def rotating_backup(db_path: Path, keep: int = 10) -> Path:
    """Write a new automatic backup and delete the oldest beyond ``keep``."""
    target = backup_file(
        db_path, backup_dir(db_path) / f"{db_path.stem}-{AUTO_TAG}-{_stamp()}.sqlite3"
    )
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
            row = con.execute(
                "SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1"
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return (int(row[0]), str(row[1])) if row else (0, "")


def backup_on_open(db: Database) -> Path | None:
    """The open-time backup: only for an existing file that changed since the newest backup.

    Runs in the background thread (``BackgroundBackups``), never on the path of ``open()``.
    """
    policy: AutoBackup | None = getattr(db, "auto_backup", None)
    path = db.path
    if policy is None or not policy.on_open or path is None or db.created or not path.exists():
        return None
    existing = automatic_backups(path)
    # Unchanged since the newest backup (same change-log head): opening to read adds no copy.
    if existing and _log_head(existing[-1]) == _log_head(path):
        return None
    return rotating_backup(path, policy.keep)


def backup_after_changes(db: Database) -> Path | None:
    """The every-N-changes backup (background thread); on failure the next commit asks again."""
    policy: AutoBackup | None = getattr(db, "auto_backup", None)
    if policy is None or db.path is None:
        return None
    try:
        return rotating_backup(db.path, policy.keep)
    except (OSError, sqlite3.Error):
        # A failed automatic backup must not fail anything the user did; the next commit
        # tries again.
        with db.backups.lock:
            db.changes_since_backup = max(db.changes_since_backup, policy.every_changes)
        raise


class BackgroundBackups:
    """Runs a database's automatic backups in one background thread, one copy at a time.

    ``schedule(kind)`` only records the request and makes sure the thread runs; it never
    copies on the caller's thread. Requests made while a copy runs are run once afterwards
    (the same kind twice is one request). ``wait()`` blocks until nothing is running or pending.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self.lock = threading.Lock()  # guards the queue, the thread and db.changes_since_backup
        self._pending: list[str] = []
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()
        self.last_error: BaseException | None = None

    def schedule(self, kind: str) -> None:
        with self.lock:
            if kind not in self._pending:
                self._pending.append(kind)
            if self._thread is None:
                self._idle.clear()
                # Daemon: a crash or kill may cut a copy short (its .part is dropped later);
                # Database.close() waits, so a normal exit does not.
                self._thread = threading.Thread(
                    target=self._run, name="auditdesk-backup", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                if not self._pending:
                    self._thread = None
                    self._idle.set()
                    return
                kind = self._pending.pop(0)
            try:
                # Looked up at call time, so tests can slow a job down.
                job = {"open": backup_on_open, "changes": backup_after_changes}[kind]
                job(self._db)
            except Exception as exc:  # a background copy must never take the app down
                self.last_error = exc
                log.warning("automatic backup (%s) of %s failed: %s", kind, self._db.path, exc)

    @property
    def running(self) -> bool:
        return not self._idle.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no backup runs or is pending; False if ``timeout`` ran out first."""
        return self._idle.wait(timeout)


def install(db: Database) -> None:
    """Count change-log rows committed through ``db``'s sessions; every N of them, schedule a
    backup (it runs after the commit, in the background thread)."""
    from sqlalchemy import event

    def after_commit(session: Any) -> None:
        written = session.info.pop("changelog_written", 0)
        policy: AutoBackup | None = getattr(db, "auto_backup", None)
        if not written or policy is None or db.path is None or db.opening:
            return
        with db.backups.lock:
            db.changes_since_backup += written
            due = db.changes_since_backup >= policy.every_changes
            if due:
                db.changes_since_backup = 0
        if due:
            db.backups.schedule("changes")

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

    The backup is checked first (AuditDesk database, SQLite integrity). Then restore takes the
    exclusive lock on the database (storage/dblock.py) without waiting: while any AuditDesk
    process, this one included, has it open, it raises ``DatabaseInUse`` and changes nothing.
    Holding the lock, it copies the current database, if any, aside with the online backup API
    and replaces it; processes opening the database meanwhile wait for it.
    """
    from auditdesk.storage import dblock

    check_backup_file(backup)
    with dblock.acquire_exclusive(db_path):
        kept: Path | None = None
        if db_path.exists() and db_path.stat().st_size > 0:
            kept = backup_file(
                db_path, backup_dir(db_path) / f"{db_path.stem}-before-restore-{_stamp()}.sqlite3"
            )
        tmp = db_path.with_name(db_path.name + ".restore")
        try:
            backup_file(backup, tmp)
            _replace(tmp, db_path)
        except errors.DatabaseInUse:
            if kept is not None:  # nothing was restored: no "before restore" copy either
                kept.unlink(missing_ok=True)
            raise
        finally:
            tmp.unlink(missing_ok=True)
    return kept


def _replace(new: Path, db_path: Path) -> None:
    """Put ``new`` in place of ``db_path``, dropping the old file's -wal/-shm (their content is in
    the copy kept aside). The -wal goes first, so that no old log is ever applied to the new file."""
    try:
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        new.replace(db_path)
    except PermissionError as exc:
        # Windows has no flock (dblock is a no-op there) but refuses to delete or replace a file
        # another program has open: that is the same "in use", and nothing was replaced.
        if _WINDOWS:
            from auditdesk.storage.dblock import IN_USE_MESSAGE

            raise errors.DatabaseInUse(f"{db_path}: {IN_USE_MESSAGE}", str(db_path)) from exc
        raise
