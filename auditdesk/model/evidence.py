"""Audit evidence items per clause, and attachments in the content-addressed store."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditdesk.model.base import Base, Entity, UTCDateTime, enum_column
from auditdesk.model.enums import CheckInMoment, EvidenceType

if TYPE_CHECKING:
    from auditdesk.model.audit import Audit
    from auditdesk.model.standard import Clause

evidence_clause = Table(
    "evidence_clause",
    Base.metadata,
    Column("evidence_id", ForeignKey("evidence_item.id"), primary_key=True),
    Column("clause_id", ForeignKey("clause.id"), primary_key=True, index=True),
)


class EvidenceItem(Entity):
    __tablename__ = "evidence_item"

    audit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit.id"))
    evidence_type: Mapped[EvidenceType] = mapped_column(enum_column(EvidenceType))
    site_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("site.id"))
    department: Mapped[str] = mapped_column(String(200), default="")
    remote: Mapped[bool] = mapped_column(default=False)
    observed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    description: Mapped[str] = mapped_column(String, default="")
    references: Mapped[str] = mapped_column(String, default="")  # record ids
    interviewee_role: Mapped[str] = mapped_column(String(200), default="")
    seq: Mapped[int] = mapped_column(default=0)  # order within the audit
    archived: Mapped[bool] = mapped_column(default=False)
    # The auditor marks evidence of a significant change since the last audit (17021-1 9.4.8,
    # 9.6.2.2); the report lists these under "significant changes".
    significant_change: Mapped[bool] = mapped_column(default=False)

    audit: Mapped[Audit] = relationship(back_populates="evidence")
    clauses: Mapped[list[Clause]] = relationship(secondary=evidence_clause)
    attachments: Mapped[list[Attachment]] = relationship(back_populates="evidence")

    __table_args__ = (Index("ix_evidence_item_audit_seq", "audit_id", "seq"),)


class Attachment(Entity):
    """A file in the store beside the database, named by its SHA-256."""

    __tablename__ = "attachment"

    evidence_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("evidence_item.id"), index=True
    )
    nonconformity_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("nonconformity.id"), index=True
    )
    audit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("audit.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(260))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(default=0)
    is_photo: Mapped[bool] = mapped_column(default=False)
    captured_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    caption: Mapped[str] = mapped_column(String, default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    check_in: Mapped[CheckInMoment | None] = mapped_column(enum_column(CheckInMoment))
    include_in_report: Mapped[bool] = mapped_column(default=False)
    # The auditor took this photo out of the report (photos on NC evidence go in by default).
    report_excluded: Mapped[bool] = mapped_column(default=False)
    archived: Mapped[bool] = mapped_column(default=False)

    evidence: Mapped[EvidenceItem | None] = relationship(back_populates="attachments")
