"""Client eligibility, auditor load, short-notice audits (DOMAIN §3)."""

from __future__ import annotations

import datetime as dt

from auditdesk.rules.eligibility import auditor_load, client_eligibility, short_notice_audit_due
from auditdesk.rules.settings import CBSettings

D = dt.date


def codes(findings: tuple[object, ...]) -> list[str]:
    return [f.code for f in findings]  # type: ignore[attr-defined]


def test_eligible_client() -> None:
    assert client_eligibility(D(2026, 6, 1), D(2026, 3, 1), [D(2026, 5, 1)], [D(2026, 5, 20)]) == ()


def test_system_must_run_three_months() -> None:
    f = client_eligibility(D(2026, 5, 31), D(2026, 3, 1), [D(2026, 5, 1)], [D(2026, 5, 20)])
    assert codes(f) == ["system_running_too_short"]
    assert f[0].date == D(2026, 6, 1)
    assert client_eligibility(D(2026, 6, 1), D(2026, 3, 1), [D(2026, 5, 1)], [D(2026, 5, 20)]) == ()


def test_internal_audit_and_management_review_needed_before_applying() -> None:
    f = client_eligibility(D(2026, 6, 1), D(2026, 1, 1), [D(2026, 6, 2)], [D(2025, 12, 1)])
    assert codes(f) == ["no_internal_audit", "no_management_review"]


def test_unknown_start_is_reported() -> None:
    assert "system_start_unknown" in codes(
        client_eligibility(D(2026, 6, 1), None, [D(2026, 5, 1)], [D(2026, 5, 1)])
    )


def test_one_year_bar_after_suspension_or_withdrawal() -> None:
    args = (D(2026, 3, 1), [D(2026, 5, 1)], [D(2026, 5, 20)])
    f = client_eligibility(D(2027, 5, 10), *args, last_own_suspension_or_withdrawal=D(2026, 5, 10))
    assert codes(f) == ["barred_after_suspension_or_withdrawal"] and f[0].date == D(2027, 5, 11)
    assert (
        client_eligibility(D(2027, 5, 11), *args, last_own_suspension_or_withdrawal=D(2026, 5, 10))
        == ()
    )


def test_auditor_load_counts_one_calendar_year() -> None:
    days = [(D(2026, 1, 5), 100.0), (D(2026, 12, 31), 79.5), (D(2025, 12, 31), 50.0)]
    total, finding = auditor_load(days, 2026, planned_days=0.5)
    assert total == 180 and finding is None  # exactly the limit is allowed
    total, finding = auditor_load(days, 2026, planned_days=1)
    assert total == 180.5 and finding is not None and finding.code == "auditor_yearly_load_exceeded"
    assert finding.basis.clause == "3.9"
    assert (
        auditor_load(days, 2026, settings=CBSettings(auditor_yearly_onsite_day_limit=150))[1]
        is not None
    )


def test_short_notice_audit_within_30_days() -> None:
    due = short_notice_audit_due(D(2026, 7, 15))
    assert due.date == D(2026, 8, 14)
    assert (due.basis.rule_id, due.basis.clause) == ("CNCA-QMS-01:2025", "§5.9.3")
