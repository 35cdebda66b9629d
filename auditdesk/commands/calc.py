"""``auditdesk calc``: the rules engine from the command line.

    auditdesk calc audit-time --scheme QMS|EMS|OHSMS|ISMS --personnel N [--complexity C]
                              [--audit A] [--adjust PERCENT:REASON ...] [--integrated PERCENT]
    auditdesk calc sampling --sites N --audit initial|surveillance|recertification
    auditdesk calc programme (--standard S | --rule-set ID) --issue-date D [--expiry-date D]
                             [--decision-date D] [--surveillance-1-done D] [--surveillance-2-done D]
                             [--recertification-done D] [--suspended-on D] [--restored-on D]
                             [--withdrawn-on D] [--cancelled-on D] [--on D]

Without ``--db`` the shipped rule tables and default CB settings are used; with ``--db PATH``
the database's rule-set corrections and CB settings, exactly as the app reads them
(:func:`auditdesk.services.programme.rule_book` / ``cb_settings``). ``--standard`` judges each
entry by the rule set in force on its date (DOMAIN §3), as the app does for a certificate
without its own rule set; ``--rule-set`` is the admin's manual override (one rule set for the
whole cycle, shown as such). Options that do not apply (``--complexity`` for a one-column table)
are refused. Bad values (negative personnel, 30 February, an unknown rule set) exit 2 with one
line.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from auditdesk.commands.base import EXIT_USAGE, CommandError, parse_date, print_json, print_table
from auditdesk.rules.audit_time import Adjustment, AuditTimeError, UnknownScheme, audit_time
from auditdesk.rules.basis import Basis, Dated
from auditdesk.rules.data import RuleData, load_rule_data
from auditdesk.rules.kinds import AuditKind
from auditdesk.rules.programme import CycleFacts, audit_programme, breaches
from auditdesk.rules.rulesets import RuleBook, RuleSetDataError, UnknownRuleSet
from auditdesk.rules.sampling import SamplingError, sample_size
from auditdesk.rules.settings import DEFAULT_SETTINGS, CBSettings
from auditdesk.rules.status import certificate_status

AUDIT_CHOICES = [
    AuditKind.INITIAL.value,
    AuditKind.SURVEILLANCE.value,
    AuditKind.RECERTIFICATION.value,
]
COMPLEXITY_CHOICES = ["high", "medium", "low", "limited"]


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    calc = sub.add_parser(
        "calc",
        help="audit time, sampling and audit programme by the rules",
        description="Compute figures and dates from the certification rules.",
    )
    # the sub-parsers inherit calc's parser class: errors exit 2 with one line, like every command
    calc_sub = calc.add_subparsers(dest="calc_command", metavar="WHAT", required=True)

    p = calc_sub.add_parser("audit-time", parents=[common], help="audit days by IAF MD5")
    p.add_argument(
        "--scheme", required=True, help="QMS, EMS, OHSMS (or a scheme added to the tables)"
    )
    p.add_argument("--personnel", required=True, help="effective personnel (whole number ≥ 1)")
    p.add_argument(
        "--complexity",
        choices=COMPLEXITY_CHOICES,
        help="complexity (EMS) or risk (OHSMS) category; default medium; refused for QMS "
        "(one column)",
    )
    p.add_argument(
        "--audit", choices=AUDIT_CHOICES, default="initial", help="audit type (default initial)"
    )
    p.add_argument(
        "--adjust",
        action="append",
        default=[],
        metavar="PERCENT:REASON",
        help="an adjustment of the table time with its written reason, e.g. '-10:low risk "
        "processes' (IAF MD5; net reduction capped at 30 %%); may be repeated",
    )
    p.add_argument(
        "--integrated",
        default="0",
        metavar="PERCENT",
        help="integrated-audit reduction in percent (IAF MD11, capped at 20 %%)",
    )
    p.add_argument(
        "--continuum",
        action="store_true",
        help="read the table as a continuum within each band (IAF MD5), not as steps",
    )
    p.set_defaults(func=run_audit_time)

    p = calc_sub.add_parser("sampling", parents=[common], help="multi-site sample size by IAF MD1")
    p.add_argument("--sites", required=True, help="number of sites (whole number ≥ 1)")
    p.add_argument("--audit", required=True, choices=AUDIT_CHOICES)
    p.add_argument(
        "--no-sampling",
        action="store_true",
        help="sampling not allowed: all sites (initial/recertification), 30 %% per surveillance",
    )
    p.add_argument("--risk-increase", default="0", help="extra sites from the CB's risk analysis")
    p.add_argument(
        "--effective-over-cycle",
        choices=["yes", "no"],
        help="recertification only: has the system proved effective over the cycle? yes → "
        "0.8·√x, no or not given → the initial √x (IAF MD1:2023)",
    )
    p.set_defaults(func=run_sampling)

    p = calc_sub.add_parser(
        "programme", parents=[common], help="surveillance/recertification dates and status"
    )
    p.add_argument(
        "--standard",
        help="standard or scheme, e.g. 'ISO 9001:2015' or QMS: each entry is judged by the rule "
        "set in force on its date",
    )
    p.add_argument(
        "--rule-set",
        help="rule set id, e.g. CNCA-QMS-01:2025: a manual override for the whole cycle",
    )
    p.add_argument(
        "--certificate",
        metavar="NUMBER",
        help="with --db: the certificate's programme and status from the database's facts, "
        "exactly as the app shows them (no fact options then)",
    )
    p.add_argument("--issue-date", help="required unless --certificate")
    p.add_argument("--expiry-date", help="printed expiry (default issue + 3 years − 1 day)")
    p.add_argument("--decision-date")
    p.add_argument("--surveillance-1-done")
    p.add_argument("--surveillance-2-done")
    p.add_argument("--recertification-done")
    p.add_argument("--suspended-on")
    p.add_argument("--restored-on")
    p.add_argument("--withdrawn-on")
    p.add_argument("--cancelled-on")
    p.add_argument("--on", help="evaluate on this date (default today)")
    p.set_defaults(func=run_programme)


def _rule_data() -> RuleData:
    from auditdesk.paths import resource

    try:
        return load_rule_data(resource("rules"))
    except (OSError, ValueError) as exc:
        raise CommandError(f"cannot read the rule tables: {exc}") from None


def _engine_inputs(args: argparse.Namespace) -> tuple[RuleData, RuleBook, CBSettings]:
    """The rule tables, rule book and CB settings: the shipped ones, or with ``--db`` the
    database's corrections and settings read by the same service functions the app uses."""
    data = _rule_data()
    if not getattr(args, "db", None):
        return data, data.rule_book, DEFAULT_SETTINGS
    from auditdesk.commands.base import open_session
    from auditdesk.services.programme import cb_settings, rule_book

    try:
        with open_session(args) as session:
            return data, rule_book(session), cb_settings(session)
    except CommandError:
        raise
    except (RuleSetDataError, ValueError) as exc:
        raise CommandError(f"--db: the database's rule corrections are invalid: {exc}") from None
    except Exception as exc:  # noqa: BLE001 — any failure to read --db is reported as a CommandError naming the file
        raise CommandError(f"--db: cannot read {args.db}: {exc}") from None


