"""``auditdesk backup --db PATH --to DIR`` (database + attachments, verified, thinned),
``auditdesk backup --db PATH --out FILE`` (the database file alone) and
``auditdesk restore BACKUP --db PATH`` (a backup folder or a database file)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from auditdesk.commands.base import EXIT_USAGE, CommandError, database_url, print_json


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup", parents=[common], help="copy the database safely, even while it is in use"
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--to",
        metavar="DIR",
        help="folder (USB disk, network share) to write a full backup into: the database and "
        "every attachment, verified; older backups there are thinned to 7 daily, 4 weekly, "
        "12 monthly",
    )
    where.add_argument("--out", metavar="FILE", help="copy the database file alone to FILE")
    p.add_argument("--keep-all", action="store_true", help="with --to: do not thin older backups")
    p.set_defaults(func=run_backup)
    r = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the database by a backup (the current file is kept aside first)",
    )
    r.add_argument("file", help="backup folder (from backup --to) or database file")
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
    from auditdesk.storage import backup_set, errors
    from auditdesk.storage.backup import backup_file
    from auditdesk.storage.database import inspect_sqlite_file
    from auditdesk.storage.dblock import acquire_shared

    path = _db_path(args)
    if not path.is_file():
        raise errors.DatabaseMissing(f"no database at {path}", str(path))
    # A reader like any other: waits for a restore of this file to finish (storage/dblock.py).
    with acquire_shared(path):
        inspect_sqlite_file(path)  # refuses a file that is not an AuditDesk database, untouched
        if args.out:
            out = backup_file(path, Path(args.out).expanduser().resolve())
            if args.json:
                print_json({"backup": str(out)})
            else:
                print(f"backup written: {out}")
            return 0
        folder = Path(args.to).expanduser().resolve()
        result = backup_set.write_backup(path, folder)
        removed = [] if args.keep_all else backup_set.apply_thinning(folder, path.stem)
    if args.json:
        print_json(
            {
                "backup": str(result.path),
                "database_bytes": result.database_bytes,
                "attachments": result.attachments,
                "attachment_bytes": result.attachment_bytes,
                "linked_from_previous": result.linked,
                "missing_attachments": list(result.missing),
                "thinned": [str(p) for p in removed],
            }
        )
    else:
        print(
            f"backup written and verified: {result.path} ({result.attachments} attachment(s), "
            f"{result.linked} unchanged since the previous backup)"
        )
        if result.missing:
            print(f"warning: {len(result.missing)} attachment(s) were already missing: run check")
        if removed:
            print(f"older backups removed by thinning: {len(removed)}")
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
