"""Bulk rows into an AuditDesk SQLite file with raw ``sqlite3`` executemany, chunk by chunk.

Rows are dicts of model attribute values; missing columns get the model's scalar default
(so a column another engineer adds with a default does not break the generator) and values
are stored exactly as SQLAlchemy stores them on SQLite: UUIDs as 32 hex digits, dates ISO,
datetimes naive UTC ``YYYY-MM-DD HH:MM:SS.ffffff``, enums by value, booleans 0/1, JSON text.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sqlite3
import uuid
from collections.abc import Callable
from typing import Any

from auditdesk.model import Base

CHUNK = 20_000


def insert_many(con: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """One explicit transaction per chunk. (On a connection in autocommit mode, ``with con``
    would let every row commit on its own, and FTS5 flush a segment per row.)"""
    con.execute("BEGIN")
    try:
        con.executemany(sql, rows)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def to_sqlite(value: Any) -> Any:
    if value is None or isinstance(value, int | float | str):
        return int(value) if isinstance(value, bool) else value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value)
    return str(value)


class _TableWriter:
    def __init__(self, con: sqlite3.Connection, name: str, stamp: str) -> None:
        table = Base.metadata.tables[name]
        self.con = con
        self.name = name
        self.columns = [c.name for c in table.columns]
        self.defaults: dict[str, Any] = {}
        for c in table.columns:
            if c.name in ("created_at", "updated_at"):
                self.defaults[c.name] = stamp
            elif c.name == "version":
                self.defaults[c.name] = 1
            elif c.default is not None and getattr(c.default, "is_scalar", False):
                self.defaults[c.name] = to_sqlite(c.default.arg)
            elif (
                c.default is not None
                and getattr(c.default, "is_callable", False)
                and c.name != "id"
            ):
                # JSON columns default to list/dict factories
                fn = c.default.arg
                try:
                    self.defaults[c.name] = to_sqlite(fn(None))
                except TypeError:
                    self.defaults[c.name] = to_sqlite(fn())
            else:
                self.defaults[c.name] = None
        cols = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self.sql = f'INSERT INTO "{name}" ({cols}) VALUES ({marks})'
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0

    def add(self, values: dict[str, Any]) -> None:
        d = self.defaults
        self.rows.append(tuple(to_sqlite(values[c]) if c in values else d[c] for c in self.columns))
        if len(self.rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        insert_many(self.con, self.sql, self.rows)
        self.count += len(self.rows)
        self.rows = []


class BulkWriter:
    """One ``_TableWriter`` per table, flushed in chunks; ``raw`` for the FTS table."""

    def __init__(self, con: sqlite3.Connection, stamp: dt.datetime) -> None:
        self.con = con
        self.stamp = to_sqlite(stamp)
        self.tables: dict[str, _TableWriter] = {}
        self._raw: dict[str, tuple[str, list[tuple[Any, ...]]]] = {}
        self.raw_counts: dict[str, int] = {}
        self.on_flush: Callable[[str, int], None] | None = None

    def add(self, table: str, **values: Any) -> None:
        w = self.tables.get(table)
        if w is None:
            w = self.tables[table] = _TableWriter(self.con, table, self.stamp)
        w.add(values)

    def raw(self, key: str, sql: str, row: tuple[Any, ...]) -> None:
        entry = self._raw.setdefault(key, (sql, []))
        entry[1].append(row)
        if len(entry[1]) >= CHUNK:
            self._flush_raw(key)

    def _flush_raw(self, key: str) -> None:
        sql, rows = self._raw[key]
        if rows:
            insert_many(self.con, sql, rows)
            self.raw_counts[key] = self.raw_counts.get(key, 0) + len(rows)
            rows.clear()

    def flush(self) -> None:
        for w in self.tables.values():
            w.flush()
        for key in self._raw:
            self._flush_raw(key)

    def counts(self) -> dict[str, int]:
        out = {name: w.count + len(w.rows) for name, w in self.tables.items()}
        for key, (_sql, rows) in self._raw.items():
            out[key] = self.raw_counts.get(key, 0) + len(rows)
        return out
