"""``auditdesk export cnca-monthly``: the monthly upload workbook for CNCA's platform.

    auditdesk export cnca-monthly --month 2026-11 --out FILE.xlsx [--write-anyway] [--all]
                                  [--layout FILE.json] [--lang zh|en]

Refuses to write while the month's data has problems (each listed: sheet, row, column, what is
wrong), exit 1; ``--write-anyway`` writes the file all the same and records that it did.
``--all`` ignores what was reported before (a full re-send of the month).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from auditdesk.commands.base import EXIT_PROBLEM, EXIT_USAGE, CommandError, open_session, print_json


def register_export(export_sub: Any, common: argparse.ArgumentParser) -> None:
    p = export_sub.add_parser(
        "cnca-monthly",
        parents=[common],
        help="the monthly upload workbook for CNCA's 统一上报平台 (Excel)",
    )
    p.add_argument("--month", required=True, help="the month reported, YYYY-MM")
    p.add_argument("--out", required=True, help=".xlsx file to write")
    p.add_argument(
        "--write-anyway",
        action="store_true",
        help="write the file even when the data has problems (they are listed)",
    )
    p.add_argument("--all", action="store_true", help="include rows already reported")
    p.add_argument(
        "--layout", help="column layout file (default resources/cnca/upload_layout.json)"
    )
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the messages")
    p.set_defaults(func=run_cnca_monthly)


def run_cnca_monthly(args: argparse.Namespace) -> int:
    from auditdesk.exports import cnca_monthly as cm
    from auditdesk.services.cnca_reporting import Month

    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".xlsx":
        raise CommandError("--out: give an .xlsx file name", EXIT_USAGE)
    if not out.parent.is_dir():
        raise CommandError(f"--out: folder {out.parent} does not exist", EXIT_USAGE)
    try:
        layout = cm.load_layout(args.layout)
    except cm.LayoutError as exc:
        raise CommandError(f"--layout: {exc}", EXIT_USAGE) from exc
    try:
        month = Month.parse(args.month)
    except Exception:
        raise CommandError(f"--month: '{args.month}' is not YYYY-MM", EXIT_USAGE) from None
    with open_session(args) as session:
        try:
            result = cm.export_month(
                session,
                month,
                out,
                write_anyway=args.write_anyway,
                layout=layout,
                everything=args.all,
            )
        except cm.ExportRefused as exc:
            _print_issues(args, exc.issues, layout, written=False)
            print(
                f"auditdesk: not written: {len(exc.issues)} problem(s) in the {month} data; "
                "fix them in AuditDesk, or give --write-anyway",
                file=sys.stderr,
            )
            return EXIT_PROBLEM
    if args.json:
        print_json(
            {
                "file": str(result.path),
                "sha256": result.sha256,
                "rows": result.counts,
                "recorded": result.recorded,
                "written_anyway": result.written_anyway,
                "issues": [cm.describe_issue(i, layout, args.lang) for i in result.issues],
            }
        )
    else:
        _print_issues(args, result.issues, layout, written=True)
        rows = "  ".join(f"{k} {v}" for k, v in result.counts.items())
        print(f"written: {result.path}  sha256 {result.sha256[:16]}…  {rows}")
    return EXIT_PROBLEM if result.issues else 0


def _print_issues(args: argparse.Namespace, issues: list[Any], layout: Any, written: bool) -> None:
    from auditdesk.exports import cnca_monthly as cm

    if args.json and not written:
        print_json(
            {"written": False, "issues": [cm.describe_issue(i, layout, args.lang) for i in issues]}
        )
        return
    for issue in issues:
        print(cm.describe_issue(issue, layout, args.lang), file=sys.stderr)
