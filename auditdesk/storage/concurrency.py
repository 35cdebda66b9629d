"""Two people saving the same record: turn SQLAlchemy's StaleDataError into "changed by X meanwhile".

Every Entity's ``version`` is its ``version_id_col``: an UPDATE or DELETE says
``WHERE id = :id AND version = :version_read``. When someone else committed the record in
between, no row matches and SQLAlchemy raises ``StaleDataError`` naming only the table. So a
``before_flush`` listener remembers which records (table, id, version read) the flush is about
to write; when the flush fails, :func:`conflict_from` finds the one whose stored version moved
and asks the change log who saved it last (falling back to the row's own ``version`` and
``updated_at`` when the log has nothing).

A save made minutes after the user saw the record (a dialog left open) runs in a new session
that re-reads the record, so the UPDATE would see the *new* version: the UI says which version
the user saw with :func:`expect_version` before it saves, and the flush refuses a record whose
version moved since, in the same way.

The error raised is ``storage.errors.EditConflict`` unless a higher layer registered its own
error class with :func:`raise_as` (the services layer registers ``services.errors.Conflict``,
so callers catch the service error they already know). Storage must not import services.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from auditdesk.model.base import Entity
from auditdesk.storage.errors import EditConflict

PENDING_KEY = "versions_in_flush"
EXPECTED_KEY = "expected_versions"
_TABLE = re.compile(r"on table '([^']+)'")

_error_factory: Callable[..., Exception] = EditConflict


def raise_as(factory: Callable[..., Exception]) -> None:
    """Raise ``factory(message, **details)`` for conflicts instead of ``EditConflict``."""
    global _error_factory
    _error_factory = factory


def expect_version(
    session: Session, entity: type[Entity] | str, record_id: Any, version: int
) -> None:
    """The user saw ``version`` of this record: refuse to save it if it has moved on since."""
    table = entity if isinstance(entity, str) else entity.__tablename__
    session.info.setdefault(EXPECTED_KEY, {})[(table, str(record_id))] = int(version)


def _remember_versions(session: Session, _ctx: Any, _instances: Any) -> None:
    pending: list[tuple[str, Any, int]] = []
    expected: dict[tuple[str, str], int] = session.info.get(EXPECTED_KEY, {})
    for obj in list(session.dirty) + list(session.deleted):
        if (
            isinstance(obj, Entity)
            and obj.version is not None
            and (obj in session.deleted or session.is_modified(obj))
        ):
            table = type(obj).__tablename__
            seen = expected.pop((table, str(obj.id)), None)  # checked once: later flushes of
            if seen is not None and seen != obj.version:  # this transaction write its own version
                row = _describe(session.connection(), table, obj.id)
                raise _error_factory(_message(row), **row)
            pending.append((table, obj.id, int(obj.version)))
    session.info[PENDING_KEY] = pending


def install(session_factory: sessionmaker[Session]) -> None:
    from sqlalchemy import event

    if not event.contains(session_factory, "before_flush", _remember_versions):
        event.listen(session_factory, "before_flush", _remember_versions)


def conflict_from(exc: StaleDataError, session: Session, engine: Engine) -> Exception:
    """The "changed by X meanwhile" error for a failed flush of ``session``."""
    match = _TABLE.search(str(exc))
    table = match.group(1) if match else ""
    pending = [p for p in session.info.get(PENDING_KEY, []) if not table or p[0] == table]
    details: dict[str, Any] = {
        "entity": table,
        "record_id": "",
        "changed_by": "",
        "changed_at": None,
        "version": None,
    }
    try:
        found = _which_moved(engine, pending)
    except Exception:  # noqa: BLE001 — the database went away too: the conflict itself is still reported
        found = None
    if found is not None:
        details.update(found)
    message = _message(details)
    return _error_factory(message, **details)


def _message(details: dict[str, Any]) -> str:
    who = details["changed_by"]
    what = f"{details['entity']} {details['record_id']}".strip() or "the record"
    if details["version"] is None and details["record_id"]:
        return f"{what} was deleted by {who or 'someone else'} meanwhile"
    if who:
        return (
            f"{what} was changed by {who} meanwhile; reload it (or merge your edits) and save again"
        )
    return f"{what} was changed by someone else meanwhile; reload it and save again"


def _describe(conn: Connection, table_name: str, record_id: Any) -> dict[str, Any]:
    """Who saved the record last and when (change log; else the row's own state)."""
    from auditdesk.model import Base
    from auditdesk.model.changelog import ChangeLogEntry

    table = Base.metadata.tables[table_name]
    row = conn.execute(
        select(table.c.version, table.c.updated_at).where(table.c.id == record_id)
    ).first()
    last = conn.execute(
        select(ChangeLogEntry.user, ChangeLogEntry.at)
        .where(ChangeLogEntry.entity == table_name, ChangeLogEntry.entity_id == str(record_id))
        .order_by(ChangeLogEntry.seq.desc())
        .limit(1)
    ).first()
    return {
        "entity": table_name,
        "record_id": str(record_id),
        "changed_by": last.user if last is not None else "",
        "changed_at": (last.at if last is not None else row.updated_at)
        if row is not None
        else None,
        "version": row.version if row is not None else None,
    }


def _which_moved(engine: Engine, pending: list[tuple[str, Any, int]]) -> dict[str, Any] | None:
    from auditdesk.model import Base

    tables = Base.metadata.tables
    with engine.connect() as conn:
        for table_name, record_id, version_read in pending:
            table = tables[table_name]
            row = conn.execute(select(table.c.version).where(table.c.id == record_id)).first()
            if row is not None and row.version == version_read:
                continue  # this one did not move
            return _describe(conn, table_name, record_id)
    return None
