"""``auditdesk import certificates|clients FILE.xlsx [--dry-run]`` and
``auditdesk import package FILE [--password-env VAR]``.

Exit 0 when imported (or, with --dry-run, when it would import cleanly); 1 when the file is
refused or some rows are wrong — one line per bad cell: row, column, value, reason.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from auditdesk.commands.base import (
    EXIT_USAGE,
    CommandError,
    acting_user,
    database_url,
    open_session,
    print_json,
    to_jsonable,
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import", help="import clients or certificates from Excel, or an offline audit package"
    )
    kinds = p.add_subparsers(
        dest="import_kind", metavar="KIND", required=True, parser_class=type(p)
    )
    for kind, text in (
        ("certificates", "certificates (one row per certificate)"),
        ("clients", "client organisations"),
    ):
        k = kinds.add_parser(kind, parents=[common], help=f"import {text} from an .xlsx workbook")
        k.add_argument("file", help="the .xlsx workbook")
        k.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
        k.set_defaults(func=run_workbook)
    k = kinds.add_parser("package", parents=[common], help="merge an offline audit package back")
    k.add_argument("file", help="the .adpkg package file")
    k.add_argument(
        "--password-env", metavar="VAR", help="environment variable holding the package password"
    )
    k.set_defaults(func=run_package)


def _report_dict(report: Any) -> dict[str, Any]:
    return {
        "kind": report.kind,
        "rows_read": report.rows_read,
        "dry_run": report.dry_run,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "ignored_columns": report.ignored_columns,
        "errors": [vars(e) for e in report.errors],
    }


@contextmanager
def open_database_of(args: argparse.Namespace) -> Iterator[Any]:
    """The database named by ``--db``, open (for commands that run several transactions)."""
    from auditdesk.services.setup import open_database

    database = open_database(database_url(getattr(args, "db", None)))
    try:
        yield database
    finally:
        database.close()


def run_workbook(args: argparse.Namespace) -> int:
    from auditdesk.exchange.errors import ImportRejected, WorkbookUnreadable
    from auditdesk.exchange.excel_import import import_workbook_in

    try:
        # The same import as the desktop app's: checked whole with no write lock, then written
        # in short transactions, so the app and other writers keep saving while it runs.
        with open_database_of(args) as database:
            # Signed in like every write (password, token): never the bare --user name.
            user = acting_user(database, args)
            report = import_workbook_in(
                database, user, Path(args.file), args.import_kind, dry_run=args.dry_run
            )
    except WorkbookUnreadable as exc:
        raise CommandError(str(exc)) from None
    except ImportRejected as exc:
        if args.json:
            print_json(_report_dict(exc.report) | {"ok": False})
        else:
            for e in exc.errors:
                print(f"row {e.row}\t{e.column}\t{e.value}\t{e.reason}")
        raise CommandError(str(exc)) from None
    if args.json:
        print_json(_report_dict(report) | {"ok": True})
    else:
        verb = "would import" if report.dry_run else "imported"
        parts = [
            f"{bucket} " + ", ".join(f"{n} {k}" for k, n in sorted(getattr(report, bucket).items()))
            for bucket in ("created", "updated", "unchanged")
            if getattr(report, bucket)
        ]
        print(f"{verb} {report.rows_read} row(s): " + ("; ".join(parts) or "nothing to do"))
        if report.ignored_columns:
            print("ignored columns: " + ", ".join(report.ignored_columns))
    return 0


def password_from_env(var: str | None) -> str | None:
    if not var:
        return None
    value = os.environ.get(var)
    if value is None:
        raise CommandError(f"environment variable {var} is not set", EXIT_USAGE)
    return value


def run_package(args: argparse.Namespace) -> int:
    from auditdesk.exchange.package import import_package

    password = password_from_env(args.password_env)
    with open_session(args) as session:
        result = import_package(session, Path(args.file), password=password)
    if args.json:
        print_json(to_jsonable(result))
    else:
        print(
            f"merged package {args.file}: created {result.created}, updated {result.updated}, "
            f"unchanged {result.unchanged}, conflicts {result.conflicts}, attachments {result.attachments}"
        )
        for move in result.renumbered:
            note = (
                " (it was issued: the client's NC form shows the old number, tell the client)"
                if move.issued
                else ""
            )
            print(
                f"renumbered {move.number} -> {move.new_number}: the number was taken by another NC{note}"
            )
        if result.conflicts:
            print(
                "conflicts are kept with both values for a lead to resolve (auditdesk GUI: Conflicts)"
            )
        from auditdesk.exchange.sync_db import print_refused

        print_refused(result)
    return 0
