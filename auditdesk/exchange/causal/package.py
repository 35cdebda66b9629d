"""Change sets ("packages") between replicas, and merging one into a replica.

A package from S for R holds every register of S whose context is not covered by ``base`` —
what S believes R already holds — plus S's whole context, S's knowledge of what every peer
has acknowledged, and the sequence numbers of S's earlier packages to R not yet acknowledged.

- ``base`` is R's acknowledgement (the context of R's last package S merged: CouchDB's
  per-peer checkpoint), or, optimistically, also what S already sent R ("since the last
  package"). An acknowledged base is always held by R, so such a package always merges.
- Merging is complete when R holds ``base``: then R holds every write S holds, and R's context
  becomes the join of both. Otherwise a package S sent earlier never arrived and its writes are
  not repeated here; the merge is refused with ``MissingPackage`` naming the first of S's listed
  packages R has not imported. Nothing is ever half merged.
- Every new entry (a write R has not seen) passes the merge ``policy`` with its author. A key
  with a refused entry is not applied: the incoming register is *held* (visible, kept, and
  passed on in later packages so no replica loses it) until a lead accepts or drops it.

Merging (with the accept-all policy) is commutative, associative and idempotent because it
is a join of registers and of version vectors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from auditdesk.exchange.causal.clock import EMPTY_VECTOR, ReplicaId, VersionVector
from auditdesk.exchange.causal.conflicts import Conflict, FieldConflict
from auditdesk.exchange.causal.errors import MissingPackage, OwnPackage
from auditdesk.exchange.causal.keys import FieldKey, Key, sort_key
from auditdesk.exchange.causal.register import EMPTY_REGISTER, Entry, Register
from auditdesk.exchange.causal.replica import Replica, Sent


class Base(Enum):
    """What a new package assumes the receiver holds."""

    ACKNOWLEDGED = "acknowledged"  # only what the receiver acknowledged: always merges
    SENT = "sent"  # also what was sent before: smaller, needs every earlier package


@dataclass(frozen=True)
class Package:
    sender: ReplicaId
    receiver: ReplicaId
    sequence: int
    base: VersionVector
    context: VersionVector
    registers: dict[Key, Register]
    held: dict[Key, Register]
    acks: dict[ReplicaId, VersionVector]
    unacknowledged: tuple[int, ...]  # the sender's earlier packages to ``receiver``
    # What merging this package lets the receiver claim to hold (its context grows by this,
    # not by ``context``): the sender's context for a whole package; for a scoped one, lowered
    # where a change left out of the package would otherwise count as received. None: context.
    covered: VersionVector | None = None

    @property
    def receives(self) -> VersionVector:
        return self.context if self.covered is None else self.covered


@dataclass(frozen=True)
class Change:
    """One incoming write as the policy sees it: the key, the entry (author, when, dot) and
    the package's sender."""

    key: Key
    entry: Entry
    sender: ReplicaId


@dataclass(frozen=True)
class Refusal:
    """A policy's no, with a reason code for the UI (``locked``, ``role``, ``lifecycle``…)."""

    reason: str


# A policy answers None (apply) or a Refusal; it sees the receiver as it is before the merge.
Policy = Callable[[Change, Replica], Refusal | None]


def accept_all(change: Change, replica: Replica) -> Refusal | None:
    return None


@dataclass(frozen=True)
class Refused:
    key: Key
    entries: tuple[Entry, ...]
    reasons: tuple[str, ...]


@dataclass
class MergeResult:
    applied: list[Change] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    duplicate: bool = False


# Which keys a scoped package carries (e.g. the records of the audits asked for).
Scope = Callable[[Key], bool]


