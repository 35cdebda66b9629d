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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, Engine, Table, insert, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from auditdesk.model.base import Entity, utcnow
from auditdesk.model.changelog import ChangeLogEntry
from auditdesk.storage.postgres import CHAIN_LOCK_KEY
from auditdesk.storage.postgres import missing_triggers as missing_on_server

GENESIS_HASH = "0" * 64
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
    state: str | None = None,
) -> str:
    """The hashed text of one row. ``state`` (the record's state hash after the change) is
    part of it when present; rows logged before it existed keep their old form and hash."""
    items: list[Any] = [seq, _at_text(at), user, entity, entity_id, action, field, old, new]
    if state is not None:
        items.append(state)
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def row_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- record states
# Each logged change carries the hash of the record's stored state after it (``state``), and
# the chain covers it: ``auditdesk check`` recomputes every row's state from the table and
# compares it with the last state the log gives for that record, so a direct UPDATE, INSERT or
# DELETE of a record shows. The state is read back from the database with the same Core
# query at flush time and at check time, so both sides see exactly the same values.

# Columns that change on every save and say nothing about the record's content.
STATE_SKIPPED = frozenset({"updated_at", "version"})
STATE_BATCH = 500  # ids per IN (...) (SQLite's bound-parameter limit is far above)


@dataclass(frozen=True)
class LinkSpec:
    """A many-to-many link stored in an association table, counted in the owner's state."""

    key: str  # the owner's relationship name, e.g. "clauses"
    table: Table
    owner_col: Column[Any]
    target_col: Column[Any]


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value is False or value == 0 or value in ([], {})


