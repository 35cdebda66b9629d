"""``auditdesk export template certificates|clients --out FILE.xlsx`` and
``auditdesk export package --audit ID | --team-leader NAME | --auditor NAME [--from DATE --to
DATE] --out FILE [--password-env VAR]``.

The documents' ``commands/export.py`` calls ``register(export_subparsers, common)``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from auditdesk.commands.base import (
    EXIT_USAGE,
    CommandError,
    open_session,
    parse_date,
    print_json,
)


def register(export_sub: Any, common: argparse.ArgumentParser) -> None:
    t = export_sub.add_parser("template", parents=[common], help="an Excel template for importing")
    t.add_argument("kind", choices=["certificates", "clients"])
    t.add_argument("--out", required=True, help=".xlsx file to write")
    t.add_argument(
        "--lang", choices=["zh", "en"], default="zh", help="header language (default zh)"
    )
    t.set_defaults(func=run_template)
    p = export_sub.add_parser(
        "package", parents=[common], help="an offline audit package for a laptop"
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--audit", action="append", metavar="ID", help="audit number or UUID (repeatable)"
    )
    who.add_argument(
        "--team-leader", metavar="NAME", help="every open audit this team leader leads"
    )
    who.add_argument(
        "--auditor",
        metavar="NAME",
        help="every open audit with this auditor in the team (any role); --from/--to: a window",
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="with --auditor: first day")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="with --auditor: last day")
    p.add_argument("--out", required=True, help="package file to write (.adpkg)")
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help="environment variable holding a password to encrypt with",
    )
    p.add_argument(
        "--for-replica",
        metavar="ID",
        help="replica id of the receiving database (default: the office this laptop came "
        "from; a package for a new laptop carries everything)",
    )
    p.set_defaults(func=run_package)
    r = export_sub.add_parser(
        "refused",
        parents=[common],
        help="changes merged packages refused (role, issued report, NC lifecycle)",
    )
    act = r.add_mutually_exclusive_group()
    act.add_argument("--accept", metavar="REF", help="apply a refused change as it came")
    act.add_argument("--drop", metavar="REF", help="drop a refused change for good")
    r.set_defaults(func=run_refused)


def run_template(args: argparse.Namespace) -> int:
    from auditdesk.exchange.template import write_template

    out = write_template(args.kind, Path(args.out).expanduser(), args.lang)
    if args.json:
        print_json({"template": str(out)})
    else:
        print(f"template written: {out}")
    return 0


def run_package(args: argparse.Namespace) -> int:
    from auditdesk.commands.import_ import password_from_env
    from auditdesk.exchange.package import (
        audits_of_auditor,
        audits_of_team_leader,
        export_package,
    )
    from auditdesk.services.audits import find_audit

    if (args.date_from or args.date_to) and not args.auditor:
        raise CommandError("--from/--to go with --auditor NAME", EXIT_USAGE)
    first = parse_date(args.date_from, "--from") if args.date_from else None
    last = parse_date(args.date_to, "--to") if args.date_to else None
    password = password_from_env(args.password_env)
    with open_session(args) as session:
        if args.audit:
            audit_ids = [find_audit(session, a).id for a in args.audit]
        elif args.auditor:
            audit_ids = audits_of_auditor(session, args.auditor, first, last)
            if not audit_ids:
                window = f" from {first or '…'} to {last or '…'}" if first or last else ""
                raise CommandError(f"no open audits of {args.auditor}{window}", EXIT_USAGE)
        else:
            audit_ids = audits_of_team_leader(session, args.team_leader)
            if not audit_ids:
                raise CommandError(f"no open audits led by {args.team_leader}", EXIT_USAGE)
        manifest = export_package(
            session,
            audit_ids,
            Path(args.out).expanduser(),
            password=password,
            for_replica=args.for_replica,
        )
    if args.json:
        print_json(
            {
                "package": args.out,
                "audits": manifest["audit_ids"],
                "records": len(manifest["records"]),
                "attachments": len(manifest["attachments"]),
                "encrypted": password is not None,
            }
        )
    else:
        print(
            f"package written: {args.out} ({len(manifest['audit_ids'])} audit(s), "
            f"{len(manifest['records'])} records, {len(manifest['attachments'])} attachment file(s)"
            + (", encrypted" if password else "")
            + ")"
        )
    return 0


def run_refused(args: argparse.Namespace) -> int:
    """List the refused changes (each with a REF), or accept / drop one."""
    from auditdesk.exchange.sync_db import decide_refused, list_refused

    with open_session(args) as session:
        if args.accept or args.drop:
            decide_refused(session, args.accept or args.drop, accept=bool(args.accept))
        held = list_refused(session)
    if args.json:
        print_json(
            [
                {
                    "ref": h.ref,
                    "entity": h.entity,
                    "record": h.record,
                    "field": h.field,
                    "values": [
                        {"value": v, "by": by, "at": at, "replica": rep}
                        for v, by, at, rep in h.values
                    ],
                }
                for h in held
            ]
        )
        return 0
    if args.accept or args.drop:
        print("accepted" if args.accept else "dropped", args.accept or args.drop)
    if not held:
        print("no refused changes")
    for h in held:
        values = ", ".join(f"{v!r} by {by} at {at}" for v, by, at, _rep in h.values)
        print(f"{h.ref}  {h.entity} {h.record} {h.field}: {values}")
    return 0
