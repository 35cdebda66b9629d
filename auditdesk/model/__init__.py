"""SQLAlchemy 2.x typed ORM classes. No Qt, no I/O beyond the database."""

from auditdesk.model import sync as sync  # the sync tables (exchange.causal.store)
from auditdesk.model.audit import (
    Audit,
    AuditPlanChange,
    AuditSite,
    AuditTeamMember,
    AuditTermination,
    ClauseJudgement,
    audit_certificate,
)
from auditdesk.model.base import Base, Entity, utcnow
from auditdesk.model.certificate import Certificate, CertificateEvent
from auditdesk.model.changelog import ChangeLogEntry, MergeConflict
from auditdesk.model.cnca import AuditCheckIn, CertificateReporting, CncaReported, SiteLocation
from auditdesk.model.derived import CertificateState
from auditdesk.model.enums import *  # noqa: F403 - the codes are part of the model's API
from auditdesk.model.evidence import Attachment, EvidenceItem, evidence_clause
from auditdesk.model.nonconformity import NCTransition, Nonconformity, nc_evidence
from auditdesk.model.organisation import Licence, Organisation, PersonnelRecord, Site
from auditdesk.model.people import Auditor, AuthToken, SignInEvent, User
from auditdesk.model.regulatory import CertificateTransfer, ClientCondition, RegulatorReport
from auditdesk.model.report import ReportRevision
from auditdesk.model.settings import CBSetting, RuleSetRecord
from auditdesk.model.standard import Clause, Standard

__all__ = [
    "Attachment",
    "Audit",
    "AuditCheckIn",
    "AuditPlanChange",
    "AuditSite",
    "AuditTeamMember",
    "AuditTermination",
    "Auditor",
    "AuthToken",
    "Base",
    "CBSetting",
    "Certificate",
    "CertificateState",
    "CertificateEvent",
    "CertificateReporting",
    "CertificateTransfer",
    "ChangeLogEntry",
    "Clause",
    "ClauseJudgement",
    "ClientCondition",
    "CncaReported",
    "Entity",
    "EvidenceItem",
    "Licence",
    "MergeConflict",
    "NCTransition",
    "Nonconformity",
    "Organisation",
    "PersonnelRecord",
    "RegulatorReport",
    "ReportRevision",
    "RuleSetRecord",
    "SignInEvent",
    "Site",
    "SiteLocation",
    "Standard",
    "User",
    "audit_certificate",
    "evidence_clause",
    "nc_evidence",
    "utcnow",
]
