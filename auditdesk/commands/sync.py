"""``auditdesk sync --db LAPTOP --with OFFICE_URL [--audit ID | --auditor NAME --from --to]``:
online sync of a laptop with the office database (``exchange.online``).

The laptop's changes go to the office, merged with the same rules as a package, then the
office's changes come back; acknowledgements travel both ways. ``--user`` (password prompt or
$AUDITDESK_PASSWORD, or $AUDITDESK_TOKEN) signs in at the laptop *and* at the office: the
office judges the laptop's changes by its own account of that person. A new laptop
(``auditdesk init``) is filled by its first sync with the audits named by ``--audit`` or
``--auditor``; later syncs keep every audit the laptop holds. Repeating a sync changes
nothing; an interrupted one is completed by the next.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from auditdesk.commands.base import (
    EXIT_USAGE,
    CommandError,
    acting_user,
    authenticate,
    database_url,
    parse_date,
    print_json,
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "sync",
        parents=[common],
        help="sync this laptop with the office database (online, no package file)",
    )
    p.add_argument(
        "--with",
        dest="office",
        required=True,
        metavar="URL",
        help="the office database: postgresql+psycopg://… (or a database file)",
    )
    p.add_argument(
        "--audit", action="append", metavar="ID", help="also bring this audit (repeatable)"
    )
    p.add_argument("--auditor", metavar="NAME", help="also bring this auditor's audits")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="with --auditor: first day")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="with --auditor: last day")
    p.set_defaults(func=run)


def _wanted(session: Any, args: argparse.Namespace) -> list[Any]:
    from auditdesk.exchange.package import audits_of_auditor
    from auditdesk.services.audits import find_audit

    ids = [find_audit(session, a).id for a in args.audit or []]
    if args.auditor:
        first = parse_date(args.date_from, "--from") if args.date_from else None
        last = parse_date(args.date_to, "--to") if args.date_to else None
        found = audits_of_auditor(session, args.auditor, first, last)
        if not found:
            raise CommandError(f"no open audits of {args.auditor} in that window", EXIT_USAGE)
        ids += found
    elif args.date_from or args.date_to:
        raise CommandError("--from/--to go with --auditor NAME", EXIT_USAGE)
    return ids


def run(args: argparse.Namespace) -> int:
    from auditdesk.exchange.online import STEPS, sync
    from auditdesk.services.setup import open_database

    laptop_url, office_url = database_url(args.db), database_url(args.office)
    if laptop_url == office_url:
        raise CommandError("--with names the laptop's own database", EXIT_USAGE)
    laptop = open_database(laptop_url)
    try:
        laptop_user = acting_user(laptop, args, "write")
        office = open_database(office_url)
        try:
            office_user = authenticate(office, args)
            if office_user is None:  # pragma: no cover - acting_user refused already
                raise CommandError("sign in at the office with --user NAME", EXIT_USAGE)
            with office.session(user=office_user) as s:
                wanted = _wanted(s, args)

            def progress(done: int, total: int, text: str) -> None:
                if not args.json:
                    print(f"[{done}/{total}] {text}", file=sys.stderr)

            result = sync(
                laptop,
                office,
                laptop_user=laptop_user,
                office_user=office_user,
                audit_ids=wanted,
                progress=progress,
            )
        finally:
            office.close()
    finally:
        laptop.close()
    assert STEPS
    if args.json:
        from auditdesk.commands.base import to_jsonable

        print_json(
            {
                "office": result.office,
                "laptop": result.laptop,
                "audits": result.audits,
                "to_office": to_jsonable(result.up),
                "to_laptop": to_jsonable(result.down),
                "changed": result.changed,
            }
        )
        return 0
    for label, r in (("laptop → office", result.up), ("office → laptop", result.down)):
        print(
            f"{label}: created {r.created}, updated {r.updated}, conflicts {r.conflicts}, "
            f"refused {len(r.refused)}, attachments {r.attachments}"
        )
    if not result.changed:
        print("already in sync: nothing changed")
    if result.up.conflicts or result.down.conflicts:
        print(
            "conflicts are kept with both values for a lead to resolve (auditdesk GUI: Conflicts)"
        )
    from auditdesk.exchange.sync_db import print_refused

    print_refused(result.up)
    print(f"the laptop holds {len(result.audits)} audit(s)")
    return 0
