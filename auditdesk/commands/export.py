"""``auditdesk export``: the documents that leave AuditDesk.

    auditdesk export report   --audit ID --format docx|pdf [--lang zh|en|bilingual]
                              [--check | --issue [--change-note T] [--override-reason T]] --out FILE
    auditdesk export plan     --audit ID [--format docx|pdf] [--lang ...] [--pdfa] --out FILE
    auditdesk export nc-form  --nc NUMBER --format docx|pdf [--lang ...] [--pdfa] --out FILE
    auditdesk export case     --audit ID [--title T] [--author A] [--case-type T] [--lang ...]
                              --out FILE.docx
    auditdesk export certificate NUMBER --format docx|pdf [--lang ...] [--pdfa] --out FILE
    auditdesk export schedule --year YYYY [--as-of D] [--lang zh|en] --out FILE.xlsx
    auditdesk export cnca-monthly --month YYYY-MM --out FILE.xlsx [--write-anyway]  (commands/cnca.py)

ID is the audit's number (2026-0031) or UUID. ``--issue`` issues the report first: only a lead
(``--user``, never the system user), only when the pre-issue check finds nothing or with a written
``--override-reason``; it locks the audit, records the revision and its fingerprint and archives
the issued PDF and Word files (zh, en, bilingual). Exporting an issued revision later writes the
archived file, byte for byte. ``--check`` lists what blocks the issue. The exchange helpers add
``export template`` and ``export package`` (``auditdesk.commands.export_exchange``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from auditdesk.commands.base import EXIT_USAGE, CommandError, open_session, parse_date, print_json

LANGS = ["zh", "en", "bilingual"]
# Seed 000's case types (exports.case.CASE_TYPES; repeated so --help needs no export import).
CASE_TYPES = (
    "group_or_industry",
    "single_organisation",
    "department",
    "process",
    "product",
    "innovation",
    "regulation",
    "process_approach",
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    export = sub.add_parser(
        "export",
        help="audit report, plan, NC form, case draft, schedule (and more)",
        description="Write documents: Word, PDF and Excel.",
    )
    export_sub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)

    p = export_sub.add_parser(
        "report", parents=[common], help="the audit report (ISO/IEC 17021-1 9.4.8)"
    )
    p.add_argument("--audit", required=True, metavar="ID", help="audit number or UUID")
    _format_lang(p, LANGS)
    p.add_argument(
        "--issue",
        action="store_true",
        help="issue the report: lock the audit and record a revision, as the signed-in lead "
        "(--user NAME with a password, or $AUDITDESK_TOKEN)",
    )
    p.add_argument(
        "--change-note",
        default="",
        help="what a corrected revision changes (needed from revision 2)",
    )
    p.add_argument(
        "--override-reason",
        default="",
        metavar="TEXT",
        help="issue although the pre-issue check blocks it; the reason is kept and printed "
        "in the report's revision history (lead only)",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="only run the pre-issue check and list what blocks the issue (exit 1 if anything)",
    )
    p.add_argument(
        "--pdfa", action="store_true", help="write PDF/A-2b (for archiving; a draft report)"
    )
    p.set_defaults(func=run_report)

    p = export_sub.add_parser(
        "plan", parents=[common], help="the audit plan with agenda and MD5 audit days"
    )
    p.add_argument("--audit", required=True, metavar="ID", help="audit number or UUID")
    _format_lang(p, LANGS)
    _pdfa_option(p)
    p.set_defaults(func=run_plan)

    p = export_sub.add_parser(
        "nc-form", parents=[common], help="a nonconformity report for the client to answer"
    )
    p.add_argument(
        "--nc", required=True, metavar="NUMBER", help="NC number (NC-2026-0031-01) or UUID"
    )
    _format_lang(p, LANGS)
    _pdfa_option(p)
    p.set_defaults(func=run_nc_form)

    p = export_sub.add_parser("case", parents=[common], help="a good-audit-case draft (Word)")
    p.add_argument("--audit", required=True, metavar="ID", help="audit number or UUID")
    p.add_argument("--title", default="", help="case title (default: client, standard, audit type)")
    p.add_argument("--author", default="", help="author (default: the team leader)")
    p.add_argument(
        "--case-type",
        choices=list(CASE_TYPES),
        help="case type from the CCAA notice's list (default: the list, to tick in Word)",
    )
    _format_lang(p, LANGS, ("docx",))  # a Word draft the author edits: only .docx
    p.set_defaults(func=run_case)

    p = export_sub.add_parser(
        "certificate", parents=[common], help="a certificate (ISO/IEC 17021-1 8.2.2)"
    )
    p.add_argument("number", metavar="NUMBER", help="certificate number or UUID")
    _format_lang(p, LANGS)
    _pdfa_option(p)
    p.set_defaults(func=run_certificate)

    p = export_sub.add_parser(
        "schedule", parents=[common], help="the annual surveillance schedule (Excel)"
    )
    p.add_argument("--year", required=True, help="calendar year, e.g. 2027")
    p.add_argument("--as-of", help="date the states are evaluated on (default today)")
    p.add_argument(
        "--lang", choices=["zh", "en"], default="zh", help="header language (default zh)"
    )
    p.add_argument("--out", required=True, help=".xlsx file to write")
    p.set_defaults(func=run_schedule)

    try:
        extra = importlib.import_module("auditdesk.commands.export_exchange")
    except ModuleNotFoundError as exc:
        if exc.name != "auditdesk.commands.export_exchange":
            raise
    else:
        extra.register(export_sub, common)
    importlib.import_module("auditdesk.commands.cnca").register_export(export_sub, common)


def _format_lang(
    p: argparse.ArgumentParser, langs: list[str], formats: tuple[str, ...] = ("docx", "pdf")
) -> None:
    p.add_argument(
        "--format", choices=list(formats), help="file format (default: from --out's extension)"
    )
    p.add_argument("--lang", choices=langs, default="zh", help="language (default zh)")
    p.add_argument("--out", required=True, help="file to write")


def _pdfa_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pdfa", action="store_true", help="write the PDF as PDF/A-2b (for archiving)")


def _fmt(args: argparse.Namespace, allowed: tuple[str, ...] = ("docx", "pdf")) -> str:
    fmt = args.format or Path(args.out).suffix.lower().lstrip(".")
    if fmt not in allowed:
        raise CommandError(
            f"--format: choose {' or '.join(allowed)} (or give --out a .{' / .'.join(allowed)} name)",
            EXIT_USAGE,
        )
    return fmt


def write_output(out: Path, write: Callable[[BinaryIO], None]) -> str:
    """Write ``out`` atomically (see auditdesk.exports.files); returns the file's SHA-256."""
    from auditdesk.exports.files import write_atomically as write_file
    from auditdesk.services.report_issue import sha256_file

    out = out.expanduser()
    if not out.parent.is_dir():
        raise CommandError(f"--out: folder {out.parent} does not exist", EXIT_USAGE)
    write_file(out, write)
    return sha256_file(out)


