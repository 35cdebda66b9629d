"""Backups with SQLite's online backup API, and automatic backups off the user's path.

- ``backup_file``: one consistent copy of the database file, safe while it is in use.
- ``backup_set.write_backup``: a backup a CB can restore from (the database and every attachment,
  verified, in a folder the user chooses); ``auditdesk backup --to DIR`` and the GUI write these.
- Automatic backups (``AutoBackup``): OFF unless the GUI turns them on, so CLI runs, GUI worker
  processes and benchmark children never copy anything. When on, at most one a day (and only if
  the change log moved since the newest backup), into the chosen folder, then thinned (7 daily,
  4 weekly, 12 monthly). They run in one background thread (``BackgroundBackups``) after the
  window is up or after a commit; nothing waits for them: ``Database.close()`` cancels a copy
  in progress (within one 4 MiB step) and its partial folder is removed.
- ``restore``: checks the backup (a backup folder or a plain database file), refuses while any
  AuditDesk process has the database open (storage/dblock.py), keeps the current file aside,
  then puts the attachments in the store and the database in place.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditdesk import platform
from auditdesk.storage import backup_set, errors
from auditdesk.storage.dbfile import check_backup_file

if TYPE_CHECKING:
    from auditdesk.storage.database import Database

log = logging.getLogger(__name__)

BACKUP_DIR_NAME = "backups"
AUTO_TAG = "auto"  # the name of the old whole-file rotating copies (removed once a backup exists)


@dataclass
class AutoBackup:
    """Policy for automatic backups; ``Database.auto_backup = None`` or ``enabled=False``: none."""

    enabled: bool = False  # the GUI turns them on (ui/file_actions.start_automatic_backups)
    folder: Path | None = None  # None: ``backups`` beside the database (same disk: set one!)
    interval: dt.timedelta = dt.timedelta(days=1)
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def backup_file(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` with the online backup API (safe while in use).

    The copy is written as ``<target>.part`` and renamed when complete; on any failure the
    ``.part`` is removed, and a full or read-only disk is a typed error, not "damaged".
    """
    tmp = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
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
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise backup_set._os_error(exc, target.parent) from exc
        if isinstance(exc, sqlite3.Error) and backup_set._is_full(exc):
            raise backup_set.BackupNoSpace(
                f"the disk at {target.parent} is full", str(target.parent)
            ) from exc
        raise
    return target


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR_NAME


def backup_before_upgrade(db_path: Path) -> Path:
    return backup_file(
        db_path, backup_dir(db_path) / f"{db_path.stem}-before-upgrade-{_stamp()}.sqlite3"
    )


def automatic_backups(db_path: Path) -> list[Path]:
    """The old whole-file automatic copies of this database, oldest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-{AUTO_TAG}-*.sqlite3"))


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


def backup_folder(db: Database) -> Path | None:
    policy: AutoBackup | None = getattr(db, "auto_backup", None)
    if db.path is None:
        return None
    return Path(policy.folder) if policy is not None and policy.folder else backup_dir(db.path)


def backup_due(db: Database, now: dt.datetime | None = None) -> bool:
    """An automatic backup is due: enabled, the newest backup in the folder is older than the
    interval, and the change log moved since it (opening to read adds no copy)."""
    policy: AutoBackup | None = getattr(db, "auto_backup", None)
    path, folder = db.path, backup_folder(db)
    if policy is None or not policy.enabled or path is None or folder is None:
        return False
    if not path.exists():
        return False
    existing = backup_set.backups_in(folder, path.stem)
    if not existing:
        return True
    newest = existing[-1]
    stamp = backup_set.stamp_of(newest)
    now = now or dt.datetime.now(dt.UTC)
    if stamp is not None and now - stamp < policy.interval:
        return False
    return _log_head(newest / backup_set.DATABASE) != _log_head(path)


def automatic_backup(db: Database, cancel: threading.Event | None = None) -> Path | None:
    """The daily backup (background thread): write it if due, thin the folder, drop leftovers."""
    policy: AutoBackup | None = getattr(db, "auto_backup", None)
    path, folder = db.path, backup_folder(db)
    if policy is None or path is None or folder is None or not backup_due(db):
        return None
    backup_set.remove_stale_parts(folder, path.stem, dt.timedelta(hours=1))
    result = backup_set.write_backup(path, folder, cancel=cancel)
    backup_set.apply_thinning(
        folder, path.stem, daily=policy.daily, weekly=policy.weekly, monthly=policy.monthly
    )
    # The old whole-file copies (10 × the database) are of no more use once a full backup exists.
    for old in automatic_backups(path):
        old.unlink(missing_ok=True)
    for part in backup_dir(path).glob(f"{path.stem}-{AUTO_TAG}-*.sqlite3.part"):
        part.unlink(missing_ok=True)
    return result.path


class BackgroundBackups:
    """Runs a database's automatic backups in one background thread, one at a time.

    ``schedule()`` only records the request and makes sure the thread runs; it never copies on
    the caller's thread. ``wait()`` blocks until nothing is running or pending; ``stop()``
    cancels a running copy (its partial folder is removed) and returns at once after it.
    """

    RETRY_AFTER = 3600.0  # seconds before a failed automatic backup is tried again

    def __init__(self, db: Database) -> None:
        self._db = db
        self.lock = threading.Lock()  # guards the queue and the thread
        self._pending = False
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()
        self.cancel = threading.Event()
        self.last_error: BaseException | None = None
        self.last_backup: Path | None = None
        self.next_check = 0.0  # time.monotonic() before which commits do not ask again

    def schedule(self, kind: str = "daily") -> None:
        policy: AutoBackup | None = getattr(self._db, "auto_backup", None)
        if policy is None or not policy.enabled or self.cancel.is_set():
            return
        with self.lock:
            self._pending = True
            if self._thread is None:
                self._idle.clear()
                # Daemon: a crash or kill may cut a copy short (its .part is dropped later).
                self._thread = threading.Thread(
                    target=self._run, name="auditdesk-backup", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                if not self._pending or self.cancel.is_set():
                    self._pending = False
                    self._thread = None
                    self._idle.set()
                    return
                self._pending = False
            try:
                # Looked up at call time, so tests can slow a job down.
                made = automatic_backup(self._db, self.cancel)
                if made is not None:
                    self.last_backup = made
                self.next_check = time.monotonic() + self.RETRY_AFTER
            except Exception as exc:  # noqa: BLE001 — a background copy must never take the app down; logged, kept in last_error, retried
                self.last_error = exc
                self.next_check = time.monotonic() + self.RETRY_AFTER
                log.warning("automatic backup of %s failed: %s", self._db.path, exc)

    @property
    def running(self) -> bool:
        return not self._idle.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no backup runs or is pending; False if ``timeout`` ran out first."""
        return self._idle.wait(timeout)

    def stop(self) -> None:
        """Cancel any running or pending backup and return once the thread let go (closing)."""
        self.cancel.set()
        self._idle.wait()