def make_package(
    sender: Replica,
    receiver: ReplicaId,
    base: Base = Base.ACKNOWLEDGED,
    scope: Scope | None = None,
) -> Package:
    """The package ``sender`` makes for ``receiver``; it records it as sent.

    With ``scope`` the package carries only the new registers of the keys in scope. The
    changes left out stay unacknowledged: the receiver's context grows only by ``covered``,
    the sender's context with every replica that wrote a left-out change lowered to the base
    (a version vector has no holes, so "seen up to n" must not pass over a change the
    receiver never got). Left-out changes therefore travel in the next package that covers
    them; the price is that the carried changes of those replicas are sent again until a
    package covers everything new (merging a register twice changes nothing)."""
    if receiver == sender.id:
        raise OwnPackage("a replica does not make packages for itself", replica=receiver)
    acked = sender.acked.get(receiver, EMPTY_VECTOR)
    assumed = acked if base is Base.ACKNOWLEDGED else acked.join(sender.sent.get(receiver, {}))
    registers = {k: r for k, r in sender.registers.items() if not assumed.covers(r.seen)}
    held = {k: r for k, r in sender.held.items() if not assumed.covers(r.seen)}
    covered: VersionVector | None = None
    if scope is not None:
        left = [r for source in (registers, held) for k, r in source.items() if not scope(k)]
        lowered = {p for r in left for p, c in r.seen.items() if c > assumed.of(p)}
        registers = {k: r for k, r in registers.items() if scope(k)}
        held = {k: r for k, r in held.items() if scope(k)}
        covered = VersionVector({p: c for p, c in sender.context.items() if p not in lowered}).join(
            assumed
        )
    package = Package(
        sender=sender.id,
        receiver=receiver,
        sequence=sender.next_package,
        base=assumed,
        context=sender.context,
        registers=registers,
        held=held,
        acks=dict(sender.acked),
        unacknowledged=tuple(s.sequence for s in sender.unacked.get(receiver, [])),
        covered=covered,
    )
    sender.next_package += 1
    sender.sent[receiver] = sender.sent.get(receiver, EMPTY_VECTOR).join(package.receives)
    sender.unacked.setdefault(receiver, []).append(Sent(package.sequence, package.receives))
    return package


def check_complete(replica: Replica, package: Package) -> None:
    """Raise ``MissingPackage`` unless merging ``package`` into ``replica`` loses nothing."""
    if replica.context.covers(package.base):
        return
    imported = replica.imported.get(package.sender, set())
    first = next((s for s in sorted(package.unacknowledged) if s not in imported), None)
    raise MissingPackage(package.sender, first, package.base.missing_from(replica.context))


def merge(replica: Replica, package: Package, policy: Policy = accept_all) -> MergeResult:
    """Merge ``package`` into ``replica`` completely, or raise and change nothing."""
    if package.sender == replica.id:
        raise OwnPackage("a replica does not import its own package", replica=replica.id)
    check_complete(replica, package)
    result = MergeResult(duplicate=package.sequence in replica.imported.get(package.sender, set()))
    incoming: dict[Key, Register] = {}
    for source in (package.registers, package.held):
        for key, register in source.items():
            incoming[key] = incoming.get(key, EMPTY_REGISTER).join(register)
    decisions: list[tuple[Key, Register, list[Change], list[Refusal]]] = []
    for key in sorted(incoming, key=sort_key):
        register = incoming[key]
        new = [Change(key, e, package.sender) for e in register.new_to(replica.register(key))]
        refusals = [r for r in (policy(c, replica) for c in new) if r is not None]
        decisions.append((key, register, new, refusals))
    # Decided against the state before the merge; now applied all at once.
    touched: dict[Key, Register] = {}
    for key, register, new, refusals in decisions:
        if refusals:
            replica.held[key] = replica.held.get(key, EMPTY_REGISTER).join(register)
            result.refused.append(
                Refused(key, tuple(c.entry for c in new), tuple(r.reason for r in refusals))
            )
            continue
        merged = replica.register(key).join(register)
        replica.registers[key] = merged
        touched[key] = merged
        result.applied += new
        held = replica.held.get(key)
        if held is not None:
            # A held change the accepted history has seen was overwritten knowingly.
            rest = tuple(e for e in held.siblings if not merged.seen.contains(e.dot))
            if rest:
                replica.held[key] = Register(rest, held.seen)
            else:
                del replica.held[key]
    replica.context = replica.context.join(package.receives)
    _acknowledge(replica, package)
    result.conflicts = [c for c in replica.conflicts() if _touches(c, touched)]
    return result


def _touches(conflict: Conflict, touched: dict[Key, Register]) -> bool:
    if isinstance(conflict, FieldConflict):
        return conflict.key in touched
    return any(
        isinstance(k, FieldKey) and k.record_ref == (conflict.entity, conflict.record)
        for k in touched
    )


def _acknowledge(replica: Replica, package: Package) -> None:
    sender = package.sender
    replica.imported.setdefault(sender, set()).add(package.sequence)
    replica.acked[sender] = replica.acked.get(sender, EMPTY_VECTOR).join(package.context)
    for peer, vector in package.acks.items():
        if peer != replica.id:
            replica.acked[peer] = replica.acked.get(peer, EMPTY_VECTOR).join(vector)
    # Our packages to the sender that its context covers were merged there.
    pending = replica.unacked.get(sender, [])
    replica.unacked[sender] = [s for s in pending if not package.context.covers(s.context)]
