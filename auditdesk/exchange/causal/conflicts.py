"""Conflicts as a replica sees them: derived from its registers, never stored separately, so
two replicas with equal registers report equal conflicts.

- ``FieldConflict``: a field (or a link) has concurrent siblings with different values — one
  conflict however many replicas wrote.
- ``ArchiveConflict``: a record is archived by a write that had not seen some live edit of the
  same record (archive-vs-edit). Local edits of an archived record are refused, so an edit the
  archive does not cover can only be concurrent with it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from auditdesk.exchange.causal.keys import ARCHIVED, FieldKey, Key, sort_key, state_key
from auditdesk.exchange.causal.register import Entry, Register


@dataclass(frozen=True)
class FieldConflict:
    key: Key
    siblings: tuple[Entry, ...]


@dataclass(frozen=True)
class ArchiveConflict:
    entity: str
    record: str
    archive: tuple[Entry, ...]
    edits: tuple[tuple[FieldKey, Entry], ...]


Conflict = FieldConflict | ArchiveConflict


def archive_edits(
    registers: Mapping[Key, Register], entity: str, record: str
) -> tuple[tuple[Entry, ...], tuple[tuple[FieldKey, Entry], ...]]:
    """The live archive entries of a record and the live edits none of them covers."""
    state = registers.get(state_key(entity, record))
    archives = tuple(e for e in state.siblings if e.value == ARCHIVED) if state else ()
    if not archives:
        return (), ()
    edits: list[tuple[FieldKey, Entry]] = []
    for key in sorted((k for k in registers if _field_of(k, entity, record)), key=sort_key):
        assert isinstance(key, FieldKey)
        for entry in registers[key].siblings:
            if not any(a.covers is not None and a.covers.contains(entry.dot) for a in archives):
                edits.append((key, entry))
    return archives, tuple(edits)


def _field_of(key: Key, entity: str, record: str) -> bool:
    return (
        isinstance(key, FieldKey)
        and key.entity == entity
        and key.record == record
        and not key.is_state
    )


def conflicts_of(registers: Mapping[Key, Register]) -> list[Conflict]:
    """Every conflict, in key order (field conflicts, then archive conflicts)."""
    out: list[Conflict] = []
    records: set[tuple[str, str]] = set()
    for key in sorted(registers, key=sort_key):
        register = registers[key]
        if register.conflicted:
            out.append(FieldConflict(key, register.siblings))
        if isinstance(key, FieldKey) and key.is_state:
            records.add(key.record_ref)
    for entity, record in sorted(records):
        archives, edits = archive_edits(registers, entity, record)
        if edits:
            out.append(ArchiveConflict(entity, record, archives, edits))
    return out
