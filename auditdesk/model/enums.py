"""Codes stored in the database. Values are stable identifiers (exports and packages use them);
the UI translates them, nothing below the UI turns them into sentences (their words are in the
catalogue, auditdesk/catalogue.py).

An enum the rules also decide on is defined ONCE, in the rules (which may not import the
model), and re-exported here: ``TeamRole``, ``CertificateStatus`` and ``NCState`` ARE the rules'
enums. Columns store the value (``enum_column``: plain strings, no native enum), so the stored
values did not change when the definitions were merged.
"""

from __future__ import annotations

import enum

from auditdesk.rules.events import CertificateState as CertificateStatus  # noqa: F401
from auditdesk.rules.nc_lifecycle import NCLifecycleState as NCState  # noqa: F401
from auditdesk.rules.team import TeamRole  # noqa: F401


class Role(str, enum.Enum):
    AUDITOR = "auditor"
    LEAD = "lead"
    ADMIN = "admin"


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
    CANCELLED = "cancelled"  # a planned audit called off before it started; kept, with its reason


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


class VerificationMethod(str, enum.Enum):
    DOCUMENT_REVIEW = "document_review"
    FOLLOW_UP_VISIT = "follow_up_visit"
    NEXT_AUDIT = "next_audit"


class ChangeKind(str, enum.Enum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
