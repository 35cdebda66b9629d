"""The audit programme and status of certificates, computed by the rules from database facts.

The rules engine (``auditdesk.rules``) works on small fact records; this module gathers
those facts with a handful of set-based queries — never one query per certificate — so the
GUI, the dashboard and the schedule export can evaluate every certificate at once.

Rule tables come from ``resources/rules`` with an admin's corrections (``RuleSetRecord``
rows) on top; CB settings are ``CBSetting`` rows over the rules' defaults.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from auditdesk.model import (
    Audit,
    AuditStatus,
    AuditType,
    CBSetting,
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    RuleSetRecord,
    Standard,
    audit_certificate,
)
from auditdesk.paths import resource
from auditdesk.rules.data import RuleData, load_rule_data
from auditdesk.rules.programme import CycleFacts, Programme, audit_programme
from auditdesk.rules.rulesets import RuleBook, RuleSet
from auditdesk.rules.settings import CBSettings
from auditdesk.rules.status import CertificateStatus, certificate_status

_DONE = (AuditStatus.COMPLETED, AuditStatus.REPORT_ISSUED)
_CYCLE_AUDITS = (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2, AuditType.RECERTIFICATION)


@functools.lru_cache(maxsize=1)
def builtin_rule_data() -> RuleData:
    """The rule tables shipped in resources/rules (read once per process)."""
    return load_rule_data(resource("rules"))


def rule_book(session: Session) -> RuleBook:
    """Built-in rule sets with the admin's corrections stored in the database."""
    book = builtin_rule_data().rule_book
    corrections = {r.rule_set_id: r.data for r in session.scalars(select(RuleSetRecord))}
    return book.with_overrides(corrections) if corrections else book


def cb_settings(session: Session) -> CBSettings:
    values: dict[str, Any] = {s.key: s.value for s in session.scalars(select(CBSetting))}
    known = set(CBSettings.__dataclass_fields__)
    return CBSettings.from_mapping({k: v for k, v in values.items() if k in known})


@dataclass(frozen=True, slots=True)
class CertificateProgramme:
    """One certificate's programme and status on a date, with the facts they came from."""

    certificate_id: uuid.UUID
    number: str
    rule_set: RuleSet
    facts: CycleFacts
    programme: Programme
    status: CertificateStatus


@dataclass(frozen=True, slots=True)
class _CertRow:
    id: str  # the stored id text (see _raw_id)
    number: str
    standard_code: str
    scheme: str
    issue_date: dt.date
    cycle_start: dt.date | None
    expiry_date: dt.date
    decision_date: dt.date | None
    rule_set_id: str | None


def _raw_id(column: Any) -> Any:
    """A UUID column read as its stored text: the three fact queries are joined in Python by
    certificate, and building ~45 000 UUID objects was a third of the programme's cost at a
    CB's scale. Only the certificates' own ids become UUIDs, once each."""
    return type_coerce(column, String)


def _cert_rows(session: Session, certificate_ids: Iterable[uuid.UUID] | None) -> list[_CertRow]:
    stmt = select(
        _raw_id(Certificate.id), Certificate.number, Standard.code, Standard.scheme, Certificate.issue_date,
        Certificate.cycle_start, Certificate.expiry_date, Certificate.decision_date, Certificate.rule_set_id,
    ).join(Standard, Certificate.standard_id == Standard.id).where(Certificate.archived.is_(False))
    if certificate_ids is not None:
        stmt = stmt.where(Certificate.id.in_(list(certificate_ids)))
    return [_CertRow(*row) for row in session.execute(stmt)]


def _done_dates(session: Session, ids: list[uuid.UUID] | None) -> dict[str, list[tuple[AuditType, dt.date]]]:
    stmt = (
        select(_raw_id(audit_certificate.c.certificate_id), Audit.audit_type, Audit.end_date, Audit.start_date)
        .join(Audit, Audit.id == audit_certificate.c.audit_id)
        .where(Audit.status.in_(_DONE), Audit.audit_type.in_(_CYCLE_AUDITS), Audit.archived.is_(False))
    )
    if ids is not None:
        stmt = stmt.where(audit_certificate.c.certificate_id.in_(ids))
    out: dict[str, list[tuple[AuditType, dt.date]]] = {}
    for cert_id, audit_type, end, start in session.execute(stmt):
        day = end or start
        if day is not None:
            out.setdefault(cert_id, []).append((audit_type, day))
    return out


