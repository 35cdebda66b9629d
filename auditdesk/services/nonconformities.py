"""Nonconformities: raising, the lifecycle with its history, and re-verification of previous NCs
at the next audit (DOMAIN §4, issue 6). Deadlines, overdue flags and certificates at risk live in
:mod:`auditdesk.services.nc_schedule` and are re-exported here.

Every lifecycle step goes through :func:`_apply`: the role check (``services.users.require``
with the permission of the action in ``rules.nc_lifecycle.ACTIONS``), the state machine, the
action's required fields, then an ``NCTransition`` row with who and when. Refusals raise
``PermissionDenied`` (names the role needed), ``IllegalTransition`` (``details["reason"]`` is the
state machine's reason code) or ``ValidationFailed`` (field -> code).

Resolved ambiguities:
- Previous NCs of an audit: NCs of earlier audits of the same certificate(s) that are still open,
  or were closed after the last day of the previous audit, and were not re-verified at another
  audit. Each is re-verified once, at the next audit; the record names that audit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Attachment,
    Audit,
    Clause,
    EvidenceItem,
    NCGrade,
    NCState,
    NCTransition,
    Nonconformity,
    VerificationMethod,
    audit_certificate,
    utcnow,
)
from auditdesk.model.sync import SyncWitness
from auditdesk.rules import nc_lifecycle
from auditdesk.services.audits import ensure_unlocked, get_audit
from auditdesk.services.errors import IllegalTransition, Locked, NotFound, ValidationFailed
from auditdesk.services.nc_schedule import (
    AWAITING_RESPONSE,
    AWAITING_VERIFICATION,
    OPEN_STATES,
    CertificateAtRisk,
    Overdue,
    OverdueNC,
    ProposedAction,
    audit_kind,
    certificate_risk,
    certificates_at_risk,
    deadlines,
    overdue_condition,
    overdue_flags,
    proposed_action,
    set_deadlines,
)
from auditdesk.services.users import Permission, current_user, require
from auditdesk.storage.concurrency import expect_version

__all__ = [
    "AWAITING_RESPONSE",
    "AWAITING_VERIFICATION",
    "OPEN_STATES",
    "CertificateAtRisk",
    "NCDraft",
    "NCResponse",
    "Overdue",
    "OverdueNC",
    "ProposedAction",
    "Verification",
    "accept_response",
    "add_response_attachment",
    "audit_kind",
    "certificate_risk",
    "certificates_at_risk",
    "close_nc",
    "count_by_state",
    "deadlines",
    "edit_draft",
    "find_nc",
    "get_nc",
    "history",
    "issue_nc",
    "ncs_of_audit",
    "next_nc_number",
    "overdue_condition",
    "overdue_flags",
    "previous_ncs",
    "proposed_action",
    "raise_nc",
    "record_response",
    "record_reverification",
    "reject_response",
    "reopen_nc",
    "response_attachments",
    "verify_nc",
]

# ---------------------------------------------------------------- raising and editing drafts


@dataclass
class NCDraft:
    audit_id: uuid.UUID
    clause_id: uuid.UUID | None
    grade: NCGrade
    requirement: str  # standard + clause and what it requires
    evidence_text: str  # what was seen, where, record ids
    reason: str  # why it does not conform
    evidence_ids: list[uuid.UUID] = field(default_factory=list)
    department: str = ""  # the department audited (empty: the NC form takes its evidence's)


def get_nc(session: Session, nc_id: uuid.UUID) -> Nonconformity:
    nc = session.get(Nonconformity, nc_id)
    if nc is None:
        raise NotFound(f"no nonconformity {nc_id}", id=str(nc_id))
    return nc


def find_nc(session: Session, number_or_id: str) -> Nonconformity:
    nc = session.scalar(select(Nonconformity).where(Nonconformity.number == number_or_id.strip()))
    if nc is None:
        try:
            nc = session.get(Nonconformity, uuid.UUID(number_or_id))
        except ValueError:
            nc = None
    if nc is None:
        raise NotFound(f"no nonconformity '{number_or_id}'", id=number_or_id)
    return nc


def next_nc_number(session: Session, audit: Audit, also_taken: Collection[str] = ()) -> str:
    """``NC-<audit number>-NN``, sequential within the audit (``NC-2027-0012-03``).

    ``also_taken``: numbers not in the database yet but spoken for (a package being merged)."""
    prefix = f"NC-{audit.number}-"
    numbers = [
        *session.scalars(
            select(Nonconformity.number).where(Nonconformity.number.like(prefix + "%"))
        ),
        *(n for n in also_taken if n.startswith(prefix)),
    ]
    taken = [int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()]
    return f"{prefix}{max(taken, default=0) + 1:02d}"


def _check_statement(session: Session, audit: Audit, data: NCDraft) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name in ("requirement", "evidence_text", "reason"):
        if not str(getattr(data, name) or "").strip():
            errors[name] = "required"
    if not isinstance(data.grade, NCGrade):
        try:
            data.grade = NCGrade(data.grade)
        except ValueError:
            errors["grade"] = "unknown_grade"
    if not data.evidence_ids:
        errors["evidence"] = "at_least_one"
    else:
        items = [session.get(EvidenceItem, eid) for eid in data.evidence_ids]
        if any(e is None or e.audit_id != audit.id for e in items):
            errors["evidence"] = "not_in_audit"
    if data.clause_id is not None:
        clause = session.get(Clause, data.clause_id)
        standard_ids = {c.standard_id for c in audit.certificates}
        if clause is None:
            errors["clause"] = "not_found"
        elif standard_ids and clause.standard_id not in standard_ids:
            errors["clause"] = "not_in_audit_standards"
    return errors


def raise_nc(session: Session, data: NCDraft, on: dt.date | None = None) -> Nonconformity:
    """A new draft NC on a clause of an audit, linked to at least one evidence item."""
    user = require(session, Permission.EDIT_DRAFT_NC)
    audit = get_audit(session, data.audit_id)
    ensure_unlocked(audit)
    ensure_not_history(session, audit)
    errors = _check_statement(session, audit, data)
    if errors:
        raise ValidationFailed(f"nonconformity: {errors}", errors)
    nc = Nonconformity(
        audit_id=audit.id,
        clause_id=data.clause_id,
        number=next_nc_number(session, audit),
        grade=data.grade,
        state=NCState.DRAFT,
        requirement=data.requirement.strip(),
        evidence_text=data.evidence_text.strip(),
        reason=data.reason.strip(),
        raised_by=user.username,
        department=data.department.strip()[:200],
    )
    nc.evidence = [session.get(EvidenceItem, eid) for eid in data.evidence_ids]  # type: ignore[misc]
    session.add(nc)
    session.flush()
    set_deadlines(session, nc, on or dt.date.today())
    _record(session, nc, nc_lifecycle.RAISE, None, NCState.DRAFT, user.username, "")
    return nc


def edit_draft(
    session: Session,
    nc_id: uuid.UUID,
    data: NCDraft,
    *,
    expected_version: int | None = None,
) -> Nonconformity:
    """Replace a draft's grade, clause, statement and evidence links.

    ``expected_version``: the version the NC dialog showed (a second writer gets ``Conflict``).
    """
    if expected_version is not None:
        expect_version(session, Nonconformity, nc_id, expected_version)
    require(session, Permission.EDIT_DRAFT_NC)
    nc = get_nc(session, nc_id)
    audit = nc.audit
    ensure_unlocked(audit)
    ensure_not_history(session, audit)
    errors = _check_statement(session, audit, data)
    if errors:
        raise ValidationFailed(f"nonconformity {nc.number}: {errors}", errors)

    def change(nc: Nonconformity) -> None:
        nc.grade, nc.clause_id = data.grade, data.clause_id
        nc.requirement, nc.evidence_text = data.requirement.strip(), data.evidence_text.strip()
        nc.reason = data.reason.strip()
        if data.department.strip():  # the NC dialog does not edit it: empty keeps it
            nc.department = data.department.strip()[:200]
        nc.evidence = [session.get(EvidenceItem, eid) for eid in data.evidence_ids]  # type: ignore[misc]

    values = {
        "requirement": data.requirement,
        "evidence_text": data.evidence_text,
        "reason": data.reason,
    }
    _apply(session, nc, nc_lifecycle.NCAction.EDIT, values, change)
    set_deadlines(session, nc, dt.date.today())
    return nc


def _statement_values(nc: Nonconformity) -> dict[str, Any]:
    return {
        "requirement": nc.requirement,
        "evidence_text": nc.evidence_text,
        "reason": nc.reason,
        "evidence": list(nc.evidence),
    }


# ---------------------------------------------------------------- the lifecycle


def _record(
    session: Session,
    nc: Nonconformity,
    action: str,
    from_state: NCState | None,
    to_state: NCState,
    user: str,
    note: str,
) -> NCTransition:
    step = NCTransition(
        nonconformity_id=nc.id,
        action=action,
        from_state=from_state,
        to_state=to_state,
        by_user=user,
        at=utcnow(),
        note=note,
    )
    session.add(step)
    session.flush()
    return step


def _apply(
    session: Session,
    nc: Nonconformity,
    action: nc_lifecycle.NCAction,
    values: dict[str, Any],
    change: Any = None,
    note: str = "",
) -> Nonconformity:
    action_spec = nc_lifecycle.ACTIONS[action]
    user = require(session, Permission(action_spec.permission))
    ensure_not_history(session, nc.audit)
    try:
        target = NCState(nc_lifecycle.next_state(nc.state.value, action.value).value)
    except nc_lifecycle.IllegalNCTransition as exc:
        raise IllegalTransition(
            f"{nc.number}: {exc}",
            reason=exc.reason,
            state=exc.state,
            action=exc.action,
            number=nc.number,
        ) from None
    missing = nc_lifecycle.missing_fields(action.value, values)
    if missing:
        raise ValidationFailed(
            f"{nc.number}: cannot {action.value}, missing {', '.join(missing)}",
            {name: "required" for name in missing},
            number=nc.number,
        )
    if change is not None:
        change(nc)
    before = nc.state
    nc.state = target
    _record(session, nc, action.value, before, target, user.username, note)
    return nc


def issue_nc(session: Session, nc_id: uuid.UUID, on: dt.date | None = None) -> Nonconformity:
    nc = get_nc(session, nc_id)
    day = on or dt.date.today()

    def change(nc: Nonconformity) -> None:
        nc.issued_on = day
        set_deadlines(session, nc, day)

    return _apply(session, nc, nc_lifecycle.NCAction.ISSUE, _statement_values(nc), change)


@dataclass
class NCResponse:
    """The client's answer as the auditor enters it from their reply."""

    correction: str
    root_cause: str
    corrective_action: str
    owners: str
    planned_date: dt.date | None
    received_on: dt.date | None = None
    done_date: dt.date | None = None
    similar_check: str = ""  # 举一反三: where else the client looked for the same problem


