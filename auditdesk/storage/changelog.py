"""The tamper-evident change log: every create, update and delete of every Entity.

Installed on the one sessionmaker (``install``), an ``after_flush`` listener turns the flush's
pending changes into ``change_log`` rows: who (``session.info["user"]``), when, entity, id,
field, old → new as canonical JSON text. Each row's ``hash`` is
``sha256(prev_hash + canonical_row)``, so changing, removing or reordering a logged row breaks
the chain from that row on; the head (last hash) printed on issued reports pins the end.

Why ``after_flush``: new rows have their UUIDs and defaults then, and attribute history still
shows the old values. Rows are written on the flush's own connection with one executemany; the
previous hash is read once per flush (the flush already holds SQLite's write lock, so the head
cannot move underneath) and carried in memory for the rest of the flush.

On SQLite, triggers refuse UPDATE and DELETE of ``change_log`` (``ensure_append_only``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, insert, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from auditdesk.model.base import Entity, utcnow
from auditdesk.model.changelog import ChangeLogEntry

GENESIS_HASH = "0" * 64
CHAIN_LOCK_KEY = 0x4144534B  # "ADSK": the PostgreSQL advisory lock guarding the chain head
# Bookkeeping columns that change on every update; logging them would only add noise.
SKIPPED_ON_UPDATE = frozenset({"updated_at", "version"})
# Secrets are logged as changed, never with their value (a hash is still a secret).
REDACTED_FIELDS = frozenset({"password_hash"})
REDACTED = "<redacted>"
APPEND_ONLY_TRIGGERS = {
    "change_log_no_update": "UPDATE",
    "change_log_no_delete": "DELETE",
}


# --------------------------------------------------------------------------- canonical form


def to_plain(value: Any) -> Any:
    """A value as plain JSON data: dates ISO, datetimes UTC ISO, UUIDs text, enums by value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, enum.Enum):
        return to_plain(value.value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds") + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_plain(v) for v in value]
        return sorted(items, key=canonical_json) if isinstance(value, set | frozenset) else items
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def canonical_json(value: Any) -> str:
    """The one text form used in the log and in hashes: sorted keys, no spaces, UTF-8."""
    return json.dumps(to_plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _at_text(at: dt.datetime) -> str:
    return str(to_plain(at))


def canonical_row(
    seq: int,
    at: dt.datetime,
    user: str,
    entity: str,
    entity_id: str,
    action: str,
    field: str,
    old: str | None,
    new: str | None,
) -> str:
    return json.dumps(
        [seq, _at_text(at), user, entity, entity_id, action, field, old, new],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def row_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- recording


def snapshot(obj: Entity) -> dict[str, Any]:
    """Every column of a record as plain JSON data (keys are attribute names)."""
    state = inspect(obj)
    values = state.dict
    return {
        attr.key: REDACTED
        if attr.key in REDACTED_FIELDS and values.get(attr.key)
        else to_plain(values.get(attr.key))
        for attr in state.mapper.column_attrs
    }


def _link_ids(items: Any) -> list[str]:
    return sorted(str(getattr(i, "id", i)) for i in items or ())


def _changes_of(obj: Entity) -> Iterator[tuple[str, str | None, str | None]]:
    """(field, old, new) for each changed column or many-to-many link of an updated record."""
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        if attr.key in SKIPPED_ON_UPDATE:
            continue
        hist = state.attrs[attr.key].history
        if not hist.added and not hist.deleted:
            continue
        old = canonical_json(hist.deleted[0]) if hist.deleted else None
        new = canonical_json(hist.added[0]) if hist.added else "null"
        if attr.key in REDACTED_FIELDS and old != new:
            yield attr.key, canonical_json(REDACTED), canonical_json(REDACTED)
        elif old != new:
            yield attr.key, old, new
    for rel in state.mapper.relationships:
        if rel.secondary is None or rel.viewonly:
            continue
        hist = state.attrs[rel.key].history
        if not hist.added and not hist.deleted:
            continue
        before = set(_link_ids(hist.unchanged)) | set(_link_ids(hist.deleted))
        after = set(_link_ids(hist.unchanged)) | set(_link_ids(hist.added))
        if before != after:
            yield rel.key, canonical_json(sorted(before)), canonical_json(sorted(after))


def _links_of(obj: Entity) -> dict[str, list[str]]:
    state = inspect(obj)
    out: dict[str, list[str]] = {}
    for rel in state.mapper.relationships:
        if rel.secondary is not None and not rel.viewonly and rel.key in state.dict:
            ids = _link_ids(state.dict[rel.key])
            if ids:
                out[rel.key] = ids
    return out


def pending_entries(session: Session) -> list[dict[str, Any]]:
    """The flush's changes as change-log rows without seq and hashes (in a stable order)."""
    user = str(session.info.get("user") or "system")
    at = utcnow()
    rows: list[dict[str, Any]] = []

    def add(obj: Entity, action: str, field: str, old: str | None, new: str | None) -> None:
        rows.append(
            {
                "at": at,
                "user": user,
                "entity": type(obj).__tablename__,
                "entity_id": str(obj.id),
                "action": action,
                "field": field,
                "old": old,
                "new": new,
            }
        )

    for obj in session.new:
        if isinstance(obj, Entity):
            data = snapshot(obj)
            data.update(_links_of(obj))
            add(obj, "create", "", None, canonical_json(data))
    for obj in session.dirty:
        if isinstance(obj, Entity) and session.is_modified(obj):
            for field, old, new in _changes_of(obj):
                add(obj, "update", field, old, new)
    for obj in session.deleted:
        if isinstance(obj, Entity):
            add(obj, "delete", "", canonical_json(snapshot(obj)), None)
    return rows


def read_head(conn: Connection) -> tuple[int, str]:
    """(last seq, last hash), or (0, GENESIS_HASH) for an empty log."""
    row = conn.execute(
        select(ChangeLogEntry.seq, ChangeLogEntry.hash).order_by(ChangeLogEntry.seq.desc()).limit(1)
    ).first()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)


def chain_rows(rows: list[dict[str, Any]], seq: int, prev: str) -> list[dict[str, Any]]:
    """Number and hash rows after the head (seq, prev); the head moves in memory only."""
    for row in rows:
        seq += 1
        row["seq"] = seq
        row["prev_hash"] = prev
        prev = row_hash(
            prev,
            canonical_row(
                seq,
                row["at"],
                row["user"],
                row["entity"],
                row["entity_id"],
                row["action"],
                row["field"],
                row["old"],
                row["new"],
            ),
        )
        row["hash"] = prev
    return rows


def _after_flush(session: Session, _flush_context: Any) -> None:
    if session.info.get("changelog_disabled"):
        return
    rows = pending_entries(session)
    if rows:
        _append(session, rows)


def _take_turn(session: Session) -> None:
    """PostgreSQL: writers take turns at the head of the chain until commit, as SQLite's one
    writer does by itself, so two transactions never fork the chain. storage/postgres.py
    takes the same lock before each flush (re-taking it here is free); a bulk statement
    takes it before it runs."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})


def _append(session: Session, rows: list[dict[str, Any]]) -> None:
    _take_turn(session)
    conn = session.connection()
    seq, prev = read_head(conn)
    conn.execute(insert(ChangeLogEntry), chain_rows(rows, seq, prev))
    session.info["changelog_written"] = session.info.get("changelog_written", 0) + len(rows)


def _bulk_statement(state: Any) -> Any:
    """ORM-enabled UPDATE/DELETE statements bypass the flush: log that they ran, by whom, on
    which table, how many rows, with which SQL and values (per-field detail is not known), as
    one row with entity_id and field ``*``."""
    if not (state.is_update or state.is_delete) or state.session.info.get("changelog_disabled"):
        return None
    mapper = state.bind_mapper
    if mapper is None or not issubclass(mapper.class_, Entity):
        return None
    _take_turn(state.session)
    result = state.invoke_statement()
    compiled = state.statement.compile(dialect=state.session.get_bind().dialect)
    params = {**compiled.params, **(state.parameters or {})}
    detail = canonical_json({"sql": str(compiled), "params": params, "rows": result.rowcount})
    _append(
        state.session,
        [
            {
                "at": utcnow(),
                "user": str(state.session.info.get("user") or "system"),
                "entity": mapper.class_.__tablename__,
                "entity_id": "*",
                "action": "update" if state.is_update else "delete",
                "field": "*",
                "old": None,
                "new": detail,
            }
        ],
    )
    return result


def install(session_factory: sessionmaker[Session]) -> None:
    """Record every flush (and ORM bulk UPDATE/DELETE) of ``session_factory``'s sessions."""
    from sqlalchemy import event

    if not event.contains(session_factory, "after_flush", _after_flush):
        event.listen(session_factory, "after_flush", _after_flush)
        event.listen(session_factory, "do_orm_execute", _bulk_statement)


def ensure_append_only(engine: Engine) -> None:
    """SQLite triggers that refuse UPDATE and DELETE of change_log rows (idempotent)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as conn:
        if not conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='change_log'")
        ).first():
            return
        present = {
            r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))
        }
        for name, op in APPEND_ONLY_TRIGGERS.items():
            if name not in present:
                conn.execute(
                    text(
                        f"CREATE TRIGGER {name} BEFORE {op} ON change_log "
                        f"BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END"
                    )
                )


def missing_triggers(conn: Connection) -> list[str]:
    if conn.dialect.name == "postgresql":
        from auditdesk.storage.postgres import missing_triggers as missing_on_server

        return missing_on_server(conn)
    if conn.dialect.name != "sqlite":
        return []
    present = {
        r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))
    }
    return [name for name in APPEND_ONLY_TRIGGERS if name not in present]


# --------------------------------------------------------------------------- reading and verifying


def chain_head(session: Session) -> str:
    """The hash of the last change-log row (GENESIS_HASH for an empty log)."""
    return read_head(session.connection())[1]


@dataclass(frozen=True)
class ChainProblem:
    """One break in the chain. ``code``: hash_mismatch (the row's content does not give its
    hash: a logged value was changed), broken_link (prev_hash is not the previous row's hash:
    a row was removed or inserted), seq_gap (numbers skip: rows were removed)."""

    seq: int
    code: str
    entity: str
    entity_id: str
    field: str
    detail: str = ""

    def __str__(self) -> str:
        what = f"{self.entity} {self.entity_id}" + (f" field {self.field}" if self.field else "")
        return f"change_log row {self.seq} ({what}): {self.code}" + (
            f" — {self.detail}" if self.detail else ""
        )


def verify_rows(rows: Any) -> list[ChainProblem]:
    """Check rows (seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash) in order."""
    problems: list[ChainProblem] = []
    prev_hash, prev_seq = GENESIS_HASH, 0
    for r in rows:
        seq, at, user, entity, entity_id, action, field, old, new, stored_prev, stored_hash = r
        if seq != prev_seq + 1:
            problems.append(
                ChainProblem(
                    seq, "seq_gap", entity, entity_id, field, f"previous row is {prev_seq}"
                )
            )
        if stored_prev != prev_hash:
            problems.append(
                ChainProblem(
                    seq,
                    "broken_link",
                    entity,
                    entity_id,
                    field,
                    "prev_hash does not match the previous row's hash",
                )
            )
        expected = row_hash(
            stored_prev, canonical_row(seq, at, user, entity, entity_id, action, field, old, new)
        )
        if expected != stored_hash:
            problems.append(
                ChainProblem(
                    seq,
                    "hash_mismatch",
                    entity,
                    entity_id,
                    field,
                    "the row's content was changed after it was logged",
                )
            )
        prev_hash, prev_seq = stored_hash, seq
    return problems


def verify_chain(session: Session) -> list[ChainProblem]:
    """Every break in the hash chain, in log order (empty list: the log is intact)."""
    t = ChangeLogEntry
    stmt = (
        select(
            t.seq,
            t.at,
            t.user,
            t.entity,
            t.entity_id,
            t.action,
            t.field,
            t.old,
            t.new,
            t.prev_hash,
            t.hash,
        )
        .order_by(t.seq)
        .execution_options(yield_per=5000)
    )
    return verify_rows(session.execute(stmt))


def history(session: Session, entity: str, entity_id: str) -> list[ChangeLogEntry]:
    """The logged changes of one record, oldest first."""
    return list(
        session.scalars(
            select(ChangeLogEntry)
            .where(ChangeLogEntry.entity == entity, ChangeLogEntry.entity_id == entity_id)
            .order_by(ChangeLogEntry.seq)
        )
    )