def _done(args: argparse.Namespace, out: Path, sha: str, **extra: Any) -> int:
    if args.json:
        print_json({"file": str(out), "sha256": sha, **extra})
    else:
        print(
            f"written: {out}  sha256 {sha[:16]}…" + "".join(f"  {k} {v}" for k, v in extra.items())
        )
    return 0


def run_report(args: argparse.Namespace) -> int:
    from auditdesk.exports import api
    from auditdesk.services import report_issue
    from auditdesk.services.audits import find_audit
    from auditdesk.services.report_verdict import pre_issue_check

    fmt = _fmt(args)
    out = Path(args.out)
    with open_session(args) as session:
        audit = find_audit(session, args.audit)
        if args.pdfa and (fmt != "pdf" or audit.locked or args.issue):
            raise CommandError(
                "--pdfa: only for the PDF of a draft report (an issued revision is exported "
                "as the file archived at issue)",
                EXIT_USAGE,
            )
        if args.check:
            blockers = pre_issue_check(session, audit.id)
            _print_blockers(args, audit.number, blockers)
            return 1 if blockers else 0
        if args.issue:
            try:
                api.issue_report(
                    session,
                    str(audit.id),
                    args.change_note,
                    override_reason=args.override_reason,
                )
            except report_issue.IssueBlocked as exc:
                _print_blockers(args, audit.number, exc.blockers)
                raise CommandError(
                    f"the report of audit {audit.number} is not issued: {len(exc.blockers)} "
                    "blocking item(s) above; resolve them, or a lead issues with "
                    "--override-reason TEXT"
                ) from None

        def write(fh: BinaryIO) -> None:
            if args.pdfa:
                from auditdesk.exports.render import render_document

                doc = api.document_for(session, "report", str(audit.id), args.lang)
                render_document(doc, fmt, fh, pdfa=True)
                return
            api.export_report(session, str(audit.id), fmt, args.lang, fh)

        sha = write_output(out, write)
        extra: dict[str, Any] = {}
        latest = report_issue.latest_revision(session, audit.id) if audit.locked else None
        extra["fingerprint"] = (
            latest.fingerprint
            if latest is not None
            else report_issue.records_fingerprint(
                session, audit.id, report_issue.change_log_head(session)
            )
        )
        if latest is not None:
            extra["revision"] = latest.revision
            extra["code"] = report_issue.verification_code(
                audit.number, latest.revision, latest.fingerprint
            )
    return _done(args, out, sha, **extra)