def record_response(session: Session, nc_id: uuid.UUID, response: NCResponse) -> Nonconformity:
    nc = get_nc(session, nc_id)
    received = response.received_on or dt.date.today()
    values = {
        "correction": response.correction,
        "root_cause": response.root_cause,
        "corrective_action": response.corrective_action,
        "owners": response.owners,
        "planned_date": response.planned_date,
        "response_received_on": received,
    }

    def change(nc: Nonconformity) -> None:
        nc.correction, nc.root_cause = response.correction.strip(), response.root_cause.strip()
        nc.corrective_action, nc.owners = (
            response.corrective_action.strip(),
            response.owners.strip(),
        )
        nc.planned_date, nc.done_date, nc.response_received_on = (
            response.planned_date,
            response.done_date,
            received,
        )
        nc.similar_check = response.similar_check.strip()

    return _apply(session, nc, nc_lifecycle.NCAction.RECORD_RESPONSE, values, change)


def add_response_attachment(
    session: Session, nc_id: uuid.UUID, source: Path, store: Any = None
) -> Attachment:
    """Store a file of the client's response in the attachment store and link it to the NC."""
    from auditdesk.storage.attachments import AttachmentStore

    require(session, Permission.ENTER_NC_RESPONSE)
    nc = get_nc(session, nc_id)
    ensure_not_history(session, nc.audit)
    if nc.state in (NCState.DRAFT, NCState.CLOSED):
        raise IllegalTransition(
            f"{nc.number}: no response to attach to in state {nc.state.value}",
            reason="not_awaiting_response",
            state=nc.state.value,
            action="attach",
        )
    if store is None:
        store = AttachmentStore.for_session(session)
        if store is None:
            raise ValidationFailed(
                "attachments need a database file or AUDITDESK_FILES", {"attachment": "no_store"}
            )
    stored = store.put(Path(source))
    attachment = Attachment(
        nonconformity_id=nc.id,
        audit_id=nc.audit_id,
        sha256=stored.sha256,
        filename=Path(source).name,
        media_type=stored.media_type,
        size=stored.size,
        is_photo=stored.is_photo,
        captured_at=stored.captured_at,
    )
    session.add(attachment)
    session.flush()
    return attachment


