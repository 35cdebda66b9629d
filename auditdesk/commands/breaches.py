"""``auditdesk breaches ...``: late or missed surveillances and the suspension and report to
the regulator each required (CNCA-QMS-01:2025 §5.4.1.4, DOMAIN §3; issue 16 point 2).

    auditdesk breaches list [--on D] [--unhandled] [--lang zh|en] [--json]
    auditdesk breaches report CERTIFICATE --entry surveillance_1|surveillance_2
                              --reported-on D --reference REF [--note TEXT]

``list`` exits 1 while a breach is unhandled (suspension or report not on record). ``report``
records "reported on D (REF)" for one breach (admins); a bad date, an empty reference, a
breach that does not exist or was already reported is refused with the reason, nothing written.
"""

from __future__ import annotations

import argparse
from typing import Any

from auditdesk.commands.base import EXIT_PROBLEM, CommandError, open_session, print_json

_ENTRIES = ("surveillance_1", "surveillance_2")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "breaches",
        help="late or missed surveillances: suspension and report to the regulator owed",
        description="Surveillance breaches (CNCA-QMS-01:2025 §5.4.1.4) and what is on record.",
    )
    bsub = p.add_subparsers(dest="breaches_command", metavar="WHAT", required=True)
    q = bsub.add_parser("list", parents=[common], help="every breach of the current cycles")
    q.add_argument("--on", help="evaluate on this date (default today)")
    q.add_argument("--unhandled", action="store_true", help="only breaches not yet handled")
    q.add_argument("--lang", choices=["zh", "en"], default="en")
    q.set_defaults(func=run_list)
    r = bsub.add_parser("report", parents=[common], help="record the report to the regulator")
    r.add_argument("certificate", help="certificate number")
    r.add_argument("--entry", required=True, choices=_ENTRIES)
    r.add_argument("--reported-on", required=True, help="the day it was reported (YYYY-MM-DD)")
    r.add_argument("--reference", required=True, help="the report's reference (文号)")
    r.add_argument("--note", default="")
    r.add_argument("--today", help=argparse.SUPPRESS)
    r.set_defaults(func=run_report)


def _row(b: Any, lang: str) -> dict[str, Any]:
    from auditdesk import catalogue
    from auditdesk.services.basis_words import basis_words

    br = b.breach
    return {
        "certificate": b.number,
        "entry": br.entry.value,
        "entry_words": catalogue.word("audit_type", br.entry.value, lang),
        "latest": br.latest,
        "done": br.done_date,
        "days": br.days,
        "suspension_from": br.suspension_from,
        "suspension_recorded_on": b.suspension_recorded_on,
        "reported_on": b.report.reported_on if b.report else None,
        "report_reference": b.report.reference if b.report else "",
        "report_source": b.report.source if b.report else "",
        "handled": b.handled,
        "basis": basis_words(br.basis, lang),
    }


def run_list(args: argparse.Namespace) -> int:
    import datetime as dt

    from auditdesk.commands.base import parse_date, print_table
    from auditdesk.services.programme import breaches

    on = parse_date(args.on, "--on") if args.on else dt.date.today()
    with open_session(args) as session:
        found = breaches(session, on)
    if args.unhandled:
        found = [b for b in found if not b.handled]
    found.sort(key=lambda b: (-b.breach.days, b.number))
    rows = [_row(b, args.lang) for b in found]
    if args.json:
        print_json(rows)
    else:
        print_table(
            rows,
            [
                "certificate",
                "entry",
                "latest",
                "done",
                "days",
                "suspension_recorded_on",
                "reported_on",
                "report_reference",
                "handled",
            ],
        )
        print(f"{sum(1 for b in found if not b.handled)} of {len(found)} breaches unhandled")
    return EXIT_PROBLEM if any(not b.handled for b in found) else 0


def run_report(args: argparse.Namespace) -> int:
    import datetime as dt

    from auditdesk.commands.base import parse_date
    from auditdesk.services.certificate_events import record_regulator_report
    from auditdesk.services.certificates import find_certificate
    from auditdesk.services.errors import NotFound, ValidationFailed

    reported_on = parse_date(args.reported_on, "--reported-on")
    today = parse_date(args.today, "--today") if args.today else dt.date.today()
    with open_session(args) as session:
        try:
            cert = find_certificate(session, args.certificate)
        except NotFound:
            raise CommandError(f"no certificate {args.certificate}") from None
        try:
            r = record_regulator_report(
                session, cert.id, args.entry, reported_on, args.reference, args.note, today=today
            )
        except ValidationFailed as exc:
            reasons = ", ".join(f"{k}: {v}" for k, v in exc.errors.items())
            raise CommandError(f"{cert.number} {args.entry}: refused ({reasons})") from None
        out = {
            "certificate": cert.number,
            "entry": r.entry,
            "reported_on": r.reported_on,
            "reference": r.reference,
        }
    if args.json:
        print_json(out)
    else:
        print(f"{cert.number} {r.entry}: reported on {r.reported_on.isoformat()} ({r.reference})")
    return 0
