"""Audits: creating and numbering them, team and sites, finding them by number or UUID."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Audit,
    AuditMode,
    AuditSite,
    AuditStatus,
    AuditTeamMember,
    AuditType,
    Certificate,
    TeamRole,
)
from auditdesk.services.errors import Locked, NotFound, ValidationFailed
from auditdesk.services.users import Permission, require


@dataclass
class AuditData:
    certificate_ids: list[uuid.UUID]
    audit_type: AuditType
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    mode: AuditMode = AuditMode.ON_SITE
    window_start: dt.date | None = None
    window_latest: dt.date | None = None
    planned_days: float | None = None
    md5_days: float | None = None
    objectives: str = ""
    scope: str = ""
    status: AuditStatus = AuditStatus.PLANNED
    team: list[tuple[uuid.UUID, TeamRole]] = field(default_factory=list)
    site_ids: list[uuid.UUID] = field(default_factory=list)
    number: str | None = None


def next_audit_number(session: Session, year: int) -> str:
    """``YYYY-NNNN``, sequential within the year."""
    prefix = f"{year}-"
    # Longest first: past 9999 audits a year "2026-9999" sorts after "2026-10000" as text.
    last = session.scalar(
        select(Audit.number)
        .where(Audit.number.like(prefix + "%"))
        .order_by(func.length(Audit.number).desc(), Audit.number.desc())
        .limit(1)
    )
    seq = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def create_audit(session: Session, data: AuditData) -> Audit:
    require(session, Permission.PLAN_AUDIT)
    errors: dict[str, str] = {}
    certs = [session.get(Certificate, cid) for cid in data.certificate_ids]
    if not certs or any(c is None for c in certs):
        errors["certificates"] = "not_found"
    elif len({c.organisation_id for c in certs if c is not None}) != 1:
        errors["certificates"] = "different_organisations"
    if data.start_date and data.end_date and data.end_date < data.start_date:
        errors["end_date"] = "before_start"
    if data.planned_days is not None and data.planned_days <= 0:
        errors["planned_days"] = "not_positive"
    if errors:
        raise ValidationFailed(f"audit: {errors}", errors)
    year = (data.start_date or data.window_latest or dt.date.today()).year
    audit = Audit(
        number=data.number or next_audit_number(session, year),
        organisation_id=certs[0].organisation_id,  # type: ignore[union-attr]
        audit_type=data.audit_type,
        status=data.status,
        mode=data.mode,
        window_start=data.window_start,
        window_latest=data.window_latest,
        start_date=data.start_date,
        end_date=data.end_date,
        planned_days=data.planned_days,
        md5_days=data.md5_days,
        objectives=data.objectives,
        scope=data.scope,
    )
    audit.certificates = [c for c in certs if c is not None]
    session.add(audit)
    session.flush()
    for auditor_id, role in data.team:
        session.add(AuditTeamMember(audit_id=audit.id, auditor_id=auditor_id, role=role))
    for site_id in data.site_ids:
        session.add(AuditSite(audit_id=audit.id, site_id=site_id))
    session.flush()
    return audit


def get_audit(session: Session, audit_id: uuid.UUID) -> Audit:
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", id=str(audit_id))
    return audit


def find_audit(session: Session, number_or_id: str) -> Audit:
    """By audit number (``2027-0012``) or UUID, as the CLI accepts either."""
    audit = session.scalar(select(Audit).where(Audit.number == number_or_id.strip()))
    if audit is None:
        try:
            audit = session.get(Audit, uuid.UUID(number_or_id))
        except ValueError:
            audit = None
    if audit is None:
        raise NotFound(f"no audit '{number_or_id}'", id=number_or_id)
    return audit


def ensure_unlocked(audit: Audit) -> None:
    """Issued audits are read-only; corrections go through a new report revision."""
    if audit.locked:
        raise Locked(
            f"audit {audit.number} is locked: its report has been issued", audit=audit.number
        )


def team_leader(audit: Audit) -> AuditTeamMember | None:
    return next((m for m in audit.team if m.role == TeamRole.TEAM_LEADER), None)
