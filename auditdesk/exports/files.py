"""Writing a document file safely: through a temporary file beside the target, then a rename,
so a failed export never leaves a half-written document where the user expects one."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

# A cell starting with one of these is read as a formula by Excel or LibreOffice (OWASP CSV /
# formula injection): "=HYPERLINK(...)" in an organisation's name would become a live link.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def spreadsheet_value(ws: Any, value: Any) -> Any:
    """``value`` for an openpyxl (write-only) row: formula-looking text becomes a text cell
    with Excel's quote prefix (shown as typed, never evaluated, still text when edited);
    everything else unchanged. The exports' own formulas are written without this."""
    if not looks_like_formula(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


SQLITE_HEADER = b"SQLite format 3\x00"
# Files that belong to a SQLite database beside them (its write-ahead log, shared memory,
# rollback journal, AuditDesk's in-use lock): replacing one corrupts or unlocks the database.
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal", ".lock")


class UnsafeOutput(OSError):
    """An output path AuditDesk refuses to write: a folder, a device, a database or one of
    its companion files. ``reason``: folder | not_a_file | database | database_file."""

    def __init__(self, message: str, path: Path, reason: str) -> None:
        super().__init__(errno.EINVAL, message, str(path))
        self.reason = reason


def refuse_unsafe_output(target: Path) -> None:
    """Raise UnsafeOutput when writing ``target`` would destroy something other than an
    earlier export: the open database (``--out db.sqlite3``), its -wal/-shm/lock files, a
    device node (``/dev/full`` as root) or a folder."""
    path = Path(target)
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise UnsafeOutput("refused: the output is a folder, not a file", path, "folder")
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeOutput(
                "refused: the output is a device or special file, not a regular file",
                path,
                "not_a_file",
            )
        try:
            with real.open("rb") as fh:
                head = fh.read(len(SQLITE_HEADER))
        except OSError:
            head = b""
        if head == SQLITE_HEADER:
            raise UnsafeOutput(
                "refused: the output is a database; choose another file name", path, "database"
            )
    for suffix in DATABASE_COMPANIONS:
        if real.name.endswith(suffix) and len(real.name) > len(suffix):
            owner = real.with_name(real.name[: -len(suffix)])
            if owner.is_file():
                raise UnsafeOutput(
                    f"refused: the output is a file of the database {owner.name}",
                    path,
                    "database_file",
                )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary stream; on success the stream's bytes become ``target``.
    Refuses (UnsafeOutput) a target that is a folder, a device, a database or its files."""
    refuse_unsafe_output(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        # mkstemp makes the file 0600 (owner only): a report saved to a shared folder must be
        # readable like any file the user saves, so give it the mode the umask allows.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
