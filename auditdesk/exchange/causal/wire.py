"""Packages as plain JSON-ready data and back, checked on the way in.

``package_to_plain`` gives dicts, lists, strings and integers only (values as written, which
are plain JSON already); ``package_from_plain`` rebuilds the package and raises
``MalformedState`` on anything it does not expect — a package from a file is untrusted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditdesk.exchange.causal.clock import Dot, VersionVector
from auditdesk.exchange.causal.errors import MalformedState
from auditdesk.exchange.causal.keys import FieldKey, Key, LinkKey, sort_key
from auditdesk.exchange.causal.package import Package
from auditdesk.exchange.causal.register import Entry, Register

FORMAT = "auditdesk-causal"
VERSION = 1  # a whole change set
SCOPED_VERSION = 2  # 2: a scoped change set, with ``covered`` (a version 1 reader refuses it)


def key_to_plain(key: Key) -> list[str]:
    if isinstance(key, FieldKey):
        return ["field", key.entity, key.record, key.field]
    return ["link", key.name, key.source, key.target]


def key_from_plain(data: Any) -> Key:
    if not isinstance(data, list) or len(data) != 4 or data[0] not in ("field", "link"):
        raise MalformedState("a key is [kind, a, b, c]", key=repr(data)[:200])
    kind, a, b, c = data
    return FieldKey(a, b, c) if kind == "field" else LinkKey(a, b, c)


def _vector(data: Any) -> VersionVector:
    if not isinstance(data, Mapping):
        raise MalformedState("a version vector is an object", value=repr(data)[:200])
    return VersionVector(data)


def entry_to_plain(entry: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "dot": [entry.dot.replica, entry.dot.counter],
        "value": entry.value,
        "author": entry.author,
        "at": entry.at,
    }
    if entry.resolution:
        out["resolution"] = True
    if entry.covers is not None:
        out["covers"] = entry.covers.to_plain()
    return out


def entry_from_plain(data: Any) -> Entry:
    if not isinstance(data, Mapping):
        raise MalformedState("an entry is an object")
    dot = data.get("dot")
    if not isinstance(dot, list) or len(dot) != 2:
        raise MalformedState("an entry's dot is [replica, counter]", dot=repr(dot)[:200])
    author, at = data.get("author"), data.get("at")
    if not isinstance(author, str) or not isinstance(at, str):
        raise MalformedState("an entry names its author and time as text")
    resolution = data.get("resolution", False)
    if not isinstance(resolution, bool):
        raise MalformedState("an entry's resolution flag is a boolean")
    covers = data.get("covers")
    return Entry(
        Dot(dot[0], dot[1]),
        data.get("value"),
        author,
        at,
        resolution,
        None if covers is None else _vector(covers),
    )


def register_to_plain(key: Key, register: Register) -> dict[str, Any]:
    return {
        "key": key_to_plain(key),
        "seen": register.seen.to_plain(),
        "siblings": [entry_to_plain(e) for e in register.siblings],
    }


def _registers(data: Any) -> dict[Key, Register]:
    if not isinstance(data, list):
        raise MalformedState("registers are a list")
    out: dict[Key, Register] = {}
    for item in data:
        if not isinstance(item, Mapping) or not isinstance(item.get("siblings"), list):
            raise MalformedState("a register is {key, seen, siblings}")
        key = key_from_plain(item.get("key"))
        if key in out:
            raise MalformedState("a key appears twice", key=repr(key))
        out[key] = Register.of(
            (entry_from_plain(e) for e in item["siblings"]), _vector(item.get("seen"))
        )
    return out


def package_to_plain(package: Package) -> dict[str, Any]:
    def registers(source: Mapping[Key, Register]) -> list[dict[str, Any]]:
        return [register_to_plain(k, source[k]) for k in sorted(source, key=sort_key)]

    out = {
        "format": FORMAT,
        "version": VERSION if package.covered is None else SCOPED_VERSION,
        "sender": package.sender,
        "receiver": package.receiver,
        "sequence": package.sequence,
        "base": package.base.to_plain(),
        "context": package.context.to_plain(),
        "registers": registers(package.registers),
        "held": registers(package.held),
        "acks": {peer: v.to_plain() for peer, v in sorted(package.acks.items())},
        "unacknowledged": list(package.unacknowledged),
    }
    if package.covered is not None:
        out["covered"] = package.covered.to_plain()
    return out


def package_from_plain(data: Any) -> Package:
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise MalformedState("not a causal change set")
    if data.get("version") not in (VERSION, SCOPED_VERSION):
        raise MalformedState("unknown change-set version", version=data.get("version"))
    sender, receiver, sequence = data.get("sender"), data.get("receiver"), data.get("sequence")
    if not isinstance(sender, str) or not sender or not isinstance(receiver, str):
        raise MalformedState("a change set names its sender and receiver")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise MalformedState("a change set's sequence is a positive integer")
    acks = data.get("acks")
    unacked = data.get("unacknowledged")
    if not isinstance(acks, Mapping) or not isinstance(unacked, list):
        raise MalformedState("a change set has acks and its unacknowledged predecessors")
    if not all(isinstance(s, int) and not isinstance(s, bool) for s in unacked):
        raise MalformedState("predecessors are package sequence numbers")
    context = _vector(data.get("context"))
    registers = _registers(data.get("registers"))
    held = _registers(data.get("held"))
    # A register may have seen more than the sender's context of other replicas (a scoped
    # package leaves its receiver's context below the registers it carried, see
    # ``package.make_package``), never more of the sender's own writes than it made.
    own = context.of(sender)
    for register in (*registers.values(), *held.values()):
        if register.seen.of(sender) > own:
            raise MalformedState("a register outside the sender's context")
    base = _vector(data.get("base"))
    covered: VersionVector | None = None
    if data.get("version") == SCOPED_VERSION:
        covered = _vector(data.get("covered"))
        if not covered.covers(base) or not context.join(base).covers(covered):
            raise MalformedState("a scoped change set covers between its base and context")
    elif "covered" in data:
        raise MalformedState("only a scoped change set says what it covers")
    return Package(
        sender=sender,
        receiver=receiver,
        sequence=sequence,
        base=base,
        context=context,
        registers=registers,
        held=held,
        acks={str(peer): _vector(v) for peer, v in acks.items()},
        unacknowledged=tuple(unacked),
        covered=covered,
    )
