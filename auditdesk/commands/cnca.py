"""``auditdesk export cnca-monthly``: the monthly upload workbook for CNCA's platform, and
``auditdesk cnca ...``: the data it needs and the deadline.

    auditdesk cnca due [--today D]                          what of last month is not reported
    auditdesk cnca id AUDITOR --type id_card|passport|other --number N
    auditdesk cnca marks CERTIFICATE --marks CNAS[,UKAS…]   accreditation marks
    auditdesk cnca energy CERTIFICATE --file ROWS.json      EnMS energy performance rows
    auditdesk cnca layout                                   the layout's unconfirmed headers

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


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    cnca = sub.add_parser(
        "cnca",
        help="CNCA reporting: deadline, auditor ID documents, marks, energy data",
        description="The data the CNCA monthly upload needs (export it with export cnca-monthly).",
    )
    cnca_sub = cnca.add_subparsers(dest="cnca_command", metavar="WHAT", required=True)
    p = cnca_sub.add_parser("due", parents=[common], help="last month's data not yet reported")
    p.add_argument("--today", help="evaluate on this date (default today)")
    p.set_defaults(func=run_due)
    p = cnca_sub.add_parser("id", parents=[common], help="an auditor's 证件号码")
    p.add_argument("auditor", help="auditor name (中文) or UUID")
    p.add_argument("--type", required=True, choices=["id_card", "passport", "other"])
    p.add_argument("--number", required=True)
    p.set_defaults(func=run_id)
    p = cnca_sub.add_parser("marks", parents=[common], help="a certificate's accreditation marks")
    p.add_argument("certificate", help="certificate number")
    p.add_argument("--marks", required=True, help="comma-separated codes, e.g. CNAS,IAF")
    p.set_defaults(func=run_marks)
    p = cnca_sub.add_parser("energy", parents=[common], help="an EnMS certificate's energy rows")
    p.add_argument("certificate", help="certificate number")
    p.add_argument(
        "--file",
        required=True,
        help="JSON list of rows (keys: "
        + ", ".join(
            ("parameter", "unit", "baseline_period", "baseline", "reporting_period", "value")
        )
        + ")",
    )
    p.set_defaults(func=run_energy)
    p = cnca_sub.add_parser("layout", parents=[common], help="the column layout and its sources")
    p.add_argument("--layout", help="layout file (default resources/cnca/upload_layout.json)")
    p.set_defaults(func=run_layout)


def _certificate(session: Any, number: str) -> Any:
    from sqlalchemy import select

    from auditdesk.model import Certificate

    cert = session.scalar(select(Certificate).where(Certificate.number == number.strip()))
    if cert is None:
        raise CommandError(f"no certificate {number}")
    return cert


def run_due(args: argparse.Namespace) -> int:
    import datetime as dt

    from auditdesk.commands.base import parse_date
    from auditdesk.services.cnca_reporting import due_on

    on = parse_date(args.today, "--today") if args.today else dt.date.today()
    with open_session(args) as session:
        due = due_on(session, on)
    if args.json:
        print_json(due)
    else:
        print(
            f"{due.month} data due {due.due.isoformat()}: {due.plans} plans, "
            f"{due.certificates} certificates, {due.results} results, {due.energy} energy rows "
            "not yet reported" + ("  OVERDUE" if due.overdue else "")
        )
    return EXIT_PROBLEM if due.overdue else 0


def run_id(args: argparse.Namespace) -> int:
    import uuid

    from sqlalchemy import select

    from auditdesk.model import Auditor
    from auditdesk.rules.id_documents import masked
    from auditdesk.services.cnca_reporting import set_auditor_id_document

    with open_session(args) as session:
        try:
            found = session.get(Auditor, uuid.UUID(args.auditor))
        except ValueError:
            rows = session.scalars(select(Auditor).where(Auditor.name_zh == args.auditor)).all()
            if len(rows) > 1:
                raise CommandError(
                    f"{len(rows)} auditors named {args.auditor}: give the UUID"
                ) from None
            found = rows[0] if rows else None
        if found is None:
            raise CommandError(f"no auditor {args.auditor}")
        a = set_auditor_id_document(session, found.id, args.type, args.number)
        print(f"{a.name_zh}: {a.id_doc_type} {masked(a.id_doc_no)}")
    return 0


def run_marks(args: argparse.Namespace) -> int:
    from auditdesk.exports.cnca_monthly import load_layout
    from auditdesk.services.cnca_reporting import set_certificate_reporting

    known = load_layout().code_tables["accreditation_mark"]["map"]
    marks = [m.strip().upper() for m in args.marks.split(",") if m.strip()]
    unknown = [m for m in marks if m not in known]
    if unknown:
        raise CommandError(
            f"--marks: unknown {', '.join(unknown)} (known: {', '.join(known)})", EXIT_USAGE
        )
    with open_session(args) as session:
        cert = _certificate(session, args.certificate)
        row = set_certificate_reporting(session, cert.id, accreditation_marks=marks)
        print(f"{cert.number}: {', '.join(row.accreditation_marks)}")
    return 0


def run_energy(args: argparse.Namespace) -> int:
    import json

    from auditdesk.services.cnca_reporting import set_certificate_reporting

    try:
        rows = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CommandError(f"--file: {exc}", EXIT_USAGE) from exc
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise CommandError("--file: a JSON list of objects", EXIT_USAGE)
    with open_session(args) as session:
        cert = _certificate(session, args.certificate)
        row = set_certificate_reporting(session, cert.id, energy_performance=rows)
        print(f"{cert.number}: {len(row.energy_performance)} energy row(s)")
    return 0


def run_layout(args: argparse.Namespace) -> int:
    from auditdesk.exports import cnca_monthly as cm

    try:
        layout = cm.load_layout(args.layout)
    except cm.LayoutError as exc:
        raise CommandError(f"--layout: {exc}", EXIT_USAGE) from exc
    if args.json:
        print_json(
            {
                "version": layout.version,
                "unconfirmed": layout.unconfirmed(),
                "sources": list(layout.sources),
            }
        )
        return 0
    print(f"layout {layout.version}")
    for sheet in layout.sheets:
        print(
            f"{sheet.name}: "
            + " | ".join(c.header + ("" if c.confirmed else "?") for c in sheet.columns)
        )
    print(
        "? = header text not confirmed by a public source; check it against the platform's template"
    )
    for src in layout.sources:
        print(f"source: {src.get('title', '')} <{src.get('address', '')}>")
    return 0


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
    except Exception:  # noqa: BLE001 — any parse failure of --month is a usage error naming the value
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
