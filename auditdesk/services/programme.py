"""The audit programme and status of certificates, computed by the rules from database facts.

The rules engine (``auditdesk.rules``) works on small fact records; this module gathers
those facts with a handful of set-based queries — never one query per certificate — so the
GUI, the dashboard and the schedule export can evaluate every certificate at once.

Rule tables come from ``resources/rules`` with an admin's corrections (``RuleSetRecord``
rows) on top; CB settings are ``CBSetting`` rows over the rules' defaults.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, String, func, select, type_coerce
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
from auditdesk.rules.programme import Breach, CycleFacts, Programme, audit_programme
from auditdesk.rules.programme import breaches as rules_breaches
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
    # The certificate id as ``stored(Certificate.id)`` reads it (text on SQLite, a UUID on
    # PostgreSQL): callers join their own ``stored(...)`` reads on it without building UUIDs.
    key: Any = field(default=None, compare=False, repr=False)


def stored(column: Any) -> Any:
    """A column read as what the database stores, without SQLAlchemy's result processing.

    The fact queries return ~60 000 rows for a CB's register; converting each stored id into a
    ``uuid.UUID``, each date text through the SQLite date processor and each enum code through
    the Enum type was most of the gathering cost. Ids stay text (they only join the queries in
    Python), dates are parsed by :func:`_day_reader`, enum codes compared as text. On PostgreSQL
    the driver still returns ``date`` (and ``UUID``) objects: both are handled."""
    return type_coerce(column, String)


def stored_rows(session: Session, stmt: Select[Any]) -> list[Any]:
    """The rows of ``stmt``, whose columns are all read as stored (:func:`stored`, or plain text
    and number columns), straight from the DB-API cursor of the session's connection, in the
    session's transaction: plain tuples, no ``Row`` objects. Such columns have no result
    processing, so the values are what ``session.execute`` would give; building 100 000 rows
    was ~40 % of reading them. Pending changes are flushed first, as ``session.execute`` does."""
    if session.autoflush:
        session.flush()
    result = session.connection().execute(stmt)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def _day_reader() -> Callable[[Any], dt.date | None]:
    """Stored date → ``date``: SQLite gives ISO text (parsed with ``date.fromisoformat``, as
    SQLAlchemy's SQLite date type does), PostgreSQL a ``date``. Many certificates share a date,
    so texts are parsed once per call (the memo lives only as long as the call)."""
    memo: dict[str, dt.date] = {}

    def day(value: Any) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        found = memo.get(value)
        if found is None:
            found = memo[value] = dt.date.fromisoformat(value)
        return found

    return day


@contextlib.contextmanager
def bulk_evaluation() -> Iterator[None]:
    """Pause the cyclic garbage collector while a register's programmes are built.

    Evaluating 15 000 certificates allocates ~200 000 small objects that all survive; each
    allocation burst triggers collections, including several full ones over the whole heap,
    which found nothing (the results hold no reference cycles) and cost as much as the
    evaluation itself. Memory is still freed by reference counting; the collector is switched
    back on at the end (only if it was on: nested and concurrent uses leave it as found)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_DONE_CODES = tuple(s.value for s in _DONE)
_S1, _S2, _RC = (
    AuditType.SURVEILLANCE_1.value,
    AuditType.SURVEILLANCE_2.value,
    AuditType.RECERTIFICATION.value,
)
_SUSPEND, _RESTORE, _WITHDRAW, _CANCEL = (
    CertificateEventKind.SUSPEND.value,
    CertificateEventKind.RESTORE.value,
    CertificateEventKind.WITHDRAW.value,
    CertificateEventKind.CANCEL.value,
)

# (certificate id, number, standard code, issue, cycle start, expiry, decision, rule set id)
_CertRow = tuple[Any, str, str, dt.date, dt.date | None, dt.date, dt.date | None, str | None]


def _cert_rows(
    session: Session, ids: list[uuid.UUID] | None, day: Callable[[Any], Any]
) -> list[_CertRow]:
    stmt = (
        select(
            stored(Certificate.id),
            Certificate.number,
            Standard.code,
            stored(Certificate.issue_date),
            stored(Certificate.cycle_start),
            stored(Certificate.expiry_date),
            stored(Certificate.decision_date),
            Certificate.rule_set_id,
        )
        .join(Standard, Certificate.standard_id == Standard.id)
        .where(Certificate.archived.is_(False))
    )
    if ids is not None:
        stmt = stmt.where(Certificate.id.in_(ids))
    return [
        (cid, number, code, day(issue), day(cycle), day(expiry), day(decision), rs_id)
        for cid, number, code, issue, cycle, expiry, decision, rs_id in stored_rows(session, stmt)
    ]


def _done_dates(
    session: Session, ids: list[uuid.UUID] | None, day: Callable[[Any], Any]
) -> dict[Any, list[tuple[str, dt.date]]]:
    """Completed cycle audits per certificate: (audit type code, last on-site day)."""
    stmt = (
        select(
            stored(audit_certificate.c.certificate_id),
            stored(Audit.audit_type),
            stored(func.coalesce(Audit.end_date, Audit.start_date)),
        )
        .join(Audit, Audit.id == audit_certificate.c.audit_id)
        .where(
            Audit.status.in_(_DONE), Audit.audit_type.in_(_CYCLE_AUDITS), Audit.archived.is_(False)
        )
    )
    if ids is not None:
        stmt = stmt.where(audit_certificate.c.certificate_id.in_(ids))
    out: dict[Any, list[tuple[str, dt.date]]] = {}
    for cert_id, audit_type, on_site in stored_rows(session, stmt):
        if on_site is not None:
            found = out.get(cert_id)
            if found is None:
                out[cert_id] = [(audit_type, day(on_site))]
            else:
                found.append((audit_type, day(on_site)))
    return out


def _events(
    session: Session, ids: list[uuid.UUID] | None, day: Callable[[Any], Any]
) -> dict[Any, list[tuple[str, dt.date]]]:
    kinds = (
        CertificateEventKind.SUSPEND,
        CertificateEventKind.RESTORE,
        CertificateEventKind.WITHDRAW,
        CertificateEventKind.CANCEL,
    )
    stmt = (
        select(
            stored(CertificateEvent.certificate_id),
            stored(CertificateEvent.kind),
            stored(CertificateEvent.event_date),
        )
        .where(CertificateEvent.kind.in_(kinds))
        .order_by(CertificateEvent.event_date, CertificateEvent.created_at)
    )
    if ids is not None:
        stmt = stmt.where(CertificateEvent.certificate_id.in_(ids))
    out: dict[Any, list[tuple[str, dt.date]]] = {}
    for cert_id, kind, event_date in stored_rows(session, stmt):
        out.setdefault(cert_id, []).append((kind, day(event_date)))
    return out


def _facts(
    row: _CertRow,
    rs: RuleSet,
    done: list[tuple[str, dt.date]] | None,
    events: list[tuple[str, dt.date]] | None,
    later: tuple[tuple[dt.date, RuleSet], ...] = (),
    override: bool = False,
) -> CycleFacts:
    cycle_start = row[4] or row[3]
    s1 = s2 = rc = None
    if done:
        for audit_type, day in done:
            # Only audits of the current cycle count (after the cycle's certificate was issued);
            # of several, the earliest.
            if day > cycle_start:
                if audit_type == _S1:
                    if s1 is None or day < s1:
                        s1 = day
                elif audit_type == _S2:
                    if s2 is None or day < s2:
                        s2 = day
                elif audit_type == _RC and (rc is None or day < rc):
                    rc = day
            elif day == cycle_start and audit_type == _RC and (rc is None or day < rc):
                rc = day
    suspended_on = restored_on = withdrawn_on = cancelled_on = None
    if events:
        for kind, day in events:
            if day < cycle_start:
                continue
            if kind == _SUSPEND:
                suspended_on, restored_on = day, None
            elif kind == _RESTORE:
                restored_on = day
            elif kind == _WITHDRAW:
                withdrawn_on = day
            elif kind == _CANCEL:
                cancelled_on = day
    return CycleFacts(
        rs,
        cycle_start,
        row[5],
        row[6],
        s1,
        s2,
        rc,
        suspended_on,
        restored_on,
        withdrawn_on,
        cancelled_on,
        later,
        override,
    )


def programmes(
    session: Session, on: dt.date, certificate_ids: Iterable[uuid.UUID] | None = None
) -> list[CertificateProgramme]:
    """Programme and status of the given certificates (all active ones by default) on ``on``."""
    ids = list(certificate_ids) if certificate_ids is not None else None
    with bulk_evaluation():
        return _programmes(session, on, ids)


def _programmes(
    session: Session, on: dt.date, ids: list[uuid.UUID] | None
) -> list[CertificateProgramme]:
    day = _day_reader()
    rows = _cert_rows(session, ids, day)
    done = _done_dates(session, ids, day)
    events = _events(session, ids, day)
    book = rule_book(session)
    settings = cb_settings(session)
    result = []
    # Resolving a rule set parses the standard's code; thousands of certificates share a few
    # standards and issue dates, so each standard's scheme and each combination is resolved once.
    schemes: dict[str, str] = {}
    resolved: dict[
        tuple[str, dt.date, str | None], tuple[RuleSet, tuple[tuple[dt.date, RuleSet], ...]]
    ] = {}
    done_get, events_get = done.get, events.get
    for row in rows:
        cert_id, number, standard_code, issue, cycle_start, _expiry, _decision, rule_set_id = row
        key = (standard_code, cycle_start or issue, rule_set_id)
        timeline = resolved.get(key)
        if timeline is None:
            scheme = schemes.get(standard_code)
            if scheme is None:
                scheme = schemes[standard_code] = book.scheme_of(standard_code)
            # The rule set in force on the cycle's issue date and those taking over later
            # (DOMAIN §3: the rule set follows the activity's date); a certificate's own rule
            # set is an admin's override for the whole cycle.
            timeline = resolved[key] = book.timeline(scheme, key[1], rule_set_id)
        rs, later = timeline
        facts = _facts(row, rs, done_get(cert_id), events_get(cert_id), later, bool(rule_set_id))
        prog = audit_programme(facts, on, settings)
        status = certificate_status(facts, on, settings, programme=prog)
        result.append(
            CertificateProgramme(
                cert_id if isinstance(cert_id, uuid.UUID) else uuid.UUID(cert_id),
                number,
                rs,
                facts,
                prog,
                status,
                cert_id,
            )
        )
    return result


def certificate_programme(
    session: Session, certificate_id: uuid.UUID, on: dt.date | None = None
) -> CertificateProgramme:
    """One certificate's programme and status (today by default)."""
    from auditdesk.services.errors import NotFound

    found = programmes(session, on or dt.date.today(), [certificate_id])
    if not found:
        raise NotFound(f"no certificate {certificate_id}", id=str(certificate_id))
    return found[0]


@dataclass(frozen=True, slots=True)
class RegulatorReportRecord:
    """How the report to the regulator a breach required is on record.

    ``source``: ``recorded`` (an admin recorded "reported on DATE (reference)",
    :func:`auditdesk.services.certificate_events.record_regulator_report`) or ``cnca_monthly``
    (the certificate's row, carrying its suspended status, went out in a CNCA monthly upload
    file written after the suspension was recorded and before any later restore: ``reference``
    is that file's month, ``reported_on`` the day the file was written)."""

    reported_on: dt.date
    reference: str
    source: str


@dataclass(frozen=True, slots=True)
class CertificateBreach:
    """A late or missed surveillance of one certificate (DOMAIN §3, CNCA-QMS-01:2025 §5.4.1.4)
    and whether the suspension and the report to the regulator it required are on record.

    ``suspension_recorded_on``: the date of a recorded suspension inside the breach (from the day
    after the latest date to the audit, or to ``on`` while it is still missed), else None.
    ``report``: the report recorded for the breach, else None. The breach is handled only when
    both are on record (issue 16 point 2)."""

    certificate_id: uuid.UUID
    number: str
    breach: Breach
    suspension_recorded_on: dt.date | None
    report: RegulatorReportRecord | None = None
    cycle_start: dt.date | None = None

    @property
    def report_recorded(self) -> bool:
        return self.report is not None

    @property
    def handled(self) -> bool:
        return self.suspension_recorded_on is not None and self.report is not None


def breaches(
    session: Session,
    on: dt.date,
    certificate_ids: Iterable[uuid.UUID] | None = None,
    evaluated: list[CertificateProgramme] | None = None,
) -> list[CertificateBreach]:
    """Late and missed surveillances of the current cycles up to ``on`` (all active
    certificates by default), with the suspension and the report recorded for each, if any.
    ``evaluated``: the :func:`programmes` of those certificates on ``on`` when the caller has
    them already."""
    ids = list(certificate_ids) if certificate_ids is not None else None
    with bulk_evaluation():
        found = evaluated if evaluated is not None else _programmes(session, on, ids)
        candidates = [(cp, b) for cp in found for b in rules_breaches(cp.facts, cp.programme)]
        if not candidates:
            return []
        events = _events(session, ids, _day_reader())
    suspensions: list[tuple[CertificateProgramme, Breach, dt.date | None]] = []
    for cp, b in candidates:
        end = b.done_date or on
        recorded = None
        for kind, day in events.get(cp.key, ()):
            if kind == _SUSPEND and b.suspension_from <= day <= end:
                recorded = day
                break
        if recorded is None and b.done_date is None:
            # still missed: a suspension recorded before the breach and still running counts
            s = cp.facts.suspended_on
            if (
                s is not None
                and s <= on
                and not (cp.facts.restored_on is not None and s <= cp.facts.restored_on <= on)
            ):
                recorded = s
        suspensions.append((cp, b, recorded))
    cert_ids = list({cp.certificate_id for cp, _b in candidates})
    reports = _recorded_reports(session, cert_ids, on)
    monthly = _monthly_reports(
        session, [(cp.certificate_id, s) for cp, _b, s in suspensions if s is not None], on
    )
    out = []
    for cp, b, recorded in suspensions:
        cycle = cp.facts.issue_date
        report = reports.get((cp.certificate_id, cycle, b.entry.value))
        if report is None and recorded is not None:
            report = monthly.get((cp.certificate_id, recorded))
        out.append(CertificateBreach(cp.certificate_id, cp.number, b, recorded, report, cycle))
    return out


def _in_chunks(values: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _recorded_reports(
    session: Session, cert_ids: list[uuid.UUID], on: dt.date
) -> dict[tuple[uuid.UUID, dt.date, str], RegulatorReportRecord]:
    from auditdesk.model import RegulatorReport

    out: dict[tuple[uuid.UUID, dt.date, str], RegulatorReportRecord] = {}
    for chunk in _in_chunks(cert_ids):
        stmt = select(RegulatorReport).where(
            RegulatorReport.certificate_id.in_(chunk), RegulatorReport.reported_on <= on
        )
        for r in session.scalars(stmt):
            out[(r.certificate_id, r.cycle_start, r.entry)] = RegulatorReportRecord(
                r.reported_on, r.reference, "recorded"
            )
    return out


def _monthly_reports(
    session: Session, suspended: list[tuple[uuid.UUID, dt.date]], on: dt.date
) -> dict[tuple[uuid.UUID, dt.date], RegulatorReportRecord]:
    """Suspensions that went out in a CNCA monthly upload file: the certificate's row was
    written (``CncaReported``, sheet ``certificate``) after the suspension event was recorded and
    before a later restore was recorded, so the file carried the suspended status."""
    from auditdesk.model import CncaReported

    if not suspended:
        return {}
    wanted = {cid for cid, _day in suspended}
    recorded_at: dict[uuid.UUID, list[tuple[str, dt.date, dt.datetime]]] = {}
    rows: dict[uuid.UUID, list[tuple[dt.datetime, str]]] = {}
    for chunk in _in_chunks(list(wanted)):
        stmt = select(
            CertificateEvent.certificate_id,
            CertificateEvent.kind,
            CertificateEvent.event_date,
            CertificateEvent.created_at,
        ).where(
            CertificateEvent.certificate_id.in_(chunk),
            CertificateEvent.kind.in_((CertificateEventKind.SUSPEND, CertificateEventKind.RESTORE)),
        )
        for cid, kind, day, created in session.execute(stmt):
            recorded_at.setdefault(cid, []).append((kind.value, day, created))
        stmt2 = select(CncaReported.entity_id, CncaReported.reported_at, CncaReported.month).where(
            CncaReported.sheet == "certificate", CncaReported.entity_id.in_(chunk)
        )
        for cid, at, month in session.execute(stmt2):
            rows.setdefault(cid, []).append((at, month))
    out: dict[tuple[uuid.UUID, dt.date], RegulatorReportRecord] = {}
    for cid, day in suspended:
        evs = sorted(recorded_at.get(cid, ()), key=lambda e: e[2])
        found = [c for k, d, c in evs if k == _SUSPEND and d == day]
        if not found:
            continue
        created = found[0]
        restored = next((c for k, _d, c in evs if k == _RESTORE and c > created), None)
        for at, month in sorted(rows.get(cid, ())):
            if at >= created and (restored is None or at < restored) and at.date() <= on:
                out[(cid, day)] = RegulatorReportRecord(at.date(), month, "cnca_monthly")
                break
    return out


def save_rule_set_correction(
    session: Session, rule_set_id: str, fields: dict[str, Any], note: str = ""
) -> RuleSet:
    """Store an admin's correction of one rule set (DOMAIN [check] rules), e.g. the dates a rule
    text comes into force or is abolished: ``{"in_force_from": "2026-01-01"}``. Fields merge
    with an earlier correction; the whole rule book must still load (a bad value raises
    ``ValidationFailed`` naming the field, and nothing is written). A new id adds a rule set."""
    from auditdesk.rules.rulesets import RuleSetDataError
    from auditdesk.services.errors import ValidationFailed
    from auditdesk.services.users import Permission, require

    require(session, Permission.EDIT_SETTINGS)
    if not rule_set_id.strip():
        raise ValidationFailed("rule set: an id is required", {"rule_set_id": "required"})
    unknown = sorted(set(fields) - set(RuleSet.__dataclass_fields__) - {"id"})
    if unknown:
        raise ValidationFailed(
            f"rule set {rule_set_id}: unknown field(s) {', '.join(unknown)}",
            dict.fromkeys(unknown, "unknown"),
        )
    record = session.scalars(
        select(RuleSetRecord).where(RuleSetRecord.rule_set_id == rule_set_id)
    ).one_or_none()
    merged = {**(record.data if record is not None else {}), **fields}
    others = {
        r.rule_set_id: r.data
        for r in session.scalars(select(RuleSetRecord))
        if r.rule_set_id != rule_set_id
    }
    try:
        book = builtin_rule_data().rule_book.with_overrides({**others, rule_set_id: merged})
    except RuleSetDataError as exc:
        field_name = next((f for f in fields if f in str(exc)), "data")
        raise ValidationFailed(f"rule set {rule_set_id}: {exc}", {field_name: "invalid"}) from exc
    if record is None:
        session.add(RuleSetRecord(rule_set_id=rule_set_id, data=merged, note=note))
    else:
        record.data = merged
        if note:
            record.note = note
    session.flush()
    return book.get(rule_set_id)