def _events(session: Session, ids: list[uuid.UUID] | None) -> dict[str, list[tuple[CertificateEventKind, dt.date]]]:
    kinds = (CertificateEventKind.SUSPEND, CertificateEventKind.RESTORE, CertificateEventKind.WITHDRAW,
             CertificateEventKind.CANCEL)
    stmt = select(_raw_id(CertificateEvent.certificate_id), CertificateEvent.kind, CertificateEvent.event_date).where(
        CertificateEvent.kind.in_(kinds)
    ).order_by(CertificateEvent.event_date, CertificateEvent.created_at)
    if ids is not None:
        stmt = stmt.where(CertificateEvent.certificate_id.in_(ids))
    out: dict[str, list[tuple[CertificateEventKind, dt.date]]] = {}
    for cert_id, kind, day in session.execute(stmt):
        out.setdefault(cert_id, []).append((kind, day))
    return out


def _facts(row: _CertRow, rs: RuleSet, done: list[tuple[AuditType, dt.date]],
           events: list[tuple[CertificateEventKind, dt.date]]) -> CycleFacts:
    cycle_start = row.cycle_start or row.issue_date
    latest: dict[AuditType, dt.date] = {}
    for audit_type, day in done:
        # Only audits of the current cycle count (after the cycle's certificate was issued).
        if day > cycle_start or (audit_type is AuditType.RECERTIFICATION and day >= cycle_start):
            if audit_type not in latest or day < latest[audit_type]:
                latest[audit_type] = day
    suspended_on = restored_on = withdrawn_on = cancelled_on = None
    for kind, day in events:
        if day < cycle_start:
            continue
        if kind is CertificateEventKind.SUSPEND:
            suspended_on, restored_on = day, None
        elif kind is CertificateEventKind.RESTORE:
            restored_on = day
        elif kind is CertificateEventKind.WITHDRAW:
            withdrawn_on = day
        elif kind is CertificateEventKind.CANCEL:
            cancelled_on = day
    return CycleFacts(
        rule_set=rs, issue_date=cycle_start, expiry_date=row.expiry_date, decision_date=row.decision_date,
        surveillance_1_done=latest.get(AuditType.SURVEILLANCE_1),
        surveillance_2_done=latest.get(AuditType.SURVEILLANCE_2),
        recertification_done=latest.get(AuditType.RECERTIFICATION),
        suspended_on=suspended_on, restored_on=restored_on, withdrawn_on=withdrawn_on, cancelled_on=cancelled_on,
    )


def programmes(session: Session, on: dt.date, certificate_ids: Iterable[uuid.UUID] | None = None) -> list[CertificateProgramme]:
    """Programme and status of the given certificates (all active ones by default) on ``on``."""
    ids = list(certificate_ids) if certificate_ids is not None else None
    rows = _cert_rows(session, ids)
    done = _done_dates(session, ids)
    events = _events(session, ids)
    book = rule_book(session)
    settings = cb_settings(session)
    result = []
    # Resolving a rule set parses the standard's code; thousands of certificates share a few
    # standards and issue dates, so resolve each combination once.
    resolved: dict[tuple[str, dt.date, str | None], RuleSet] = {}
    for row in rows:
        key = (row.standard_code, row.cycle_start or row.issue_date, row.rule_set_id)
        rs = resolved.get(key)
        if rs is None:
            rs = resolved[key] = book.resolve(*key)
        facts = _facts(row, rs, done.get(row.id, []), events.get(row.id, []))
        prog = audit_programme(facts, on, settings)
        status = certificate_status(facts, on, settings, programme=prog)
        result.append(CertificateProgramme(uuid.UUID(str(row.id)), row.number, rs, facts, prog, status))
    return result


def certificate_programme(session: Session, certificate_id: uuid.UUID, on: dt.date | None = None) -> CertificateProgramme:
    """One certificate's programme and status (today by default)."""
    from auditdesk.services.errors import NotFound

    found = programmes(session, on or dt.date.today(), [certificate_id])
    if not found:
        raise NotFound(f"no certificate {certificate_id}", id=str(certificate_id))
    return found[0]
