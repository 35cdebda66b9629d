"""Dashboard figures: each one a number (or series) plus the register filter that lists it.

Every figure names the register and filters that show its records, so the UI can open the
filtered register when the user clicks it; and the rule behind it where there is one
(STYLE habit 7).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, extract, func, select
from sqlalchemy.orm import Session

from auditdesk.model import Audit, AuditMode, Auditor, AuditStatus, AuditTeamMember, Nonconformity
from auditdesk.rules.basis import CNCA_FAQ, Basis
from auditdesk.rules.status import StatusCode
from auditdesk.services import registers
from auditdesk.services.programme import (
    CertificateBreach,
    CertificateProgramme,
    breaches,
    cb_settings,
    programmes,
)


@dataclass(frozen=True)
class Figure:
    code: str  # what it counts, e.g. "overdue_ncs"; the UI translates it
    value: int
    register: str
    filters: dict[str, Any]
    basis: Basis | None = None


@dataclass(frozen=True)
class AuditorLoad:
    auditor_id: uuid.UUID
    name_zh: str
    name_en: str
    onsite_days: float
    limit: float
    basis: Basis


@dataclass(frozen=True)
class Dashboard:
    on: dt.date
    figures: tuple[Figure, ...]
    auditor_load: tuple[AuditorLoad, ...]
    audits_per_month: tuple[int, ...]  # 12 counts, January first, of audits starting that month
    closure_buckets: tuple[tuple[str, int], ...]  # ("0-30", n), ... days from issue to closure
    extra: dict[str, Any] = field(default_factory=dict)
    # Late or missed surveillances whose required suspension or report is not recorded (DOMAIN §3)
    unhandled_breaches: tuple[CertificateBreach, ...] = ()


def overdue_ncs(session: Session, on: dt.date) -> Figure:
    n = registers.count_rows(session, "ncs", filters={"preset": "overdue"}, on=on)
    return Figure("overdue_ncs", n, "ncs", {"preset": "overdue"})


def certificates_at_risk(session: Session, on: dt.date) -> Figure:
    """Certificates with overdue NCs (nc_schedule.certificates_at_risk): the register filtered to them.

    The basis is the most serious proposal's rule (follow-up audit 17021-1 9.6.2.2, or the CB's
    suspension setting)."""
    from auditdesk.services.nc_schedule import ProposedAction
    from auditdesk.services.nc_schedule import certificates_at_risk as at_risk

    risks = at_risk(session, on)
    worst = max(risks, key=lambda r: list(ProposedAction).index(r.action)) if risks else None
    return Figure(
        "certificates_at_risk",
        len(risks),
        "certificates",
        {"ids": [str(r.certificate_id) for r in risks]},
        worst.basis if worst else None,
    )


def audits_due(session: Session, on: dt.date, days: int) -> Figure:
    preset = f"due_{days}"
    n = registers.count_rows(session, "audits", filters={"preset": preset}, on=on)
    return Figure(f"audits_due_{days}", n, "audits", {"preset": preset})


def certificates_needing_action(
    session: Session, on: dt.date, evaluated: list[CertificateProgramme] | None = None
) -> tuple[Figure, Figure]:
    """Certificates whose status (rules engine) says suspension / withdrawal is required."""
    suspend: list[str] = []
    withdraw: list[str] = []
    basis_s = basis_w = None
    for cp in evaluated if evaluated is not None else programmes(session, on):
        cert_id, status = cp.certificate_id, cp.status
        if status.code is StatusCode.SUSPENSION_REQUIRED:
            suspend.append(str(cert_id))
            basis_s = status.basis
        elif status.code is StatusCode.WITHDRAWAL_REQUIRED:
            withdraw.append(str(cert_id))
            basis_w = status.basis
    return (
        Figure("suspension_required", len(suspend), "certificates", {"ids": suspend}, basis_s),
        Figure("withdrawal_required", len(withdraw), "certificates", {"ids": withdraw}, basis_w),
    )


def unhandled_breaches(
    session: Session, on: dt.date, evaluated: list[CertificateProgramme] | None = None
) -> tuple[Figure, tuple[CertificateBreach, ...]]:
    """Late or missed surveillances whose required suspension or report to the regulator is not
    recorded (a breach is handled only when both are on record), most days in
    breach first (DOMAIN §3 "A late surveillance is a recorded breach", CNCA-QMS-01:2025
    §5.4.1.4), and the figure listing their certificates."""
    found = tuple(
        sorted(
            (b for b in breaches(session, on, evaluated=evaluated) if not b.handled),
            key=lambda b: (-b.breach.days, b.number),
        )
    )
    ids = list(dict.fromkeys(str(b.certificate_id) for b in found))
    basis = found[0].breach.basis if found else None
    return Figure("unhandled_breaches", len(ids), "certificates", {"ids": ids}, basis), found


def auditor_load(session: Session, year: int) -> tuple[AuditorLoad, ...]:
    """On-site audit days per auditor in ``year`` (remote audits excluded), highest first.

    A member's own ``days`` counts when set, else the audit's actual or planned days.
    """
    limit = cb_settings(session).auditor_yearly_onsite_day_limit
    days = func.coalesce(AuditTeamMember.days, Audit.actual_days, Audit.planned_days, 0)
    stmt = (
        select(Auditor.id, Auditor.name_zh, Auditor.name_en, func.sum(days))
        .join(AuditTeamMember, AuditTeamMember.auditor_id == Auditor.id)
        .join(Audit, Audit.id == AuditTeamMember.audit_id)
        .where(
            extract("year", Audit.start_date) == year,
            Audit.mode != AuditMode.REMOTE,
            Audit.status != AuditStatus.TERMINATED,
        )
        .group_by(Auditor.id, Auditor.name_zh, Auditor.name_en)
        .order_by(func.sum(days).desc())
    )
    basis = Basis(CNCA_FAQ, "3.9", "auditor_yearly_onsite_day_limit")
    return tuple(
        AuditorLoad(i, zh, en, float(d or 0), limit, basis)
        for i, zh, en, d in session.execute(stmt)
    )


def audits_per_month(session: Session, year: int) -> tuple[int, ...]:
    month = extract("month", Audit.start_date)
    stmt = (
        select(month, func.count(Audit.id))
        .where(extract("year", Audit.start_date) == year, Audit.archived.is_(False))
        .group_by(month)
    )
    counts = [0] * 12
    for m, n in session.execute(stmt):
        if m:
            counts[int(m) - 1] = int(n)
    return tuple(counts)


CLOSURE_BUCKETS = ((0, 30, "0-30"), (31, 60, "31-60"), (61, 90, "61-90"), (91, None, "91+"))


def nc_closure_times(session: Session, since: dt.date | None = None) -> tuple[tuple[str, int], ...]:
    """Closed NCs by days from issue to closure."""
    if session.get_bind().dialect.name == "sqlite":
        span = func.julianday(Nonconformity.closed_on) - func.julianday(Nonconformity.issued_on)
    else:  # PostgreSQL: date - date is a number of days
        span = Nonconformity.closed_on - Nonconformity.issued_on
    conds: list[ColumnElement[bool]] = [
        Nonconformity.closed_on.is_not(None),
        Nonconformity.issued_on.is_not(None),
    ]
    if since is not None:
        conds.append(Nonconformity.closed_on >= since)
    out = []
    for low, high, label in CLOSURE_BUCKETS:
        c = [*conds, span >= low] + ([span <= high] if high is not None else [])
        out.append(
            (label, int(session.scalar(select(func.count(Nonconformity.id)).where(and_(*c))) or 0))
        )
    return tuple(out)


def build_dashboard(session: Session, on: dt.date | None = None) -> Dashboard:
    on = on or dt.date.today()
    evaluated = programmes(session, on)
    suspend, withdraw = certificates_needing_action(session, on, evaluated)
    breach_figure, unhandled = unhandled_breaches(session, on, evaluated)
    figures = (
        overdue_ncs(session, on),
        certificates_at_risk(session, on),
        audits_due(session, on, 30),
        audits_due(session, on, 60),
        audits_due(session, on, 90),
        suspend,
        withdraw,
        breach_figure,
    )
    return Dashboard(
        on,
        figures,
        auditor_load(session, on.year),
        audits_per_month(session, on.year),
        nc_closure_times(session, dt.date(on.year - 1, on.month, 1)),
        unhandled_breaches=unhandled,
    )
