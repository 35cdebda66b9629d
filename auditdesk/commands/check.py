"""``auditdesk check --db PATH [--json]``: SQLite integrity, the change-log chain, attachments.

Exit 0 when everything is intact; 1 with one line per problem saying exactly what and where.
"""

from __future__ import annotations

import argparse
from typing import Any

from auditdesk.commands.base import EXIT_OK, EXIT_PROBLEM, database_url, print_json


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "check",
        parents=[common],
        help="verify database integrity, the change-log hash chain and attachment hashes",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from auditdesk.storage.integrity import check_database

    report = check_database(database_url(args.db))
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "problems": report.problems,
                "change_log_rows": report.change_log_rows,
                "chain_head": report.chain_head,
                "attachments_checked": report.attachments_checked,
            }
        )
    else:
        for problem in report.problems:
            print(problem)
        status = "OK" if report.ok else f"{len(report.problems)} problem(s)"
        print(
            f"{status}: {report.change_log_rows} change-log rows, chain head {report.chain_head}, "
            f"{report.attachments_checked} attachment file(s) checked"
        )
    return EXIT_OK if report.ok else EXIT_PROBLEM
