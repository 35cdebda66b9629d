"""Who has a SQLite database open: advisory locks on a companion file ``<db>.lock``.

Every open ``Database`` on a SQLite file (the app, a CLI command, a GUI worker process, and so
the background backup thread of that ``Database``) holds a SHARED lock on ``<db>.lock`` until
``close()``. ``restore`` takes the EXCLUSIVE lock without waiting before it touches anything and
keeps it while it replaces the file: if anyone holds the shared lock, restore refuses
(``DatabaseInUse``) instead of replacing a file under an open connection — on Linux/macOS such a
connection goes on writing into the unlinked old file and its -wal, and that work is lost.

Why a companion file and ``flock``:
- ``flock`` locks belong to the open file, not to the process: two ``Database`` objects of the
  same file in one process are two holders, so the restoring process counts its own open
  databases too, and many test databases in one process do not disturb each other;
- the kernel drops them with the process: a crashed or killed AuditDesk blocks nothing;
- they do not mix with SQLite's own ``fcntl`` locks on the database file (closing any
  descriptor of a file drops all of a process's ``fcntl`` locks on it), and the lock file is
  never replaced or deleted, so every process locks the same inode before and after a restore.
Where there are no ``flock`` locks (Windows) this is a no-op: there the open database file
cannot be replaced, and restore turns that failure into the same ``DatabaseInUse``.
A lock file that cannot be created (read-only folder) means no lock: nothing could replace
the database there either.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from auditdesk import platform
from auditdesk.storage import errors

SUPPORTED = platform.locks_supported()
LOCK_SUFFIX = ".lock"
# How long opening waits for a running restore to finish before it gives up.
OPEN_WAIT_SECONDS = 30.0
_POLL_SECONDS = 0.05

IN_USE_MESSAGE = "AuditDesk is still using this database (the desktop app, a command or a backup): close it first"


def lock_path(db_path: Path) -> Path:
    """``<db>.lock`` beside the real file (symbolic links resolved, so every way to the file agrees)."""
    real = Path(os.path.realpath(db_path))
    return real.with_name(real.name + LOCK_SUFFIX)


class DatabaseLock:
    """One held lock; ``release()`` (idempotent) gives it back. The kernel does so on exit."""

    def __init__(self, fd: int | None, path: Path, exclusive: bool) -> None:
        self._fd = fd
        self.path = path
        self.exclusive = exclusive

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor drops its flock

    def __del__(self) -> None:  # a Database dropped without close(): its connections go too
        self.release()

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _open_lock_file(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        try:
            return os.open(path, os.O_RDONLY)  # flock works on a read-only descriptor too
        except OSError:
            return None


def acquire_shared(
    db_path: Path, wait: float | None = None, host: platform.Host | None = None
) -> DatabaseLock:
    """The lock an open database holds; waits up to ``wait`` (default ``OPEN_WAIT_SECONDS``)
    for a running restore, then raises ``DatabaseLocked``. ``host``: for tests of the
    branches (``auditdesk.platform``)."""
    path = lock_path(db_path)
    if not platform.locks_supported(host):
        return DatabaseLock(None, path, exclusive=False)
    fd = _open_lock_file(path)
    if fd is None:
        return DatabaseLock(None, path, exclusive=False)
    deadline = time.monotonic() + (OPEN_WAIT_SECONDS if wait is None else wait)
    while not platform.try_lock(fd, exclusive=False, host=host):
        if time.monotonic() >= deadline:
            os.close(fd)
            raise errors.DatabaseLocked(
                f"{db_path} is being restored from a backup; try again when the "
                "restore has finished",
                str(db_path),
            )
        time.sleep(_POLL_SECONDS)
    return DatabaseLock(fd, path, exclusive=False)


def acquire_exclusive(db_path: Path, host: platform.Host | None = None) -> DatabaseLock:
    """The lock restore holds; raises ``DatabaseInUse`` at once if anyone has the database open."""
    path = lock_path(db_path)
    if not platform.locks_supported(host):
        return DatabaseLock(None, path, exclusive=True)
    fd = _open_lock_file(path)
    if fd is None:
        return DatabaseLock(None, path, exclusive=True)
    if not platform.try_lock(fd, exclusive=True, host=host):
        os.close(fd)
        raise errors.DatabaseInUse(f"{db_path}: {IN_USE_MESSAGE}", str(db_path))
    return DatabaseLock(fd, path, exclusive=True)
