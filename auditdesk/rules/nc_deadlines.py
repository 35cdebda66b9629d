"""Nonconformity deadlines from the CB's settings (DOMAIN §4).

Resolved ambiguities:
- "Within 30 days after the audit's last day": the last day is not counted, so the response
  is due on last day + 30 days (audit ending 2026-03-10 → 2026-04-09).
- The 90 days for verifying a major NC count from the audit's last day too (not from the
  client's response): the response date is not known when the audit is planned, and counting
  from the audit keeps the overall limit fixed.
- A minor NC's effectiveness is checked at the next audit: no date (``verification_due`` None,
  ``verification_at_next_audit`` True).
- Initial certification, major NC: stage 2 must be repeated if it is not verified within
  6 months after the last day of stage 2 (17021-1 9.5.3.2): ``stage2_repeat_after`` is the last
  day on which verification still counts.
- The published CB practice for initial-audit NCs (closed within 3 months → certify; 3-9 months
  → follow-up audit first; later → refuse) counts from the last day of stage 2, Civil Code
  months, boundaries included in the earlier band.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from auditdesk.rules.basis import CB_SETTING, ISO_17021, Basis, Dated
from auditdesk.rules.dates import add_days, add_months
from auditdesk.rules.kinds import AuditKind
from auditdesk.rules.settings import DEFAULT_SETTINGS, CBSettings

__all__ = [
    "AuditKind",
    "InitialNcOutcome",
    "NcDeadlines",
    "NcSeverity",
    "initial_nc_outcome",
    "nc_deadlines",
]


class NcSeverity(StrEnum):
    MAJOR = "major"
    MINOR = "minor"


class InitialNcOutcome(StrEnum):
    CERTIFY = "certify"
    FOLLOW_UP_AUDIT = "follow_up_audit"
    REFUSE = "refuse"


@dataclass(frozen=True, slots=True)
class NcDeadlines:
    response_due: Dated
    verification_due: Dated | None
    verification_at_next_audit: bool
    stage2_repeat_after: Dated | None


def nc_deadlines(
    severity: NcSeverity,
    audit_kind: AuditKind,
    audit_last_day: dt.date,
    settings: CBSettings = DEFAULT_SETTINGS,
) -> NcDeadlines:
    """``audit_last_day``: last day of the audit the NC was raised in (of stage 2 for initial)."""
    response = Dated(
        add_days(audit_last_day, settings.nc_response_days),
        Basis(CB_SETTING, "nc_response_days", "response_after_audit_last_day"),
    )
    if severity is NcSeverity.MINOR:
        return NcDeadlines(response, None, True, None)
    verification = Dated(
        add_days(audit_last_day, settings.major_nc_verification_days),
        Basis(CB_SETTING, "major_nc_verification_days", "major_verified_after_audit_last_day"),
    )
    stage2 = None
    if audit_kind is AuditKind.INITIAL:
        stage2 = Dated(
            add_months(audit_last_day, settings.stage2_major_limit_months),
            Basis(ISO_17021, "9.5.3.2", "stage2_repeat_if_major_not_verified"),
        )
    return NcDeadlines(response, verification, False, stage2)


def initial_nc_outcome(
    stage2_last_day: dt.date, all_closed_on: dt.date, settings: CBSettings = DEFAULT_SETTINGS
) -> tuple[InitialNcOutcome, Basis]:
    """The published CB practice for closing initial-audit NCs (DOMAIN §4) [setting]."""
    if all_closed_on <= add_months(stage2_last_day, settings.initial_nc_certify_months):
        return InitialNcOutcome.CERTIFY, Basis(
            CB_SETTING, "initial_nc_certify_months", "closed_in_time"
        )
    if all_closed_on <= add_months(stage2_last_day, settings.initial_nc_follow_up_months):
        return InitialNcOutcome.FOLLOW_UP_AUDIT, Basis(
            CB_SETTING, "initial_nc_follow_up_months", "follow_up_first"
        )
    return InitialNcOutcome.REFUSE, Basis(
        CB_SETTING, "initial_nc_follow_up_months", "closed_too_late"
    )


def surveillance_nc_suspension_end(
    suspended_on: dt.date, settings: CBSettings = DEFAULT_SETTINGS
) -> Dated:
    """Overdue surveillance NCs: suspension lasts up to N months, then withdrawal [setting]."""
    return Dated(
        add_months(suspended_on, settings.surveillance_nc_suspension_months),
        Basis(CB_SETTING, "surveillance_nc_suspension_months", "withdraw_after_suspension"),
    )
