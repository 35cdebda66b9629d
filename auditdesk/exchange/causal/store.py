"""The causal state of this database in its tables (``model.sync``): load, save, local writes.

The only module of ``exchange.causal`` that does I/O. ``load`` rebuilds the pure ``Replica``;
``save`` writes it back in the caller's transaction, so a merge and the record changes it
causes commit together or not at all. ``editing`` wraps one local change: load, change, save.

Saving rewrites the sync rows (simple and obviously right; a later step can write only the
registers a change touched)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from auditdesk.exchange.causal.clock import Dot, VersionVector, new_replica_id
from auditdesk.exchange.causal.errors import MalformedState
from auditdesk.exchange.causal.keys import FieldKey, Key, LinkKey
from auditdesk.exchange.causal.register import Entry, Register
from auditdesk.exchange.causal.replica import Replica, Sent
from auditdesk.model.sync import SyncEntry, SyncPeer, SyncRegister, SyncReplica


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _vector(text: str) -> VersionVector:
    return VersionVector(json.loads(text))


def _key_columns(key: Key) -> tuple[str, str, str, str]:
    if isinstance(key, FieldKey):
        return ("field", key.entity, key.record, key.field)
    return ("link", key.name, key.source, key.target)


def _key(kind: str, a: str, b: str, c: str) -> Key:
    if kind == "field":
        return FieldKey(a, b, c)
    if kind == "link":
        return LinkKey(a, b, c)
    raise MalformedState("unknown register kind in sync_register", kind=kind)


def replica_id(session: Session) -> str:
    """This database's replica id, made (and stored) on first use."""
    rows = session.scalars(select(SyncReplica)).all()
    if len(rows) > 1:
        raise MalformedState("sync_replica holds more than one replica", count=len(rows))
    if rows:
        return rows[0].replica_id
    row = SyncReplica(replica_id=new_replica_id(), counter=0, next_package=1, context="{}")
    session.add(row)
    session.flush()
    return row.replica_id


def load(session: Session) -> Replica:
    me = session.get(SyncReplica, replica_id(session))
    assert me is not None
    replica = Replica(
        me.replica_id,
        counter=me.counter,
        context=_vector(me.context),
        next_package=me.next_package,
    )
    entries: dict[tuple[Key, bool], list[Entry]] = {}
    for e in session.scalars(select(SyncEntry).order_by(SyncEntry.replica, SyncEntry.counter)):
        covers = None if e.covers is None else _vector(e.covers)
        entry = Entry(
            Dot(e.replica, e.counter), json.loads(e.value), e.author, e.at, e.resolution, covers
        )
        entries.setdefault((_key(e.kind, e.a, e.b, e.c), e.held), []).append(entry)
    for r in session.scalars(select(SyncRegister)):
        key = _key(r.kind, r.a, r.b, r.c)
        register = Register.of(entries.pop((key, r.held), []), _vector(r.seen))
        (replica.held if r.held else replica.registers)[key] = register
    if entries:
        raise MalformedState("sync_entry rows without their register", count=len(entries))
    for p in session.scalars(select(SyncPeer)):
        if p.acked != "{}":
            replica.acked[p.peer] = _vector(p.acked)
        if p.sent != "{}":
            replica.sent[p.peer] = _vector(p.sent)
        unacked = json.loads(p.unacked)
        if unacked:
            replica.unacked[p.peer] = [Sent(s, VersionVector(v)) for s, v in unacked]
        imported = json.loads(p.imported)
        if imported:
            replica.imported[p.peer] = set(imported)
    return replica


def save(session: Session, replica: Replica) -> None:
    """Write ``replica`` to the sync tables of this database (in the caller's transaction)."""
    me = session.get(SyncReplica, replica_id(session))
    assert me is not None
    if me.replica_id != replica.id:
        raise MalformedState("this state belongs to another replica", replica=replica.id)
    if replica.counter < me.counter:
        raise MalformedState("saving an older state of this replica over a newer one")
    me.counter = replica.counter
    me.next_package = replica.next_package
    me.context = _dump(replica.context.to_plain())
    for table in (SyncEntry, SyncRegister, SyncPeer):
        session.execute(delete(table))
    for held, source in ((False, replica.registers), (True, replica.held)):
        for key, register in source.items():
            kind, a, b, c = _key_columns(key)
            session.add(
                SyncRegister(
                    kind=kind, a=a, b=b, c=c, held=held, seen=_dump(register.seen.to_plain())
                )
            )
            for e in register.siblings:
                session.add(
                    SyncEntry(
                        replica=e.dot.replica,
                        counter=e.dot.counter,
                        held=held,
                        kind=kind,
                        a=a,
                        b=b,
                        c=c,
                        value=_dump(e.value),
                        author=e.author,
                        at=e.at,
                        resolution=e.resolution,
                        covers=None if e.covers is None else _dump(e.covers.to_plain()),
                    )
                )
    peers = {*replica.acked, *replica.sent, *replica.unacked, *replica.imported}
    for peer in sorted(peers):
        session.add(
            SyncPeer(
                peer=peer,
                acked=_dump(replica.acked.get(peer, VersionVector()).to_plain()),
                sent=_dump(replica.sent.get(peer, VersionVector()).to_plain()),
                unacked=_dump(
                    [[s.sequence, s.context.to_plain()] for s in replica.unacked.get(peer, [])]
                ),
                imported=_dump(sorted(replica.imported.get(peer, set()))),
            )
        )
    session.flush()


def replica_id_of(database: Any) -> str:
    """The replica id of an open ``storage.Database`` (made on first use)."""
    with database.session() as session:
        return replica_id(session)


@contextmanager
def editing(session: Session) -> Iterator[Replica]:
    """``with editing(session) as replica: replica.set(...)`` — saved when the block ends
    without an error; an error leaves the tables as they were (nothing is saved)."""
    replica = load(session)
    yield replica
    save(session, replica)
