"""Certificates: register entries, their cycle dates and status events.

The programme and status *computation* lives in ``auditdesk.rules``; this module gathers a
certificate's facts from the database (issue/decision/expiry dates, completed audits,
suspension) and records events. See ``auditdesk.services.programme`` for the computed view.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
    Organisation,
)
from auditdesk.services.errors import NotFound, ValidationFailed
from auditdesk.services.standards import standard_by_key
from auditdesk.services.users import Permission, current_username, require


@dataclass
class CertificateData:
    number: str
    organisation_id: uuid.UUID
    standard_key: str
    issue_date: dt.date
    expiry_date: dt.date | None = None
    decision_date: dt.date | None = None
    scope_zh: str = ""
    scope_en: str = ""
    rule_set_id: str | None = None
    technical_codes: str = ""
    complexity: str = "medium"
    accredited: bool = True
    team_leader_name: str = ""
    status: CertificateStatus = CertificateStatus.VALID
    # Refuse a certificate issued while a CNCA-QMS-01:2025 §5.1.2 condition bars the client
    # (issue 16). False for records of certificates issued before (imports of a register).
    check_conditions: bool = True


def default_expiry(issue_date: dt.date) -> dt.date:
    """Issue date + 3 years − 1 day (DOMAIN.md §3 [setting]), via the rules' date helper."""
    from auditdesk.rules.dates import default_expiry as rule_default_expiry

    return rule_default_expiry(issue_date)


def create_certificate(session: Session, data: CertificateData) -> Certificate:
    require(session, Permission.EDIT_REGISTERS)
    errors: dict[str, str] = {}
    number = data.number.strip()
    if not number:
        errors["number"] = "required"
    elif session.scalar(select(Certificate.id).where(Certificate.number == number)) is not None:
        errors["number"] = "duplicate"
    if session.get(Organisation, data.organisation_id) is None:
        errors["organisation"] = "not_found"
    std = standard_by_key(session, data.standard_key)
    if std is None:
        errors["standard"] = "unknown_standard"
    expiry = data.expiry_date or default_expiry(data.issue_date)
    if expiry <= data.issue_date:
        errors["expiry_date"] = "expiry_before_issue"
    if errors:
        raise ValidationFailed(f"certificate '{number}': {errors}", errors)
    # CNCA-QMS-01:2025 §5.1.2: no certificate for a client barred on the issue date (issue 16)
    from auditdesk.services.rules_checks import refuse_if_conditions

    if data.check_conditions:
        refuse_if_conditions(session, data.organisation_id, data.issue_date)
    assert std is not None
    cert = Certificate(
        number=number,
        organisation_id=data.organisation_id,
        standard_id=std.id,
        issue_date=data.issue_date,
        decision_date=data.decision_date,
        expiry_date=expiry,
        cycle_start=data.issue_date,
        scope_zh=data.scope_zh,
        scope_en=data.scope_en,
        rule_set_id=data.rule_set_id,
        technical_codes=data.technical_codes,
        complexity=data.complexity,
        accredited=data.accredited,
        team_leader_name=data.team_leader_name,
        status=data.status,
        status_date=data.issue_date,
    )
    session.add(cert)
    session.flush()
    session.add(
        CertificateEvent(
            certificate_id=cert.id,
            kind=CertificateEventKind.ISSUE,
            event_date=data.issue_date,
            by_user=current_username(session),
        )
    )
    session.flush()
    return cert


def get_certificate(session: Session, cert_id: uuid.UUID) -> Certificate:
    cert = session.get(Certificate, cert_id)
    if cert is None:
        raise NotFound(f"no certificate {cert_id}", id=str(cert_id))
    return cert


def find_certificate(session: Session, number_or_id: str) -> Certificate:
    """By certificate number or UUID (as the CLI accepts either)."""
    cert = session.scalar(select(Certificate).where(Certificate.number == number_or_id.strip()))
    if cert is None:
        try:
            cert = session.get(Certificate, uuid.UUID(number_or_id))
        except ValueError:
            cert = None
    if cert is None:
        raise NotFound(f"no certificate '{number_or_id}'", id=number_or_id)
    return cert
