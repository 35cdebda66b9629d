"""``auditdesk demo --db PATH``: build the demo database (a new or empty file)."""

from __future__ import annotations

import argparse
from typing import Any

from auditdesk.commands.base import open_session, parse_date, print_json


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[common], help="build a realistic demo database")
    p.add_argument("--today", help="pretend today is this date (YYYY-MM-DD); default: today")
    p.add_argument(
        "--seed", type=int, help="random seed (default: a fixed seed, so the demo is reproducible)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from auditdesk.services.demo import DEMO_PASSWORD, DEMO_SEED, build_demo

    today = parse_date(args.today, "--today") if args.today else None
    with open_session(args, create=True) as session:
        summary = build_demo(
            session, today=today, seed=args.seed if args.seed is not None else DEMO_SEED
        )
    if args.json:
        print_json(summary)
    else:
        print(
            f"demo database ready: {summary.organisations} organisations, {summary.certificates} certificates, "
            f"{summary.audits} audits, {summary.evidence} evidence items, {summary.photos} photos, "
            f"{summary.nonconformities} NCs"
        )
        print(
            f"flagship audit {summary.flagship_audit}; audit in progress today {summary.workspace_audit}"
        )
        print(f"users: admin / lead / auditor, password '{DEMO_PASSWORD}'")
    return 0
