"""Other dated checks (DOMAIN §3): client eligibility to apply, auditor yearly load, and the
short-notice audit after a failed national quality sampling check.

Each check returns :class:`Finding` values (empty = all fine): a code plus its basis and, where
useful, a date, so the UI can word the warning.

Resolved ambiguities:
- "System running ≥ 3 months": from the date the system was put into operation; the
  application date must be on or after that date + 3 months (Civil Code months).
- Internal audit and management review count only if held on or before the application date
  (and not before the system started running).
- "Not within 1 year after a suspension or withdrawal for its own reasons": the year ends on
  the sanction date + 12 months; the client may apply from the day after.
- Auditor load counts on-site audit days in a calendar year, across all certificates and CBs
  the caller knows about; reaching exactly the limit is allowed.
- Short-notice audit "within 30 days of the regulator's notice": notice date + 30 days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from auditdesk.rules.basis import CB_SETTING, CNCA_2025, CNCA_FAQ, Basis, Dated
from auditdesk.rules.dates import add_days, add_months
from auditdesk.rules.settings import DEFAULT_SETTINGS, CBSettings


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    basis: Basis
    date: dt.date | None = None
    value: float | None = None


def client_eligibility(
    apply_date: dt.date,
    system_running_since: dt.date | None,
    internal_audit_dates: Iterable[dt.date],
    management_review_dates: Iterable[dt.date],
    last_own_suspension_or_withdrawal: dt.date | None = None,
    settings: CBSettings = DEFAULT_SETTINGS,
) -> tuple[Finding, ...]:
    basis_run = Basis(CB_SETTING, "eligibility_min_operation_months", "system_running_too_short")
    findings: list[Finding] = []
    if system_running_since is None:
        findings.append(Finding("system_start_unknown", basis_run))
    else:
        ready = add_months(system_running_since, settings.eligibility_min_operation_months)
        if apply_date < ready:
            findings.append(Finding("system_running_too_short", basis_run, ready))
    start = system_running_since or dt.date.min

    def held(dates: Iterable[dt.date]) -> bool:
        return any(start <= d <= apply_date for d in dates)

    if not held(internal_audit_dates):
        findings.append(
            Finding(
                "no_internal_audit", Basis(CB_SETTING, "eligibility", "internal_audit_required")
            )
        )
    if not held(management_review_dates):
        findings.append(
            Finding(
                "no_management_review",
                Basis(CB_SETTING, "eligibility", "management_review_required"),
            )
        )
    if last_own_suspension_or_withdrawal is not None:
        bar_end = add_months(last_own_suspension_or_withdrawal, settings.eligibility_bar_months)
        if apply_date <= bar_end:
            findings.append(
                Finding(
                    "barred_after_suspension_or_withdrawal",
                    Basis(CB_SETTING, "eligibility_bar_months", "one_year_bar"),
                    bar_end + dt.timedelta(days=1),
                )
            )
    return tuple(findings)


def auditor_load(
    onsite_days: Iterable[tuple[dt.date, float]],
    year: int,
    planned_days: float = 0.0,
    settings: CBSettings = DEFAULT_SETTINGS,
) -> tuple[float, Finding | None]:
    """Total on-site days of one auditor in ``year`` (plus ``planned_days``) and a finding when
    the total exceeds the yearly limit."""
    total = sum(days for day, days in onsite_days if day.year == year) + planned_days
    if total > settings.auditor_yearly_onsite_day_limit:
        return total, Finding(
            "auditor_yearly_load_exceeded",
            Basis(CNCA_FAQ, "3.9", "auditor_yearly_onsite_day_limit"),
            None,
            settings.auditor_yearly_onsite_day_limit,
        )
    return total, None


def short_notice_audit_due(notice_date: dt.date, settings: CBSettings = DEFAULT_SETTINGS) -> Dated:
    """A failed national quality sampling check → short-notice audit by this date."""
    return Dated(
        add_days(notice_date, settings.short_notice_audit_days),
        Basis(CNCA_2025, "§5.9.3", "short_notice_audit_after_sampling_failure"),
    )
