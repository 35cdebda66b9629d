"""``auditdesk verify FILE [--db PATH] [--json]``: is this copy the issued report, and do the
audit's records still match it? The check itself is :mod:`auditdesk.exports.copy_check` (the
GUI's *Verify a report copy…* runs the same); this module words it in English.

Exit 0: the file is the issued revision and everything matches; 1 otherwise (what and where).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from auditdesk.commands.base import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, CommandError, open_session
from auditdesk.exports.copy_check import CopyCheck, check_copy, english


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "verify",
        parents=[common],
        help="check that a report file is the issued revision and its records are unchanged",
    )
    p.add_argument("file", metavar="FILE", help="a report file (PDF or Word) to check")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    if not path.is_file():
        raise CommandError(f"FILE: {path} does not exist", EXIT_USAGE)
    with open_session(args) as session:
        check = check_copy(session, path)
    return _out(args, _as_dict(check), [english(p) for p in check.problems])


def _as_dict(check: CopyCheck) -> dict[str, Any]:
    result: dict[str, Any] = {"file": str(check.file), "sha256": check.sha256, "code": check.code}
    result["issued"] = check.issued
    if not check.issued:
        return result
    result.update(
        audit=check.audit,
        revision=check.revision,
        format=check.format,
        lang=check.lang,
        issued_at=check.issued_at,
        issued_by=check.issued_by,
        latest_revision=check.latest_revision,
        records_match=check.records_match,
        changes=check.changes,
        missing_files=check.missing_files,
        damaged_files=check.damaged_files,
        revision_intact=check.revision_intact,
        expected_code=check.expected_code,
        chain_head=check.chain_head,
    )
    if check.superseded:
        result["superseded"] = True
    return result


def _out(args: argparse.Namespace, result: dict[str, Any], problems: list[str]) -> int:
    from auditdesk.commands.base import print_json

    result["ok"] = not problems
    result["problems"] = problems
    if args.json:
        print_json(result)
    else:
        if result.get("issued"):
            from auditdesk.exports.common import local_time

            when = local_time(result["issued_at"]) or result["issued_at"]
            print(
                f"{Path(result['file']).name}: the issued file of audit {result['audit']} "
                f"revision {result['revision']} ({result['format']}, {result['lang']}), issued "
                f"{when:%Y-%m-%d %H:%M} by {result['issued_by']}"
            )
            chain = result.get("chain_head") or {}
            if chain.get("short"):
                print(f"  change-log chain head at issue: {chain['short']}")
            if result.get("superseded"):
                print(f"  superseded by revision {result['latest_revision']}")
            print(
                "  records: "
                + (
                    "still match the fingerprint"
                    if result.get("records_match") and result.get("revision_intact", True)
                    else "CHANGED since the issue (below)"
                )
            )
        for p in problems:
            print(p)
        print(
            "OK: the copy is the issued revision and its records are unchanged"
            if not problems
            else "NOT VERIFIED"
        )
    return EXIT_OK if not problems else EXIT_PROBLEM
