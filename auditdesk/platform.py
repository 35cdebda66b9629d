"""Everything that differs between Windows, macOS and Linux, and between a source checkout, an
installed wheel and a frozen (PyInstaller) or portable bundle — in this one module.

- **paths**: where the shipped resources and migrations are, where user data goes
  (``AUDITDESK_HOME``, portable ``data/`` beside the program, AppData / Application Support /
  XDG), the default database;
- **file locks**: advisory ``flock`` locks where the system has them (``storage/dblock.py``
  builds the database lock on them), none on Windows;
- **opening a file or folder with the system** (Explorer, Finder, ``xdg-open``);
- **fonts**: the shipped CJK font, and the families the system's widgets ask for by name, which
  the GUI maps onto it;
- **frozen / portable**: how a program starts its own worker process, whether data is portable;
- **durability**: whether a folder can be fsynced.

Stdlib only, no Qt, no project import: it sits below every layer. Each function reads the
running system through a :class:`Host` (``Host.current()`` by default), so tests take every
branch on any machine by passing another one, not by skipping.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

try:
    import fcntl as _fcntl
except ImportError:  # Windows
    _fcntl = None  # type: ignore[assignment]

PACKAGE_DIR = Path(__file__).resolve().parent

PORTABLE_MARKER = "portable.txt"
DATABASE_FILE = "auditdesk.sqlite3"
APP_FOLDER = "AuditDesk"
CJK_FONT_FILE = "wqy-microhei.ttc"
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"
WORKER_FLAG = "--worker-process"  # packaging/entry.py dispatches it


@dataclass(frozen=True)
class Host:
    """What the running program is on: ``sys.platform``, the environment, frozen or not."""

    system: str
    environ: Mapping[str, str] = field(default_factory=dict)
    frozen: bool = False
    executable: Path = Path(sys.executable)
    home: Path = Path("~")
    bundle_dir: Path | None = None  # PyInstaller's sys._MEIPASS

    @classmethod
    def current(cls) -> Host:
        meipass = getattr(sys, "_MEIPASS", None)
        return cls(
            system=sys.platform,
            environ=os.environ,
            frozen=bool(getattr(sys, "frozen", False)),
            executable=Path(sys.executable),
            home=Path.home(),
            bundle_dir=Path(meipass) if meipass else None,
        )

    @property
    def windows(self) -> bool:
        return self.system.startswith("win")

    @property
    def macos(self) -> bool:
        return self.system == "darwin"

    @property
    def linux(self) -> bool:
        return not (self.windows or self.macos)


def _host(host: Host | None) -> Host:
    return host if host is not None else Host.current()


def is_windows(host: Host | None = None) -> bool:
    return _host(host).windows


def is_frozen(host: Host | None = None) -> bool:
    return _host(host).frozen


# --- paths -----------------------------------------------------------------------------------


def _install_dirs(host: Host) -> list[Path]:
    """Where ``resources/`` and ``db/`` may sit: a frozen bundle's ``auditdesk/`` folder, an
    installed wheel's package (``[tool.hatch.build.targets.wheel.force-include]``), or the top of
    a source checkout."""
    dirs = [PACKAGE_DIR, PACKAGE_DIR.parent]
    if host.frozen and host.bundle_dir is not None:
        dirs.insert(0, host.bundle_dir / "auditdesk")
    return dirs


def _first_existing(name: str, host: Host | None = None) -> Path:
    for base in _install_dirs(_host(host)):
        if (base / name).is_dir():
            return base / name
    raise FileNotFoundError(f"AuditDesk installation is incomplete: no '{name}' folder found")


def resources_dir(host: Host | None = None) -> Path:
    """The folder holding standards/, templates/, fonts/, translations/, icons/, rules/."""
    return _first_existing("resources", host)


def resource(*parts: str) -> Path:
    """A path below the resources folder."""
    return resources_dir().joinpath(*parts)


def migrations_dir(host: Host | None = None) -> Path:
    """The Alembic environment (env.py and versions/)."""
    return _first_existing("db", host)


def portable_data_dir(host: Host | None = None) -> Path | None:
    """Portable mode: a bundle with ``portable.txt`` beside its program (a USB stick) keeps its
    data in ``data/`` beside the program instead of the user's data folder."""
    h = _host(host)
    if not h.frozen:
        return None
    here = h.executable.resolve().parent
    return here / "data" if (here / PORTABLE_MARKER).is_file() else None


def user_data_dir(host: Host | None = None) -> Path:
    """The per-user data folder (XDG on Linux, AppData on Windows, Application Support on macOS),
    or ``data/`` beside a portable bundle; ``AUDITDESK_HOME`` wins over both."""
    h = _host(host)
    override = h.environ.get("AUDITDESK_HOME")
    if override:
        return Path(override)
    portable = portable_data_dir(h)
    if portable is not None:
        return portable
    if h.windows:
        base = Path(h.environ.get("APPDATA") or h.home / "AppData" / "Roaming")
    elif h.macos:
        base = h.home / "Library" / "Application Support"
    else:
        base = Path(h.environ.get("XDG_DATA_HOME") or h.home / ".local" / "share")
    return base / APP_FOLDER


def default_database_path(host: Host | None = None) -> Path:
    """The embedded default database: a SQLite file in the user's data folder."""
    return user_data_dir(host) / DATABASE_FILE


