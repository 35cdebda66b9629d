"""Codes stored in the database. Values are stable identifiers (exports and packages use them);
the UI translates them, nothing below the UI turns them into sentences."""

from __future__ import annotations

import enum


class Role(str, enum.Enum):
    AUDITOR = "auditor"
    LEAD = "lead"
    ADMIN = "admin"


class CertificateStatus(str, enum.Enum):
    VALID = "valid"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class CertificateEventKind(str, enum.Enum):
    ISSUE = "issue"
    SUSPEND = "suspend"
    RESTORE = "restore"
    WITHDRAW = "withdraw"
    CANCEL = "cancel"
    REDUCE_SCOPE = "reduce_scope"
    EXTEND_SCOPE = "extend_scope"
    RECERTIFY = "recertify"
    EXPIRE = "expire"
    TRANSFER = "transfer"


class AuditType(str, enum.Enum):
    STAGE1 = "stage1"
    STAGE2 = "stage2"
    SURVEILLANCE_1 = "surveillance_1"
    SURVEILLANCE_2 = "surveillance_2"
    RECERTIFICATION = "recertification"
    SPECIAL = "special"
    SHORT_NOTICE = "short_notice"
    TRANSFER = "transfer"


class AuditMode(str, enum.Enum):
    """CNCA reporting codes."""

    ON_SITE = "FS01"
    REMOTE = "FS02"
    MIXED = "FS03"


class AuditStatus(str, enum.Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    TERMINATED = "terminated"
    REPORT_ISSUED = "report_issued"


class TeamRole(str, enum.Enum):
    TEAM_LEADER = "team_leader"
    AUDITOR = "auditor"
    TECH_EXPERT = "tech_expert"
    OBSERVER = "observer"
    TRAINEE = "trainee"


class AuditorGrade(str, enum.Enum):
    LEAD_AUDITOR = "lead_auditor"
    AUDITOR = "auditor"
    PROVISIONAL = "provisional"
    TECH_EXPERT = "tech_expert"


class EvidenceType(str, enum.Enum):
    DOCUMENT = "document"
    RECORD = "record"
    INTERVIEW = "interview"
    OBSERVATION = "observation"
    PHOTO = "photo"
    REMOTE_SCREEN_SHARE = "remote_screen_share"
    IT_SYSTEM_SAMPLE = "it_system_sample"


class Judgement(str, enum.Enum):
    CONFORM = "conform"
    NONCONFORMITY = "nonconformity"
    OBSERVATION = "observation"
    OFI = "ofi"
    NOT_AUDITED = "not_audited"
    NOT_APPLICABLE = "not_applicable"


class CheckInMoment(str, enum.Enum):
    OPENING = "opening"
    CLOSING = "closing"


class NCGrade(str, enum.Enum):
    MAJOR = "major"
    MINOR = "minor"


class NCState(str, enum.Enum):
    DRAFT = "draft"
    ISSUED = "issued"
    RESPONSE_RECEIVED = "response_received"
    RESPONSE_ACCEPTED = "response_accepted"
    RESPONSE_REJECTED = "response_rejected"
    VERIFIED = "verified"
    CLOSED = "closed"


class VerificationMethod(str, enum.Enum):
    DOCUMENT_REVIEW = "document_review"
    FOLLOW_UP_VISIT = "follow_up_visit"
    NEXT_AUDIT = "next_audit"


class ChangeKind(str, enum.Enum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