def state_data(row: Any, links: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """A stored row (a Core row mapping) as the plain data its state hash covers. Empty values
    (NULL, "", false, 0, [], {}) are left out, so a migration adding a column with an empty
    default does not change any record's state."""
    data = {
        key: plain
        for key, value in row.items()
        if key not in STATE_SKIPPED and not _is_empty(plain := to_plain(value))
    }
    for key, ids in (links or {}).items():
        if ids:
            data["@" + key] = sorted(ids)
    return data


def state_hash(row: Any, links: dict[str, list[str]] | None = None) -> str:
    return hashlib.sha256(canonical_json(state_data(row, links)).encode("utf-8")).hexdigest()


def entity_tables() -> dict[str, Table]:
    """Every audited record table (Entity subclasses), by name."""
    out: dict[str, Table] = {}
    for mapper in Entity.registry.mappers:
        if issubclass(mapper.class_, Entity) and isinstance(mapper.local_table, Table):
            out[mapper.local_table.name] = mapper.local_table
    return out


def link_specs() -> dict[str, list[LinkSpec]]:
    """The association tables each record table owns (writable many-to-many relationships)."""
    out: dict[str, list[LinkSpec]] = {}
    for mapper in Entity.registry.mappers:
        if not issubclass(mapper.class_, Entity):
            continue
        for rel in mapper.relationships:
            if rel.secondary is None or rel.viewonly or not isinstance(rel.secondary, Table):
                continue
            owner_col: Any = rel.synchronize_pairs[0][1]
            target_col: Any = (rel.secondary_synchronize_pairs or [])[0][1]
            owner: Any = mapper.local_table
            out.setdefault(owner.name, []).append(
                LinkSpec(rel.key, rel.secondary, owner_col, target_col)
            )
    return out


def stored_columns(table: Table, present: set[str] | None) -> list[Column[Any]]:
    """The model's columns of ``table`` that the database has (all when ``present`` is None)."""
    return [c for c in table.columns if present is None or c.name in present]


def read_states(
    conn: Connection,
    table_name: str,
    ids: list[Any] | None = None,
    *,
    present: set[str] | None = None,
    link_tables: set[str] | None = None,
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(id, plain data, state hash) of the stored rows of ``table_name`` (only ``ids`` when
    given, else every row, streamed). ``present``: the columns the database really has;
    ``link_tables``: the association tables it really has (default: all)."""
    table = entity_tables()[table_name]
    cols = stored_columns(table, present)
    specs = [
        spec
        for spec in link_specs().get(table_name, [])
        if link_tables is None or spec.table.name in link_tables
    ]
    batches: Iterator[list[Any] | None] = (
        iter([None])
        if ids is None
        else (ids[i : i + STATE_BATCH] for i in range(0, len(ids), STATE_BATCH))
    )
    for batch in batches:
        links: dict[str, dict[str, list[str]]] = {}
        for spec in specs:
            stmt = select(spec.owner_col, spec.target_col)
            if batch is not None:
                stmt = stmt.where(spec.owner_col.in_(batch))
            for owner, target in conn.execute(stmt):
                links.setdefault(str(owner), {}).setdefault(spec.key, []).append(str(target))
        stmt = select(*cols)
        if batch is not None:
            stmt = stmt.where(table.c.id.in_(batch))
        result = conn.execute(stmt.execution_options(yield_per=2000))
        for row in result.mappings():
            rid = str(row["id"])
            own = links.get(rid, {})
            yield rid, state_data(row, own), state_hash(row, own)


def _states_for(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Set each logged row's ``state`` to its record's stored state after the flush."""
    wanted: dict[str, dict[str, Any]] = {}
    tables = entity_tables()
    for row in rows:
        if row["entity"] in tables and row["entity_id"] != "*":
            wanted.setdefault(row["entity"], {})[row["entity_id"]] = uuid.UUID(row["entity_id"])
    states: dict[tuple[str, str], str] = {}
    for table_name, ids in wanted.items():
        for rid, _data, digest in read_states(conn, table_name, list(ids.values())):
            states[(table_name, rid)] = digest
    for row in rows:
        row.setdefault("state", states.get((row["entity"], row["entity_id"])))


def baseline_rows(
    conn: Connection,
    user: str = "system",
    *,
    present: dict[str, set[str]] | None = None,
    only: str | None = None,
) -> Iterator[dict[str, Any]]:
    """One ``baseline`` row per stored record: its snapshot and state as they are now (for
    records written without the log: an upgraded database, a generated data set)."""
    at = utcnow()
    for table_name in sorted(entity_tables()):
        if only is not None and table_name != only:
            continue
        cols = None if present is None else present.get(table_name)
        if present is not None and cols is None:
            continue
        for rid, data, digest in read_states(conn, table_name, present=cols):
            shown = {k: (REDACTED if k in REDACTED_FIELDS else v) for k, v in data.items()}
            yield {
                "at": at,
                "user": user,
                "entity": table_name,
                "entity_id": rid,
                "action": "baseline",
                "field": "",
                "old": None,
                "new": canonical_json(shown),
                "state": digest,
            }


def append_baseline(
    conn: Connection, user: str = "system", *, present: dict[str, set[str]] | None = None
) -> int:
    """Append a baseline row for every stored record, chained; returns how many."""
    seq, prev = read_head(conn)
    written = 0
    batch: list[dict[str, Any]] = []
    for row in baseline_rows(conn, user, present=present):
        batch.append(row)
        if len(batch) >= 2000:
            conn.execute(insert(ChangeLogEntry), chain_rows(batch, seq, prev))
            seq, prev = batch[-1]["seq"], batch[-1]["hash"]
            written += len(batch)
            batch = []
    if batch:
        conn.execute(insert(ChangeLogEntry), chain_rows(batch, seq, prev))
        written += len(batch)
    return written


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
            before = hist.deleted[0] if hist.deleted else None
            after = hist.added[0] if hist.added else None
            if isinstance(before, str) and isinstance(after, str):
                yield attr.key, *compact_change(before, after, old, new)
            else:
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


# Large texts: an autosave of a 39 200-character text logged both full values each time
# (200 saves: +47 MB). Above COMPACT_MIN_CHARS an update logs the old value as its hash and
# the new one as the edit that makes it from the old (common prefix and suffix kept, the
# changed middle written) plus its hash, so the log grows by what was typed. Texts above
# MAX_TEXT_CHARS are refused (a 20 MiB paste took 26 s and 3.6 GB).
COMPACT_MIN_CHARS = 2000
MAX_TEXT_CHARS = 2 * 1024 * 1024
COMPACT = "@compact"


def _sha(text_: str) -> str:
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


def compact_change(before: str, after: str, old: str | None, new: str) -> tuple[str | None, str]:
    """(old, new) as logged for a text change: in full when short, else hash and edit."""
    if max(len(before), len(after)) < COMPACT_MIN_CHARS:
        return old, new
    limit = min(len(before), len(after))
    start = 0
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    edit = {
        COMPACT: "edit",
        "at": start,
        "cut": len(before) - start - end,
        "put": after[start : len(after) - end],
        "chars": len(after),
        "sha256": _sha(after),
    }
    return canonical_json({COMPACT: "hash", "chars": len(before), "sha256": _sha(before)}), (
        canonical_json(edit)
    )


def apply_logged_change(previous: Any, logged: Any) -> Any:
    """The value a logged update gives, from the value before it (None: not known)."""
    if not (isinstance(logged, dict) and logged.get(COMPACT) == "edit"):
        return logged
    if not isinstance(previous, str):
        return None
    at, cut, put = logged.get("at"), logged.get("cut"), logged.get("put")
    if not (isinstance(at, int) and isinstance(cut, int) and isinstance(put, str)):
        return None
    value = previous[:at] + put + previous[at + cut :]
    return value if _sha(value) == logged.get("sha256") else None


def _refuse_huge_texts(obj: Entity) -> None:
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        value = state.dict.get(attr.key)
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            from auditdesk.storage.errors import TextTooLarge

            table = type(obj).__tablename__
            raise TextTooLarge(
                f"{table} {attr.key}: the text has {len(value):,} characters; AuditDesk "
                f"stores at most {MAX_TEXT_CHARS:,} — attach a long document as a file instead",
                f"{table}.{attr.key}",
            )


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
                row.get("state"),
            ),
        )
        row.setdefault("state", None)
        row["hash"] = prev
    return rows


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    for obj in [*session.new, *session.dirty]:
        if isinstance(obj, Entity):
            _refuse_huge_texts(obj)


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
    if not rows:
        return
    _take_turn(session)
    conn = session.connection()
    _states_for(conn, rows)
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
    # The statement changed rows the flush never saw: log the table's states as they are now,
    # so the log again says what every record of the table must hold.
    conn = state.session.connection()
    table_name = mapper.class_.__tablename__
    _append(
        state.session,
        [
            {**row, "action": "bulk_state", "user": str(state.session.info.get("user") or "system")}
            for row in baseline_rows(conn, only=table_name)
        ],
    )
    return result


