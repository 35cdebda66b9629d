"""What a register is kept for: one field of one record, or one link between two records.

Records are named by entity (table name) and id (UUID text); fields by attribute name. The
record's lifecycle (archived or active) is the reserved field ``@state``. A link is its own key
``(name, source, target)`` — e.g. ``("evidence_clause", evidence_id, clause_ref)`` — so adding
and removing a link are facts that travel like any field write, never inferred from which
records a package happens to hold."""

from __future__ import annotations

from dataclasses import dataclass

from auditdesk.exchange.causal.errors import MalformedState

STATE_FIELD = "@state"
ARCHIVED = "archived"
ACTIVE = "active"


@dataclass(frozen=True, order=True)
class FieldKey:
    """One field of one record."""

    entity: str
    record: str
    field: str

    def __post_init__(self) -> None:
        for part in (self.entity, self.record, self.field):
            if not isinstance(part, str) or not part:
                raise MalformedState("a field key has entity, record and field", key=repr(self))

    @property
    def record_ref(self) -> tuple[str, str]:
        return (self.entity, self.record)

    @property
    def is_state(self) -> bool:
        return self.field == STATE_FIELD


@dataclass(frozen=True, order=True)
class LinkKey:
    """One link ``name`` from ``source`` to ``target`` (present or removed)."""

    name: str
    source: str
    target: str

    def __post_init__(self) -> None:
        for part in (self.name, self.source, self.target):
            if not isinstance(part, str) or not part:
                raise MalformedState("a link key has name, source and target", key=repr(self))


Key = FieldKey | LinkKey


def state_key(entity: str, record: str) -> FieldKey:
    return FieldKey(entity, record, STATE_FIELD)


def sort_key(key: Key) -> tuple[int, str, str, str]:
    """A total order over both kinds, for deterministic output."""
    if isinstance(key, FieldKey):
        return (0, key.entity, key.record, key.field)
    return (1, key.name, key.source, key.target)
