"""Append-only change log whose entries form a SHA-256 hash chain (tamper evidence)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from auditdesk.model.base import Base, UTCDateTime


class ChangeLogEntry(Base):
    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    user: Mapped[str] = mapped_column(String(60), default="")
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(10))  # create / update / delete
    field: Mapped[str] = mapped_column(String(60), default="")
    old: Mapped[str | None] = mapped_column(String)
    new: Mapped[str | None] = mapped_column(String)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # sha256 of the record's stored state after this change (storage/changelog.py
    # ``state_hash``), covered by ``hash``: ``auditdesk check`` compares it with the table.
    # NULL for a delete, for log-only rows and for rows logged before revision 0020.
    state: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_change_log_entity", "entity", "entity_id"),)


class MergeConflict(Base):
    """A field changed on both sides of an offline-package merge, kept for a lead to resolve."""

    __tablename__ = "merge_conflict"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    package: Mapped[str] = mapped_column(String(200), default="")
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    local_value: Mapped[str | None] = mapped_column(String)
    incoming_value: Mapped[str | None] = mapped_column(String)
    incoming_by: Mapped[str] = mapped_column(String(60), default="")
    resolved: Mapped[bool] = mapped_column(default=False)
    resolution: Mapped[str | None] = mapped_column(String(20))  # local / incoming / edited
    resolved_by: Mapped[str] = mapped_column(String(60), default="")
