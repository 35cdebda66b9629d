"""The lead's review queue: NCs waiting for the signed-in lead (issue 6 point 5).

Three kinds of work: client responses to review (``response_received``), verifications due
(``response_accepted``) and verified NCs to close (``verified``). A lead linked to an auditor record sees the NCs of the audits they lead
(team leader); a user without an auditor record (the CB office, the ``system`` user) sees all.

Bulk verification is allowed only for document review: a follow-up visit or a check at the next
audit is one visit per NC, recorded one by one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from auditdesk.model import (
    Audit,
    AuditTeamMember,
    Certificate,
    Clause,
    NCGrade,
    NCState,
    Nonconformity,
    Organisation,
    Standard,
    TeamRole,
    VerificationMethod,
    audit_certificate,
)
from auditdesk.rules.basis import Basis
from auditdesk.services import nonconformities as ncs
from auditdesk.services.errors import IllegalTransition, ValidationFailed
from auditdesk.services.programme import cb_settings
from auditdesk.services.users import Permission, require

BULK_METHODS = (VerificationMethod.DOCUMENT_REVIEW,)


class QueueKind(StrEnum):
    RESPONSE_TO_REVIEW = "response_to_review"
    VERIFICATION_DUE = "verification_due"
    READY_TO_CLOSE = "ready_to_close"


_KIND_OF_STATE = {
    NCState.RESPONSE_RECEIVED: QueueKind.RESPONSE_TO_REVIEW,
    NCState.RESPONSE_ACCEPTED: QueueKind.VERIFICATION_DUE,
    NCState.VERIFIED: QueueKind.READY_TO_CLOSE,
}


@dataclass(frozen=True, slots=True)
class QueueFilter:
    organisation_id: uuid.UUID | None = None
    standard_id: uuid.UUID | None = None
    grade: NCGrade | None = None
    due_before: dt.date | None = None  # due on or before this day (undated items excluded)
    kind: QueueKind | None = None


@dataclass(frozen=True, slots=True)
class QueueItem:
    nc_id: uuid.UUID
    number: str
    kind: QueueKind
    grade: NCGrade
    state: NCState
    organisation_id: uuid.UUID
    client: str
    standards: tuple[str, ...]
    clause: str
    audit_number: str
    due: dt.date | None
    overdue: frozenset[ncs.Overdue]
    requirement: str
    reason: str
    response_received_on: dt.date | None
    # Overdue items put their certificate at risk: the proposed action and its rule.
    risk: ncs.ProposedAction | None = None
    risk_basis: Basis | None = None


def _queue_statement(session: Session, filters: QueueFilter, everyone: bool) -> Select[Any]:
    """NCs in the queue's three states matching ``filters``, as a bare ``select()`` (SQL filters only)."""
    user = require(session, Permission.REVIEW_NC)
    states = [s for s, k in _KIND_OF_STATE.items() if filters.kind in (None, k)]
    stmt = (
        select()
        .select_from(Nonconformity)
        .join(Audit, Audit.id == Nonconformity.audit_id)
        .where(Nonconformity.state.in_(states), Nonconformity.archived.is_(False))
    )
    if user.auditor_id is not None and not everyone:
        led = select(AuditTeamMember.audit_id).where(
            AuditTeamMember.auditor_id == user.auditor_id,
            AuditTeamMember.role == TeamRole.TEAM_LEADER,
        )
        stmt = stmt.where(Audit.id.in_(led))
    if filters.organisation_id is not None:
        stmt = stmt.where(Audit.organisation_id == filters.organisation_id)
    if filters.grade is not None:
        stmt = stmt.where(Nonconformity.grade == filters.grade)
    if filters.standard_id is not None:
        by_cert = (
            select(audit_certificate.c.audit_id)
            .join(Certificate, Certificate.id == audit_certificate.c.certificate_id)
            .where(Certificate.standard_id == filters.standard_id)
        )
        stmt = stmt.where(Audit.id.in_(by_cert))
    if (
        filters.due_before is not None
    ):  # the same rule as _due: dated only while awaiting verification
        stmt = stmt.where(
            Nonconformity.state.in_(ncs.AWAITING_VERIFICATION),
            Nonconformity.verification_due.is_not(None),
            Nonconformity.verification_due <= filters.due_before,
        )
    return stmt


def review_queue_count(
    session: Session, filters: QueueFilter | None = None, everyone: bool = False
) -> int:
    """How many NCs :func:`review_queue` would return (one COUNT, no rows loaded)."""
    stmt = _queue_statement(session, filters or QueueFilter(), everyone)
    return int(session.scalar(stmt.with_only_columns(func.count(Nonconformity.id))) or 0)


