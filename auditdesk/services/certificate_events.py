"""Recording a certificate's status and scope events (suspend, restore, withdraw, ...).

The rules engine's event state machine (:mod:`auditdesk.rules.events`) decides whether the
move is legal; a refused move raises :class:`IllegalTransition` with the refusal code and the
rule behind it. Scope changes give the certificate a new revision.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
    RegulatorReport,
)
from auditdesk.rules import events as rules_events
from auditdesk.rules.status import StatusCode
from auditdesk.services.certificates import get_certificate
from auditdesk.services.errors import IllegalTransition, ValidationFailed
from auditdesk.services.programme import CertificateBreach, breaches, certificate_programme
from auditdesk.services.users import Permission, current_username, require
from auditdesk.storage.concurrency import expect_version

# The events a user records through a dialog (issue/expire/recertify come from other flows).
USER_EVENTS = (
    CertificateEventKind.SUSPEND,
    CertificateEventKind.RESTORE,
    CertificateEventKind.WITHDRAW,
    CertificateEventKind.CANCEL,
    CertificateEventKind.REDUCE_SCOPE,
    CertificateEventKind.EXTEND_SCOPE,
)
SCOPE_EVENTS = (CertificateEventKind.REDUCE_SCOPE, CertificateEventKind.EXTEND_SCOPE)


def check_event(
    session: Session, cert: Certificate, kind: CertificateEventKind, on: dt.date | None = None
) -> rules_events.Transition:
    """Whether ``kind`` may be recorded on ``on`` (today by default) without recording it: the
    UI greys out refused ones. Whether an expired certificate is still restorable is judged by
    the rule set in force on that date (DOMAIN §3)."""
    state = rules_events.CertificateState(cert.status.value)
    restorable = False
    if state is rules_events.CertificateState.EXPIRED and kind is CertificateEventKind.RESTORE:
        status = certificate_programme(session, cert.id, on).status
        restorable = status.code is StatusCode.RESTORABLE
    return rules_events.check_event(
        state, rules_events.CertificateEvent(kind.value), restorable=restorable
    )


def record_event(
    session: Session,
    cert_id: uuid.UUID,
    kind: CertificateEventKind,
    on: dt.date,
    reason: str,
    scope_after: str | None = None,
    *,
    expected_version: int | None = None,
) -> CertificateEvent:
    """Record a status or scope event. ``expected_version``: the version of the certificate
    the dialog showed; when someone else changed it since, the save raises ``Conflict``
    (a scope typed over an old scope never overwrites theirs silently)."""
    require(session, Permission.EDIT_REGISTERS)
    cert = get_certificate(session, cert_id)
    if expected_version is not None:
        expect_version(session, Certificate, cert_id, expected_version)
    errors: dict[str, str] = {}
    if kind not in USER_EVENTS:
        errors["kind"] = "not_a_user_event"
    if not reason.strip():
        errors["reason"] = "required"
    if on < cert.issue_date:
        errors["date"] = "before_issue"
    if kind in SCOPE_EVENTS and not (scope_after or "").strip():
        errors["scope_after"] = "required"
    if errors:
        raise ValidationFailed(f"certificate {cert.number} {kind.value}: {errors}", errors)
    transition = check_event(session, cert, kind, on)
    if not transition.allowed:
        raise IllegalTransition(
            f"certificate {cert.number}: {kind.value} refused ({transition.reason})",
            reason=transition.reason,
            rule=transition.basis.rule_id,
            clause=transition.basis.clause,
        )
    event = CertificateEvent(
        certificate_id=cert.id,
        kind=kind,
        event_date=on,
        reason=reason.strip(),
        by_user=current_username(session),
        revision=cert.revision,
    )
    if kind in SCOPE_EVENTS:
        cert.revision += 1
        event.revision = cert.revision
        event.scope_before = cert.scope_zh
        event.scope_after = (scope_after or "").strip()
        cert.scope_zh = event.scope_after
    new_state = CertificateStatus(transition.state.value)
    if new_state != cert.status:
        cert.status = new_state
        cert.status_date = on
        cert.status_reason = reason.strip()
    session.add(event)
    session.flush()
    return event


def breach_history(
    session: Session, cert_id: uuid.UUID, on: dt.date | None = None
) -> list[CertificateBreach]:
    """The certificate's late or missed surveillances of the current cycle up to ``on`` (today
    by default): the suspension and report each required (CNCA-QMS-01:2025 §5.4.1.4) and the
    suspension and the report recorded for it, if any. Part of the certificate's history next
    to its events."""
    get_certificate(session, cert_id)
    return breaches(session, on or dt.date.today(), [cert_id])


BREACH_ENTRIES = ("surveillance_1", "surveillance_2")


def record_regulator_report(
    session: Session,
    cert_id: uuid.UUID,
    entry: str,
    reported_on: dt.date,
    reference: str,
    note: str = "",
    *,
    today: dt.date | None = None,
) -> RegulatorReport:
    """Record that the suspension a surveillance breach required was reported to the regulator
    on ``reported_on`` under ``reference`` (CNCA-QMS-01:2025 §5.4.1.4: "suspend and report").

    ``entry`` names the breach of the current cycle: ``surveillance_1`` or ``surveillance_2``.
    Refused (``ValidationFailed`` with field codes, nothing written): no such breach up to
    ``today``; a report date before the breach began or after today; an empty reference; a
    report already recorded for the breach (each breach is reported once). Admins only."""
    require(session, Permission.EDIT_REGISTERS)
    cert = get_certificate(session, cert_id)
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    if entry not in BREACH_ENTRIES:
        raise ValidationFailed(
            f"certificate {cert.number}: {entry!r} is not a surveillance", {"entry": "unknown"}
        )
    found = [b for b in breaches(session, today, [cert_id]) if b.breach.entry.value == entry]
    if not found:
        raise ValidationFailed(
            f"certificate {cert.number}: {entry} is not in breach", {"entry": "no_breach"}
        )
    breach = found[0]
    if not reference.strip():
        errors["reference"] = "required"
    if reported_on < breach.breach.suspension_from:
        errors["reported_on"] = "before_breach"
    elif reported_on > today:
        errors["reported_on"] = "in_future"
    cycle = breach.cycle_start or cert.cycle_start or cert.issue_date
    exists = session.scalar(
        select(RegulatorReport.id).where(
            RegulatorReport.certificate_id == cert.id,
            RegulatorReport.cycle_start == cycle,
            RegulatorReport.entry == entry,
        )
    )
    if exists is not None:
        errors["entry"] = "already_reported"
    if errors:
        raise ValidationFailed(f"certificate {cert.number} report of {entry}: {errors}", errors)
    report = RegulatorReport(
        certificate_id=cert.id,
        cycle_start=cycle,
        entry=entry,
        reported_on=reported_on,
        reference=reference.strip(),
        note=note.strip(),
        by_user=current_username(session),
    )
    session.add(report)
    session.flush()
    return report
