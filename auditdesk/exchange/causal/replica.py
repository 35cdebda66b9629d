"""One replica's state (the office database, or one laptop's) and its local writes.

The CRDT part is ``registers`` (key → ``Register``) and ``context`` (every write merged, as a
version vector). Around it, bookkeeping that never decides a value: the replica's own counter,
what each peer is known to hold (acknowledgements), what was sent to each peer, which packages
were imported, and changes a merge policy refused (``held``), kept visible until a lead
accepts or drops them."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditdesk.exchange.causal.clock import EMPTY_VECTOR, Dot, ReplicaId, VersionVector
from auditdesk.exchange.causal.conflicts import Conflict, archive_edits, conflicts_of
from auditdesk.exchange.causal.errors import MalformedState, NothingHeld, RecordArchived, Unresolved
from auditdesk.exchange.causal.keys import (
    ACTIVE,
    ARCHIVED,
    FieldKey,
    Key,
    LinkKey,
    state_key,
)
from auditdesk.exchange.causal.register import EMPTY_REGISTER, Entry, Register, Value


@dataclass
class Sent:
    """A package this replica made for a peer and the context it carried."""

    sequence: int
    context: VersionVector


@dataclass
class Replica:
    id: ReplicaId
    counter: int = 0
    context: VersionVector = EMPTY_VECTOR
    registers: dict[Key, Register] = field(default_factory=dict)
    held: dict[Key, Register] = field(default_factory=dict)
    acked: dict[ReplicaId, VersionVector] = field(default_factory=dict)
    sent: dict[ReplicaId, VersionVector] = field(default_factory=dict)
    unacked: dict[ReplicaId, list[Sent]] = field(default_factory=dict)
    imported: dict[ReplicaId, set[int]] = field(default_factory=dict)
    next_package: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise MalformedState("a replica needs an id")
        if self.context.of(self.id) != self.counter:
            raise MalformedState("a replica's context must hold its own counter")

    # ------------------------------------------------------------------ views

    def register(self, key: Key) -> Register:
        return self.registers.get(key, EMPTY_REGISTER)

    def siblings(self, key: Key) -> tuple[Entry, ...]:
        return self.register(key).siblings

    def value(self, key: Key) -> Value:
        """The one live value of ``key`` (None: never set or cleared); ``Unresolved`` if the
        key has concurrent different values."""
        values = self.register(key).values()
        if len(values) > 1:
            raise Unresolved("the field has concurrent values", key=repr(key))
        return values[0] if values else None

    def linked(self, key: LinkKey) -> bool:
        """Add-wins: present while any live sibling adds it (an unseen add beats a remove)."""
        return any(e.value is True for e in self.siblings(key))

    def archived(self, entity: str, record: str) -> bool:
        return any(e.value == ARCHIVED for e in self.siblings(state_key(entity, record)))

    def conflicts(self) -> list[Conflict]:
        return conflicts_of(self.registers)

    # ------------------------------------------------------------------ local writes

    def _next_dot(self) -> Dot:
        return Dot(self.id, self.counter + 1)

    def _apply_local(self, key: Key, register: Register, dot: Dot) -> Entry:
        self.counter = dot.counter
        self.context = self.context.with_dot(dot)
        self.registers[key] = register
        return register.siblings[0]

    def _write(
        self,
        key: Key,
        value: Value,
        author: str,
        at: str,
        *,
        resolution: bool = False,
        covers: VersionVector | None = None,
        extra_seen: VersionVector = EMPTY_VECTOR,
    ) -> Entry:
        dot = self._next_dot()
        entry = Entry(dot, value, author, at, resolution, covers)
        before = self.register(key)
        register = Register(before.siblings, before.seen.join(extra_seen)).write(entry)
        return self._apply_local(key, register, dot)

    def _check_editable(self, key: FieldKey) -> None:
        state = self.register(state_key(key.entity, key.record))
        if any(e.value == ARCHIVED for e in state.siblings):
            raise RecordArchived(
                "the record is archived", entity=key.entity, record=key.record, field=key.field
            )

    def set(self, key: FieldKey, value: Value, author: str, at: str) -> Entry:
        """Set a field (None clears it: a clear is a write and travels as a tombstone)."""
        if key.is_state:
            raise MalformedState("use archive()/restore() for a record's state")
        self._check_editable(key)
        return self._write(key, value, author, at)

    def clear(self, key: FieldKey, author: str, at: str) -> Entry:
        return self.set(key, None, author, at)

    def archive(
        self, entity: str, record: str, author: str, at: str, *, resolution: bool = False
    ) -> Entry:
        """Archive a record. The archive covers every write of the record seen here, so an
        edit made elsewhere meanwhile shows as an ``ArchiveConflict`` after merging."""
        covers = EMPTY_VECTOR
        for key, register in self.registers.items():
            if isinstance(key, FieldKey) and key.record_ref == (entity, record):
                covers = covers.join(register.seen)
        key = state_key(entity, record)
        covers = covers.with_dot(self._next_dot())
        return self._write(key, ARCHIVED, author, at, resolution=resolution, covers=covers)

    def restore(
        self, entity: str, record: str, author: str, at: str, *, resolution: bool = False
    ) -> Entry:
        return self._write(state_key(entity, record), ACTIVE, author, at, resolution=resolution)

    def link(self, key: LinkKey, author: str, at: str) -> Entry:
        return self._write(key, True, author, at)

    def unlink(self, key: LinkKey, author: str, at: str) -> Entry:
        """Remove a link: a tombstone entry that supersedes every add seen here."""
        return self._write(key, False, author, at)

    def resolve(self, key: Key, value: Value, author: str, at: str) -> Entry:
        """A lead's resolution: one value (kept, taken or combined) that dominates every
        sibling seen here; it is a write like any other and travels."""
        if isinstance(key, FieldKey) and key.is_state:
            return self.resolve_archive(key.entity, key.record, value == ARCHIVED, author, at)
        return self._write(key, value, author, at, resolution=True)

    def resolve_archive(
        self, entity: str, record: str, keep_archived: bool, author: str, at: str
    ) -> Entry:
        """Resolve archive-vs-edit (or archive-vs-restore): archive again, now covering the
        edits, or restore the record keeping the edits."""
        if keep_archived:
            return self.archive(entity, record, author, at, resolution=True)
        return self.restore(entity, record, author, at, resolution=True)

    def unresolved_edits(self, entity: str, record: str) -> int:
        return len(archive_edits(self.registers, entity, record)[1])

    # ------------------------------------------------------------------ refused changes

    def accept_held(self, key: Key) -> Register:
        """A lead accepts a change a merge policy refused: it is merged as it came."""
        held = self.held.pop(key, None)
        if held is None:
            raise NothingHeld("no refused change is held for this key", key=repr(key))
        self.registers[key] = self.register(key).join(held)
        return self.registers[key]

    def drop_held(self, key: Key, author: str, at: str) -> Entry:
        """A lead drops a refused change: a new write of the value live here, which has seen
        the refused change and so supersedes it wherever it travels."""
        held = self.held.get(key)
        if held is None:
            raise NothingHeld("no refused change is held for this key", key=repr(key))
        current = self.value(key)  # Unresolved if the live value is itself in conflict
        del self.held[key]
        return self._write(key, current, author, at, resolution=True, extra_seen=held.seen)
