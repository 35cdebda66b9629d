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
- Rule set by date (DOMAIN §3): the status on ``on`` is judged by the rule set in force on
  ``on`` (:func:`~auditdesk.rules.programme.rule_in_force`), an overdue surveillance by the rule
  in force on the day after its latest date. A restore window that a later rule set without one
  would cut short ends the day before that rule set takes over (CNCA-QMS-01:2025 §5.8.2: from
  2026-01-01 a lapsed certificate restarts as an initial certification).
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
    rule_in_force,
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


_S1, _S2, _RC = EntryKind.SURVEILLANCE_1, EntryKind.SURVEILLANCE_2, EntryKind.RECERTIFICATION
_OVERDUE, _DONE = EntryState.OVERDUE, EntryState.DONE
(
    _VALID,
    _SUSPENSION_REQUIRED,
    _SUSPENDED,
    _WITHDRAWAL_REQUIRED,
    _WITHDRAWN,
    _EXPIRED,
    _RESTORABLE,
    _CANCELLED,
    _NOT_YET_VALID,
) = (
    StatusCode.VALID,
    StatusCode.SUSPENSION_REQUIRED,
    StatusCode.SUSPENDED,
    StatusCode.WITHDRAWAL_REQUIRED,
    StatusCode.WITHDRAWN,
    StatusCode.EXPIRED,
    StatusCode.RESTORABLE,
    StatusCode.CANCELLED,
    StatusCode.NOT_YET_VALID,
)


def certificate_status(
    facts: CycleFacts,
    on: dt.date,
    settings: CBSettings = DEFAULT_SETTINGS,
    programme: Programme | None = None,
) -> CertificateStatus:
    rs, b = rule_in_force(facts, on)
    if programme is None:
        programme = audit_programme(facts, on, settings)
    expiry = programme.expiry.date

    cancelled_on = facts.cancelled_on
    if cancelled_on is not None and on >= cancelled_on:
        return CertificateStatus(_CANCELLED, b.cancelled, cancelled_on, None, None, expiry)
    withdrawn_on = facts.withdrawn_on
    if withdrawn_on is not None and on >= withdrawn_on:
        return CertificateStatus(_WITHDRAWN, b.withdrawn, withdrawn_on, None, None, expiry)
    if on < facts.issue_date:
        return CertificateStatus(
            _NOT_YET_VALID, b.before_issue, None, facts.issue_date, None, expiry
        )

    suspended_on, restored_on = facts.suspended_on, facts.restored_on
    suspended = (
        suspended_on is not None
        and on >= suspended_on
        and not (restored_on is not None and suspended_on <= restored_on <= on)
    )

    if on > expiry:
        after = expiry + _ONE_DAY
        recert = facts.recertification_done
        if recert is not None and recert <= expiry:
            return CertificateStatus(_EXPIRED, b.superseded, after, None, _RC, expiry)
        if rs.restore_window_months is None:
            return CertificateStatus(_EXPIRED, b.restart_as_initial, after, None, _RC, expiry)
        restore_until = add_months(expiry, rs.restore_window_months)
        for first_day, later in facts.later_rule_sets:
            if on < first_day <= restore_until and later.restore_window_months is None:
                restore_until = first_day - _ONE_DAY
                break
        if not suspended and on <= restore_until:
            return CertificateStatus(_RESTORABLE, b.restorable, after, restore_until, _RC, expiry)
        basis = b.suspended_at_expiry if suspended else b.restore_window_closed
        return CertificateStatus(_EXPIRED, basis, after, None, _RC, expiry)

    if suspended:
        assert suspended_on is not None
        if rs.suspension_max_months is None:
            return CertificateStatus(
                _SUSPENDED, b.suspended_no_maximum, suspended_on, None, None, expiry
            )
        suspension_end = add_months(suspended_on, rs.suspension_max_months)
        if on > suspension_end:
            return CertificateStatus(
                _WITHDRAWAL_REQUIRED,
                b.suspension_maximum_passed,
                suspension_end + _ONE_DAY,
                None,
                None,
                expiry,
            )
        return CertificateStatus(
            _SUSPENDED, b.suspended, suspended_on, suspension_end, None, expiry
        )

    entries = programme.entries
    for entry in entries:
        if entry.state is _OVERDUE and entry.kind is not _RC:
            return CertificateStatus(
                _SUSPENSION_REQUIRED,
                rule_in_force(facts, entry.latest + _ONE_DAY)[1].surveillance_overdue,
                entry.latest + _ONE_DAY,
                None,
                entry.kind,
                expiry,
            )

    for entry in entries:
        if entry.state is not _DONE:
            return CertificateStatus(
                _VALID,
                entry.basis,
                restored_on or facts.issue_date,
                entry.latest,
                entry.kind,
                expiry,
            )
    return CertificateStatus(
        _VALID, b.cycle_complete, restored_on or facts.issue_date, expiry, None, expiry
    )
