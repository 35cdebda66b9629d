"""The monthly CNCA upload (认证认可业务信息统一上报平台, DOMAIN.md §10): what belongs to a month,
what was reported when, the plan numbering of the 2021 notice, and the deadline.

A month's file holds, for each sheet, the records of that month that are not yet reported in
their current state, and every record reported before whose state changed since ("what
changed since"). The state of a record is a *stamp*: a hash of the versions of the records its
row is built from (audit, organisation, team members and their auditors, certificate ...), so a
change to any of them re-reports the row. :func:`record_reported` stores the stamps of the rows
of a written file (table ``cnca_reported``).

Data the sheets need that the core records lack: auditor 证件号码 (``set_auditor_id_document``,
checked with :mod:`auditdesk.rules.id_documents`), accreditation marks and EnMS energy
performance per certificate (``set_certificate_reporting``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from auditdesk.model import (
    Audit,
    Auditor,
    AuditSite,
    AuditStatus,
    AuditTeamMember,
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateReporting,
    CncaReported,
    utcnow,
)
from auditdesk.rules import id_documents
from auditdesk.rules.settings import CBSettings
from auditdesk.services.errors import NotFound, ValidationFailed
from auditdesk.services.users import Permission, current_username, require

PLAN = "plan"
CERTIFICATE = "certificate"
RESULT = "result"
ENERGY = "energy"
SHEETS = (PLAN, CERTIFICATE, RESULT, ENERGY)

# Certificate change codes (the certificate sheet's change column, see the layout file).
NEW = "new"
CHANGED = "changed"
SUSPENDED = "suspended"
WITHDRAWN = "withdrawn"
CANCELLED = "cancelled"
RESTORED = "restored"

_EVENT_CHANGE = {
    CertificateEventKind.ISSUE: NEW,
    CertificateEventKind.TRANSFER: NEW,
    CertificateEventKind.RECERTIFY: CHANGED,
    CertificateEventKind.REDUCE_SCOPE: CHANGED,
    CertificateEventKind.EXTEND_SCOPE: CHANGED,
    CertificateEventKind.SUSPEND: SUSPENDED,
    CertificateEventKind.RESTORE: RESTORED,
    CertificateEventKind.WITHDRAW: WITHDRAWN,
    CertificateEventKind.CANCEL: CANCELLED,
}
RESULT_STATUSES = (AuditStatus.COMPLETED, AuditStatus.REPORT_ISSUED)
ENMS_SCHEMES = frozenset({"ENMS", "EnMS"})


@dataclass(frozen=True, slots=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        m = re.fullmatch(r"(\d{4})-(\d{2})", (text or "").strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise ValidationFailed(f"month: '{text}' is not YYYY-MM", {"month": "invalid"})
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    @property
    def previous(self) -> Month:
        return Month(self.year - (1 if self.month == 1 else 0), (self.month - 2) % 12 + 1)

    @property
    def last(self) -> dt.date:
        return self.next.first - dt.timedelta(days=1)

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.first <= day <= self.last

    def due(self, settings: CBSettings) -> dt.date:
        """No later than the given day of the next month; no extension for holidays."""
        return self.next.first.replace(day=settings.monthly_report_day)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class MonthSelection:
    month: Month
    plans: list[Audit] = field(default_factory=list)
    certificates: list[tuple[Certificate, str]] = field(default_factory=list)
    results: list[Audit] = field(default_factory=list)
    energy: list[Certificate] = field(default_factory=list)
    # (sheet, entity id) -> stamp of the state written
    stamps: dict[tuple[str, uuid.UUID], str] = field(default_factory=dict)
    # certificate ids reported in an earlier file (a result may lean on those)
    reported_certificates: set[uuid.UUID] = field(default_factory=set)

    def counts(self) -> dict[str, int]:
        return {
            PLAN: len(self.plans),
            CERTIFICATE: len(self.certificates),
            RESULT: len(self.results),
            ENERGY: len(self.energy),
        }


@dataclass(frozen=True, slots=True)
class DueSummary:
    month: str
    due: dt.date
    overdue: bool
    plans: int
    certificates: int
    results: int
    energy: int

    @property
    def pending(self) -> int:
        return self.plans + self.certificates + self.results + self.energy


# --- plan numbering (市监认证(司)函〔2021〕102号) --------------------------------------------------


def plan_number_prefix(settings: CBSettings) -> str:
    """``R`` + ``0`` + last 3 digits of the approval number + 2-digit branch code (domestic CB);
    ``RF`` + ``0`` + last 2 digits + branch (foreign-invested CB). "" when no approval number."""
    digits = "".join(c for c in settings.cnca_approval_no if c.isdigit())
    if len(digits) < 3:
        return ""
    branch = settings.cnca_branch_code.upper()
    if settings.cnca_foreign_cb:
        return f"RF0{digits[-2:]}{branch}"
    return f"R0{digits[-3:]}{branch}"


def plan_number(settings: CBSettings, audit: Audit) -> str:
    """The 7-character prefix, then the CB's own sequence: the audit number without
    punctuation (2026-0031 -> 20260031)."""
    prefix = plan_number_prefix(settings)
    if not prefix:
        return ""
    return prefix + re.sub(r"[^0-9A-Za-z]", "", audit.number).upper()


# --- data the sheets need ------------------------------------------------------------------


def set_auditor_id_document(
    session: Session, auditor_id: uuid.UUID, doc_type: str, number: str
) -> Auditor:
    """Store an auditor's 证件号码, normalised; an invalid number is refused (nothing written)."""
    require(session, Permission.EDIT_REGISTERS)
    auditor = session.get(Auditor, auditor_id)
    if auditor is None:
        raise NotFound(f"no auditor {auditor_id}", id=str(auditor_id))
    value = id_documents.normalise(number)
    if value:
        code = id_documents.problem(doc_type, value)
        if code is not None:
            raise ValidationFailed(f"id_doc_no: {code}", {"id_doc_no": code})
    elif doc_type not in id_documents.TYPES:
        raise ValidationFailed("id_doc_type: unknown", {"id_doc_type": id_documents.BAD_TYPE})
    auditor.id_doc_type = doc_type
    auditor.id_doc_no = value
    session.flush()
    return auditor


