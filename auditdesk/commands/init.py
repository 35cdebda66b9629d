"""``auditdesk init --db PATH [--admin NAME]``: a real CB's database from nothing.

Creates an empty, migrated database with the standards library and its first admin (the
password typed twice, or $AUDITDESK_PASSWORD). Refuses a file that already has content, and
leaves nothing behind when it fails.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from auditdesk.commands.base import EXIT_USAGE, CommandError, database_url, print_json


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "init",
        parents=[common],
        help="create an empty database with the standards library and its first admin",
    )
    p.add_argument("--admin", help="user name of the first admin (asked for when missing)")
    p.add_argument("--display-name", default="", help="the admin's full name")
    p.set_defaults(func=run)


def _admin_password(name: str) -> str:
    import getpass

    password = os.environ.get("AUDITDESK_PASSWORD")
    if password is not None:
        return password
    try:
        first = getpass.getpass(f"password for {name}: ")
        second = getpass.getpass(f"password for {name} again: ")
    except EOFError:
        raise CommandError(
            f"no password for {name}: type it at the prompt or set $AUDITDESK_PASSWORD"
        ) from None
    if first != second:
        raise CommandError("the two passwords differ", EXIT_USAGE)
    return first


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        p.unlink(missing_ok=True)


def run(args: argparse.Namespace) -> int:
    from auditdesk.services import users
    from auditdesk.services.clients import count_organisations
    from auditdesk.services.errors import ValidationFailed
    from auditdesk.services.setup import open_database
    from auditdesk.storage.database import sqlite_path

    url = database_url(args.db)
    path = sqlite_path(url)
    if path is not None and path.exists() and (path.is_dir() or path.stat().st_size > 0):
        raise CommandError(f"{path} already exists: init makes a new database, pick a new file")
    name = (args.admin or "").strip()
    if not name:
        try:
            name = input("user name of the first admin: ").strip()
        except EOFError:
            name = ""
    if not name or name.lower() in users.RESERVED_NAMES:
        raise CommandError("give the first admin's user name with --admin NAME", EXIT_USAGE)
    password = _admin_password(name)
    if len(password) < 8:
        raise CommandError("the password needs at least 8 characters", EXIT_USAGE)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)  # an empty (0-byte) file: nothing to keep
    created = path is not None
    try:
        database = open_database(url, create=True)
    except BaseException:
        if created and path is not None:
            _remove(path)
        raise
    try:
        with database.session() as s:
            if users.has_people(s) or count_organisations(s):
                created = False  # a server database someone already uses: not ours to remove
                raise CommandError("this database is not empty: init makes a new database")
            users.create_first_admin(s, name, password, args.display_name)
            from sqlalchemy import func, select

            from auditdesk.model import Standard

            standards = s.scalar(select(func.count()).select_from(Standard)) or 0
    except BaseException as exc:
        database.close()
        if created and path is not None:
            _remove(path)
        if isinstance(exc, ValidationFailed):
            raise CommandError(f"cannot create {name}: {', '.join(exc.errors.values())}") from exc
        raise
    database.close()
    where = str(path) if path is not None else url
    if args.json:
        print_json({"database": where, "admin": name, "standards": standards})
    else:
        print(f"database ready: {where} ({standards} standards); first admin: {name}")
        print("next: auditdesk users add NAME --role auditor --user " + name)
    return 0
