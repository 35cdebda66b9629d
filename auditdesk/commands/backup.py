"""``auditdesk backup --db PATH --out FILE`` and ``auditdesk restore FILE --db PATH``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from auditdesk.commands.base import EXIT_USAGE, CommandError, database_url, print_json


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup", parents=[common], help="copy the database safely, even while it is in use"
    )
    p.add_argument("--out", required=True, help="backup file to write")
    p.set_defaults(func=run_backup)
    r = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the database by a backup (the current file is kept aside first)",
    )
    r.add_argument("file", help="backup file")
    r.set_defaults(func=run_restore)


def _db_path(args: argparse.Namespace) -> Path:
    from auditdesk.storage.database import sqlite_path

    path = sqlite_path(database_url(args.db))
    if path is None:
        raise CommandError(
            "backup and restore work on SQLite database files; back up a PostgreSQL "
            "database with pg_dump -Fc (see the README)",
            EXIT_USAGE,
        )
    return path


def run_backup(args: argparse.Namespace) -> int:
    from auditdesk.storage import errors
    from auditdesk.storage.backup import backup_file
    from auditdesk.storage.database import inspect_sqlite_file
    from auditdesk.storage.dblock import acquire_shared

    path = _db_path(args)
    if not path.is_file():
        raise errors.DatabaseMissing(f"no database at {path}", str(path))
    # A reader like any other: waits for a restore of this file to finish (storage/dblock.py).
    with acquire_shared(path):
        inspect_sqlite_file(path)  # refuses a file that is not an AuditDesk database, untouched
        out = backup_file(path, Path(args.out).expanduser().resolve())
    if args.json:
        print_json({"backup": str(out)})
    else:
        print(f"backup written: {out}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Refuses (exit 1, "close it first") while any AuditDesk has the database open."""
    from auditdesk.commands.base import require_admin_of
    from auditdesk.storage.backup import restore

    path = _db_path(args)
    require_admin_of(args)  # replacing a database in use by people: a signed-in admin
    kept = restore(Path(args.file).expanduser().resolve(), path)
    if args.json:
        print_json({"restored": str(path), "previous_kept_at": str(kept) if kept else None})
    else:
        print(
            f"restored {path} from {args.file}"
            + (f"; the previous file is kept at {kept}" if kept else "")
        )
    return 0
