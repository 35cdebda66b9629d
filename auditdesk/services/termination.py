"""Audit termination (撤组, DOMAIN.md §8): the team withdraws before completing the audit.

The team leader proposes, the CB decides; who agreed and when is recorded. The audit becomes
``terminated`` and does not count as done, so the programme entry it served stays open: the
re-audit is due by the audit's own latest date (``window_latest``) unless the CB sets another.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy.orm import Session

from auditdesk.model import AuditStatus, AuditTermination
from auditdesk.rules.basis import Basis, Dated
from auditdesk.services.audits import ensure_unlocked, get_audit
from auditdesk.services.errors import IllegalTransition, ValidationFailed
from auditdesk.services.users import Permission, require


class TerminationReason(StrEnum):
    NO_SYSTEM_DOCUMENTS = "no_system_documents"
    NO_INTERNAL_AUDIT_OR_REVIEW = "no_internal_audit_or_review"
    NO_OPERATION_RECORDS = "no_operation_records"
    NO_EQUIPMENT = "no_equipment"
    SPECIAL_EQUIPMENT_EXPIRED = "special_equipment_expired"
    INSTRUMENT_VERIFICATION_EXPIRED = "instrument_verification_expired"
    NO_TYPE_TEST_REPORT = "no_type_test_report"
    LICENCE_EXPIRED = "licence_expired"
    SCOPE_BEYOND_COMPETENCE = "scope_beyond_competence"
    HEADCOUNT_CHANGED_DAYS_REFUSED = "headcount_changed_days_refused"
    MANAGEMENT_REFUSES = "management_refuses"
    MATERIAL_DIFFERENCE = "material_difference"
    OTHER = "other"


class AgreementRole(StrEnum):
    TEAM_LEADER = "team_leader"
    MEMBER = "member"
    CLIENT = "client"
    CB_SCHEDULER = "cb_scheduler"


@dataclass
class Agreement:
    role: AgreementRole
    name: str
    at: dt.datetime


@dataclass
class TerminationData:
    reasons: list[TerminationReason]
    terminated_on: dt.date
    agreed_by: list[Agreement] = field(default_factory=list)
    note: str = ""  # required with OTHER
    reaudit_due: dt.date | None = None  # None: the audit's latest date


REAUDIT_BASIS = Basis(rule_id="DOMAIN §8", clause="撤组", code="reaudit_by_window_latest")
REAUDIT_SET_BASIS = Basis(rule_id="CB decision", clause="撤组", code="reaudit_set_by_cb")


def terminate_audit(
    session: Session, audit_id: uuid.UUID, data: TerminationData
) -> AuditTermination:
    """Record the termination; the audit becomes terminated. Needs the lead role (team leader)."""
    require(session, Permission.ISSUE_REPORT)
    audit = get_audit(session, audit_id)
    ensure_unlocked(audit)
    if audit.status in (AuditStatus.COMPLETED, AuditStatus.REPORT_ISSUED, AuditStatus.TERMINATED):
        raise IllegalTransition(
            f"audit {audit.number} is {audit.status.value}", status=audit.status.value
        )
    errors: dict[str, str] = {}
    try:
        reasons = [TerminationReason(r) for r in data.reasons]
    except ValueError:
        reasons = []
        errors["reasons"] = "unknown"
    if not data.reasons:
        errors["reasons"] = "required"
    if TerminationReason.OTHER in reasons and not data.note.strip():
        errors["note"] = "required_for_other"
    roles = set()
    for a in data.agreed_by:
        try:
            roles.add(AgreementRole(a.role))
        except ValueError:
            errors["agreed_by"] = "unknown_role"
        if not a.name.strip() or a.at.tzinfo is None:
            errors["agreed_by"] = "incomplete"
    if AgreementRole.TEAM_LEADER not in roles:
        errors.setdefault("agreed_by", "team_leader_required")
    if audit.start_date and data.terminated_on < audit.start_date:
        errors["terminated_on"] = "before_start"
    if errors:
        raise ValidationFailed(f"termination: {errors}", errors)
    due = reaudit_due(audit.window_latest, data)
    record = AuditTermination(
        audit_id=audit.id,
        reason_codes=[r.value for r in reasons],
        note=data.note.strip(),
        terminated_on=data.terminated_on,
        agreed_by=[
            {
                "role": AgreementRole(a.role).value,
                "name": a.name.strip(),
                "at": a.at.astimezone(dt.UTC).isoformat(),
            }
            for a in data.agreed_by
        ],
        reaudit_due=due.date if due else None,
    )
    session.add(record)
    audit.status = AuditStatus.TERMINATED
    session.flush()
    return record


def reaudit_due(window_latest: dt.date | None, data: TerminationData) -> Dated | None:
    if data.reaudit_due is not None:
        return Dated(data.reaudit_due, REAUDIT_SET_BASIS)
    if window_latest is not None:
        return Dated(window_latest, REAUDIT_BASIS)
    return None
