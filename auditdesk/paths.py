"""Where AuditDesk finds its shipped resources and migrations, and where it keeps user data.

A thin re-export: the branches (Windows/macOS/Linux, source/wheel/frozen/portable) live in
``auditdesk.platform``, the one module with platform-specific code.
"""

from __future__ import annotations

from auditdesk.platform import (
    CJK_FONT_FAMILY,
    CJK_FONT_FILE,
    PORTABLE_MARKER,
    cjk_font_path,
    default_database_path,
    migrations_dir,
    portable_data_dir,
    resource,
    resources_dir,
    user_data_dir,
)

__all__ = [
    "CJK_FONT_FAMILY",
    "CJK_FONT_FILE",
    "PORTABLE_MARKER",
    "cjk_font_path",
    "default_database_path",
    "migrations_dir",
    "portable_data_dir",
    "resource",
    "resources_dir",
    "user_data_dir",
]
