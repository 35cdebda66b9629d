"""Sync bookkeeping for merge by causal history (``exchange.causal``), as tables.

- ``sync_replica``: this database's replica id (one row), its write counter and next package
  number.
- ``sync_entry``: the live siblings of every register, one row per write keyed by
  ``(replica, counter)`` — the write's dot — with the key it belongs to, value, author, time.
- ``sync_register``: each register's context (version vector, JSON), per key; ``held`` marks
  changes a merge policy refused, kept apart until a lead decides.
- ``sync_peer``: per peer replica, what it acknowledged, what was sent to it, the packages
  sent it not yet acknowledged and the packages imported from it.
Values and vectors are canonical JSON text, as the change log keeps values."""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from auditdesk.model.base import Base


class SyncReplica(Base):
    __tablename__ = "sync_replica"

    replica_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0)
    next_package: Mapped[int] = mapped_column(Integer, default=1)
    context: Mapped[str] = mapped_column(String, default="{}")


class SyncRegister(Base):
    __tablename__ = "sync_register"

    kind: Mapped[str] = mapped_column(String(5), primary_key=True)  # field / link
    a: Mapped[str] = mapped_column(String(60), primary_key=True)  # entity / link name
    b: Mapped[str] = mapped_column(String(100), primary_key=True)  # record / source
    c: Mapped[str] = mapped_column(String(100), primary_key=True)  # field / target
    held: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    seen: Mapped[str] = mapped_column(String)


class SyncEntry(Base):
    __tablename__ = "sync_entry"
    __table_args__ = (Index("ix_sync_entry_key", "kind", "a", "b", "c", "held"),)

    replica: Mapped[str] = mapped_column(String(36), primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, primary_key=True)
    held: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    kind: Mapped[str] = mapped_column(String(5))
    a: Mapped[str] = mapped_column(String(60))
    b: Mapped[str] = mapped_column(String(100))
    c: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(String)
    author: Mapped[str] = mapped_column(String(60))
    at: Mapped[str] = mapped_column(String(40))
    resolution: Mapped[bool] = mapped_column(Boolean, default=False)
    covers: Mapped[str | None] = mapped_column(String)


class SyncPeer(Base):
    __tablename__ = "sync_peer"

    peer: Mapped[str] = mapped_column(String(36), primary_key=True)
    acked: Mapped[str] = mapped_column(String, default="{}")
    sent: Mapped[str] = mapped_column(String, default="{}")
    unacked: Mapped[str] = mapped_column(String, default="[]")
    imported: Mapped[str] = mapped_column(String, default="[]")


class SyncWitness(Base):
    """The change-log chain heads seen in packages from a peer (``earlier``: seq → hash, JSON,
    the heads seen so far), so a later package shows whether that replica's history was
    rewritten; the row of this replica itself keeps the heads it sent. ``home`` marks the
    office this laptop was filled from (its accounts are trusted for authors' roles)."""

    __tablename__ = "sync_witness"

    peer: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[str] = mapped_column(String(40), default="")
    earlier: Mapped[str] = mapped_column(String, default="{}")
    home: Mapped[bool] = mapped_column(Boolean, default=False)
    rewritten: Mapped[bool] = mapped_column(Boolean, default=False)
