"""``auditdesk calc``: the rules engine from the command line (no database needed).

    auditdesk calc audit-time --scheme QMS|EMS|OHSMS --personnel N [--complexity C] [--audit A]
    auditdesk calc sampling --sites N --audit initial|surveillance|recertification
    auditdesk calc programme --rule-set ID --issue-date D [--expiry-date D] [--decision-date D]
                             [--surveillance-1-done D] [--surveillance-2-done D] [--on D]

Bad values (negative personnel, 30 February, an unknown rule set) exit 2 with one line.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from auditdesk.commands.base import EXIT_USAGE, CommandError, parse_date, print_json, print_table
from auditdesk.rules.audit_time import AuditTimeError, UnknownScheme, audit_time
from auditdesk.rules.basis import Basis, Dated
from auditdesk.rules.data import RuleData, load_rule_data
from auditdesk.rules.kinds import AuditKind
from auditdesk.rules.programme import CycleFacts, audit_programme
from auditdesk.rules.rulesets import UnknownRuleSet
from auditdesk.rules.sampling import SamplingError, sample_size
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
        help="complexity (EMS) or risk (OHSMS) category; default medium; QMS has one column",
    )
    p.add_argument(
        "--audit", choices=AUDIT_CHOICES, default="initial", help="audit type (default initial)"
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
    p.set_defaults(func=run_sampling)

    p = calc_sub.add_parser(
        "programme", parents=[common], help="surveillance/recertification dates and status"
    )
    p.add_argument("--rule-set", required=True, help="rule set id, e.g. CNCA-QMS-01:2025")
    p.add_argument("--issue-date", required=True)
    p.add_argument("--expiry-date", help="printed expiry (default issue + 3 years − 1 day)")
    p.add_argument("--decision-date")
    p.add_argument("--surveillance-1-done")
    p.add_argument("--surveillance-2-done")
    p.add_argument("--recertification-done")
    p.add_argument("--suspended-on")
    p.add_argument("--on", help="evaluate on this date (default today)")
    p.set_defaults(func=run_programme)


def _rule_data() -> RuleData:
    from auditdesk.paths import resource

    try:
        return load_rule_data(resource("rules"))
    except (OSError, ValueError) as exc:
        raise CommandError(f"cannot read the rule tables: {exc}") from None


def _whole(text: str, field: str, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise CommandError(f"{field}: '{text}' is not a whole number", EXIT_USAGE) from None
    if value < minimum:
        raise CommandError(f"{field}: must be at least {minimum}, got {value}", EXIT_USAGE)
    return value


def _basis(b: Basis) -> dict[str, str]:
    return {"rule": b.rule_id, "clause": b.clause, "code": b.code}


def _dated(d: Dated) -> dict[str, Any]:
    return {"date": d.date.isoformat(), **_basis(d.basis)}


def run_audit_time(args: argparse.Namespace) -> int:
    personnel = _whole(args.personnel, "--personnel", 1)
    book = _rule_data().audit_time
    try:
        table = book.table(args.scheme)
    except UnknownScheme:
        known = ", ".join(sorted(book.tables))
        raise CommandError(
            f"--scheme: unknown scheme '{args.scheme}' (known: {known})", EXIT_USAGE
        ) from None
    category = args.complexity
    if category is not None and category not in table.days:
        if len(table.days) == 1:
            category = None  # one-column table (QMS): complexity does not change the table days
        else:
            raise CommandError(
                f"--complexity: '{category}' is not a category of {table.scheme} "
                f"({', '.join(table.categories)})",
                EXIT_USAGE,
            )
    try:
        result = audit_time(book, table.scheme, personnel, category)
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
    try:
        result = sample_size(
            sites, AuditKind(args.audit), sampling_allowed=not args.no_sampling, risk_increase=risk
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


def run_programme(args: argparse.Namespace) -> int:
    data = _rule_data()
    try:
        rule_set = data.rule_book.get(args.rule_set)
    except UnknownRuleSet:
        known = ", ".join(data.rule_book.ids)
        raise CommandError(
            f"--rule-set: unknown rule set '{args.rule_set}' (known: {known})", EXIT_USAGE
        ) from None
    issue = parse_date(args.issue_date, "--issue-date")
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
    )
    on = _opt_date(args.on, "--on") or dt.date.today()
    programme = audit_programme(facts, on)
    status = certificate_status(facts, on, programme=programme)
    entries = [
        {
            "type": e.kind.value,
            "window_start": e.window_start.isoformat(),
            "latest": e.latest.isoformat(),
            **_basis(e.basis),
            "state": e.state.value,
            "done_date": e.done_date.isoformat() if e.done_date else None,
        }
        for e in programme.entries
    ]
    out: dict[str, Any] = {
        "rule_set": rule_set.id,
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
    }
    if args.json:
        print_json(out)
        return 0
    print(
        f"{rule_set.id}: issued {issue.isoformat()}, expires {programme.expiry.date.isoformat()}; on {on.isoformat()}"
    )
    print_table(entries, ["type", "window_start", "latest", "rule", "clause", "state", "done_date"])
    s = out["status"]
    tail = f", deadline {s['deadline']}" if s["deadline"] else ""
    print(f"status: {s['code']} ({s['rule']} {s['clause']}, {s['reason']}){tail}")
    return 0
