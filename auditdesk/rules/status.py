"""Certificate status on a date (DOMAIN §3): what the certificate is, or what must be done.

:func:`certificate_status` returns a code, the rule behind it and the key dates; no sentences.
Precedence, first match wins: cancelled, withdrawn, not yet valid, past expiry (expired or
restorable), suspended (or past the suspension maximum → withdrawal required), a surveillance
overdue (→ suspension required), valid.

Resolved ambiguities:
- "Suspended past its maximum": the suspension ends on ``suspended_on + suspension_max_months``
  (Civil Code months); from the next day withdrawal is required. A rule set without a maximum
  keeps the certificate suspended.
- Restorable (17021-1 9.6.3.2.5, CNCA 2016): only a certificate that expired while valid and
  whose recertification was not completed; up to and including expiry + restore window. Under
  CNCA-QMS-01:2025 there is no restore window: a late recertification restarts as an initial
  certification, so the status is ``expired`` with code ``restart_as_initial``.
- After the expiry date a cycle whose recertification was done is ``expired`` with code
  ``superseded_by_recertification``: the new cycle (new issue and expiry dates) is a new
  :class:`~auditdesk.rules.programme.CycleFacts`.
- Before its issue date a certificate is ``not_yet_valid`` (a code the issue list did not name;
  the GUI needs one for certificates entered ahead of issue).
- The suspension/withdrawal clock for an overdue surveillance is the CB's decision: the rules
  report ``suspension_required`` from the day after the latest date and leave the act (and its
  date, ``suspended_on``) to the user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from auditdesk.rules.basis import Basis
from auditdesk.rules.dates import add_months
from auditdesk.rules.programme import (
    CycleFacts,
    EntryKind,
    EntryState,
    Programme,
    audit_programme,
)
from auditdesk.rules.settings import DEFAULT_SETTINGS, CBSettings

_ONE_DAY = dt.timedelta(days=1)


class StatusCode(StrEnum):
    VALID = "valid"
    SUSPENSION_REQUIRED = "suspension_required"
    SUSPENDED = "suspended"
    WITHDRAWAL_REQUIRED = "withdrawal_required"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    RESTORABLE = "restorable"
    CANCELLED = "cancelled"
    NOT_YET_VALID = "not_yet_valid"


@dataclass(frozen=True, slots=True)
class CertificateStatus:
    """``since``: first day of this status; ``deadline``: the next date that matters
    (next latest audit date while valid, end of suspension, end of the restore window);
    ``entry``: the programme entry concerned."""

    code: StatusCode
    basis: Basis
    since: dt.date | None
    deadline: dt.date | None
    entry: EntryKind | None
    expiry: dt.date


def certificate_status(
    facts: CycleFacts,
    on: dt.date,
    settings: CBSettings = DEFAULT_SETTINGS,
    programme: Programme | None = None,
) -> CertificateStatus:
    rs = facts.rule_set
    if programme is None:
        programme = audit_programme(facts, on, settings)
    expiry = programme.expiry.date

    if facts.cancelled_on is not None and on >= facts.cancelled_on:
        return CertificateStatus(
            StatusCode.CANCELLED,
            Basis(rs.id, rs.suspension_clause, "cancelled_at_client_request"),
            facts.cancelled_on,
            None,
            None,
            expiry,
        )
    if facts.withdrawn_on is not None and on >= facts.withdrawn_on:
        return CertificateStatus(
            StatusCode.WITHDRAWN,
            Basis(rs.id, rs.suspension_clause, "withdrawn"),
            facts.withdrawn_on,
            None,
            None,
            expiry,
        )
    if on < facts.issue_date:
        return CertificateStatus(
            StatusCode.NOT_YET_VALID,
            Basis(rs.id, "certificate", "before_issue_date"),
            None,
            facts.issue_date,
            None,
            expiry,
        )

    suspended = (
        facts.suspended_on is not None
        and on >= facts.suspended_on
        and not (facts.restored_on is not None and facts.suspended_on <= facts.restored_on <= on)
    )

    if on > expiry:
        after = expiry + _ONE_DAY
        recert = facts.recertification_done
        if recert is not None and recert <= expiry:
            return CertificateStatus(
                StatusCode.EXPIRED,
                Basis(rs.id, rs.recertification_clause, "superseded_by_recertification"),
                after,
                None,
                EntryKind.RECERTIFICATION,
                expiry,
            )
        if rs.restore_window_months is None:
            return CertificateStatus(
                StatusCode.EXPIRED,
                Basis(rs.id, rs.recertification_clause, "restart_as_initial"),
                after,
                None,
                EntryKind.RECERTIFICATION,
                expiry,
            )
        restore_until = add_months(expiry, rs.restore_window_months)
        if not suspended and on <= restore_until:
            return CertificateStatus(
                StatusCode.RESTORABLE,
                Basis(rs.id, rs.restore_clause, "restore_after_expiry"),
                after,
                restore_until,
                EntryKind.RECERTIFICATION,
                expiry,
            )
        code = "suspended_at_expiry" if suspended else "restore_window_closed"
        return CertificateStatus(
            StatusCode.EXPIRED,
            Basis(rs.id, rs.restore_clause, code),
            after,
            None,
            EntryKind.RECERTIFICATION,
            expiry,
        )

    if suspended:
        assert facts.suspended_on is not None
        if rs.suspension_max_months is None:
            return CertificateStatus(
                StatusCode.SUSPENDED,
                Basis(rs.id, rs.suspension_clause, "suspended_no_maximum"),
                facts.suspended_on,
                None,
                None,
                expiry,
            )
        suspension_end = add_months(facts.suspended_on, rs.suspension_max_months)
        if on > suspension_end:
            return CertificateStatus(
                StatusCode.WITHDRAWAL_REQUIRED,
                Basis(rs.id, rs.suspension_clause, "suspension_maximum_passed"),
                suspension_end + _ONE_DAY,
                None,
                None,
                expiry,
            )
        return CertificateStatus(
            StatusCode.SUSPENDED,
            Basis(rs.id, rs.suspension_clause, "suspended"),
            facts.suspended_on,
            suspension_end,
            None,
            expiry,
        )

    for entry in programme.entries:
        if entry.state is EntryState.OVERDUE and entry.kind is not EntryKind.RECERTIFICATION:
            return CertificateStatus(
                StatusCode.SUSPENSION_REQUIRED,
                Basis(rs.id, rs.suspension_clause, "surveillance_overdue"),
                entry.latest + _ONE_DAY,
                None,
                entry.kind,
                expiry,
            )

    for entry in programme.entries:
        if entry.state is not EntryState.DONE:
            return CertificateStatus(
                StatusCode.VALID,
                entry.basis,
                facts.restored_on or facts.issue_date,
                entry.latest,
                entry.kind,
                expiry,
            )
    return CertificateStatus(
        StatusCode.VALID,
        Basis(rs.id, rs.recertification_clause, "cycle_complete"),
        facts.restored_on or facts.issue_date,
        expiry,
        None,
        expiry,
    )
