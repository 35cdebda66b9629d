"""Fill the search index of a bulk-loaded database, fast, in the search module's own layout.

``auditdesk.services.search`` owns the FTS table and keeps it in sync through the ORM; its
``rebuild_search_index`` loads every record as an ORM object, which is right for a repair but
takes hours at a million evidence items. Here the same rows are made with the module's own
functions (``tokenise``, ``evidence_text``, ``nc_text`` and the audit scope token) from plain
rows read with ``sqlite3``, and inserted with ``executemany``. The table's columns are read
from the database, so a layout change in the search module is followed, not duplicated; and
``reindex`` takes the ``CREATE`` statement from a fresh database made by ``open_database``.
"""

from __future__ import annotations

import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from auditdesk.bench.writer import insert_many

CHUNK = 20_000


class _Row:
    """Attribute access over a dict, for the search module's text functions."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _scope(audit_hex: str) -> str:
    from auditdesk.services import search

    token = getattr(search, "_scope_token", None)
    return token(uuid.UUID(audit_hex)) if token is not None and audit_hex else ""


def _rows(
    con: sqlite3.Connection, table: str, columns: tuple[str, ...]
) -> Iterator[dict[str, Any]]:
    """Rows in rowid pages, each read completely: no statement stays open across the inserts."""
    cols = ", ".join(f'"{c}"' for c in columns)
    last = -1
    while True:
        batch = con.execute(
            f"SELECT rowid, {cols} FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT 5000", (last,)
        ).fetchall()
        if not batch:
            return
        last = batch[-1][0]
        for r in batch:
            yield {c: ("" if v is None else v) for c, v in zip(columns, r[1:], strict=True)}


def fill(con: sqlite3.Connection, log: Callable[[str], None] | None = None) -> int:
    """Index every evidence item and NC of ``con`` into the (empty) search table; returns rows."""
    from auditdesk.services import search

    table = search.TABLE
    layout = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
    sql = f"INSERT INTO {table} ({', '.join(layout)}) VALUES ({', '.join('?' for _ in layout)})"
    reader = con
    cache: dict[str, tuple[str, str]] = {}
    pending: list[tuple[Any, ...]] = []
    n = 0

    def add(kind: str, ref: str, audit: str, grams: str, chars: str) -> None:
        nonlocal n
        values = {
            "kind": kind,
            "ref_id": ref,
            "audit_id": audit,
            "scope": _scope(audit),
            "grams": grams,
            "chars": chars,
        }
        pending.append(tuple(values.get(c, "") for c in layout))
        if len(pending) >= CHUNK:
            flush()

    def flush() -> None:
        nonlocal n
        if pending:
            insert_many(con, sql, pending)
            n += len(pending)
            pending.clear()
            if log and n % 200_000 < CHUNK:
                log(f"search index: {n} rows")

    try:
        for r in _rows(
            reader,
            "evidence_item",
            ("id", "audit_id", "description", "references", "interviewee_role", "department"),
        ):
            # Descriptions repeat (drawn from a pool): tokenise each once; the rest is short.
            desc = cache.get(r["description"])
            if desc is None:
                desc = cache[r["description"]] = search.tokenise(r["description"])
            rest = search.tokenise(search.evidence_text(_Row({**r, "description": ""})))  # type: ignore[arg-type]
            add(
                "evidence", r["id"], r["audit_id"], _join(desc[0], rest[0]), _join(desc[1], rest[1])
            )
        for r in _rows(
            reader,
            "nonconformity",
            (
                "id",
                "audit_id",
                "number",
                "requirement",
                "evidence_text",
                "reason",
                "correction",
                "root_cause",
                "corrective_action",
                "effectiveness",
            ),
        ):
            grams, chars = search.tokenise(search.nc_text(_Row(r)))  # type: ignore[arg-type]
            add("nc", r["id"], r["audit_id"], grams, chars)
        flush()
        # The ref_id -> rowid mapping saves use (services/search.py), or the first open makes it.
        con.execute(search.REF_DDL)
        con.execute(f"DELETE FROM {search.REF_TABLE}")
        con.execute(
            f"INSERT INTO {search.REF_TABLE}(ref_id, doc) SELECT ref_id, rowid FROM {search.TABLE}"
        )
    finally:
        pending.clear()
    return n


def _join(a: str, b: str) -> str:
    return f"{a} {b}" if a and b else a or b


def optimize(con: sqlite3.Connection) -> None:
    from auditdesk.services import search

    con.execute(f"INSERT INTO {search.TABLE}({search.TABLE}) VALUES ('optimize')")


def current_create_statement() -> str:
    """The search table's CREATE statement as ``open_database`` makes it today."""
    from auditdesk.services import search
    from auditdesk.services.setup import open_database

    with tempfile.TemporaryDirectory(prefix="auditdesk-bench-") as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'layout.sqlite3'}", create=True)
        try:
            with db.engine.connect() as conn:
                row = conn.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE name = ?", (search.TABLE,)
                ).first()
        finally:
            db.close()
    if row is None:
        raise RuntimeError("open_database made no search table")
    return str(row[0])


def reindex(db: Path, log: Callable[[str], None] | None = None) -> int:
    """Drop and refill the search index of a generated database (after a layout change)."""
    from auditdesk.services import search

    create = current_create_statement()
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("PRAGMA synchronous = OFF")
        con.execute(f"DROP TABLE IF EXISTS {search.TABLE}")
        con.execute(create)
        n = fill(con, log)
        optimize(con)
        return n
    finally:
        con.close()
