"""``auditdesk consistency AUDIT [--lang zh|en] [--db PATH] [--json]``: the audit's evidence
against its plan (issue 17.7) — sites, dates, the agenda's sessions, travel time between sites,
photo EXIF times, the sites the NCs cite — and the plan's own checks (a person in two places or
on two audits at once, counted days), listed in words.

Exit 0: nothing found; 1: the findings are printed, one a line.
"""

from __future__ import annotations

import argparse
from typing import Any

from auditdesk.commands.base import EXIT_OK, EXIT_PROBLEM, open_session


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "consistency",
        parents=[common],
        help="check an audit's evidence times and sites against its plan",
    )
    p.add_argument("audit", metavar="AUDIT", help="audit number (2026-0007) or id")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the findings")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from auditdesk.services import plan_agenda, plan_consistency, plan_words
    from auditdesk.services.audits import find_audit

    with open_session(args) as session:
        report = plan_consistency.check_audit(session, args.audit)
        plan = plan_agenda.plan_checks(session, find_audit(session, args.audit))
        lines = [f.text(args.lang) for f in report.findings]
        lines += [plan_words.clash_text(c, args.lang) for c in plan.clashes]
        lines += [plan_words.days_text(d, args.lang) for d in plan.days]
    if getattr(args, "json", False):
        from auditdesk.commands.base import print_json

        print_json(
            {
                "audit": report.audit,
                "evidence_checked": report.evidence_checked,
                "photos_checked": report.photos_checked,
                "ncs_checked": report.ncs_checked,
                "findings": [
                    {"code": f.code, **{k: str(v) for k, v in f.values.items()}}
                    for f in report.findings
                ]
                + [{"code": c.code, "person": c.name} for c in plan.clashes]
                + [{"code": d.code} for d in plan.days],
                "text": lines,
            }
        )
    else:
        head = (
            f"审核 {report.audit}：核查证据 {report.evidence_checked} 条、照片 "
            f"{report.photos_checked} 张、不符合 {report.ncs_checked} 项"
            if args.lang == "zh"
            else f"audit {report.audit}: {report.evidence_checked} evidence items, "
            f"{report.photos_checked} photos, {report.ncs_checked} NCs checked"
        )
        print(head)
        if not lines:
            print(
                "证据与审核计划一致。"
                if args.lang == "zh"
                else "Evidence is consistent with the plan."
            )
        for line in lines:
            print("✗ " + line)
    return EXIT_PROBLEM if lines else EXIT_OK
