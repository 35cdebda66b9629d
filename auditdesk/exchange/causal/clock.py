"""Replica ids, dots and version vectors: the clocks every other part of the core uses.

A *dot* ``(replica, counter)`` names one write: the ``counter``-th write of ``replica``. A
replica numbers its own writes 1, 2, 3 … without gaps. A *version vector* maps each replica to
the highest counter seen of it; because a replica's own writes are totally ordered, "seen
counter n of R" means "seen every write of R up to n" — within one register (the writes of R
to one field) and, for a whole replica, because packages are only merged when complete (see
``package``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from auditdesk.exchange.causal.errors import MalformedState

ReplicaId = str


def new_replica_id() -> ReplicaId:
    """A fresh random replica id (a UUID4 in text, as cr-sqlite's site id)."""
    return str(uuid.uuid4())


@dataclass(frozen=True, order=True)
class Dot:
    """One write: the ``counter``-th write made by ``replica`` (counters start at 1)."""

    replica: ReplicaId
    counter: int

    def __post_init__(self) -> None:
        if not isinstance(self.replica, str) or not self.replica:
            raise MalformedState("a dot needs a replica id", dot=repr(self))
        if not isinstance(self.counter, int) or isinstance(self.counter, bool):
            raise MalformedState("a dot's counter is an integer", dot=repr(self))
        if self.counter < 1:
            raise MalformedState("a dot's counter starts at 1", dot=repr(self))


class VersionVector(Mapping[ReplicaId, int]):
    """Immutable replica → highest counter seen. Missing replicas are 0; zeros are not kept,
    so two vectors that mean the same thing are equal and hash alike."""

    __slots__ = ("_counters", "_hash")

    def __init__(self, counters: Mapping[ReplicaId, int] | None = None) -> None:
        clean: dict[ReplicaId, int] = {}
        for replica, counter in (counters or {}).items():
            if not isinstance(replica, str) or not replica:
                raise MalformedState("a version vector is keyed by replica ids", key=replica)
            if not isinstance(counter, int) or isinstance(counter, bool) or counter < 0:
                raise MalformedState(
                    "a version vector holds counters >= 0", replica=replica, counter=counter
                )
            if counter:
                clean[replica] = counter
        self._counters = dict(sorted(clean.items()))
        self._hash = hash(tuple(self._counters.items()))

    # Mapping protocol: only replicas actually seen.
    def __getitem__(self, replica: ReplicaId) -> int:
        return self._counters[replica]

    def __iter__(self) -> Iterator[ReplicaId]:
        return iter(self._counters)

    def __len__(self) -> int:
        return len(self._counters)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, VersionVector):
            return self._counters == other._counters
        return NotImplemented

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"VersionVector({self._counters!r})"

    def of(self, replica: ReplicaId) -> int:
        """The highest counter of ``replica`` seen (0: none)."""
        return self._counters.get(replica, 0)

    def contains(self, dot: Dot) -> bool:
        """Whether the write ``dot`` is in the history this vector describes."""
        return dot.counter <= self._counters.get(dot.replica, 0)

    def with_dot(self, dot: Dot) -> VersionVector:
        """This vector extended to include ``dot``."""
        if self.contains(dot):
            return self
        return VersionVector({**self._counters, dot.replica: dot.counter})

    def join(self, other: Mapping[ReplicaId, int]) -> VersionVector:
        """Pointwise maximum: the union of both histories."""
        merged = dict(self._counters)
        for replica, counter in other.items():
            if counter > merged.get(replica, 0):
                merged[replica] = counter
        return VersionVector(merged)

    def covers(self, other: Mapping[ReplicaId, int]) -> bool:
        """``other <= self``: every write ``other`` has seen, this has seen too."""
        return all(counter <= self._counters.get(r, 0) for r, counter in other.items())

    def missing_from(self, other: VersionVector) -> dict[ReplicaId, int]:
        """The replicas where ``self`` is ahead of ``other``, with ``self``'s counter."""
        return {r: c for r, c in self._counters.items() if c > other.of(r)}

    def to_plain(self) -> dict[str, int]:
        return dict(self._counters)


EMPTY_VECTOR = VersionVector()
