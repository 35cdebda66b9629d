"""Resolving merge conflicts: a field changed both here and on a laptop, kept with both values
until a lead decides (keep local, take incoming, or write a combined value)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.exchange.errors import ExchangeError
from auditdesk.exchange.records import BY_NAME, LINK_PREFIX, Refs, fields_of
from auditdesk.exchange.records import from_plain as value_from_plain
from auditdesk.model import MergeConflict
from auditdesk.services.errors import NotFound, ValidationFailed
from auditdesk.services.users import Permission, current_username, require

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


def resolve_conflict(session: Session, seq: int, resolution: str, edited_value: Any = None) -> MergeConflict:
    """Apply the lead's choice to the record and mark the conflict resolved (by whom)."""
    require(session, Permission.RESOLVE_CONFLICT)
    conflict = session.get(MergeConflict, seq)
    if conflict is None:
        raise NotFound(f"no merge conflict {seq}", id=seq)
    if conflict.resolved:
        raise ValidationFailed(f"conflict {seq} is already resolved", {"conflict": "already_resolved"})
    if resolution not in RESOLUTIONS:
        raise ValidationFailed(f"unknown resolution {resolution!r}", {"resolution": "unknown"})
    cls = BY_NAME.get(conflict.entity)
    if cls is None or conflict.field.startswith(LINK_PREFIX):
        raise ExchangeError(f"conflict {seq} names an unknown field {conflict.entity}.{conflict.field}")
    obj = session.get(cls, uuid.UUID(conflict.entity_id))
    if obj is None:
        raise NotFound(f"the {conflict.entity} of conflict {seq} no longer exists", id=conflict.entity_id)
    if resolution != "local":
        plain = decoded(conflict.incoming_value) if resolution == "incoming" else edited_value
        column = fields_of(cls)[conflict.field]
        setattr(obj, conflict.field, value_from_plain(cls, conflict.field, column, plain, Refs(session)))
    conflict.resolved = True
    conflict.resolution = resolution
    conflict.resolved_by = current_username(session)
    session.flush()
    return conflict
