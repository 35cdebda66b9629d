"""Issued audit reports: one row per revision, with the fingerprint of the records it shows."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auditdesk.model.base import Entity, UTCDateTime


class ReportRevision(Entity):
    """Revision 1 is the first issue; each correction of an issued audit adds the next one."""

    __tablename__ = "report_revision"

    audit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit.id"), index=True)
    revision: Mapped[int]
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str] = mapped_column(String(60), default="")
    change_note: Mapped[str] = mapped_column(String, default="")
    # SHA-256 over a canonical JSON of the audit's records at issue time (see services.report_issue).
    fingerprint: Mapped[str] = mapped_column(String(64))
    # The change log's hash-chain head folded into the fingerprint ("" when there is no log).
    chain_head: Mapped[str] = mapped_column(String(64), default="")
    # [{"name": "report-zh.pdf", "format": "pdf", "lang": "zh", "sha256": "..."}]
    files: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # Who prepared, reviewed and approved (issued) this revision: display names as printed.
    prepared_by: Mapped[str] = mapped_column(String(100), default="")
    reviewed_by: Mapped[str] = mapped_column(String(100), default="")
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    issued_by_name: Mapped[str] = mapped_column(String(100), default="")
    # A lead issued despite the pre-issue check: the written reason and the codes it overrode.
    override_reason: Mapped[str] = mapped_column(String, default="")
    overridden: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # SHA-256 of the canonical JSON of the records at issue, kept in the attachment store, so
    # verification can say what changed since.
    records_sha256: Mapped[str] = mapped_column(String(64), default="")
    # How the fingerprint was made (services.report_issue FINGERPRINT_*): 0, the first format
    # (clause ids as stored in the issuing database); 1, clause references that travel.
    fingerprint_format: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        UniqueConstraint("audit_id", "revision", name="uq_report_revision_audit_revision"),
    )
