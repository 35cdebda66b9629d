"""A small CB for the NC tests: one client, one ISO 9001 certificate, audits, evidence, users."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from auditdesk.model import (
    Auditor,
    AuditType,
    Clause,
    EvidenceItem,
    EvidenceType,
    NCGrade,
    Role,
    Standard,
    TeamRole,
    User,
    utcnow,
)
from auditdesk.services import nonconformities as ncs
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation


@dataclass
class World:
    organisation_id: uuid.UUID
    certificate_id: uuid.UUID
    audit_id: uuid.UUID  # surveillance 1, 2027-03-08..10, number 2027-0012
    audit_number: str
    clause_id: uuid.UUID  # ISO 9001 7.1.5
    evidence_ids: list[uuid.UUID]
    lead_auditor_id: uuid.UUID


def add_user(session, username: str, role: Role, auditor_id=None) -> User:
    user = User(username=username, display_name=username.title(), role=role, auditor_id=auditor_id)
    session.add(user)
    session.flush()
    return user


def add_evidence(
    session, audit_id, text="Calibration record of gauge G-12 missing"
) -> EvidenceItem:
    item = EvidenceItem(
        audit_id=audit_id,
        evidence_type=EvidenceType.RECORD,
        observed_at=utcnow(),
        description=text,
        references="QR-7.1-05",
    )
    session.add(item)
    session.flush()
    return item


def clause(session, standard_key: str, number: str) -> Clause:
    return session.scalar(
        select(Clause).join(Standard).where(Standard.key == standard_key, Clause.number == number)
    )


def build(
    session,
    *,
    client="深圳市华南精密机械有限公司",
    cert_no="CN-QMS-2026-0001",
    audit_type=AuditType.SURVEILLANCE_1,
    start=dt.date(2027, 3, 8),
    end=dt.date(2027, 3, 10),
    number="2027-0012",
    with_users=True,
    credit_code="914403001922038216",
) -> World:
    org = create_organisation(session, OrganisationData(name_zh=client, credit_code=credit_code))
    cert = create_certificate(
        session,
        CertificateData(
            number=cert_no,
            organisation_id=org.id,
            standard_key="ISO9001:2015",
            issue_date=dt.date(2026, 3, 15),
        ),
    )
    lead = Auditor(name_zh="王审核", name_en="Wang")
    session.add(lead)
    session.flush()
    audit = create_audit(
        session,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=audit_type,
            start_date=start,
            end_date=end,
            number=number,
            team=[(lead.id, TeamRole.TEAM_LEADER)],
        ),
    )
    items = [
        add_evidence(session, audit.id),
        add_evidence(session, audit.id, "Gauge G-12 in use on line 2"),
    ]
    if with_users:
        add_user(session, "alice", Role.AUDITOR)
        add_user(session, "lena", Role.LEAD, auditor_id=lead.id)
        add_user(session, "adam", Role.ADMIN)
    return World(
        org.id,
        cert.id,
        audit.id,
        audit.number,
        clause(session, "ISO9001:2015", "7.1.5").id,
        [i.id for i in items],
        lead.id,
    )


def draft(
    world: World, grade=NCGrade.MINOR, evidence_ids=None, clause_id="default", audit_id=None
) -> ncs.NCDraft:
    return ncs.NCDraft(
        audit_id=audit_id or world.audit_id,
        clause_id=world.clause_id if clause_id == "default" else clause_id,
        grade=grade,
        requirement="ISO 9001:2015 7.1.5.2: measuring equipment shall be calibrated at specified intervals",
        evidence_text="Gauge G-12 used on line 2 on 2027-03-09; no calibration record (QR-7.1-05)",
        reason="Measurement traceability is not ensured for a gauge used for product release",
        evidence_ids=list(world.evidence_ids if evidence_ids is None else evidence_ids),
    )


def act_as(session, username: str):
    """Switch the acting user of the session (as ``Database.session(user=...)`` does)."""
    session.info["user"] = username
    return session


# A client's answer as the auditor types it in, shared by the NC screen tests.
CLIENT_RESPONSE = ncs.NCResponse(
    correction="G-12 calibrated",
    root_cause="not in the plan",
    corrective_action="plan fixed",
    owners="质量部",
    planned_date=dt.date(2027, 4, 1),
    received_on=dt.date(2027, 4, 2),
)