def _whole(text: str, field: str, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise CommandError(f"{field}: '{text}' is not a whole number", EXIT_USAGE) from None
    if value < minimum:
        raise CommandError(f"{field}: must be at least {minimum}, got {value}", EXIT_USAGE)
    return value


def _basis(b: Basis) -> dict[str, Any]:
    out: dict[str, Any] = {"rule": b.rule_id, "clause": b.clause, "code": b.code}
    if b.in_force_from is not None:
        out["in_force_from"] = b.in_force_from.isoformat()
        out["issued_under"] = b.issued_under
    if b.override:
        out["override"] = True
    return out


def _adjustments(items: list[str]) -> list[Adjustment]:
    out = []
    for item in items:
        percent, sep, reason = item.partition(":")
        if not sep or not reason.strip():
            raise CommandError(
                f"--adjust: '{item}' must be PERCENT:REASON (every adjustment needs a reason)",
                EXIT_USAGE,
            )
        try:
            value = float(percent)
        except ValueError:
            raise CommandError(f"--adjust: '{percent}' is not a number", EXIT_USAGE) from None
        out.append(Adjustment(value, reason.strip()))
    return out


def _dated(d: Dated) -> dict[str, Any]:
    return {"date": d.date.isoformat(), **_basis(d.basis)}


def run_audit_time(args: argparse.Namespace) -> int:
    personnel = _whole(args.personnel, "--personnel", 1)
    book = _engine_inputs(args)[0].audit_time
    try:
        table = book.table(args.scheme)
    except UnknownScheme:
        known = ", ".join(sorted(book.tables))
        raise CommandError(
            f"--scheme: unknown scheme '{args.scheme}' (known: {known})", EXIT_USAGE
        ) from None
    category = args.complexity
    if category is not None and len(table.days) == 1:
        raise CommandError(
            f"--complexity: {table.scheme} has one column (no complexity category)", EXIT_USAGE
        )
    if category is not None and category not in table.days:
        raise CommandError(
            f"--complexity: '{category}' is not a category of {table.scheme} "
            f"({', '.join(table.categories)})",
            EXIT_USAGE,
        )
    adjustments = _adjustments(args.adjust)
    try:
        integrated = float(args.integrated)
    except ValueError:
        raise CommandError(
            f"--integrated: '{args.integrated}' is not a number", EXIT_USAGE
        ) from None
    if integrated < 0:
        raise CommandError("--integrated: must not be negative", EXIT_USAGE)
    try:
        result = audit_time(
            book, table.scheme, personnel, category, adjustments, integrated, args.continuum
        )
    except AuditTimeError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from None
    kind = AuditKind(args.audit)
    out: dict[str, Any] = {
        "scheme": result.scheme,
        "personnel": result.personnel,
        "complexity": args.complexity,
        "category": result.category,
        "audit": kind.value,
        "days": result.days_for(kind),
        "onsite_min_days": result.onsite_min_for(kind),
        "initial_days": result.initial_days,
        "surveillance_days": result.surveillance_days,
        "recertification_days": result.recertification_days,
        "table_row": {
            "personnel_from": result.row.band_from,
            "personnel_to": result.row.band_to,
            "category": result.row.category,
            "days": result.row.days,
            "extrapolated": result.row.extrapolated,
        },
        **_basis(result.basis),
        "rounding": _basis(result.rounding_basis),
        "adjustments": [{"percent": a.percent, "reason": a.reason} for a in adjustments],
        "adjustment_percent": result.adjustment_percent,
        "reduction_capped": result.reduction_capped,
        "integrated_reduction_percent": result.integrated_reduction_percent,
        "integrated_capped": result.integrated_capped,
        "integrated": _basis(result.integrated_basis) if result.integrated_basis else None,
        "continuum": bool(args.continuum),
        "table_check": table.check,
    }
    if args.json:
        print_json(out)
        return 0
    row = result.row
    print(
        f"{result.scheme}, {personnel} effective personnel, category {result.category}: table row "
        f"{row.band_from}-{row.band_to} = {row.days:g} days ({result.basis.rule_id} {result.basis.clause})"
    )
    rows = [
        {
            "audit": k.value,
            "days": f"{result.days_for(k):g}",
            "onsite_min_days": f"{result.onsite_min_for(k):g}",
            "selected": "*" if k is kind else "",
        }
        for k in map(AuditKind, AUDIT_CHOICES)
    ]
    print_table(rows, ["audit", "days", "onsite_min_days", "selected"])
    return 0


def run_sampling(args: argparse.Namespace) -> int:
    sites = _whole(args.sites, "--sites", 1)
    risk = _whole(args.risk_increase, "--risk-increase", 0)
    effective = None if args.effective_over_cycle is None else args.effective_over_cycle == "yes"
    if effective is not None and args.audit != AuditKind.RECERTIFICATION.value:
        raise CommandError(
            "--effective-over-cycle: applies to recertification audits only", EXIT_USAGE
        )
    try:
        result = sample_size(
            sites,
            AuditKind(args.audit),
            sampling_allowed=not args.no_sampling,
            risk_increase=risk,
            effective_over_cycle=effective,
        )
    except SamplingError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from None
    out: dict[str, Any] = {
        "site_count": result.site_count,
        "audit": result.audit.value,
        "method": result.method.value,
        "sites": result.sites,
        "formula_sites": result.formula_sites,
        "risk_increase": result.risk_increase,
        "random_min": result.random_min,
        "central_function_included": result.central_function_included,
        **_basis(result.basis),
        "effective_over_cycle": result.effective_over_cycle,
    }
    if args.json:
        print_json(out)
        return 0
    extra = " + the central function" if result.central_function_included else ""
    print(
        f"{result.audit.value}: visit {result.sites} of {sites} sites{extra} "
        f"({result.method.value}; {result.basis.rule_id} {result.basis.clause})"
    )
    return 0


def _opt_date(text: str | None, field: str) -> dt.date | None:
    return None if text is None else parse_date(text, field)


_FACT_OPTIONS = (
    "standard",
    "rule_set",
    "issue_date",
    "expiry_date",
    "decision_date",
    "surveillance_1_done",
    "surveillance_2_done",
    "recertification_done",
    "suspended_on",
    "restored_on",
    "withdrawn_on",
    "cancelled_on",
)


def _stored_certificate(args: argparse.Namespace, on: dt.date) -> tuple[CycleFacts, Any, Any]:
    """The certificate's facts, programme and status as the app computes them."""
    given = [f"--{o.replace('_', '-')}" for o in _FACT_OPTIONS if getattr(args, o, None)]
    if given:
        raise CommandError(
            f"{given[0]}: does not apply with --certificate (the database has the facts)",
            EXIT_USAGE,
        )
    if not getattr(args, "db", None):
        raise CommandError("--certificate: needs --db", EXIT_USAGE)
    from sqlalchemy import select

    from auditdesk.commands.base import open_session
    from auditdesk.model import Certificate
    from auditdesk.services.programme import certificate_programme

    with open_session(args) as session:
        cert_id = session.scalar(
            select(Certificate.id).where(Certificate.number == args.certificate)
        )
        if cert_id is None:
            raise CommandError(f"--certificate: no certificate {args.certificate}", EXIT_USAGE)
        cp = certificate_programme(session, cert_id, on)
    return cp.facts, cp.programme, cp.status


def run_programme(args: argparse.Namespace) -> int:
    on = _opt_date(args.on, "--on") or dt.date.today()
    if args.certificate:
        facts, programme, status = _stored_certificate(args, on)
        return _print_programme(args, facts, programme, status, on)
    _data, book, settings = _engine_inputs(args)
    if not args.rule_set and not args.standard:
        raise CommandError("--standard or --rule-set is required", EXIT_USAGE)
    if not args.issue_date:
        raise CommandError("--issue-date: required", EXIT_USAGE)
    issue = parse_date(args.issue_date, "--issue-date")
    try:
        scheme = book.scheme_of(args.standard) if args.standard else ""
        rule_set, later = book.timeline(scheme, issue, args.rule_set)
    except UnknownRuleSet as exc:
        if args.rule_set:
            known = ", ".join(book.ids)
            raise CommandError(
                f"--rule-set: unknown rule set '{args.rule_set}' (known: {known})", EXIT_USAGE
            ) from None
        raise CommandError(f"--standard: {exc.args[0]}", EXIT_USAGE) from None
    expiry = _opt_date(args.expiry_date, "--expiry-date")
    if expiry is not None and expiry <= issue:
        raise CommandError("--expiry-date: must be after --issue-date", EXIT_USAGE)
    facts = CycleFacts(
        rule_set=rule_set,
        issue_date=issue,
        expiry_date=expiry,
        decision_date=_opt_date(args.decision_date, "--decision-date"),
        surveillance_1_done=_opt_date(args.surveillance_1_done, "--surveillance-1-done"),
        surveillance_2_done=_opt_date(args.surveillance_2_done, "--surveillance-2-done"),
        recertification_done=_opt_date(args.recertification_done, "--recertification-done"),
        suspended_on=_opt_date(args.suspended_on, "--suspended-on"),
        restored_on=_opt_date(args.restored_on, "--restored-on"),
        withdrawn_on=_opt_date(args.withdrawn_on, "--withdrawn-on"),
        cancelled_on=_opt_date(args.cancelled_on, "--cancelled-on"),
        later_rule_sets=later,
        override=bool(args.rule_set),
    )
    if facts.restored_on is not None and (
        facts.suspended_on is None or facts.restored_on < facts.suspended_on
    ):
        raise CommandError("--restored-on: needs an earlier --suspended-on", EXIT_USAGE)
    programme = audit_programme(facts, on, settings)
    status = certificate_status(facts, on, settings, programme=programme)
    return _print_programme(args, facts, programme, status, on)


def _print_programme(
    args: argparse.Namespace, facts: CycleFacts, programme: Any, status: Any, on: dt.date
) -> int:
    rule_set, later, issue = facts.rule_set, facts.later_rule_sets, facts.issue_date
    entries = [
        {
            "type": e.kind.value,
            "window_start": e.window_start.isoformat(),
            "latest": e.latest.isoformat(),
            **_basis(e.basis),
            "state": e.state.value,
            "done_date": e.done_date.isoformat() if e.done_date else None,
            "late_days": e.late_days,
            "rule_set": e.rule_set_id,
        }
        for e in programme.entries
    ]
    out: dict[str, Any] = {
        "rule_set": rule_set.id,
        "override": facts.override,
        "later_rule_sets": [{"from": d.isoformat(), "rule_set": r.id} for d, r in later],
        "on": on.isoformat(),
        "issue_date": issue.isoformat(),
        "anchor": _dated(programme.anchor),
        "expiry": _dated(programme.expiry),
        "entries": entries,
        "recertification_application_due": _dated(programme.recertification_application_due),
        "status": {
            "code": status.code.value,
            "rule": status.basis.rule_id,
            "clause": status.basis.clause,
            "reason": status.basis.code,
            "since": status.since.isoformat() if status.since else None,
            "deadline": status.deadline.isoformat() if status.deadline else None,
            "entry": status.entry.value if status.entry else None,
        },
        "breaches": [
            {
                "entry": b.entry.value,
                "latest": b.latest.isoformat(),
                "done_date": b.done_date.isoformat() if b.done_date else None,
                "days": b.days,
                "suspension_from": b.suspension_from.isoformat(),
                "report_required": b.report_required,
                **_basis(b.basis),
            }
            for b in breaches(facts, programme)
        ],
    }
    if args.json:
        print_json(out)
        return 0
    how = " (rule set set by hand)" if facts.override else ""
    print(
        f"{rule_set.id}{how}: issued {issue.isoformat()}, expires "
        f"{programme.expiry.date.isoformat()}; on {on.isoformat()}"
    )
    for d, r in later:
        print(f"from {d.isoformat()}: {r.id}")
    for e in entries:
        if e["late_days"]:
            e["state"] = f"done late ({e['late_days']} days)"
    print_table(entries, ["type", "window_start", "latest", "rule", "clause", "state", "done_date"])
    s = out["status"]
    tail = f", deadline {s['deadline']}" if s["deadline"] else ""
    print(f"status: {s['code']} ({s['rule']} {s['clause']}, {s['reason']}){tail}")
    for b in out["breaches"]:
        print(
            f"breach: {b['entry']} latest {b['latest']}, {b['days']} days — suspension and "
            f"report required from {b['suspension_from']} ({b['rule']} {b['clause']})"
        )
    return 0