def _print_blockers(args: argparse.Namespace, number: str, blockers: list[Any]) -> None:
    """The pre-issue check in words (the report's language), or as codes with --json."""
    import sys

    from auditdesk.exports.report_words import blocker_text

    if args.json:
        print_json(
            {
                "audit": number,
                "blockers": [
                    {
                        "code": b.code,
                        "detail": b.detail,
                        "text": blocker_text(b.code, b.detail, args.lang),
                    }
                    for b in blockers
                ],
            }
        )
        return
    stream = sys.stderr if args.issue else sys.stdout
    if not blockers:
        print(f"{number}: the pre-issue check finds nothing", file=stream)
        return
    print(f"{number}: {len(blockers)} item(s) block the issue of the report:", file=stream)
    for i, b in enumerate(blockers, start=1):
        print(f"  {i:2}. {blocker_text(b.code, b.detail, args.lang)}  [{b.code}]", file=stream)


def _export_one(
    args: argparse.Namespace,
    build: Any,
    render: Any,
    ref: str,
    formats: tuple[str, ...] = ("docx", "pdf"),
) -> int:
    """Build one document's context from the database and write it to ``--out``
    (``--pdfa``, where the command has it: the PDF as PDF/A-2b)."""
    fmt = _fmt(args, formats)
    if getattr(args, "pdfa", False):
        if fmt != "pdf":
            raise CommandError("--pdfa: only for --format pdf", EXIT_USAGE)
        render = functools.partial(render, pdfa=True)
    with open_session(args) as session:
        ctx = build(session, ref, args.lang)
        sha = write_output(Path(args.out), lambda fh: render(ctx, fmt, fh))
    return _done(args, Path(args.out), sha)


def run_plan(args: argparse.Namespace) -> int:
    from auditdesk.exports.plan import build_plan_context, render_plan

    return _export_one(args, build_plan_context, render_plan, args.audit)


def run_nc_form(args: argparse.Namespace) -> int:
    from auditdesk.exports.nc_form import build_nc_form_context, render_nc_form

    return _export_one(args, build_nc_form_context, render_nc_form, args.nc)


def run_case(args: argparse.Namespace) -> int:
    from functools import partial

    from auditdesk.exports.case import build_case_context, render_case

    build = partial(
        build_case_context, title=args.title, author=args.author, case_type=args.case_type
    )
    return _export_one(args, build, render_case, args.audit, ("docx",))


def run_certificate(args: argparse.Namespace) -> int:
    from auditdesk.exports.certificate_context import build_certificate_context
    from auditdesk.exports.certificate_document import render_certificate

    return _export_one(args, build_certificate_context, render_certificate, args.number)


def run_schedule(args: argparse.Namespace) -> int:
    from auditdesk.exports.schedule import build_schedule_context, render_schedule_xlsx

    try:
        year = int(args.year)
        if not 1900 < year < 10000:
            raise ValueError
    except ValueError:
        raise CommandError(f"--year: '{args.year}' is not a year", EXIT_USAGE) from None
    as_of = parse_date(args.as_of, "--as-of") if args.as_of else dt.date.today()
    if Path(args.out).suffix.lower() != ".xlsx":
        raise CommandError("--out: the schedule is an Excel workbook; name it *.xlsx", EXIT_USAGE)
    with open_session(args) as session:
        ctx = build_schedule_context(session, year, as_of, args.lang)
        sha = write_output(Path(args.out), lambda fh: render_schedule_xlsx(ctx, fh))
    overdue = sum(1 for r in ctx.rows if r.state == "overdue")
    return _done(args, Path(args.out), sha, rows=len(ctx.rows), overdue=overdue)