def certificate_reporting(session: Session, certificate_id: uuid.UUID) -> CertificateReporting:
    row = session.scalar(
        select(CertificateReporting).where(CertificateReporting.certificate_id == certificate_id)
    )
    if row is None:
        row = CertificateReporting(
            certificate_id=certificate_id, accreditation_marks=[], energy_performance=[]
        )
    return row


def accreditation_marks(session: Session, cert: Certificate) -> list[str]:
    """The marks set for the certificate; unset: CNAS for an accredited certificate (the
    accreditation body of Chinese CBs), else NONE."""
    row = session.scalar(
        select(CertificateReporting).where(CertificateReporting.certificate_id == cert.id)
    )
    if row is not None and row.accreditation_marks:
        return list(row.accreditation_marks)
    return ["CNAS"] if cert.accredited else ["NONE"]


ENERGY_KEYS = ("parameter", "unit", "baseline_period", "baseline", "reporting_period", "value")


def set_certificate_reporting(
    session: Session,
    certificate_id: uuid.UUID,
    *,
    accreditation_marks: Iterable[str] | None = None,
    energy_performance: list[dict[str, Any]] | None = None,
) -> CertificateReporting:
    require(session, Permission.EDIT_REGISTERS)
    if session.get(Certificate, certificate_id) is None:
        raise NotFound(f"no certificate {certificate_id}", id=str(certificate_id))
    row = certificate_reporting(session, certificate_id)
    if accreditation_marks is not None:
        marks = [m.strip().upper() for m in accreditation_marks if m and m.strip()]
        row.accreditation_marks = sorted(set(marks))
    if energy_performance is not None:
        cleaned = []
        for item in energy_performance:
            unknown = set(item) - set(ENERGY_KEYS)
            if unknown:
                raise ValidationFailed(
                    f"energy_performance: unknown keys {sorted(unknown)}",
                    {"energy_performance": "unknown_key"},
                )
            cleaned.append({k: item.get(k, "") for k in ENERGY_KEYS})
        row.energy_performance = cleaned
    if row not in session:
        session.add(row)
    session.flush()
    return row


# --- what a month holds --------------------------------------------------------------------


