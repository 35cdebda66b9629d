"""What the CNCA duties need beyond the core records (DOMAIN.md §10, §11).

- :class:`SiteLocation`: a site's coordinates (WGS-84), from the first geotagged check-in photo
  or entered by the auditor; the 5 km check-in rule measures from here.
- :class:`AuditCheckIn`: the plan's opening/closing meeting times and the team members the
  leader ticked as being on the check-in photos.
- :class:`CertificateReporting`: accreditation marks and EnMS energy performance of a
  certificate, as the CNCA upload sheets ask.
- :class:`CncaReported`: what was reported when: one row per reported sheet row (entity and
  the fingerprint of the values sent), so next month's file holds what changed since.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from auditdesk.model.base import Entity, UTCDateTime


class SiteLocation(Entity):
    __tablename__ = "site_location"

    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("site.id"), unique=True)
    latitude: Mapped[float]
    longitude: Mapped[float]
    source: Mapped[str] = mapped_column(String(20), default="manual")  # manual | photo


class AuditCheckIn(Entity):
    __tablename__ = "audit_check_in"

    audit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit.id"), unique=True)
    opening_start: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closing_start: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closing_end: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Auditor ids the team leader ticked as present on the check-in photos.
    ticked: Mapped[list[Any]] = mapped_column(JSON, default=list)


class CertificateReporting(Entity):
    __tablename__ = "certificate_reporting"

    certificate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("certificate.id"), unique=True)
    # Codes of resources/cnca/upload_layout.json "accreditation_mark", e.g. ["CNAS"].
    accreditation_marks: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # EnMS only: [{"parameter": ..., "unit": ..., "baseline_period": ..., "baseline": ...,
    #              "reporting_period": ..., "value": ...}]
    energy_performance: Mapped[list[Any]] = mapped_column(JSON, default=list)


class CncaReported(Entity):
    __tablename__ = "cnca_reported"

    month: Mapped[str] = mapped_column(String(7))  # "2026-11": the month of the file
    sheet: Mapped[str] = mapped_column(String(20))  # plan | certificate | result | energy
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    fingerprint: Mapped[str] = mapped_column(String(64))
    reported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    written_anyway: Mapped[bool] = mapped_column(default=False)
    by_user: Mapped[str] = mapped_column(String(60), default="")

    __table_args__ = (Index("ix_cnca_reported_sheet_entity", "sheet", "entity_id"),)