def response_attachments(session: Session, nc_id: uuid.UUID) -> list[Attachment]:
    return list(
        session.scalars(
            select(Attachment).where(
                Attachment.nonconformity_id == nc_id, Attachment.archived.is_(False)
            )
        )
    )


def accept_response(session: Session, nc_id: uuid.UUID, note: str = "") -> Nonconformity:
    nc = get_nc(session, nc_id)

    def change(nc: Nonconformity) -> None:
        nc.review_reason = note.strip()

    return _apply(session, nc, nc_lifecycle.NCAction.ACCEPT, {}, change, note.strip())


def reject_response(session: Session, nc_id: uuid.UUID, reason: str) -> Nonconformity:
    """Back to the client, with the reason they must address."""
    nc = get_nc(session, nc_id)

    def change(nc: Nonconformity) -> None:
        nc.review_reason = reason.strip()

    return _apply(
        session, nc, nc_lifecycle.NCAction.REJECT, {"reason": reason}, change, reason.strip()
    )


@dataclass
class Verification:
    method: VerificationMethod
    effectiveness: str
    verified_on: dt.date | None = None
    verified_by: str = ""  # defaults to the signed-in user's name


def verify_nc(session: Session, nc_id: uuid.UUID, verification: Verification) -> Nonconformity:
    nc = get_nc(session, nc_id)
    user = current_user(session)
    by = verification.verified_by.strip() or user.display_name or user.username
    on = verification.verified_on or dt.date.today()
    values = {
        "verification_method": verification.method,
        "verified_by": by,
        "verified_on": on,
        "effectiveness": verification.effectiveness,
    }

    def change(nc: Nonconformity) -> None:
        if nc.response_received_on and on < nc.response_received_on:
            raise ValidationFailed(
                f"{nc.number}: verified before the response arrived",
                {"verified_on": "before_response"},
                number=nc.number,
            )
        nc.verification_method = VerificationMethod(verification.method)
        nc.verified_by, nc.verified_on, nc.effectiveness = (
            by,
            on,
            verification.effectiveness.strip(),
        )

    return _apply(
        session,
        nc,
        nc_lifecycle.NCAction.VERIFY,
        values,
        change,
        verification.effectiveness.strip(),
    )