def install(db: Database) -> None:
    """After a commit, ask for the automatic backup when one may be due (at most hourly checks;
    the backup itself runs in the background thread, at most once a day)."""
    from sqlalchemy import event

    def after_commit(session: Any) -> None:
        written = session.info.pop("changelog_written", 0)
        policy: AutoBackup | None = getattr(db, "auto_backup", None)
        if not written or policy is None or not policy.enabled or db.path is None or db.opening:
            return
        if time.monotonic() < db.backups.next_check:
            return
        db.backups.next_check = time.monotonic() + db.backups.RETRY_AFTER
        db.backups.schedule()

    def after_rollback(session: Any) -> None:
        session.info.pop("changelog_written", None)

    event.listen(db.Session, "after_commit", after_commit)
    event.listen(db.Session, "after_soft_rollback", lambda s, _t: after_rollback(s))


def restore(backup: Path, db_path: Path) -> Path | None:
    """Replace the database at ``db_path`` by ``backup``; return where the old file was kept.

    ``backup`` is a backup folder (``backup_set``: database and attachments) or a plain database
    file. It is checked first (a folder: verified whole; a file: AuditDesk database, SQLite
    integrity), and the free space it needs. Then restore takes the exclusive lock on the
    database (storage/dblock.py) without waiting: while any AuditDesk process, this one
    included, has it open, it raises ``DatabaseInUse`` and changes nothing. Holding the lock, it
    copies the current database, if any, aside; puts the backup's attachments into the store
    beside ``db_path`` (files already there stay); and replaces the database file.
    """
    from auditdesk.storage import dblock
    from auditdesk.storage.attachments import AttachmentStore

    is_set = backup.is_dir()
    if is_set:
        backup_set.verify_backup(backup)
        source = backup / backup_set.DATABASE
    else:
        check_backup_file(backup)
        source = backup
    db_path.parent.mkdir(parents=True, exist_ok=True)
    store_root = AttachmentStore.beside(db_path).root
    needed = backup_set.restore_needs(backup, store_root) if is_set else source.stat().st_size * 2
    if db_path.exists():
        needed += db_path.stat().st_size  # the current file, kept aside
    free = backup_set.free_bytes(db_path.parent)
    if free < needed:
        raise backup_set.BackupNoSpace(
            f"not enough free space at {db_path.parent} to restore: needs {needed} bytes, "
            f"{free} free",
            str(db_path.parent),
            needed,
            free,
        )
    with dblock.acquire_exclusive(db_path):
        kept: Path | None = None
        if db_path.exists() and db_path.stat().st_size > 0:
            kept = backup_file(
                db_path, backup_dir(db_path) / f"{db_path.stem}-before-restore-{_stamp()}.sqlite3"
            )
        tmp = db_path.with_name(db_path.name + ".restore")
        try:
            backup_file(source, tmp)
            if is_set:  # attachments first: the old database with extra files is harmless
                try:
                    backup_set.restore_attachments(backup, store_root)
                except OSError as exc:
                    raise backup_set._os_error(exc, store_root) from exc
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
        if platform.is_windows():
            from auditdesk.storage.dblock import IN_USE_MESSAGE

            raise errors.DatabaseInUse(f"{db_path}: {IN_USE_MESSAGE}", str(db_path)) from exc
        raise