# --- fonts -----------------------------------------------------------------------------------


def cjk_font_path(host: Host | None = None) -> Path:
    """The shipped font covering Chinese and Latin (TrueType outlines; a .ttc, face index 0)."""
    return resources_dir(host) / "fonts" / CJK_FONT_FILE


# The families the system's own widgets and style sheets ask for by name; the GUI substitutes
# the shipped CJK font for each, so Chinese never shows as boxes on a machine without Chinese
# fonts (a Windows with an English language pack, a minimal Linux).
_SYSTEM_FAMILIES = {
    "windows": ("Segoe UI", "Microsoft YaHei UI", "Arial", "Tahoma", "Consolas"),
    "macos": (".AppleSystemUIFont", "Helvetica Neue", "Helvetica", "Menlo"),
    "linux": ("Sans Serif", "DejaVu Sans", "Noto Sans", "Cantarell", "Monospace"),
}
_EVERYWHERE = ("Sans Serif", "Helvetica", "Arial", "DejaVu Sans", "Segoe UI", "Monospace")


def font_substitutes(default_family: str = "", host: Host | None = None) -> list[str]:
    """The families to map onto the shipped CJK font: the default UI family, this system's own
    families, and the common names documents and style sheets use."""
    h = _host(host)
    kind = "windows" if h.windows else "macos" if h.macos else "linux"
    names = [default_family, *_SYSTEM_FAMILIES[kind], *_EVERYWHERE]
    seen: list[str] = []
    for name in names:
        if name and name != CJK_FONT_FAMILY and name not in seen:
            seen.append(name)
    return seen


# --- file locks ------------------------------------------------------------------------------


def flock_module(host: Host | None = None) -> ModuleType | None:
    """``fcntl`` where advisory ``flock`` locks exist (Linux, macOS), None on Windows."""
    return None if _host(host).windows else _fcntl


def locks_supported(host: Host | None = None) -> bool:
    return flock_module(host) is not None


def try_lock(fd: int, *, exclusive: bool, host: Host | None = None) -> bool:
    """Take a shared or exclusive ``flock`` on ``fd`` without waiting; False when someone else
    holds a conflicting one. Where there are no such locks, True (nothing to take)."""
    fcntl = flock_module(host)
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


# --- durability ------------------------------------------------------------------------------


def can_fsync_folders(host: Host | None = None) -> bool:
    """Windows cannot open a folder for fsync (NTFS journals renames itself)."""
    return not _host(host).windows


def fsync_dir(path: Path, host: Host | None = None) -> None:
    """Make a rename inside ``path`` durable (a no-op where folders cannot be fsynced)."""
    if not can_fsync_folders(host):
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- opening with the system -----------------------------------------------------------------


def open_command(path: Path, host: Host | None = None) -> list[str] | None:
    """The program that shows ``path`` in the system's viewer or file manager; None on Windows,
    where ``os.startfile`` does it (Explorer and the file's associated program)."""
    h = _host(host)
    if h.windows:
        return None
    return ["open" if h.macos else "xdg-open", str(path)]


class CannotOpen(OSError):
    """The system has no program to show this file (no ``xdg-open``, no file association)."""


def open_in_system(
    path: str | os.PathLike[str],
    host: Host | None = None,
    *,
    spawn: Callable[[Sequence[str]], Any] | None = None,
    startfile: Callable[[str], Any] | None = None,
) -> None:
    """Show a file in its program, or a folder in the file manager, without waiting for it.

    Raises FileNotFoundError for a path that is not there and CannotOpen when the system has
    no way to show it. ``spawn``/``startfile`` are for tests (default: a detached process,
    ``os.startfile``)."""
    target = Path(path)
    if not target.exists():
        raise FileNotFoundError(str(target))
    command = open_command(target, host)
    try:
        if command is None:
            (startfile or getattr(os, "startfile"))(str(target))  # noqa: B009 (Windows only)
        else:
            (spawn or _spawn_detached)(command)
    except (OSError, AttributeError) as exc:
        raise CannotOpen(f"cannot open {target}: {exc}") from exc


def open_folder_of(path: str | os.PathLike[str], host: Host | None = None, **kw: Any) -> None:
    """The folder holding ``path``, in the file manager."""
    open_in_system(Path(path).parent, host, **kw)


def _spawn_detached(command: Sequence[str]) -> None:
    subprocess.Popen(  # a fixed program with a path argument, no shell
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


# --- frozen programs and their worker processes ----------------------------------------------


def worker_command(module: str, host: Host | None = None) -> list[str]:
    """How this program starts a worker running ``module``: ``python -m module`` from Python,
    ``<the program> --worker-process`` from a frozen bundle (no ``-m`` there)."""
    h = _host(host)
    if h.frozen:
        return [str(h.executable), WORKER_FLAG]
    return [str(h.executable), "-m", module]


def child_environment(host: Host | None = None) -> dict[str, str]:
    """The environment of a worker: this one, with this checkout first on ``PYTHONPATH`` (so a
    source checkout's worker imports the same code as its parent)."""
    h = _host(host)
    env = dict(h.environ)
    sep = ";" if h.windows else ":"
    rest = [p for p in env.get("PYTHONPATH", "").split(sep) if p]
    env["PYTHONPATH"] = sep.join([str(PACKAGE_DIR.parent), *rest])
    return env