def close_nc(session: Session, nc_id: uuid.UUID, on: dt.date | None = None) -> Nonconformity:
    nc = get_nc(session, nc_id)

    def change(nc: Nonconformity) -> None:
        nc.closed_on = on or dt.date.today()

    return _apply(session, nc, nc_lifecycle.NCAction.CLOSE, {}, change)


def reopen_nc(session: Session, nc_id: uuid.UUID, reason: str) -> Nonconformity:
    """Admin only: the response goes back under review; verification and closure are undone
    on the record (the history keeps what they were)."""
    nc = get_nc(session, nc_id)

    def change(nc: Nonconformity) -> None:
        nc.closed_on = None
        nc.verified_on, nc.verified_by, nc.verification_method, nc.effectiveness = (
            None,
            "",
            None,
            "",
        )

    return _apply(
        session, nc, nc_lifecycle.NCAction.REOPEN, {"reason": reason}, change, reason.strip()
    )


def history(session: Session, nc_id: uuid.UUID) -> list[NCTransition]:
    return list(
        session.scalars(
            select(NCTransition)
            .where(NCTransition.nonconformity_id == nc_id)
            .order_by(NCTransition.at, NCTransition.created_at)
        )
    )


def ncs_of_audit(session: Session, audit_id: uuid.UUID) -> list[Nonconformity]:
    return list(
        session.scalars(
            select(Nonconformity)
            .where(Nonconformity.audit_id == audit_id, Nonconformity.archived.is_(False))
            .order_by(Nonconformity.number)
        )
    )


# ---------------------------------------------------------------- previous NCs at the next audit


def _audit_day(audit: Audit) -> dt.date | None:
    return audit.start_date or audit.end_date or audit.window_latest


def _earlier_audits(session: Session, audit: Audit) -> list[Audit]:
    cert_ids = [c.id for c in audit.certificates]
    if not cert_ids:
        return []
    # By id, not SELECT DISTINCT over the row: PostgreSQL has no equality for json columns.
    shared = (
        select(audit_certificate.c.audit_id)
        .where(audit_certificate.c.certificate_id.in_(cert_ids))
        .scalar_subquery()
    )
    others = session.scalars(select(Audit).where(Audit.id.in_(shared), Audit.id != audit.id))
    this_day = _audit_day(audit)
    earlier = []
    for other in others:
        day = _audit_day(other)
        if this_day is None or day is None:
            if other.created_at < audit.created_at:
                earlier.append(other)
        elif day < this_day:
            earlier.append(other)
    return sorted(earlier, key=lambda a: (_audit_day(a) or dt.date.min, a.created_at))


