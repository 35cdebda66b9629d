"""Resolving merge conflicts: a field changed both here and on a laptop, kept with both values
until a lead decides (keep local, take incoming, or write a combined value).

An NC the merge moved to another number (``exchange.nc_numbers``) is a conflict on its
``number``: keeping the value here accepts the move; taking the old number back works once no
other NC holds it, and is a step in the NC's history like the move itself."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.exchange.errors import ExchangeError
from auditdesk.exchange.nc_numbers import RENUMBER
from auditdesk.exchange.records import BY_NAME, LINK_PREFIX, Refs, fields_of, portable
from auditdesk.exchange.records import from_plain as value_from_plain
from auditdesk.model import MergeConflict, NCTransition, Nonconformity, utcnow
from auditdesk.services.errors import NotFound, ValidationFailed
from auditdesk.services.users import Permission, current_username, require
from auditdesk.storage.changelog import to_plain

RESOLUTIONS = ("local", "incoming", "edited")


def list_conflicts(session: Session, *, unresolved_only: bool = True) -> list[MergeConflict]:
    stmt = select(MergeConflict).order_by(MergeConflict.seq)
    if unresolved_only:
        stmt = stmt.where(MergeConflict.resolved.is_(False))
    return list(session.scalars(stmt))


def count_unresolved(session: Session) -> int:
    return len(list_conflicts(session))


def decoded(text: str | None) -> Any:
    """A conflict's stored value (canonical JSON) as plain data."""
    return None if text is None else json.loads(text)


def resolve_conflict(
    session: Session, seq: int, resolution: str, edited_value: Any = None
) -> MergeConflict:
    """Apply the lead's choice to the record and mark the conflict resolved (by whom)."""
    require(session, Permission.RESOLVE_CONFLICT)
    conflict = session.get(MergeConflict, seq)
    if conflict is None:
        raise NotFound(f"no merge conflict {seq}", id=seq)
    if conflict.resolved:
        raise ValidationFailed(
            f"conflict {seq} is already resolved", {"conflict": "already_resolved"}
        )
    if resolution not in RESOLUTIONS:
        raise ValidationFailed(f"unknown resolution {resolution!r}", {"resolution": "unknown"})
    cls = BY_NAME.get(conflict.entity)
    if cls is None or conflict.field.startswith(LINK_PREFIX):
        raise ExchangeError(
            f"conflict {seq} names an unknown field {conflict.entity}.{conflict.field}"
        )
    obj = session.get(cls, uuid.UUID(conflict.entity_id))
    if obj is None:
        raise NotFound(
            f"the {conflict.entity} of conflict {seq} no longer exists", id=conflict.entity_id
        )
    if resolution != "local":
        plain = decoded(conflict.incoming_value) if resolution == "incoming" else edited_value
        column = fields_of(cls)[conflict.field]
        value = value_from_plain(cls, conflict.field, column, plain, Refs(session))
        if isinstance(obj, Nonconformity) and conflict.field == "number" and value != obj.number:
            _renumber(session, obj, value)
        else:
            setattr(obj, conflict.field, value)
    session.flush()
    _resolve_causally(session, conflict, obj)
    conflict.resolved = True
    conflict.resolution = resolution
    conflict.resolved_by = current_username(session)
    session.flush()
    return conflict


def _resolve_causally(session: Session, conflict: MergeConflict, obj: Any) -> None:
    """The lead's choice as a write of this replica that has seen every concurrent value: it
    dominates them here and wherever it travels, so an old package cannot re-open it."""
    from auditdesk.exchange.causal import FieldKey
    from auditdesk.exchange.causal import store as causal_store
    from auditdesk.exchange.sync_db import ARCHIVE_FIELD

    user, at = current_username(session), str(to_plain(utcnow()))
    with causal_store.editing(session) as replica:
        if conflict.field == ARCHIVE_FIELD:
            replica.resolve_archive(
                conflict.entity, conflict.entity_id, bool(obj.archived), user, at
            )
        else:
            value = portable(obj, Refs(session)).get(conflict.field)
            replica.resolve(
                FieldKey(conflict.entity, conflict.entity_id, conflict.field), value, user, at
            )


def _renumber(session: Session, nc: Nonconformity, number: str) -> None:
    """An NC's number as the lead chose it, refused while another NC holds it."""
    holder = session.scalar(
        select(Nonconformity.id).where(Nonconformity.number == number, Nonconformity.id != nc.id)
    )
    if holder is not None:
        raise ValidationFailed(
            f"number {number} is held by another nonconformity", {"number": "taken"}, number=number
        )
    before = nc.number
    nc.number = number
    session.add(
        NCTransition(
            nonconformity_id=nc.id,
            action=RENUMBER,
            from_state=nc.state,
            to_state=nc.state,
            by_user=current_username(session),
            at=utcnow(),
            note=f"{before} → {number}",
        )
    )


@dataclass(frozen=True)
class ConflictPlace:
    """Where a conflict is, in the auditor's terms (codes and names; the UI writes the words):
    the record's kind (table), its own label (E12, NC-2026-0075-01, the audit number...), the
    audit and client it belongs to, the clauses it is filed under, and the writer's name."""

    kind: str
    label: str
    audit_number: str
    client: str
    clauses: tuple[str, ...]
    incoming_by_name: str


def describe(session: Session, conflict: MergeConflict) -> ConflictPlace:
    """The conflict's record described (never raises for a record that is gone)."""
    from auditdesk.model import Audit, EvidenceItem, Nonconformity, Organisation, User
    from auditdesk.model.base import Base

    mapper = next(
        (
            m
            for m in Base.registry.mappers
            if getattr(m.local_table, "name", None) == conflict.entity
        ),
        None,
    )
    record = None
    if mapper is not None:
        try:
            record = session.get(mapper.class_, uuid.UUID(conflict.entity_id))
        except ValueError:
            record = None
    label: str = conflict.entity_id[:8]
    clauses: tuple[str, ...] = ()
    audit = None
    client = ""
    if isinstance(record, EvidenceItem):
        label = f"E{record.seq}"
        clauses = tuple(sorted({c.number for c in record.clauses}))
        audit = session.get(Audit, record.audit_id)
    elif isinstance(record, Nonconformity):
        label = record.number
        if record.clause is not None:
            clauses = (record.clause.number,)
        audit = session.get(Audit, record.audit_id)
    elif isinstance(record, Audit):
        label, audit = record.number, record
    elif isinstance(record, Organisation):
        label, client = record.name_zh, record.name_zh
    elif record is not None and getattr(record, "audit_id", None) is not None:
        audit = session.get(Audit, record.audit_id)
        clause = getattr(record, "clause", None)
        if clause is not None:
            clauses = (clause.number,)
    if audit is not None and audit.organisation is not None:
        client = audit.organisation.name_zh
    writer = session.scalar(select(User).where(User.username == conflict.incoming_by))
    name = (writer.display_name or writer.username) if writer is not None else conflict.incoming_by
    return ConflictPlace(
        kind=conflict.entity,
        label=label,
        audit_number=audit.number if audit is not None else "",
        client=client,
        clauses=clauses,
        incoming_by_name=name,
    )
