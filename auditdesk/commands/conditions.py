"""``auditdesk conditions ...`` and ``auditdesk transfer ...`` (issue 16 point 8).

    auditdesk conditions add CLIENT --kind serious_dishonesty|production_stop|
                              failed_national_sampling --since D [--until D] --reference REF
    auditdesk conditions check CLIENT [--on D]     the CNCA-QMS-01:2025 §5.1.2 findings
    auditdesk transfer record CERTIFICATE --issuing-cb NAME [--previous-number N]
                              [--previous-state valid|suspended|withdrawn|expired|cancelled]
                              [--review-on D] [--decision-on D] [--open-major-ncs N]
                              [--ceased-on D] [--last-audit-on D]
    auditdesk transfer check CERTIFICATE [--on D]  the IAF MD2 review findings and deadline

CLIENT: credit code, name (中文) or UUID. ``check`` exits 1 when there are findings.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from auditdesk.commands.base import EXIT_PROBLEM, CommandError, open_session, print_json


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    from auditdesk.services.rules_checks import CONDITION_KINDS, TRANSFER_STATES

    p = sub.add_parser("conditions", help="a client's CNCA §5.1.2 application conditions")
    csub = p.add_subparsers(dest="conditions_command", metavar="WHAT", required=True)
    q = csub.add_parser("add", parents=[common], help="record a dated condition")
    q.add_argument("client")
    q.add_argument("--kind", required=True, choices=CONDITION_KINDS)
    q.add_argument("--since", required=True)
    q.add_argument("--until")
    q.add_argument("--reference", required=True)
    q.add_argument("--note", default="")
    q.set_defaults(func=run_add)
    q = csub.add_parser("check", parents=[common], help="may the client apply on a day?")
    q.add_argument("client")
    q.add_argument("--on")
    q.add_argument("--lang", choices=["zh", "en"], default="en")
    q.set_defaults(func=run_check)

    t = sub.add_parser("transfer", help="a transferred certificate's IAF MD2 review")
    tsub = t.add_subparsers(dest="transfer_command", metavar="WHAT", required=True)
    q = tsub.add_parser("record", parents=[common], help="record the pre-transfer review")
    q.add_argument("certificate")
    q.add_argument("--issuing-cb", required=True)
    q.add_argument("--previous-number", default="")
    q.add_argument("--previous-state", default="valid", choices=TRANSFER_STATES)
    q.add_argument("--previous-expiry")
    q.add_argument("--review-on")
    q.add_argument("--reviewer", default="")
    q.add_argument("--decision-on")
    q.add_argument("--open-major-ncs", type=int, default=0)
    q.add_argument("--ceased-on", help="issuing CB ceased or lost its accreditation on")
    q.add_argument("--last-audit-on")
    q.add_argument("--note", default="")
    q.set_defaults(func=run_transfer_record)
    q = tsub.add_parser("check", parents=[common], help="the review's findings and deadline")
    q.add_argument("certificate")
    q.add_argument("--on")
    q.add_argument("--lang", choices=["zh", "en"], default="en")
    q.set_defaults(func=run_transfer_check)


def _date(text: str | None, name: str) -> dt.date | None:
    from auditdesk.commands.base import parse_date

    return parse_date(text, name) if text else None


def _client(session: Any, text: str) -> Any:
    import uuid

    from sqlalchemy import or_, select

    from auditdesk.model import Organisation

    rows = session.scalars(
        select(Organisation).where(
            or_(Organisation.credit_code == text.strip(), Organisation.name_zh == text.strip())
        )
    ).all()
    if not rows:
        try:
            found = session.get(Organisation, uuid.UUID(text))
        except ValueError:
            found = None
        rows = [found] if found is not None else []
    if len(rows) != 1:
        raise CommandError(f"{len(rows)} clients match {text!r}: give the credit code or UUID")
    return rows[0]


def _refused(what: str, exc: Any) -> CommandError:
    reasons = ", ".join(f"{k}: {v}" for k, v in exc.errors.items())
    return CommandError(f"{what}: refused ({reasons})")


def _findings(found: Any, lang: str) -> list[dict[str, Any]]:
    from auditdesk import catalogue
    from auditdesk.services.basis_words import basis_words

    return [
        {
            "code": f.code,
            "words": catalogue.word("finding", f.code, lang),
            "date": f.date,
            "value": f.value,
            "basis": basis_words(f.basis, lang),
        }
        for f in found
    ]


def _print_findings(rows: list[dict[str, Any]], as_json: bool, none: str) -> None:
    if as_json:
        print_json(rows)
        return
    for r in rows:
        print(f"{r['words']} — {r['basis']}" + (f" ({r['date']})" if r["date"] else ""))
    if not rows:
        print(none)


def run_add(args: argparse.Namespace) -> int:
    from auditdesk.services.errors import ValidationFailed
    from auditdesk.services.rules_checks import record_client_condition

    since = _date(args.since, "--since")
    assert since is not None
    with open_session(args) as session:
        org = _client(session, args.client)
        try:
            row = record_client_condition(
                session,
                org.id,
                args.kind,
                since,
                _date(args.until, "--until"),
                args.reference,
                args.note,
            )
        except ValidationFailed as exc:
            raise _refused(f"{org.name_zh} {args.kind}", exc) from None
        print(f"{org.name_zh}: {row.kind} since {row.since.isoformat()} ({row.reference})")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from auditdesk.services.rules_checks import application_findings

    on = _date(args.on, "--on") or dt.date.today()
    with open_session(args) as session:
        org = _client(session, args.client)
        rows = _findings(application_findings(session, org.id, on), args.lang)
    _print_findings(rows, args.json, f"{org.name_zh}: no §5.1.2 condition on {on.isoformat()}")
    return EXIT_PROBLEM if rows else 0


def run_transfer_record(args: argparse.Namespace) -> int:
    from auditdesk.services.certificates import find_certificate
    from auditdesk.services.errors import NotFound, ValidationFailed
    from auditdesk.services.rules_checks import TransferData, record_transfer

    data = TransferData(
        issuing_cb=args.issuing_cb,
        previous_number=args.previous_number,
        previous_state=args.previous_state,
        previous_expiry=_date(args.previous_expiry, "--previous-expiry"),
        review_on=_date(args.review_on, "--review-on"),
        reviewer=args.reviewer,
        open_major_ncs=args.open_major_ncs,
        last_audit_on=_date(args.last_audit_on, "--last-audit-on"),
        issuing_cb_ceased_on=_date(args.ceased_on, "--ceased-on"),
        decision_on=_date(args.decision_on, "--decision-on"),
        note=args.note,
    )
    with open_session(args) as session:
        try:
            cert = find_certificate(session, args.certificate)
        except NotFound:
            raise CommandError(f"no certificate {args.certificate}") from None
        try:
            record_transfer(session, cert.id, data)
        except ValidationFailed as exc:
            raise _refused(f"{cert.number} transfer", exc) from None
        print(f"{cert.number}: transfer from {data.issuing_cb} recorded")
    return 0


def run_transfer_check(args: argparse.Namespace) -> int:
    from auditdesk.services.certificates import find_certificate
    from auditdesk.services.errors import NotFound
    from auditdesk.services.rules_checks import transfer_check

    on = _date(args.on, "--on") or dt.date.today()
    with open_session(args) as session:
        try:
            cert = find_certificate(session, args.certificate)
        except NotFound:
            raise CommandError(f"no certificate {args.certificate}") from None
        check = transfer_check(session, cert.id, on)
        if check is None:
            raise CommandError(f"{cert.number}: no transfer review recorded")
        rows = _findings(check.findings, args.lang)
        deadline = check.deadline.date.isoformat() if check.deadline else None
    if not args.json and deadline:
        print(f"{cert.number}: transfer to be completed by {deadline}")
    _print_findings(rows, args.json, f"{cert.number}: transfer review clear on {on.isoformat()}")
    return EXIT_PROBLEM if any(not r["code"].endswith("as_recertification") for r in rows) else 0
