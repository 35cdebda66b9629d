"""The multi-value register: one per field and per link, the unit that merges.

A register is a set of *siblings* (entries, each named by the dot of the write that made it)
plus the register's *context*, the version vector of every write to this key it has seen.
This is the dotted-version-vector set of Riak (Almeida, Preguiça et al., "Dotted Version
Vectors", 2012) and the dot-store join of delta-state CRDTs:

- a local write replaces every sibling it sees: one new entry, context += its dot;
- join keeps an entry if the other side has it too, or has not seen its dot; an entry the
  other side has seen but no longer holds was overwritten there and goes.

Join is commutative, associative and idempotent (a semilattice), so any delivery order with
duplicates ends in the same register. Two writes neither of which saw the other both stay:
that is a conflict, one per key however many replicas wrote. A resolution is an ordinary local
write made after seeing every sibling, so it dominates them all and travels like any write."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from auditdesk.exchange.causal.clock import EMPTY_VECTOR, Dot, VersionVector
from auditdesk.exchange.causal.errors import MalformedState

# A field value as it travels: plain JSON (None is a cleared value).
Value = Any


@dataclass(frozen=True)
class Entry:
    """One written value with who wrote it, when (ISO text from the caller) and where (the
    dot's replica). ``resolution`` marks a lead's resolution of a conflict; ``covers`` is, for
    an archive, the record's context the archiver had seen (edits outside it are concurrent)."""

    dot: Dot
    value: Value
    author: str
    at: str
    resolution: bool = False
    covers: VersionVector | None = None


@dataclass(frozen=True)
class Register:
    """Siblings (sorted by dot) and the context of writes seen to this key."""

    siblings: tuple[Entry, ...] = ()
    seen: VersionVector = field(default=EMPTY_VECTOR)

    def __post_init__(self) -> None:
        dots = [e.dot for e in self.siblings]
        if dots != sorted(dots) or len(set(dots)) != len(dots):
            raise MalformedState("register siblings are sorted by dot, one per dot")
        for entry in self.siblings:
            if not self.seen.contains(entry.dot):
                raise MalformedState("a sibling outside its register's context", dot=entry.dot)

    @staticmethod
    def of(entries: Iterable[Entry], seen: VersionVector) -> Register:
        by_dot: dict[Dot, Entry] = {}
        for entry in entries:
            known = by_dot.setdefault(entry.dot, entry)
            if known != entry:
                raise MalformedState("two different entries under one dot", dot=entry.dot)
        return Register(tuple(by_dot[d] for d in sorted(by_dot)), seen)

    @property
    def dots(self) -> frozenset[Dot]:
        return frozenset(e.dot for e in self.siblings)

    def write(self, entry: Entry) -> Register:
        """A local write: replaces every sibling this register holds."""
        if self.seen.contains(entry.dot):
            raise MalformedState("a write's dot must be new to the register", dot=entry.dot)
        return Register((entry,), self.seen.with_dot(entry.dot))

    def join(self, other: Register) -> Register:
        """The least register holding both histories (see the module docstring)."""
        mine, theirs = self.dots, other.dots
        kept = [e for e in self.siblings if e.dot in theirs or not other.seen.contains(e.dot)]
        kept += [e for e in other.siblings if e.dot in mine or not self.seen.contains(e.dot)]
        return Register.of(kept, self.seen.join(other.seen))

    def new_to(self, other: Register) -> tuple[Entry, ...]:
        """Siblings here that ``other`` has never seen."""
        return tuple(e for e in self.siblings if not other.seen.contains(e.dot))

    def values(self) -> list[Value]:
        """The distinct live values, in dot order."""
        out: list[Value] = []
        for entry in self.siblings:
            if entry.value not in out:
                out.append(entry.value)
        return out

    @property
    def conflicted(self) -> bool:
        """Concurrent siblings with different values (the same value twice is no conflict)."""
        return len(self.values()) > 1


EMPTY_REGISTER = Register()
