"""``auditdesk list clients|certificates|audits|ncs [--json]``."""

from __future__ import annotations

import argparse
from typing import Any

from auditdesk.commands.base import open_session, print_json, print_table
from auditdesk.services.listing import COLUMNS, KINDS, LISTERS


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[common], help="list clients, certificates, audits or NCs")
    p.add_argument("kind", choices=KINDS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        rows = LISTERS[args.kind](session)
    if args.json:
        print_json(rows)
    else:
        print_table(rows, COLUMNS[args.kind])
    return 0
