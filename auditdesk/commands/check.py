"""``auditdesk check --db PATH [--json] [--against WITNESS] [--write-witness FILE]``.

Checks SQLite integrity, the schema, the change-log chain, every record against its logged
state, attachments, and each certificate's stored programme and status against the rules. Exit 0 when everything is intact; 1 with one line per problem saying
exactly what and where (the record by name, the field).

``--write-witness FILE`` writes the chain head (sequence and hash) to FILE: keep it somewhere
the database's users cannot write (another disk, the office, an e-mail to yourself).
``--against FILE`` then tells whether the history up to that head was rewritten or cut since.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from auditdesk.commands.base import (
    EXIT_OK,
    EXIT_PROBLEM,
    CommandError,
    database_url,
    print_json,
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "check",
        parents=[common],
        help="verify database integrity, the change-log hash chain, every record against "
        "its history, and attachment hashes",
    )
    p.add_argument(
        "--against",
        metavar="WITNESS",
        type=Path,
        help="a witness file written earlier: was history rewritten since?",
    )
    p.add_argument(
        "--write-witness",
        metavar="FILE",
        type=Path,
        help="write the chain head to FILE (keep it outside the database's folder)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from auditdesk.services.programme_state import programme_problems
    from auditdesk.storage.integrity import WitnessInvalid, check_database, write_witness

    url = database_url(args.db)
    try:
        report = check_database(url, against=args.against)
    except WitnessInvalid as exc:
        raise CommandError(str(exc)) from None
    report.problems.extend(programme_problems(url))
    witness: dict[str, Any] | None = None
    if args.write_witness is not None:
        try:
            witness = write_witness(url, args.write_witness)
        except OSError as exc:
            raise CommandError(
                f"cannot write the witness {args.write_witness}: {exc.strerror}"
            ) from None
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "problems": report.problems,
                "change_log_rows": report.change_log_rows,
                "chain_head": report.chain_head,
                "chain_seq": report.chain_seq,
                "records_checked": report.records_checked,
                "attachments_checked": report.attachments_checked,
                "witness_written": str(args.write_witness) if witness else None,
            }
        )
    else:
        for problem in report.problems:
            print(problem)
        status = "OK" if report.ok else f"{len(report.problems)} problem(s)"
        against = f", history matches {args.against.name}" if args.against and report.ok else ""
        print(
            f"{status}: {report.change_log_rows} change-log rows, chain head "
            f"#{report.chain_seq} {report.chain_head}, {report.records_checked} record(s) "
            f"and {report.attachments_checked} attachment file(s) checked{against}"
        )
        if witness is not None:
            print(f"witness written to {args.write_witness} (row {witness['seq']})")
    return EXIT_OK if report.ok else EXIT_PROBLEM
