"""Audits: type, window, dates, mode, audit days, team, sites, termination (撤组)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditdesk.model.base import Base, Entity, UTCDateTime, enum_column
from auditdesk.model.enums import AuditMode, AuditStatus, AuditType, Judgement, TeamRole

if TYPE_CHECKING:
    from auditdesk.model.certificate import Certificate
    from auditdesk.model.evidence import EvidenceItem
    from auditdesk.model.nonconformity import Nonconformity
    from auditdesk.model.organisation import Organisation, Site
    from auditdesk.model.people import Auditor

# An audit serves one certificate, or several at once in an integrated audit (IAF MD11).
audit_certificate = Table(
    "audit_certificate",
    Base.metadata,
    Column("audit_id", ForeignKey("audit.id"), primary_key=True),
    Column("certificate_id", ForeignKey("certificate.id"), primary_key=True, index=True),
)


class Audit(Entity):
    __tablename__ = "audit"

    number: Mapped[str] = mapped_column(String(40), unique=True)  # e.g. "2027-0012"
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    audit_type: Mapped[AuditType] = mapped_column(enum_column(AuditType))
    status: Mapped[AuditStatus] = mapped_column(
        enum_column(AuditStatus), default=AuditStatus.PLANNED
    )
    mode: Mapped[AuditMode] = mapped_column(enum_column(AuditMode), default=AuditMode.ON_SITE)
    window_start: Mapped[dt.date | None]
    window_latest: Mapped[dt.date | None]
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    planned_days: Mapped[float | None]
    md5_days: Mapped[float | None]  # the MD5 figure proposed when planned
    actual_days: Mapped[float | None]
    objectives: Mapped[str] = mapped_column(String, default="")
    scope: Mapped[str] = mapped_column(String, default="")
    plan_deviations: Mapped[str] = mapped_column(String, default="")
    programme_issues: Mapped[str] = mapped_column(String, default="")
    significant_changes: Mapped[str] = mapped_column(String, default="")
    unresolved_issues: Mapped[str] = mapped_column(String, default="")
    conclusion: Mapped[str] = mapped_column(String, default="")
    recommendation: Mapped[str] = mapped_column(String(40), default="")
    marks_control: Mapped[str] = mapped_column(String, default="")
    regulator_notice_date: Mapped[dt.date | None]  # for short-notice audits (§5.9.3)
    # The team's explicit judgements (DOMAIN.md §12): None until the team has made them.
    scope_appropriate: Mapped[bool | None]
    objectives_met: Mapped[bool | None]
    # The team's statement per mandatory surveillance item (17021-1 9.6.2.2), keyed by item code
    # (complaints, previous_ncs, internal_audit_review, objectives, improvement); marks and changes
    # live in marks_control and significant_changes.
    report_statements: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Who reviewed the report draft before issue (display name) and when.
    report_reviewed_by: Mapped[str] = mapped_column(String(100), default="")
    report_reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Set when the report is issued: the audit is then read-only; corrections make a revision.
    locked: Mapped[bool] = mapped_column(default=False)
    report_revision: Mapped[int] = mapped_column(default=0)
    archived: Mapped[bool] = mapped_column(default=False)
    # The audit plan as a document (17021-1 9.2.3; migration 0095). Empty until set.
    plan_number: Mapped[str] = mapped_column(String(40), default="")
    plan_issued_on: Mapped[dt.date | None]
    plan_approved_by: Mapped[str] = mapped_column(String(100), default="")
    audit_language: Mapped[str] = mapped_column(String(40), default="")  # "zh", "en", "zh+en"
    plan_confidentiality: Mapped[str] = mapped_column(String, default="")
    accompanying_persons: Mapped[str] = mapped_column(String, default="")  # guides, interpreters
    client_confirmed_by: Mapped[str] = mapped_column(String(100), default="")
    client_confirmed_on: Mapped[dt.date | None]

    organisation: Mapped[Organisation] = relationship()
    certificates: Mapped[list[Certificate]] = relationship(
        secondary=audit_certificate, back_populates="audits"
    )
    team: Mapped[list[AuditTeamMember]] = relationship(
        back_populates="audit", cascade="all, delete-orphan"
    )
    sites: Mapped[list[AuditSite]] = relationship(
        back_populates="audit", cascade="all, delete-orphan"
    )
    evidence: Mapped[list[EvidenceItem]] = relationship(back_populates="audit")
    nonconformities: Mapped[list[Nonconformity]] = relationship(
        back_populates="audit", foreign_keys="Nonconformity.audit_id"
    )
    termination: Mapped[AuditTermination | None] = relationship(
        back_populates="audit", uselist=False
    )
    judgements: Mapped[list[ClauseJudgement]] = relationship(back_populates="audit")
    plan_changes: Mapped[list[AuditPlanChange]] = relationship(
        back_populates="audit", order_by="AuditPlanChange.at"
    )

    __table_args__ = (
        Index("ix_audit_start_date", "start_date"),
        Index("ix_audit_window_latest", "window_latest"),
        Index("ix_audit_start_date_id", "start_date", "id"),  # register keyset paging
    )


class AuditTeamMember(Entity):
    __tablename__ = "audit_team_member"

    audit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit.id"), index=True)
    auditor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("auditor.id"), index=True)
    role: Mapped[TeamRole] = mapped_column(enum_column(TeamRole), default=TeamRole.AUDITOR)
    days: Mapped[float | None]

    audit: Mapped[Audit] = relationship(back_populates="team")
    auditor: Mapped[Auditor] = relationship()


class AuditPlanChange(Entity):
    """One change to a planned audit (edit, re-team, reschedule, cancel): who, when and why,
    with the fields changed as ``[{"field", "old", "new"}]`` in plain text."""

    __tablename__ = "audit_plan_change"

    audit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    by_user: Mapped[str] = mapped_column(String(100), default="")  # the person's display name
    action: Mapped[str] = mapped_column(String(20))  # edit / reteam / reschedule / cancel
    reason: Mapped[str] = mapped_column(String, default="")
    changes: Mapped[list[Any]] = mapped_column(JSON, default=list)

    audit: Mapped[Audit] = relationship(back_populates="plan_changes")


class AuditSite(Entity):
    __tablename__ = "audit_site"

    audit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit.id"), index=True)
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("site.id"), index=True)
    remote: Mapped[bool] = mapped_column(default=False)
    visit_date: Mapped[dt.date | None]

    audit: Mapped[Audit] = relationship(back_populates="sites")
    site: Mapped[Site] = relationship()


class AuditTermination(Entity):
    """Team withdrawal before the audit is complete (撤组, DOMAIN.md §8)."""

    __tablename__ = "audit_termination"

    audit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit.id"), unique=True)
    reason_codes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(String, default="")
    terminated_on: Mapped[dt.date]
    # [{"role": "team_leader"|"member"|"client"|"cb_scheduler", "name": ..., "at": iso datetime}]
    agreed_by: Mapped[list[Any]] = mapped_column(JSON, default=list)
    reaudit_due: Mapped[dt.date | None]

    audit: Mapped[Audit] = relationship(back_populates="termination")


class ClauseJudgement(Entity):
    """The auditor's judgement of one clause (optionally per site) in one audit."""

    __tablename__ = "clause_judgement"

    audit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit.id"), index=True)
    clause_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clause.id"), index=True)
    site_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("site.id"))
    judgement: Mapped[Judgement] = mapped_column(enum_column(Judgement))
    note: Mapped[str] = mapped_column(String, default="")
    judged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    audit: Mapped[Audit] = relationship(back_populates="judgements")
