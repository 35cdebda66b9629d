"""``auditdesk migrate --from SOURCE --to TARGET [--files DIR]``: copy a whole database.

The way from one laptop's SQLite file to the office's central PostgreSQL database (or back,
or file to file): every table, the change log with its hash chain unchanged, the attachment
files; then counts and the chain are verified and the search index is built. The target
must be empty. Exit 0 when the copy is complete and verified, 1 with one line per problem.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from auditdesk.commands.base import EXIT_OK, EXIT_PROBLEM, CommandError, database_url, print_json


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "migrate",
        help="copy a whole database (e.g. a laptop file to the central "
        "PostgreSQL server), change log and attachments included",
    )
    p.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="SOURCE",
        help="database to copy: a file or an SQLAlchemy URL (sqlite:///laptop.sqlite3)",
    )
    p.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="TARGET",
        help="empty database to fill, e.g. postgresql+psycopg://user@host/auditdesk",
    )
    p.add_argument(
        "--files",
        metavar="DIR",
        help="attachment folder of the target (default: "
        "$AUDITDESK_FILES or the CB setting storage.files_root; beside a SQLite file); "
        "recorded as the target's storage.files_root setting",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from auditdesk.storage.errors import StorageError
    from auditdesk.storage.migrate_db import copy_database

    source, target = database_url(args.source), database_url(args.target)
    if source == target:
        raise CommandError("--from and --to name the same database", 2)
    files = Path(args.files).expanduser().resolve() if args.files else None

    def progress(table: str, rows: int) -> None:
        if not args.json and rows:
            print(f"  {table}: {rows}")

    try:
        report = copy_database(source, target, files_root=files, progress=progress)
    except StorageError as exc:
        raise CommandError(str(exc)) from exc
    if report.ok:
        _finish_target(target, files)
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "source": report.source,
                "target": report.target,
                "tables": {
                    t.table: {"source": t.source, "target": t.target} for t in report.tables
                },
                "change_log_rows": report.change_log_rows,
                "chain_head": report.target_chain_head,
                "attachment_files": report.attachment_files,
                "attachment_files_copied": report.attachment_files_copied,
                "files_root": report.files_root,
                "problems": report.problems,
            }
        )
    else:
        for problem in report.problems:
            print(problem)
        rows = sum(t.target for t in report.tables)
        status = "OK" if report.ok else f"{len(report.problems)} problem(s)"
        print(
            f"{status}: {rows} rows in {len(report.tables)} tables copied to {report.target}; "
            f"{report.change_log_rows} change-log rows, chain head {report.target_chain_head} "
            f"(same as the source: {report.target_chain_head == report.source_chain_head}); "
            f"{report.attachment_files} attachment file(s) in {report.files_root or '-'}"
        )
    return EXIT_OK if report.ok else EXIT_PROBLEM


def _finish_target(target: str, files: Path | None) -> None:
    """Build the search index; remember the attachment folder of a server database."""
    from sqlalchemy import select

    from auditdesk.model.settings import CBSetting
    from auditdesk.services.setup import open_database
    from auditdesk.storage.attachments import FILES_SETTING

    db = open_database(target)
    try:
        if files is not None and db.path is None:
            with db.session(user="system") as session:
                if session.scalar(select(CBSetting).where(CBSetting.key == FILES_SETTING)) is None:
                    session.add(CBSetting(key=FILES_SETTING, value=str(files)))
    finally:
        db.close()
