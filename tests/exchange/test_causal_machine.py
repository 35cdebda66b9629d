"""The causal core under random use: a hypothesis state machine against an oracle.

Figures (``MACHINE`` below): 3 replicas (an office and two laptops), up to 60 steps per run,
120 runs (examples) — derandomized under CI=true, so the same runs every time; about 10–20 s.
Each step is one of: set a field, clear it, archive or restore a record, add or remove a
link, resolve a conflict (take a sibling or combine), make a package (acknowledged or
optimistic base, for the intended receiver), deliver any package made so far to any replica
(in any order, again and again — duplicates — or never — dropped packages).

The oracle is the causal history itself, kept independently of the implementation: every
write's *past* (the writes its replica had merged when it was made) and every replica's set
of known writes. After every step, for every replica and every key, the live siblings must be
exactly the known writes no other known write of that key has in its past; the field and
archive-vs-edit conflicts must be exactly the oracle's; the replica's context must be exactly
its known writes. A package made on an acknowledged base must always merge; a refused package
must change nothing. At the end of every run a full exchange must make all replicas equal
(registers, context and conflicts), and no write may be lost: each is live or was overwritten
by a write that had seen it (lost writes: 0).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from auditdesk.exchange.causal import (
    ARCHIVED,
    ArchiveConflict,
    Base,
    Dot,
    FieldConflict,
    FieldKey,
    Key,
    LinkKey,
    MissingPackage,
    Package,
    RecordArchived,
    Replica,
    VersionVector,
    make_package,
    merge,
    state_key,
)
from auditdesk.exchange.causal.wire import package_from_plain, package_to_plain

REPLICAS = ("office", "laptop-a", "laptop-b")
RECORDS = (("evidence_item", "e1"), ("nonconformity", "n1"))
FIELDS = ("notes", "judgement")
LINKS = (
    LinkKey("evidence_clause", "e1", "ISO9001:7.1"),
    LinkKey("evidence_clause", "e1", "ISO9001:8.2"),
    LinkKey("nc_evidence", "n1", "e1"),
)
VALUES = ("conforming", "minor NC", "见附件 3", "", "x" * 300)
MACHINE = settings(
    max_examples=120,
    stateful_step_count=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
STATS = {"runs": 0, "steps": 0, "writes": 0, "packages": 0, "merged": 0, "refused": 0, "lost": 0}


@dataclass(frozen=True)
class Write:
    key: Key
    value: object
    past: frozenset[Dot]


@dataclass(frozen=True)
class Sent:
    package: Package
    known: frozenset[Dot]
    scope: frozenset[str] | None = None  # the records a scoped package carries


def record_of(key: Key) -> str:
    return key.record if isinstance(key, FieldKey) else key.source


# A scoped package carries the keys of some records only (a package for one audit).
SCOPES = (None, frozenset({"e1"}), frozenset({"n1"}))


def field_keys() -> list[FieldKey]:
    return [FieldKey(e, r, f) for e, r in RECORDS for f in FIELDS]


class CausalMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.replicas = {name: Replica(name) for name in REPLICAS}
        self.known: dict[str, set[Dot]] = {name: set() for name in REPLICAS}
        self.writes: dict[Dot, Write] = {}
        self.packages: list[Sent] = []
        self.clock = 0
        self.scoped = False  # a scoped package that left changes out was merged
        STATS["runs"] += 1

    # ------------------------------------------------------------ oracle

    def expected(self, name: str, key: Key) -> set[Dot]:
        mine = [d for d in self.known[name] if self.writes[d].key == key]
        return {d for d in mine if not any(d in self.writes[o].past for o in mine)}

    def expected_archived(self, name: str, entity: str, record: str) -> bool:
        state = self.expected(name, state_key(entity, record))
        return any(self.writes[d].value == ARCHIVED for d in state)

    def now(self) -> str:
        self.clock += 1
        return f"2026-12-03T00:{self.clock // 60 % 60:02d}:{self.clock % 60:02d}Z"

    def record_write(self, name: str, key: Key, dot: Dot, value: object) -> None:
        assert dot not in self.writes
        self.writes[dot] = Write(key, value, frozenset(self.known[name]))
        self.known[name].add(dot)
        STATS["writes"] += 1

    # ------------------------------------------------------------ edits

    @rule(
        name=st.sampled_from(REPLICAS),
        key=st.sampled_from(field_keys()),
        value=st.sampled_from(VALUES) | st.none(),
    )
    def set_field(self, name: str, key: FieldKey, value: object) -> None:
        replica = self.replicas[name]
        archived = self.expected_archived(name, key.entity, key.record)
        try:
            entry = replica.set(key, value, f"user-{name}", self.now())
        except RecordArchived:
            assert archived
            return
        assert not archived
        self.record_write(name, key, entry.dot, value)

    @rule(name=st.sampled_from(REPLICAS), record=st.sampled_from(RECORDS), archive=st.booleans())
    def archive_or_restore(self, name: str, record: tuple[str, str], archive: bool) -> None:
        replica = self.replicas[name]
        action = replica.archive if archive else replica.restore
        entry = action(*record, f"user-{name}", self.now())
        self.record_write(name, state_key(*record), entry.dot, entry.value)

    @rule(name=st.sampled_from(REPLICAS), key=st.sampled_from(LINKS), add=st.booleans())
    def link(self, name: str, key: LinkKey, add: bool) -> None:
        replica = self.replicas[name]
        action = replica.link if add else replica.unlink
        entry = action(key, f"user-{name}", self.now())
        self.record_write(name, key, entry.dot, add)

    @rule(name=st.sampled_from(REPLICAS), data=st.data())
    def resolve(self, name: str, data: st.DataObject) -> None:
        replica = self.replicas[name]
        conflicts = replica.conflicts()
        if not conflicts:
            return
        conflict = data.draw(st.sampled_from(conflicts))
        if isinstance(conflict, FieldConflict):
            values = list(dict.fromkeys(repr(e.value) for e in conflict.siblings))
            choice = data.draw(st.sampled_from([*conflict.siblings, None]))
            value = choice.value if choice is not None else " / ".join(values)
            entry = replica.resolve(conflict.key, value, "lead", self.now())
            self.record_write(name, conflict.key, entry.dot, entry.value)
            assert replica.siblings(conflict.key) == (entry,)
        else:
            keep = data.draw(st.booleans())
            entry = replica.resolve_archive(
                conflict.entity, conflict.record, keep, "lead", self.now()
            )
            self.record_write(
                name, state_key(conflict.entity, conflict.record), entry.dot, entry.value
            )
            assert replica.unresolved_edits(conflict.entity, conflict.record) == 0

    # ------------------------------------------------------------ packages

    @rule(
        sender=st.sampled_from(REPLICAS),
        receiver=st.sampled_from(REPLICAS),
        base=st.sampled_from(list(Base)),
        scope=st.sampled_from(SCOPES),
    )
    def make(
        self, sender: str, receiver: str, base: Base, scope: frozenset[str] | None = None
    ) -> None:
        if sender == receiver:
            return
        package = make_package(
            self.replicas[sender],
            receiver,
            base,
            None if scope is None else (lambda key: record_of(key) in scope),
        )
        assert package_from_plain(package_to_plain(package)) == package  # as it travels
        if scope is not None:
            assert all(record_of(k) in scope for k in (*package.registers, *package.held))
        self.packages.append(Sent(package, frozenset(self.known[sender]), scope))
        STATS["packages"] += 1

    @rule(
        sender=st.sampled_from(REPLICAS),
        receiver=st.sampled_from(REPLICAS),
        base=st.sampled_from(list(Base)),
        scope=st.sampled_from(SCOPES),
    )
    def ship(
        self, sender: str, receiver: str, base: Base, scope: frozenset[str] | None = None
    ) -> None:
        """The usual round: a package made and imported at once (kept for later re-delivery)."""
        if sender == receiver:
            return
        self.make(sender, receiver, base, scope)
        self.receive(self.packages[-1], receiver)

    @precondition(lambda self: self.packages)
    @rule(data=st.data(), to=st.sampled_from(REPLICAS))
    def deliver(self, data: st.DataObject, to: str) -> None:
        """Any package made so far, to any replica, again or late; others are never sent."""
        sent = data.draw(st.sampled_from(self.packages))
        if sent.package.sender != to:
            self.receive(sent, to)

    def receive(self, sent: Sent, to: str) -> None:
        replica = self.replicas[to]
        before = snapshot(replica)
        try:
            merge(replica, sent.package)
        except MissingPackage as exc:
            assert sent.package.receiver != to or not _acknowledged(sent.package), exc
            assert snapshot(replica) == before, "a refused package changed the replica"
            assert not replica.context.covers(sent.package.base)
            STATS["refused"] += 1
            return
        if sent.scope is None:
            self.known[to] |= sent.known
        else:  # only the changes of the records in scope arrived; the others stay unknown
            arrived = {d for d in sent.known if record_of(self.writes[d].key) in sent.scope}
            # Lowered below the sender's context (a left-out change, which the receiver may
            # still have had): from now on contexts may stay below the known writes.
            self.scoped = self.scoped or not sent.package.receives.covers(sent.package.context)
            self.known[to] |= arrived
        STATS["merged"] += 1

    # ------------------------------------------------------------ invariants

    @invariant()
    def matches_the_causal_history(self) -> None:
        STATS["steps"] += 1
        keys = {w.key for w in self.writes.values()}
        for name, replica in self.replicas.items():
            for key in keys:
                live = {e.dot for e in replica.siblings(key)}
                assert live == self.expected(name, key), (name, key)
            vector: dict[str, int] = {}
            for dot in self.known[name]:
                vector[dot.replica] = max(vector.get(dot.replica, 0), dot.counter)
            # The context never claims a write this replica does not know (a scoped package
            # leaves the others unacknowledged); without scoped packages it is exactly them.
            for peer, counter in replica.context.items():
                unknown = [n for n in range(1, counter + 1) if Dot(peer, n) not in self.known[name]]
                assert not unknown, (name, peer, unknown)
            if not self.scoped:
                assert replica.context == VersionVector(vector), name
            assert conflict_view(replica) == self.expected_conflicts(name), name

    def expected_conflicts(self, name: str) -> set[tuple[object, ...]]:
        out: set[tuple[object, ...]] = set()
        for key in {w.key for w in self.writes.values()}:
            live = self.expected(name, key)
            if len({repr(self.writes[d].value) for d in live}) > 1:
                out.add(("field", key, frozenset(live)))
        for entity, record in RECORDS:
            archives = [
                d
                for d in self.expected(name, state_key(entity, record))
                if self.writes[d].value == ARCHIVED
            ]
            if not archives:
                continue
            edits = frozenset(
                d
                for f in FIELDS
                for d in self.expected(name, FieldKey(entity, record, f))
                if not any(d in self.writes[a].past for a in archives)
            )
            if edits:
                out.add(("archive", (entity, record), edits))
        return out

    def teardown(self) -> None:
        for _round in range(2):
            for sender in REPLICAS:
                for receiver in REPLICAS:
                    if sender != receiver:
                        merge(
                            self.replicas[receiver], make_package(self.replicas[sender], receiver)
                        )
        first, *others = (self.replicas[n] for n in REPLICAS)
        for other in others:
            assert other.registers == first.registers
            assert other.context == first.context
            assert conflict_view(other) == conflict_view(first)
        live = {e.dot for r in first.registers.values() for e in r.siblings}
        overwritten = {
            d for w in self.writes.values() for d in w.past if self.writes[d].key == w.key
        }
        lost = [d for d in self.writes if d not in live and d not in overwritten]
        STATS["lost"] += len(lost)
        assert not lost, lost
        if os.environ.get("AUDITDESK_CAUSAL_STATS"):
            print("causal machine:", STATS)


def _acknowledged(package: Package) -> bool:
    """Whether the package was made on the acknowledged base (never more than acked)."""
    return package.base == package.acks.get(package.receiver, VersionVector())


def snapshot(replica: Replica) -> tuple[object, ...]:
    return (
        dict(replica.registers),
        replica.context,
        dict(replica.held),
        {k: set(v) for k, v in replica.imported.items()},
        dict(replica.acked),
    )


def conflict_view(replica: Replica) -> set[tuple[object, ...]]:
    out: set[tuple[object, ...]] = set()
    for conflict in replica.conflicts():
        if isinstance(conflict, FieldConflict):
            out.add(("field", conflict.key, frozenset(e.dot for e in conflict.siblings)))
        else:
            assert isinstance(conflict, ArchiveConflict)
            out.add(
                (
                    "archive",
                    (conflict.entity, conflict.record),
                    frozenset(e.dot for _k, e in conflict.edits),
                )
            )
    return out


CausalMachine.TestCase.settings = MACHINE
test_causal_machine = CausalMachine.TestCase
