"""The floor of a database operation: the same SQL, run by bare ``sqlite3``.

``capture(engine)`` records every statement (and its already-converted parameters) the
operation sends; ``replay(db, statements)`` runs exactly those on a plain ``sqlite3``
connection and fetches every row. What remains between the two figures is AuditDesk's own
Python: the ORM, row objects, the rules engine, formatting.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

Statement = tuple[str, Any, bool]

_SKIP = (
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "SAVEPOINT",
    "RELEASE",
    "PRAGMA BUSY_TIMEOUT",
    "PRAGMA FOREIGN_KEYS",
    "PRAGMA JOURNAL_MODE",
    "PRAGMA SYNCHRONOUS",
)


@contextmanager
def capture(engine: Engine) -> Iterator[list[Statement]]:
    statements: list[Statement] = []

    def before(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, executemany: bool
    ) -> None:
        if not statement.lstrip().upper().startswith(_SKIP):
            statements.append((statement, parameters, executemany))

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def replay(con: sqlite3.Connection, statements: list[Statement]) -> int:
    rows = 0
    for sql, params, many in statements:
        if many:
            con.executemany(sql, params)
        else:
            rows += len(con.execute(sql, params or ()).fetchall())
    return rows
