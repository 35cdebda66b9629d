"""A backup a CB can restore from: the database and every attachment it references, verified.

A backup is one folder ``<db stem>-<UTC stamp>.adbackup`` in a folder the user chooses (a USB
disk, a network share; by default ``backups`` beside the database)::

    manifest.json        format, when, the database's size and SHA-256, every attachment's
    database.sqlite3     a consistent copy (SQLite online backup API; no WAL beside it)
    files/ab/cdef…       the attachments, laid out like the store (named by their SHA-256)

It is written as ``….adbackup.part`` and gets its final name only after it was verified (the
copy opens as an AuditDesk database, passes ``PRAGMA integrity_check``, hashes to the manifest,
and every attachment file hashes to its name): a folder without ``.part`` is a good backup.
An attachment already in the previous backup of the same folder is hard-linked, not copied
(where the file system allows), so a daily backup costs the database plus what is new.

Before writing, free space is checked: needed = database + attachments to copy + a margin; on
the database's own disk a reserve for the user's writes stays free too. Any failure removes the
partial folder. A full disk, a read-only or missing target are typed errors
(:class:`BackupNoSpace`, :class:`BackupTargetReadOnly`), never "damaged".

``thin`` decides which backups to keep (7 daily, 4 weekly, 12 monthly by default): pure.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from auditdesk import platform
from auditdesk.storage import errors
from auditdesk.storage.dbfile import check_backup_file

SUFFIX = ".adbackup"
PART = ".part"
MANIFEST = "manifest.json"
DATABASE = "database.sqlite3"
FILES = "files"
FORMAT = 1
MARGIN_MIN = 16 * 1024 * 1024  # bytes kept free beyond the backup itself
RESERVE_MIN = 256 * 1024 * 1024  # on the database's own disk: room for the user's writes
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)" + re.escape(SUFFIX) + "$")


class BackupError(errors.StorageError):
    code = "backup_failed"


class BackupNoSpace(BackupError):
    """Not enough free space at the target (checked before writing, or the disk filled up)."""

    code = "backup_no_space"

    def __init__(self, message: str, path: str = "", needed: int = 0, free: int = 0) -> None:
        super().__init__(message, path)
        self.needed = needed
        self.free = free


class BackupTargetReadOnly(BackupError):
    """The target folder cannot be written (read-only disk, no permission, not mounted)."""

    code = "backup_read_only"


class BackupInvalid(BackupError):
    """A backup folder that is incomplete, altered or not AuditDesk's."""

    code = "backup_invalid"


class BackupCancelled(BackupError):
    code = "backup_cancelled"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    database_bytes: int
    attachments: int
    attachment_bytes: int
    linked: int  # attachments hard-linked from the previous backup
    missing: tuple[str, ...] = ()  # referenced attachments absent from the store (not backed up)


@dataclass
class Needed:
    database: int
    copy: int
    margin: int
    reserve: int = 0
    to_copy: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.database + self.copy + self.margin + self.reserve


def stamp_of(path: Path) -> dt.datetime | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    return dt.datetime.strptime(m["stamp"], _STAMP).replace(tzinfo=dt.UTC)


def backups_in(folder: Path, stem: str) -> list[Path]:
    """Finished backups of database ``stem`` in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.iterdir()
        if p.is_dir() and (m := _NAME.match(p.name)) and m["stem"] == stem
    ]
    return sorted(found, key=lambda p: p.name)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def referenced_attachments(db_path: Path) -> list[str]:
    """SHA-256 of every attachment the database references (archived ones included)."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT DISTINCT lower(sha256) FROM attachment").fetchall()
    finally:
        con.close()
    return sorted(str(r[0]) for r in rows if _is_sha(r[0]))


def _is_sha(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9a-fA-F]{64}", value) is not None


def _rel(sha: str) -> Path:
    return Path(FILES) / sha[:2] / sha[2:]


def _db_bytes(db_path: Path) -> int:
    total = db_path.stat().st_size
    wal = Path(f"{db_path}-wal")
    return total + (wal.stat().st_size if wal.exists() else 0)


