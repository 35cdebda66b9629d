"""NC deadlines, overdue flags and certificates at risk (DOMAIN §4; issue 6 point 4).

Resolved ambiguities:
- Deadlines are computed when the NC is raised (so a draft already shows them) and again when
  it is issued, from the audit's last day (``end_date``, else ``start_date``, else the day of
  issue) and the CB settings of that moment. A minor has no verification date: its
  effectiveness is checked at the next audit.
- Overdue (same rule as the NC register): awaiting the client's response (issued, rejected) past
  ``response_due``, or awaiting verification (response received or accepted) past
  ``verification_due``. The day itself is not late.
- Certificate at risk, proposed action per overdue NC, the worst one wins:
  initial audit (stage 1/2): a major past the 6-month stage-2 limit → ``repeat_stage2``
  (17021-1 9.5.3.2); past the CB's follow-up band (9 months) → ``refuse_certification``;
  otherwise ``follow_up_audit``. Later audits: the client did not answer in time →
  ``suspension`` (the CB's published practice, DOMAIN §4); the answer is in but its
  verification is late → ``follow_up_audit`` (verify on site before deciding to suspend).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, joinedload

from auditdesk.model import (
    Audit,
    AuditType,
    Certificate,
    CertificateStatus,
    NCGrade,
    NCState,
    Nonconformity,
    audit_certificate,
)
from auditdesk.rules.basis import CB_SETTING, ISO_17021, Basis, Dated
from auditdesk.rules.kinds import AuditKind
from auditdesk.rules.nc_deadlines import (
    InitialNcOutcome,
    NcDeadlines,
    NcSeverity,
    initial_nc_outcome,
    nc_deadlines,
    surveillance_nc_suspension_end,
)
from auditdesk.services.programme import cb_settings

AWAITING_RESPONSE = (NCState.ISSUED, NCState.RESPONSE_REJECTED)
AWAITING_VERIFICATION = (NCState.RESPONSE_RECEIVED, NCState.RESPONSE_ACCEPTED)
OPEN_STATES = (NCState.ISSUED, *AWAITING_VERIFICATION, NCState.RESPONSE_REJECTED)
_INITIAL_TYPES = (AuditType.STAGE1, AuditType.STAGE2)


class Overdue(StrEnum):
    RESPONSE = "response_overdue"
    VERIFICATION = "verification_overdue"


class ProposedAction(StrEnum):
    """What the CB should do about a certificate with overdue NCs, mildest first."""

    FOLLOW_UP_AUDIT = "follow_up_audit"
    SUSPENSION = "suspension"
    REPEAT_STAGE2 = "repeat_stage2"
    REFUSE_CERTIFICATION = "refuse_certification"


_SEVERITY = {a: i for i, a in enumerate(ProposedAction)}


# ---------------------------------------------------------------- deadlines and overdue flags


def audit_kind(audit_type: AuditType) -> AuditKind:
    if audit_type in _INITIAL_TYPES:
        return AuditKind.INITIAL
    if audit_type in (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2):
        return AuditKind.SURVEILLANCE
    if audit_type is AuditType.RECERTIFICATION:
        return AuditKind.RECERTIFICATION
    return AuditKind.SPECIAL


def _audit_last_day(audit: Audit, fallback: dt.date) -> dt.date:
    return audit.end_date or audit.start_date or fallback


def deadlines(session: Session, nc: Nonconformity, on: dt.date | None = None) -> NcDeadlines:
    """The NC's deadlines with the rule behind each (for the UI: "due 2027-04-09 — CB setting")."""
    audit = nc.audit
    last_day = _audit_last_day(audit, nc.issued_on or on or dt.date.today())
    return nc_deadlines(
        NcSeverity(nc.grade.value), audit_kind(audit.audit_type), last_day, cb_settings(session)
    )


def set_deadlines(session: Session, nc: Nonconformity, on: dt.date) -> None:
    result = deadlines(session, nc, on)
    nc.response_due = result.response_due.date
    nc.verification_due = result.verification_due.date if result.verification_due else None


def overdue_flags(nc: Nonconformity, on: dt.date) -> frozenset[Overdue]:
    flags = set()
    if nc.state in AWAITING_RESPONSE and nc.response_due is not None and nc.response_due < on:
        flags.add(Overdue.RESPONSE)
    if (
        nc.state in AWAITING_VERIFICATION
        and nc.verification_due is not None
        and nc.verification_due < on
    ):
        flags.add(Overdue.VERIFICATION)
    return frozenset(flags)


