"""Nonconformities from raising to verified closure, with every transition recorded."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditdesk.model.base import Base, Entity, UTCDateTime, enum_column
from auditdesk.model.enums import NCGrade, NCState, VerificationMethod

if TYPE_CHECKING:
    from auditdesk.model.audit import Audit
    from auditdesk.model.evidence import EvidenceItem
    from auditdesk.model.standard import Clause

nc_evidence = Table(
    "nc_evidence",
    Base.metadata,
    Column("nonconformity_id", ForeignKey("nonconformity.id"), primary_key=True),
    Column("evidence_id", ForeignKey("evidence_item.id"), primary_key=True, index=True),
)


class Nonconformity(Entity):
    __tablename__ = "nonconformity"

    audit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit.id"), index=True)
    clause_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("clause.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)  # NC-2027-0012-03
    grade: Mapped[NCGrade] = mapped_column(enum_column(NCGrade))
    state: Mapped[NCState] = mapped_column(enum_column(NCState), default=NCState.DRAFT)
    # The three parts of every NC statement (DOMAIN.md §4).
    requirement: Mapped[str] = mapped_column(String, default="")
    evidence_text: Mapped[str] = mapped_column(String, default="")
    reason: Mapped[str] = mapped_column(String, default="")
    raised_by: Mapped[str] = mapped_column(String(60), default="")
    # The department audited where the NC was found (empty: taken from its evidence).
    department: Mapped[str] = mapped_column(String(200), default="")
    issued_on: Mapped[dt.date | None]
    response_due: Mapped[dt.date | None]
    verification_due: Mapped[dt.date | None]
    # The client's answer, entered by the auditor (the client has no login).
    correction: Mapped[str] = mapped_column(String, default="")
    root_cause: Mapped[str] = mapped_column(String, default="")
    corrective_action: Mapped[str] = mapped_column(String, default="")
    owners: Mapped[str] = mapped_column(String(200), default="")
    # 举一反三: where else the client looked for the same problem, and what it found.
    similar_check: Mapped[str] = mapped_column(String, default="")
    planned_date: Mapped[dt.date | None]
    done_date: Mapped[dt.date | None]
    response_received_on: Mapped[dt.date | None]
    review_reason: Mapped[str] = mapped_column(String, default="")
    verification_method: Mapped[VerificationMethod | None] = mapped_column(
        enum_column(VerificationMethod)
    )
    verified_by: Mapped[str] = mapped_column(String(60), default="")
    verified_on: Mapped[dt.date | None]
    effectiveness: Mapped[str] = mapped_column(String, default="")
    closed_on: Mapped[dt.date | None]
    archived: Mapped[bool] = mapped_column(default=False)
    # Re-verification at the next audit of the same certificate (DOMAIN §4, 17021-1 9.6.2.2).
    reverified_in_audit_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("audit.id"), index=True
    )
    reverified_on: Mapped[dt.date | None]
    reverified_by: Mapped[str] = mapped_column(String(60), default="")
    reverification_effective: Mapped[bool | None]
    reverification_note: Mapped[str] = mapped_column(String, default="")

    audit: Mapped[Audit] = relationship(back_populates="nonconformities", foreign_keys=[audit_id])
    clause: Mapped[Clause | None] = relationship()
    evidence: Mapped[list[EvidenceItem]] = relationship(secondary=nc_evidence)
    transitions: Mapped[list[NCTransition]] = relationship(
        back_populates="nonconformity", order_by="NCTransition.at"
    )

    __table_args__ = (
        Index("ix_nonconformity_state", "state"),
        Index("ix_nonconformity_issued_on_id", "issued_on", "id"),  # register keyset paging
    )


class NCTransition(Entity):
    """One step of an NC's life: who did what, when, and why."""

    __tablename__ = "nc_transition"

    nonconformity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("nonconformity.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[NCState | None] = mapped_column(enum_column(NCState))
    to_state: Mapped[NCState] = mapped_column(enum_column(NCState))
    by_user: Mapped[str] = mapped_column(String(60), default="")
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(String, default="")

    nonconformity: Mapped[Nonconformity] = relationship(back_populates="transitions")
