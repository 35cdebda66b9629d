"""Flat listings of the registers for scripting (``auditdesk list ... --json``).

Each row carries the record's number (where it has one) and UUID plus its main fields.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Audit,
    Auditor,
    AuditTeamMember,
    Certificate,
    Nonconformity,
    Organisation,
    Standard,
    TeamRole,
    audit_certificate,
)

KINDS = ("clients", "certificates", "audits", "ncs")


def list_clients(session: Session) -> list[dict[str, Any]]:
    rows = session.execute(
        select(
            Organisation.id,
            Organisation.name_zh,
            Organisation.name_en,
            Organisation.credit_code,
            Organisation.province,
            Organisation.effective_personnel,
            Organisation.archived,
        ).order_by(Organisation.name_zh)
    )
    return [
        {
            "id": r.id,
            "name_zh": r.name_zh,
            "name_en": r.name_en,
            "credit_code": r.credit_code,
            "province": r.province,
            "effective_personnel": r.effective_personnel,
            "archived": r.archived,
        }
        for r in rows
    ]


def list_certificates(session: Session) -> list[dict[str, Any]]:
    rows = session.execute(
        select(
            Certificate.id,
            Certificate.number,
            Organisation.name_zh,
            Standard.key,
            Certificate.issue_date,
            Certificate.expiry_date,
            Certificate.status,
            Certificate.rule_set_id,
        )
        .join(Organisation, Certificate.organisation_id == Organisation.id)
        .join(Standard, Certificate.standard_id == Standard.id)
        .order_by(Certificate.number)
    )
    return [
        {
            "id": r.id,
            "number": r.number,
            "organisation": r.name_zh,
            "standard": r.key,
            "issue_date": r.issue_date,
            "expiry_date": r.expiry_date,
            "status": r.status,
            "rule_set": r.rule_set_id,
        }
        for r in rows
    ]


def list_audits(session: Session) -> list[dict[str, Any]]:
    leader = (
        select(AuditTeamMember.audit_id, func.min(Auditor.name_zh).label("leader"))
        .join(Auditor, AuditTeamMember.auditor_id == Auditor.id)
        .where(AuditTeamMember.role == TeamRole.TEAM_LEADER)
        .group_by(AuditTeamMember.audit_id)
        .subquery()
    )
    # Certificate numbers per audit, gathered in Python (no backend-specific string aggregate).
    certs: dict[Any, list[str]] = {}
    for audit_id, number in session.execute(
        select(audit_certificate.c.audit_id, Certificate.number)
        .join(Certificate, Certificate.id == audit_certificate.c.certificate_id)
        .order_by(Certificate.number)
    ):
        certs.setdefault(audit_id, []).append(number)
    rows = session.execute(
        select(
            Audit.id,
            Audit.number,
            Audit.audit_type,
            Audit.status,
            Audit.mode,
            Audit.start_date,
            Audit.end_date,
            Organisation.name_zh,
            leader.c.leader,
        )
        .join(Organisation, Audit.organisation_id == Organisation.id)
        .outerjoin(leader, leader.c.audit_id == Audit.id)
        .order_by(Audit.number)
    )
    return [
        {
            "id": r.id,
            "number": r.number,
            "type": r.audit_type,
            "status": r.status,
            "mode": r.mode,
            "start_date": r.start_date,
            "end_date": r.end_date,
            "organisation": r.name_zh,
            "team_leader": r.leader,
            "certificates": certs.get(r.id, []),
        }
        for r in rows
    ]


def list_ncs(session: Session) -> list[dict[str, Any]]:
    rows = session.execute(
        select(
            Nonconformity.id,
            Nonconformity.number,
            Nonconformity.grade,
            Nonconformity.state,
            Nonconformity.response_due,
            Nonconformity.verification_due,
            Audit.number.label("audit"),
            Organisation.name_zh,
        )
        .join(Audit, Nonconformity.audit_id == Audit.id)
        .join(Organisation, Audit.organisation_id == Organisation.id)
        .order_by(Nonconformity.number)
    )
    return [
        {
            "id": r.id,
            "number": r.number,
            "grade": r.grade,
            "state": r.state,
            "audit": r.audit,
            "organisation": r.name_zh,
            "response_due": r.response_due,
            "verification_due": r.verification_due,
        }
        for r in rows
    ]


LISTERS = {
    "clients": list_clients,
    "certificates": list_certificates,
    "audits": list_audits,
    "ncs": list_ncs,
}
COLUMNS = {
    "clients": ["name_zh", "credit_code", "province", "effective_personnel", "id"],
    "certificates": [
        "number",
        "organisation",
        "standard",
        "issue_date",
        "expiry_date",
        "status",
        "id",
    ],
    "audits": ["number", "type", "status", "start_date", "organisation", "team_leader", "id"],
    "ncs": ["number", "grade", "state", "audit", "organisation", "response_due", "id"],
}