def overdue_condition(on: dt.date) -> Any:
    """The same rule as :func:`overdue_flags`, as a SQL condition."""
    return or_(
        and_(Nonconformity.state.in_(AWAITING_RESPONSE), Nonconformity.response_due < on),
        and_(Nonconformity.state.in_(AWAITING_VERIFICATION), Nonconformity.verification_due < on),
    )


# ---------------------------------------------------------------- certificates at risk


@dataclass(frozen=True, slots=True)
class OverdueNC:
    nc_id: uuid.UUID
    number: str
    grade: NCGrade
    flags: frozenset[Overdue]
    due: dt.date | None
    action: ProposedAction
    basis: Basis


@dataclass(frozen=True, slots=True)
class CertificateAtRisk:
    certificate_id: uuid.UUID
    certificate_number: str
    organisation_id: uuid.UUID
    ncs: tuple[OverdueNC, ...]
    action: ProposedAction  # the most serious proposal among ``ncs``
    basis: Basis
    # While suspended for overdue NCs: the end of the suspension, after which withdrawal follows.
    suspension_ends: Dated | None


def proposed_action(
    nc: Nonconformity, flags: frozenset[Overdue], on: dt.date, settings: Any
) -> tuple[ProposedAction, Basis]:
    """What an overdue NC calls for (see the module docstring), with the rule behind it."""
    audit = nc.audit
    last_day = _audit_last_day(audit, nc.issued_on or on)
    if audit.audit_type in _INITIAL_TYPES:
        result = nc_deadlines(NcSeverity(nc.grade.value), AuditKind.INITIAL, last_day, settings)
        if result.stage2_repeat_after is not None and on > result.stage2_repeat_after.date:
            return ProposedAction.REPEAT_STAGE2, result.stage2_repeat_after.basis
        outcome, basis = initial_nc_outcome(last_day, on, settings)
        if outcome is InitialNcOutcome.REFUSE:
            return ProposedAction.REFUSE_CERTIFICATION, basis
        return ProposedAction.FOLLOW_UP_AUDIT, basis
    if Overdue.RESPONSE in flags:
        return ProposedAction.SUSPENSION, Basis(
            CB_SETTING, "surveillance_nc_suspension_months", "suspend_overdue_nc"
        )
    return ProposedAction.FOLLOW_UP_AUDIT, Basis(
        ISO_17021, "9.6.2.2", "verify_overdue_corrective_action"
    )


def certificates_at_risk(
    session: Session, on: dt.date | None = None, certificate_ids: Iterable[uuid.UUID] | None = None
) -> list[CertificateAtRisk]:
    """Certificates (valid or suspended) with overdue NCs, each with the proposed action."""
    on = on or dt.date.today()
    settings = cb_settings(session)
    stmt = (
        select(Certificate, Nonconformity)
        .join(audit_certificate, audit_certificate.c.certificate_id == Certificate.id)
        .join(Nonconformity, Nonconformity.audit_id == audit_certificate.c.audit_id)
        .where(
            overdue_condition(on),
            Nonconformity.archived.is_(False),
            Certificate.status.in_((CertificateStatus.VALID, CertificateStatus.SUSPENDED)),
        )
        .order_by(Certificate.number, Nonconformity.number)
        .options(joinedload(Nonconformity.audit))
    )
    if certificate_ids is not None:
        stmt = stmt.where(Certificate.id.in_(list(certificate_ids)))
    grouped: dict[uuid.UUID, tuple[Certificate, list[OverdueNC]]] = {}
    for cert, nc in session.execute(stmt):
        flags = overdue_flags(nc, on)
        action, basis = proposed_action(nc, flags, on, settings)
        due = nc.response_due if Overdue.RESPONSE in flags else nc.verification_due
        grouped.setdefault(cert.id, (cert, []))[1].append(
            OverdueNC(nc.id, nc.number, nc.grade, flags, due, action, basis)
        )
    out = []
    for cert, items in grouped.values():
        worst = max(items, key=lambda i: _SEVERITY[i.action])
        ends = None
        if cert.status is CertificateStatus.SUSPENDED and cert.status_date is not None:
            ends = surveillance_nc_suspension_end(cert.status_date, settings)
        out.append(
            CertificateAtRisk(
                cert.id,
                cert.number,
                cert.organisation_id,
                tuple(items),
                worst.action,
                worst.basis,
                ends,
            )
        )
    return out


def certificate_risk(
    session: Session, certificate_id: uuid.UUID, on: dt.date | None = None
) -> CertificateAtRisk | None:
    found = certificates_at_risk(session, on, [certificate_id])
    return found[0] if found else None
