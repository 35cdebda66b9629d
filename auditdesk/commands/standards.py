"""``auditdesk standards``: the clause libraries in the database.

    auditdesk standards list [--json] --db PATH
    auditdesk standards load FILE --db PATH [--user NAME]

``load`` adds or updates one standard from a file in the format of ``resources/standards/``
(clauses are matched by number, so evidence keeps pointing at them). It needs the admin role
(the service checks). A bad file is refused with one line and nothing is written (exit 1).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from auditdesk.commands.base import (
    EXIT_PROBLEM,
    CommandError,
    open_session,
    print_json,
    print_table,
)

COLUMNS = ["key", "code", "national_code", "scheme", "edition", "clauses", "title_zh", "title_en"]


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "standards",
        help="list the standards or add/update one from a file (admin)",
        description="The standards (clause libraries) in the database.",
    )
    std_sub = p.add_subparsers(dest="standards_command", metavar="WHAT", required=True)

    q = std_sub.add_parser("list", parents=[common], help="the standards with their clause counts")
    q.set_defaults(func=run_list)

    q = std_sub.add_parser(
        "load", parents=[common], help="add or update a standard from a JSON file (admin)"
    )
    q.add_argument("file", metavar="FILE", help="standard file (see resources/standards/)")
    q.set_defaults(func=run_load)


def _rows(session: Any) -> list[dict[str, Any]]:
    from auditdesk.services.standards import list_standards

    return [
        {
            "key": s.key,
            "code": s.code,
            "national_code": s.national_code,
            "scheme": s.scheme,
            "edition": s.edition,
            "clauses": len(s.clauses),
            "title_zh": s.title_zh,
            "title_en": s.title_en,
            "id": str(s.id),
        }
        for s in list_standards(session)
    ]


def run_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        rows = _rows(session)
    if args.json:
        print_json(rows)
    else:
        print_table(rows, COLUMNS)
    return 0


def run_load(args: argparse.Namespace) -> int:
    from auditdesk.services.standards import add_or_update_standard
    from auditdesk.services.standards_library import StandardFileError

    path = Path(args.file).expanduser()
    try:
        with open_session(args) as session:
            std = add_or_update_standard(session, path)
            result = {
                "key": std.key,
                "code": std.code,
                "clauses": len(std.clauses),
                "file": str(path),
            }
    except StandardFileError as exc:
        raise CommandError(
            f"{exc.path.name}: {exc.message} (nothing was changed)", EXIT_PROBLEM
        ) from None
    if args.json:
        print_json(result)
    else:
        print(
            f"loaded: {result['key']} ({result['code']}), {result['clauses']} clauses from {path.name}"
        )
    return 0
