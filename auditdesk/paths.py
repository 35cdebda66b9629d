"""Where AuditDesk finds its shipped resources and migrations, and where it keeps user data.

In the repository ``resources/`` and ``db/`` sit at the top level; an installed wheel
carries them inside the package as ``auditdesk/resources`` and ``auditdesk/db``
(see ``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _first_existing(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"AuditDesk installation is incomplete: no '{name}' folder found")


def resources_dir() -> Path:
    """The folder holding standards/, templates/, fonts/, translations/, icons/, rules/."""
    return _first_existing("resources")


def resource(*parts: str) -> Path:
    """A path below the resources folder."""
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    """The Alembic environment (env.py and versions/)."""
    return _first_existing("db")


PORTABLE_MARKER = "portable.txt"


def portable_data_dir() -> Path | None:
    """Portable mode: a bundle with ``portable.txt`` beside its program (a USB stick) keeps its
    data in ``data/`` beside the program instead of the user's data folder."""
    if not getattr(sys, "frozen", False):
        return None
    here = Path(sys.executable).resolve().parent
    return here / "data" if (here / PORTABLE_MARKER).is_file() else None


def user_data_dir() -> Path:
    """The per-user data folder (XDG on Linux, AppData on Windows, Application Support on macOS),
    or ``data/`` beside a portable bundle."""
    override = os.environ.get("AUDITDESK_HOME")
    if override:
        return Path(override)
    portable = portable_data_dir()
    if portable is not None:
        return portable
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "AuditDesk"


def default_database_path() -> Path:
    """The embedded default database: a SQLite file in the user's data folder."""
    return user_data_dir() / "auditdesk.sqlite3"


CJK_FONT_FILE = "wqy-microhei.ttc"
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"


def cjk_font_path() -> Path:
    """The shipped font covering Chinese and Latin (TrueType outlines; a .ttc, face index 0)."""
    return resource("fonts", CJK_FONT_FILE)