def _same_disk(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False


def plan(db_path: Path, folder: Path, store_root: Path) -> tuple[Needed, list[str], Path | None]:
    """What a backup of ``db_path`` into ``folder`` needs: (space, missing attachments, previous)."""
    previous = next(reversed(backups_in(folder, db_path.stem)), None)
    need = Needed(database=_db_bytes(db_path), copy=0, margin=0)
    missing: list[str] = []
    for sha in referenced_attachments(db_path):
        src = store_root / sha[:2] / sha[2:]
        if not src.is_file():
            missing.append(sha)
            continue
        size = src.stat().st_size
        if previous is None or not (previous / _rel(sha)).is_file():
            need.copy += size  # a file the previous backup has is hard-linked, not copied
        need.to_copy.append((sha, size))
    need.margin = max(MARGIN_MIN, (need.database + need.copy) // 50)
    if _same_disk(db_path, folder):
        need.reserve = max(RESERVE_MIN, need.database // 10)
    return need, missing, previous


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def write_backup(
    db_path: Path,
    folder: Path,
    *,
    store_root: Path | None = None,
    cancel: threading.Event | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BackupResult:
    """Write one verified backup of ``db_path`` (and its attachments) into ``folder``;
    ``progress(done, total)`` in KiB copied, as the copy goes."""
    from auditdesk.storage.attachments import AttachmentStore

    store_root = store_root or AttachmentStore.beside(db_path).root
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_error(exc, folder) from exc
    if not os.access(folder, os.W_OK):
        raise BackupTargetReadOnly(f"cannot write to {folder}", str(folder))
    need, missing, previous = plan(db_path, folder, store_root)
    free = free_bytes(folder)
    if free < need.total:
        raise BackupNoSpace(
            f"not enough free space at {folder}: needs {need.total} bytes, {free} free",
            str(folder),
            need.total,
            free,
        )
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    final = folder / f"{db_path.stem}-{when.strftime(_STAMP)}{SUFFIX}"
    if final.exists():
        raise BackupError(f"a backup named {final.name} already exists", str(final))
    part = final.with_name(final.name + PART)
    linked = 0
    try:
        part.mkdir()
        db_copy = part / DATABASE
        work = need.database + sum(size for _sha, size in need.to_copy)  # bytes to copy
        copied = 0

        def copied_kib(n: int) -> None:
            if progress is not None:
                progress(min(copied + n, work) // 1024, max(work // 1024, 1))

        if progress is None:
            _copy_database(db_path, db_copy, cancel)
        else:  # pages copied, as a share of the file and its -wal
            _copy_database(
                db_path, db_copy, cancel, lambda d, t: copied_kib(need.database * d // t)
            )
        copied = need.database
        attachments: dict[str, int] = {}
        for sha, size in need.to_copy:
            if cancel is not None and cancel.is_set():
                raise BackupCancelled("backup cancelled", str(final))
            target = part / _rel(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            if previous is not None and _try_link(previous / _rel(sha), target):
                linked += 1
            else:
                shutil.copyfile(store_root / sha[:2] / sha[2:], target)
                _fsync(target)
            attachments[sha] = size
            copied += size
            copied_kib(0)
        manifest = {
            "format": FORMAT,
            "created": when.isoformat(),
            "database": {
                "file": DATABASE,
                "name": db_path.name,
                "size": db_copy.stat().st_size,
                "sha256": sha256_of(db_copy),
            },
            "attachments": attachments,
            "missing": missing,
        }
        (part / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _fsync(part / MANIFEST)
        verify_backup(part)
        part.replace(final)
        _fsync_dir(folder)
    except BaseException as exc:
        shutil.rmtree(part, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _os_error(exc, folder) from exc
        if isinstance(exc, sqlite3.Error) and _is_full(exc):
            raise BackupNoSpace(f"the disk at {folder} is full", str(folder)) from exc
        raise
    return BackupResult(
        final,
        manifest["database"]["size"],  # type: ignore[index]
        len(attachments),
        sum(attachments.values()),
        linked,
        tuple(missing),
    )


def _copy_database(
    source: Path,
    target: Path,
    cancel: threading.Event | None,
    copied: Callable[[int, int], None] | None = None,
) -> None:
    def progress(_status: int, remaining: int, total: int) -> None:
        if cancel is not None and cancel.is_set():
            raise BackupCancelled("backup cancelled", str(target))
        if copied is not None and total > 0:
            copied(total - remaining, total)  # pages

    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            # Steps of 4 MiB: a cancel (closing the app) stops the copy within one step.
            src.backup(dst, pages=1024, progress=progress)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    _fsync(target)


def _try_link(existing: Path, target: Path) -> bool:
    try:
        os.link(existing, target)
        return True
    except OSError:
        return False


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


_fsync_dir = platform.fsync_dir  # a no-op on Windows


def _is_full(exc: BaseException) -> bool:
    return "full" in str(exc).lower()


def _os_error(exc: OSError, folder: Path) -> errors.StorageError:
    if isinstance(exc, errors.StorageError):
        return exc
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return BackupNoSpace(f"the disk at {folder} is full", str(folder))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return BackupTargetReadOnly(f"cannot write to {folder}: {exc.strerror}", str(folder))
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return BackupTargetReadOnly(f"{folder} is not available: {exc.strerror}", str(folder))
    return BackupError(f"backup to {folder} failed: {exc.strerror or exc}", str(folder))


def read_manifest(backup: Path) -> dict[str, object]:
    try:
        data = json.loads((backup / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupInvalid(f"{backup} has no readable {MANIFEST}", str(backup)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupInvalid(f"{backup} is not an AuditDesk backup of a known format", str(backup))
    return data


def verify_backup(backup: Path) -> dict[str, object]:
    """Raise ``BackupInvalid`` unless ``backup`` is complete and unaltered; return its manifest."""
    manifest = read_manifest(backup)
    db = manifest.get("database")
    attachments = manifest.get("attachments")
    if not isinstance(db, dict) or not isinstance(attachments, dict):
        raise BackupInvalid(f"{backup}: manifest without database or attachments", str(backup))
    db_copy = backup / DATABASE
    try:
        check_backup_file(db_copy)
    except errors.StorageError as exc:
        raise BackupInvalid(
            f"{backup}: the database copy is not intact: {exc}", str(backup)
        ) from exc
    if sha256_of(db_copy) != db.get("sha256"):
        raise BackupInvalid(f"{backup}: the database copy was altered", str(backup))
    for sha in attachments:
        path = backup / _rel(str(sha))
        if not _is_sha(sha) or not path.is_file() or sha256_of(path) != sha:
            raise BackupInvalid(f"{backup}: attachment {sha} is missing or altered", str(backup))
    listed = manifest.get("missing")
    missing = {str(m) for m in listed} if isinstance(listed, list) else set()
    for sha in referenced_attachments(db_copy):
        if sha not in attachments and sha not in missing:
            raise BackupInvalid(f"{backup}: attachment {sha} is not in the backup", str(backup))
    return manifest


def restore_attachments(backup: Path, store_root: Path) -> int:
    """Copy the backup's attachments into the store (each under a temporary name, then renamed);
    files already there keep their place. Returns how many were copied."""
    manifest = read_manifest(backup)
    copied = 0
    for sha in manifest["attachments"]:  # type: ignore[attr-defined]
        target = store_root / str(sha)[:2] / str(sha)[2:]
        if target.is_file() and sha256_of(target) == sha:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".restore")
        try:
            shutil.copyfile(backup / _rel(str(sha)), tmp)
            _fsync(tmp)
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)
        copied += 1
    return copied


def restore_needs(backup: Path, store_root: Path) -> int:
    manifest = read_manifest(backup)
    need = int(manifest["database"]["size"])  # type: ignore[index]
    for sha, size in manifest["attachments"].items():  # type: ignore[attr-defined]
        if not (store_root / sha[:2] / sha[2:]).is_file():
            need += int(size)
    return need + max(MARGIN_MIN, need // 50)


def thin(
    stamps: Iterable[dt.datetime],
    *,
    daily: int = 7,
    weekly: int = 4,
    monthly: int = 12,
) -> set[dt.datetime]:
    """The backups to keep: the newest of each of the last ``daily`` days that have one, of the
    last ``weekly`` ISO weeks, of the last ``monthly`` months; the newest one always."""
    ordered = sorted(set(stamps), reverse=True)
    keep: set[dt.datetime] = set(ordered[:1])
    for count, key in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: set[object] = set()
        for t in ordered:
            k = key(t)
            if k in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(k)
            keep.add(t)
    return keep


def apply_thinning(
    folder: Path, stem: str, *, daily: int = 7, weekly: int = 4, monthly: int = 12
) -> list[Path]:
    """Delete the backups of ``stem`` in ``folder`` that ``thin`` does not keep; return them."""
    found = {stamp_of(p): p for p in backups_in(folder, stem)}
    stamps = [s for s in found if s is not None]
    keep = thin(stamps, daily=daily, weekly=weekly, monthly=monthly)
    removed = []
    for s in stamps:
        if s not in keep:
            shutil.rmtree(found[s], ignore_errors=True)
            removed.append(found[s])
    return removed


def remove_stale_parts(folder: Path, stem: str, older_than: dt.timedelta) -> None:
    """Drop ``.part`` folders a crash left behind (older than ``older_than``: not being written)."""
    if not folder.is_dir():
        return
    limit = dt.datetime.now().timestamp() - older_than.total_seconds()
    for p in folder.glob(f"{stem}-*{SUFFIX}{PART}"):
        try:
            if p.stat().st_mtime < limit:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            continue