def install(session_factory: sessionmaker[Session]) -> None:
    """Record every flush (and ORM bulk UPDATE/DELETE) of ``session_factory``'s sessions."""
    from sqlalchemy import event

    if not event.contains(session_factory, "after_flush", _after_flush):
        # first of all before_flush listeners: a huge text is refused before any work on it
        event.listen(session_factory, "before_flush", _before_flush, insert=True)
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
        return missing_on_server(conn)
    if conn.dialect.name != "sqlite":
        return []
    present = {
        r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))
    }
    return [name for name in APPEND_ONLY_TRIGGERS if name not in present]


# --------------------------------------------------------------------------- reading and verifying


class ChainHead(str):
    """The hash of the last change-log row (a ``str``: the full 64-hex hash, as before), with
    its ``seq`` and a ``short`` form to print ("#1234 3f9a0c1b2d4e")."""

    seq: int

    def __new__(cls, digest: str, seq: int) -> ChainHead:
        obj = super().__new__(cls, digest)
        obj.seq = seq
        return obj

    @property
    def short(self) -> str:
        return f"#{self.seq} {self[:12]}"


def chain_head(session: Session) -> ChainHead:
    """The head of the chain (GENESIS_HASH at seq 0 for an empty log)."""
    seq, digest = read_head(session.connection())
    return ChainHead(digest, seq)


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


def verify_rows(rows: Any, on_row: Callable[[Any], None] | None = None) -> list[ChainProblem]:
    """Check rows (seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash
    [, state]) in order; ``on_row`` sees each row (one pass over the log for ``check``)."""
    problems: list[ChainProblem] = []
    prev_hash, prev_seq = GENESIS_HASH, 0
    for r in rows:
        seq, at, user, entity, entity_id, action, field, old, new, stored_prev, stored_hash = r[:11]
        state = r[11] if len(r) > 11 else None
        if on_row is not None:
            on_row(r)
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
            stored_prev,
            canonical_row(seq, at, user, entity, entity_id, action, field, old, new, state),
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


def log_columns(with_state: bool = True) -> list[Any]:
    t = ChangeLogEntry
    cols: list[Any] = [
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
    ]
    return [*cols, t.state] if with_state else cols


def verify_chain(
    session: Session, on_row: Callable[[Any], None] | None = None, *, with_state: bool = True
) -> list[ChainProblem]:
    """Every break in the hash chain, in log order (empty list: the log is intact)."""
    stmt = (
        select(*log_columns(with_state))
        .order_by(ChangeLogEntry.seq)
        .execution_options(yield_per=5000)
    )
    return verify_rows(session.execute(stmt), on_row)


def history(session: Session, entity: str, entity_id: str) -> list[ChangeLogEntry]:
    """The logged changes of one record, oldest first."""
    return list(
        session.scalars(
            select(ChangeLogEntry)
            .where(ChangeLogEntry.entity == entity, ChangeLogEntry.entity_id == entity_id)
            .order_by(ChangeLogEntry.seq)
        )
    )
