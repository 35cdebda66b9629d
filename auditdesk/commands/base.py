"""Shared plumbing for the CLI subcommands: database resolution, JSON output, errors."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A one-line error for the user; ``exit_code`` 1 (job found a problem) or 2 (bad usage)."""

    def __init__(self, message: str, exit_code: int = EXIT_PROBLEM) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def database_url(db: str | None) -> str:
    """``--db`` wins, then ``AUDITDESK_DB``, then the default file in the user's data folder.

    A plain path becomes a SQLite URL; anything with ``://`` is used as an SQLAlchemy URL.
    """
    from auditdesk.paths import default_database_path

    value = db or os.environ.get("AUDITDESK_DB") or str(default_database_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def parse_date(text: str, field: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` strictly; a wrong date is bad usage (exit 2)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"{field}: '{text}' is not a valid date (YYYY-MM-DD)", EXIT_USAGE
        ) from None


def to_jsonable(value: Any) -> Any:
    """Dates, UUIDs, enums and dataclasses as plain JSON values."""
    if is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def print_json(value: Any) -> None:
    json.dump(to_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    """A plain aligned table for humans (``--json`` is the scripting format)."""
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]
    print("  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        print("  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)))


def _cell(v: Any) -> str:
    v = to_jsonable(v)
    return "" if v is None else str(v)


def _width(text: str) -> int:
    # East-Asian characters take two columns in a terminal.
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


@contextmanager
def open_session(args: Any, *, create: bool = False, user: str | None = None) -> Iterator[Any]:
    """Open the database named by ``--db`` and yield a Session inside one transaction.

    ``create`` allows creating a new database file; otherwise a missing file is an error.
    """
    from auditdesk.services.setup import open_database

    url = database_url(getattr(args, "db", None))
    database = open_database(url, create=create)
    try:
        with database.session(user=user or getattr(args, "user", None)) as session:
            yield session
    finally:
        database.close()