def review_queue(
    session: Session,
    filters: QueueFilter | None = None,
    on: dt.date | None = None,
    everyone: bool = False,
) -> list[QueueItem]:
    """What waits for the signed-in lead: overdue first, then by due date, undated last.

    Reads only the columns the queue shows (no ORM objects), except for the few overdue NCs,
    whose proposed action needs the NC and its audit.
    """
    filters = filters or QueueFilter()
    on = on or dt.date.today()
    base = _queue_statement(session, filters, everyone)
    rows = session.execute(
        base.add_columns(
            Nonconformity.id,
            Nonconformity.number,
            Nonconformity.state,
            Nonconformity.grade,
            Nonconformity.response_due,
            Nonconformity.verification_due,
            Nonconformity.requirement,
            Nonconformity.reason,
            Nonconformity.response_received_on,
            Audit.id,
            Audit.number,
            Audit.organisation_id,
            Organisation.name_zh,
            Clause.number,
        )
        .join(Organisation, Organisation.id == Audit.organisation_id)
        .outerjoin(Clause, Clause.id == Nonconformity.clause_id)
    ).all()
    audit_ids = base.with_only_columns(Audit.id).distinct().scalar_subquery()
    standards: dict[uuid.UUID, set[str]] = {}
    for audit_id, code in session.execute(
        select(audit_certificate.c.audit_id, Standard.code)
        .join(Certificate, Certificate.id == audit_certificate.c.certificate_id)
        .join(Standard, Standard.id == Certificate.standard_id)
        .where(audit_certificate.c.audit_id.in_(audit_ids))
    ):
        standards.setdefault(audit_id, set()).add(code)
    flagged: dict[uuid.UUID, frozenset[ncs.Overdue]] = {}
    for r in rows:
        # The shared overdue rule, on a transient (never added) NC carrying just its dates.
        flags = ncs.overdue_flags(
            Nonconformity(state=r[2], response_due=r[4], verification_due=r[5]), on
        )
        if flags:
            flagged[r[0]] = flags
    risks: dict[uuid.UUID, tuple[ncs.ProposedAction, Basis]] = {}
    if flagged:
        settings = cb_settings(session)
        for nc in session.scalars(
            select(Nonconformity)
            .where(Nonconformity.id.in_(list(flagged)))
            .options(selectinload(Nonconformity.audit))
        ):
            risks[nc.id] = ncs.proposed_action(nc, flagged[nc.id], on, settings)
    items = []
    for (
        nc_id,
        number,
        state,
        grade,
        _response_due,
        verification_due,
        requirement,
        reason,
        received_on,
        audit_id,
        audit_number,
        organisation_id,
        client,
        clause,
    ) in rows:
        risk, risk_basis = risks.get(nc_id, (None, None))
        items.append(
            QueueItem(
                nc_id=nc_id,
                number=number,
                kind=_KIND_OF_STATE[state],
                grade=grade,
                state=state,
                organisation_id=organisation_id,
                client=client,
                standards=tuple(sorted(standards.get(audit_id, ()))),
                clause=clause or "",
                audit_number=audit_number,
                due=verification_due if state in ncs.AWAITING_VERIFICATION else None,
                overdue=flagged.get(nc_id, frozenset()),
                requirement=requirement,
                reason=reason,
                response_received_on=received_on,
                risk=risk,
                risk_basis=risk_basis,
            )
        )
    items.sort(key=lambda i: (not i.overdue, i.due is None, i.due or dt.date.max, i.number))
    return items


@dataclass(frozen=True, slots=True)
class FilterChoices:
    clients: tuple[tuple[uuid.UUID, str], ...]
    standards: tuple[tuple[uuid.UUID, str], ...]


def filter_choices(session: Session) -> FilterChoices:
    """Clients and standards that have NCs at all (for the queue's filter lists)."""
    audits_with_ncs = select(Nonconformity.audit_id).distinct()
    clients = session.execute(
        select(Organisation.id, Organisation.name_zh)
        .join(Audit, Audit.organisation_id == Organisation.id)
        .where(Audit.id.in_(audits_with_ncs))
        .distinct()
        .order_by(Organisation.name_zh)
    ).all()
    standards = session.execute(
        select(Standard.id, Standard.code)
        .join(Certificate, Certificate.standard_id == Standard.id)
        .join(audit_certificate, audit_certificate.c.certificate_id == Certificate.id)
        .where(audit_certificate.c.audit_id.in_(audits_with_ncs))
        .distinct()
        .order_by(Standard.code)
    ).all()
    return FilterChoices(
        tuple((r[0], r[1]) for r in clients), tuple((r[0], r[1]) for r in standards)
    )


def bulk_verify(
    session: Session,
    nc_ids: Sequence[uuid.UUID],
    effectiveness: str,
    verified_on: dt.date | None = None,
    method: VerificationMethod = VerificationMethod.DOCUMENT_REVIEW,
) -> list[Nonconformity]:
    """Verify several NCs by document review at once: all or none.

    Refused (nothing changed) when the method is not a document review, when any NC is not
    awaiting verification, or when the effectiveness note is blank.
    """
    require(session, Permission.VERIFY_NC)
    if method not in BULK_METHODS:
        raise ValidationFailed(
            f"bulk verification is for document review only, not {method.value}",
            {"verification_method": "not_allowed_in_bulk"},
        )
    if not nc_ids:
        raise ValidationFailed("nothing selected", {"selection": "empty"})
    found = [ncs.get_nc(session, nid) for nid in nc_ids]
    wrong = [nc.number for nc in found if nc.state is not NCState.RESPONSE_ACCEPTED]
    if wrong:
        raise IllegalTransition(
            f"not awaiting verification: {', '.join(wrong)}",
            reason="response_not_accepted",
            numbers=wrong,
            action="verify",
        )
    verification = ncs.Verification(method, effectiveness, verified_on)
    return [ncs.verify_nc(session, nc.id, verification) for nc in found]
