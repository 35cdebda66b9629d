"""What the rules in force need recorded beyond certificates and events (issue 16).

- :class:`RegulatorReport`: the report to the regulator (CNCA) a surveillance breach required
  (CNCA-QMS-01:2025 §5.4.1.4: interval exceeded → suspend *and report*), as an admin records
  it: "reported on DATE (reference)". One per breach: the certificate's cycle (its start) and
  the programme entry in breach.
- :class:`ClientCondition`: a dated CNCA-QMS-01:2025 §5.1.2 application condition of a client
  (serious-dishonesty list, ordered production stop, failed national sampling) with the
  regulator's reference; ``until`` None = still in force.
- :class:`CertificateTransfer`: the accepting CB's pre-transfer review of a transferred
  certificate (IAF MD2:2017) and its dates.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auditdesk.model.base import Entity


class RegulatorReport(Entity):
    __tablename__ = "regulator_report"

    certificate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("certificate.id"), index=True)
    cycle_start: Mapped[dt.date]  # the cycle the breach belongs to (its issue date)
    entry: Mapped[str] = mapped_column(String(20))  # surveillance_1 | surveillance_2
    reported_on: Mapped[dt.date]
    reference: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(String, default="")
    by_user: Mapped[str] = mapped_column(String(60), default="")

    __table_args__ = (UniqueConstraint("certificate_id", "cycle_start", "entry"),)


class ClientCondition(Entity):
    __tablename__ = "client_condition"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    # serious_dishonesty | production_stop | failed_national_sampling
    kind: Mapped[str] = mapped_column(String(30))
    since: Mapped[dt.date]  # listed / ordered / the regulator's notice of the failed sampling
    until: Mapped[dt.date | None]  # removed from the list / stop lifted; None = in force
    reference: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String, default="")
    by_user: Mapped[str] = mapped_column(String(60), default="")


class CertificateTransfer(Entity):
    __tablename__ = "certificate_transfer"

    certificate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("certificate.id"), unique=True)
    issuing_cb: Mapped[str] = mapped_column(String(200), default="")
    previous_number: Mapped[str] = mapped_column(String(60), default="")
    # The previous certificate's state when reviewed: valid | suspended | withdrawn | expired
    previous_state: Mapped[str] = mapped_column(String(20), default="valid")
    previous_expiry: Mapped[dt.date | None]
    review_on: Mapped[dt.date | None]  # pre-transfer review completed
    reviewer: Mapped[str] = mapped_column(String(100), default="")
    open_major_ncs: Mapped[int] = mapped_column(default=0)
    last_audit_on: Mapped[dt.date | None]  # the issuing CB's last audit (last on-site day)
    # The issuing CB ceased trading or lost its accreditation on this date (MD2 2.1.3)
    issuing_cb_ceased_on: Mapped[dt.date | None]
    decision_on: Mapped[dt.date | None]  # the accepting CB's certification decision
    note: Mapped[str] = mapped_column(String, default="")