class HistoryReadOnly(Locked):
    """On a laptop, an earlier audit of the client (its evidence, judgements and NCs) is the
    history brought to re-verify on site (issue 14 point 4): read-only there — a change would
    be refused when the office merges it. The re-verification itself is the current audit's."""

    code = "history_read_only"


def on_laptop(session: Session) -> bool:
    """Whether this database is a laptop filled from an office (it has a home office)."""
    return session.scalar(select(SyncWitness.peer).where(SyncWitness.home.is_(True))) is not None


def is_history(session: Session, audit: Audit) -> bool:
    """Whether ``audit`` is, on this laptop, an earlier audit of another audit held here."""
    if not on_laptop(session):
        return False
    cert_ids = [c.id for c in audit.certificates]
    if not cert_ids:
        return False
    shared = select(audit_certificate.c.audit_id).where(
        audit_certificate.c.certificate_id.in_(cert_ids)
    )
    others = session.scalars(select(Audit).where(Audit.id.in_(shared), Audit.id != audit.id))
    return any(audit in _earlier_audits(session, other) for other in others)


def ensure_not_history(session: Session, audit: Audit) -> None:
    if is_history(session, audit):
        raise HistoryReadOnly(
            f"audit {audit.number} is the client's history on this laptop: read-only here, "
            "change it at the office",
            audit=audit.number,
        )


def previous_ncs(session: Session, audit_id: uuid.UUID) -> list[Nonconformity]:
    """NCs to re-verify at this audit: open ones, and those closed since the previous audit,
    of earlier audits of the same certificate(s); already re-verified elsewhere excluded."""
    audit = get_audit(session, audit_id)
    earlier = _earlier_audits(session, audit)
    if not earlier:
        return []
    previous = earlier[-1]
    since = previous.end_date or previous.start_date
    stmt = select(Nonconformity).where(
        Nonconformity.audit_id.in_([a.id for a in earlier]),
        Nonconformity.archived.is_(False),
        Nonconformity.state != NCState.DRAFT,
        or_(
            Nonconformity.reverified_in_audit_id.is_(None),
            Nonconformity.reverified_in_audit_id == audit.id,
        ),
    )
    if since is not None:
        stmt = stmt.where(
            or_(Nonconformity.state != NCState.CLOSED, Nonconformity.closed_on >= since)
        )
    return list(session.scalars(stmt.order_by(Nonconformity.number)))


def record_reverification(
    session: Session,
    nc_id: uuid.UUID,
    audit_id: uuid.UUID,
    effective: bool,
    note: str,
    on: dt.date | None = None,
) -> Nonconformity:
    """The audit team's check, at ``audit``, that an earlier NC's corrective action works."""
    user = require(session, Permission.RECORD_EVIDENCE)
    audit = get_audit(session, audit_id)
    ensure_unlocked(audit)
    nc = get_nc(session, nc_id)
    if nc not in previous_ncs(session, audit_id):
        raise ValidationFailed(
            f"{nc.number} is not a previous NC of audit {audit.number}",
            {"nonconformity": "not_previous_nc"},
            number=nc.number,
        )
    if not note.strip():
        raise ValidationFailed(f"{nc.number}: re-verification needs a note", {"note": "required"})
    nc.reverified_in_audit_id = audit.id
    nc.reverified_on = on or _audit_day(audit) or dt.date.today()
    nc.reverified_by = user.display_name or user.username
    nc.reverification_effective = effective
    nc.reverification_note = note.strip()
    _record(
        session,
        nc,
        "reverify",
        nc.state,
        nc.state,
        user.username,
        f"{audit.number}: {note.strip()}",
    )
    return nc


def count_by_state(
    session: Session, audit_ids: Sequence[uuid.UUID] | None = None
) -> dict[NCState, int]:
    stmt = select(Nonconformity.state, func.count(Nonconformity.id)).group_by(Nonconformity.state)
    if audit_ids is not None:
        stmt = stmt.where(Nonconformity.audit_id.in_(list(audit_ids)))
    return {NCState(state): n for state, n in session.execute(stmt)}
