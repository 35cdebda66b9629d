"""``auditdesk``: the GUI by default, and every headless job the GUI can do as a subcommand.

    auditdesk [--db PATH]                 start the desktop app
    auditdesk demo --db PATH              build a demo database
    auditdesk list clients|certificates|audits|ncs [--json]
    auditdesk calc audit-time|sampling|programme ...
    auditdesk import certificates|clients|package FILE ...
    auditdesk export report|plan|nc-form|case|schedule|template|package ...
    auditdesk verify FILE [--db PATH]     is this copy the issued report, records unchanged?
    auditdesk check | backup | restore | bench ...
    auditdesk init --db PATH --admin NAME  a new, empty database with its first admin
    auditdesk users add|list|set-role|reset-password|deactivate|token|signins

Every command that changes the database acts as a signed-in user: ``--user NAME`` with a
password prompt (or $AUDITDESK_PASSWORD), or an API token in $AUDITDESK_TOKEN. Read-only
commands without credentials run as the built-in read-only "reader".

Exit codes: 0 ok, 1 the job found a problem, 2 bad usage. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from auditdesk import __version__
from auditdesk.commands import COMMAND_MODULES
from auditdesk.commands.base import EXIT_PROBLEM, EXIT_USAGE, CommandError


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, as every AuditDesk error does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"auditdesk: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        help="database file or SQLAlchemy URL (default: $AUDITDESK_DB, "
        "else the file in the user's data folder)",
    )
    common.add_argument("--json", action="store_true", help="print data as JSON")
    common.add_argument(
        "--user",
        help="sign in as this AuditDesk user (password prompt, or $AUDITDESK_PASSWORD); "
        "$AUDITDESK_TOKEN signs in with an API token instead. Commands that change the "
        "database need one of them; read-only ones run as the read-only 'reader'",
    )

    parser = _Parser(
        prog="auditdesk",
        description="AuditDesk: audit evidence manager for "
        "certification-body auditors. Without a subcommand, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"AuditDesk {__version__}")
    parser.add_argument(
        "--db",
        dest="gui_db",
        metavar="DB",
        help="database for the desktop app (default: $AUDITDESK_DB, else the "
        "file in the user's data folder)",
    )
    parser.add_argument(
        "--lang", dest="gui_lang", choices=["zh_CN", "en"], help="interface language for this run"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(name if "." in name else f"auditdesk.commands.{name}")
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from auditdesk.ui.app import run_gui  # the only place the CLI touches Qt

        return run_gui(db=args.gui_db, lang=args.gui_lang)
    try:
        return int(args.func(args) or 0)
    except CommandError as exc:
        print(f"auditdesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("auditdesk: interrupted", file=sys.stderr)
        return EXIT_PROBLEM
    except Exception as exc:  # noqa: BLE001 — the CLI's last resort: one line on stderr and exit code 1, never a traceback
        from auditdesk.services.errors import describe_error

        print(f"auditdesk: {describe_error(exc)}", file=sys.stderr)
        return getattr(exc, "exit_code", EXIT_PROBLEM)


if __name__ == "__main__":
    sys.exit(main())
