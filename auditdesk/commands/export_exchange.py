"""``auditdesk export template certificates|clients --out FILE.xlsx`` and
``auditdesk export package --audit ID | --team-leader NAME --out FILE [--password-env VAR]``.

The documents' ``commands/export.py`` calls ``register(export_subparsers, common)``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from auditdesk.commands.base import EXIT_USAGE, CommandError, open_session, print_json


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
    p.add_argument("--out", required=True, help="package file to write (.adpkg)")
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help="environment variable holding a password to encrypt with",
    )
    p.set_defaults(func=run_package)


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
    from auditdesk.exchange.package import audits_of_team_leader, export_package
    from auditdesk.services.audits import find_audit

    password = password_from_env(args.password_env)
    with open_session(args) as session:
        if args.audit:
            audit_ids = [find_audit(session, a).id for a in args.audit]
        else:
            audit_ids = audits_of_team_leader(session, args.team_leader)
            if not audit_ids:
                raise CommandError(f"no open audits led by {args.team_leader}", EXIT_USAGE)
        manifest = export_package(
            session, audit_ids, Path(args.out).expanduser(), password=password
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