def _hash(parts: Iterable[Any]) -> str:
    text = json.dumps([str(p) for p in parts], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def plan_stamp(audit: Audit) -> str:
    parts: list[Any] = [audit.id, audit.version, audit.organisation.version]
    for m in sorted(audit.team, key=lambda m: str(m.id)):
        parts += [m.id, m.version, m.auditor.version]
    for s in sorted(audit.sites, key=lambda s: str(s.id)):
        parts += [s.id, s.version, s.site.version]
    parts += sorted(str(c.id) for c in audit.certificates)
    return _hash(parts)


def certificate_stamp(cert: Certificate, reporting: CertificateReporting | None) -> str:
    return _hash(
        [
            cert.id,
            cert.version,
            cert.organisation.version,
            cert.standard.version,
            reporting.version if reporting is not None and reporting.id else "",
            json.dumps(reporting.accreditation_marks if reporting else [], ensure_ascii=False),
        ]
    )


def result_stamp(audit: Audit) -> str:
    ncs = sorted(
        (str(n.id), n.grade.value, n.archived) for n in audit.nonconformities if not n.archived
    )
    return _hash(
        [audit.id, audit.version, *ncs, *sorted(f"{c.id}:{c.version}" for c in audit.certificates)]
    )


def energy_stamp(reporting: CertificateReporting) -> str:
    return _hash([reporting.certificate_id, json.dumps(reporting.energy_performance)])


def last_reported(session: Session) -> dict[tuple[str, uuid.UUID], str]:
    """The stamp each record was last reported with."""
    rows = session.execute(
        select(CncaReported.sheet, CncaReported.entity_id, CncaReported.fingerprint).order_by(
            CncaReported.reported_at, CncaReported.created_at
        )
    )
    return {(sheet, eid): fp for sheet, eid, fp in rows}


def is_enms(cert: Certificate) -> bool:
    return cert.standard.scheme in ENMS_SCHEMES or "50001" in cert.standard.code


def select_month(session: Session, month: Month, *, everything: bool = False) -> MonthSelection:
    """The records of ``month`` not yet reported as they are now, and records reported before
    that changed since. ``everything`` ignores what was reported (a full re-send)."""
    done = {} if everything else last_reported(session)
    sel = MonthSelection(month)
    sel.reported_certificates = {
        eid for (sheet, eid) in last_reported(session) if sheet == CERTIFICATE
    }

    def wanted(sheet: str, eid: uuid.UUID, stamp: str, in_month: bool) -> bool:
        before = done.get((sheet, eid))
        if before == stamp:
            return False
        if in_month or before is not None:
            sel.stamps[(sheet, eid)] = stamp
            return True
        return False

    audits = session.scalars(
        select(Audit)
        .where(Audit.archived.is_(False))
        .order_by(Audit.start_date, Audit.number)
        .options(
            selectinload(Audit.organisation),
            selectinload(Audit.team).selectinload(AuditTeamMember.auditor),
            selectinload(Audit.sites).selectinload(AuditSite.site),
            selectinload(Audit.certificates),
            selectinload(Audit.nonconformities),
        )
    ).all()
    for audit in audits:
        if wanted(PLAN, audit.id, plan_stamp(audit), month.contains(audit.start_date)):
            sel.plans.append(audit)
    for audit in sorted(audits, key=lambda a: (a.end_date or dt.date.min, a.number)):
        if audit.status not in RESULT_STATUSES:
            continue
        if wanted(RESULT, audit.id, result_stamp(audit), month.contains(audit.end_date)):
            sel.results.append(audit)

    events: dict[uuid.UUID, list[CertificateEvent]] = {}
    for ev in session.scalars(
        select(CertificateEvent)
        .where(
            CertificateEvent.event_date >= month.first, CertificateEvent.event_date <= month.last
        )
        .order_by(CertificateEvent.event_date, CertificateEvent.created_at)
    ):
        events.setdefault(ev.certificate_id, []).append(ev)
    reportings = {r.certificate_id: r for r in session.scalars(select(CertificateReporting))}
    certs = session.scalars(
        select(Certificate)
        .where(Certificate.archived.is_(False))
        .order_by(Certificate.number)
        .options(selectinload(Certificate.organisation), selectinload(Certificate.standard))
    ).all()
    for cert in certs:
        change = None
        for ev in events.get(cert.id, []):
            change = _EVENT_CHANGE.get(ev.kind, change)
        if change is None and month.contains(cert.issue_date):
            change = NEW
        reporting = reportings.get(cert.id)
        if wanted(CERTIFICATE, cert.id, certificate_stamp(cert, reporting), change is not None):
            if change is None:
                change = CHANGED
            elif change == NEW and done.get((CERTIFICATE, cert.id)) is not None:
                change = CHANGED
            sel.certificates.append((cert, change))
        if reporting is not None and reporting.energy_performance:
            on_sheet = any(c.id == cert.id for c, _ in sel.certificates)
            if wanted(ENERGY, cert.id, energy_stamp(reporting), on_sheet):
                sel.energy.append(cert)
    return sel


def record_reported(
    session: Session,
    selection: MonthSelection,
    *,
    file_sha256: str = "",
    written_anyway: bool = False,
) -> int:
    """Remember the rows of a written file; returns how many rows were recorded."""
    require(session, Permission.PLAN_AUDIT)
    now = utcnow()
    user = current_username(session)
    for (sheet, eid), stamp in selection.stamps.items():
        session.add(
            CncaReported(
                month=str(selection.month),
                sheet=sheet,
                entity_id=eid,
                fingerprint=stamp,
                reported_at=now,
                file_sha256=file_sha256,
                written_anyway=written_anyway,
                by_user=user,
            )
        )
    session.flush()
    return len(selection.stamps)


def reporting_due(session: Session, today: dt.date, settings: CBSettings) -> DueSummary:
    """The month whose data is due next (the previous month), with what is not yet reported:
    on 3 December, "November data due 10 December: 23 plans, 7 certificates, 12 results"."""
    month = Month.of(today).previous
    due = month.due(settings)
    sel = select_month(session, month)
    c = sel.counts()
    return DueSummary(
        month=str(month),
        due=due,
        overdue=today > due and sum(c.values()) > 0,
        plans=c[PLAN],
        certificates=c[CERTIFICATE],
        results=c[RESULT],
        energy=c[ENERGY],
    )


def due_on(session: Session, on: dt.date) -> DueSummary:
    """:func:`reporting_due` with the CB's settings (the dashboard's worker calls this)."""
    from auditdesk.services.cb_settings import current

    return reporting_due(session, on, current(session))
