"""Certificates (认证证书), their status events and revisions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditdesk.model.base import Entity, enum_column
from auditdesk.model.enums import CertificateEventKind, CertificateStatus

if TYPE_CHECKING:
    from auditdesk.model.audit import Audit
    from auditdesk.model.organisation import Organisation
    from auditdesk.model.standard import Standard


class Certificate(Entity):
    __tablename__ = "certificate"

    number: Mapped[str] = mapped_column(String(60), unique=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    standard_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("standard.id"), index=True)
    scope_zh: Mapped[str] = mapped_column(String, default="")
    scope_en: Mapped[str] = mapped_column(String, default="")
    issue_date: Mapped[dt.date]
    decision_date: Mapped[dt.date | None]
    expiry_date: Mapped[dt.date]
    # Start of the current 3-year cycle (initial issue or last recertification decision).
    cycle_start: Mapped[dt.date | None]
    status: Mapped[CertificateStatus] = mapped_column(
        enum_column(CertificateStatus), default=CertificateStatus.VALID
    )
    status_date: Mapped[dt.date | None]
    status_reason: Mapped[str] = mapped_column(String, default="")
    accredited: Mapped[bool] = mapped_column(default=True)
    # Rule-set id (e.g. "CNCA-QMS-01:2025"); None = default for the standard and issue date.
    rule_set_id: Mapped[str | None] = mapped_column(String(40))
    technical_codes: Mapped[str] = mapped_column(String(400), default="")
    # MD5 category: QMS has none; EMS complexity high/medium/low/limited; OHSMS risk high/medium/low.
    complexity: Mapped[str] = mapped_column(String(20), default="medium")
    team_leader_name: Mapped[str] = mapped_column(String(100), default="")
    revision: Mapped[int] = mapped_column(default=0)
    transferred_from: Mapped[str] = mapped_column(String(200), default="")
    archived: Mapped[bool] = mapped_column(default=False)

    organisation: Mapped[Organisation] = relationship(back_populates="certificates")
    standard: Mapped[Standard] = relationship()
    events: Mapped[list[CertificateEvent]] = relationship(
        back_populates="certificate", order_by="CertificateEvent.event_date"
    )
    audits: Mapped[list[Audit]] = relationship(
        secondary="audit_certificate", back_populates="certificates", viewonly=True
    )

    __table_args__ = (
        Index("ix_certificate_status", "status"),
        Index("ix_certificate_expiry_date", "expiry_date"),
    )


class CertificateEvent(Entity):
    """A status or scope change, with its reason and the certificate revision it produced."""

    __tablename__ = "certificate_event"

    certificate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("certificate.id"), index=True)
    kind: Mapped[CertificateEventKind] = mapped_column(enum_column(CertificateEventKind))
    event_date: Mapped[dt.date]
    reason: Mapped[str] = mapped_column(String, default="")
    revision: Mapped[int] = mapped_column(default=0)
    scope_before: Mapped[str] = mapped_column(String, default="")
    scope_after: Mapped[str] = mapped_column(String, default="")
    by_user: Mapped[str] = mapped_column(String(60), default="")

    certificate: Mapped[Certificate] = relationship(back_populates="events")
