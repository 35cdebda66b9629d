"""NC deadlines from CB settings (DOMAIN §4)."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.rules.kinds import AuditKind
from auditdesk.rules.nc_deadlines import (
    InitialNcOutcome,
    NcSeverity,
    initial_nc_outcome,
    nc_deadlines,
    surveillance_nc_suspension_end,
)
from auditdesk.rules.settings import CBSettings

D = dt.date
LAST_DAY = D(2026, 3, 10)


def test_minor_response_in_30_days_effectiveness_at_next_audit() -> None:
    d = nc_deadlines(NcSeverity.MINOR, AuditKind.SURVEILLANCE, LAST_DAY)
    assert d.response_due.date == D(2026, 4, 9)
    assert d.response_due.basis.clause == "nc_response_days"
    assert d.verification_due is None and d.verification_at_next_audit
    assert d.stage2_repeat_after is None


def test_major_verified_within_90_days() -> None:
    d = nc_deadlines(NcSeverity.MAJOR, AuditKind.SURVEILLANCE, LAST_DAY)
    assert d.verification_due is not None and d.verification_due.date == D(2026, 6, 8)
    assert not d.verification_at_next_audit
    assert d.stage2_repeat_after is None  # only for initial certification


def test_initial_major_six_month_stage2_limit() -> None:
    d = nc_deadlines(NcSeverity.MAJOR, AuditKind.INITIAL, D(2026, 8, 31))
    assert d.stage2_repeat_after is not None
    assert d.stage2_repeat_after.date == D(2027, 2, 28)  # Civil Code: no 31 Feb
    assert (d.stage2_repeat_after.basis.rule_id, d.stage2_repeat_after.basis.clause) == (
        "ISO17021-1:2015",
        "9.5.3.2",
    )


def test_settings_change_the_deadlines() -> None:
    s = CBSettings(nc_response_days=15, major_nc_verification_days=60, stage2_major_limit_months=3)
    d = nc_deadlines(NcSeverity.MAJOR, AuditKind.INITIAL, LAST_DAY, s)
    assert d.response_due.date == D(2026, 3, 25)
    assert d.verification_due is not None and d.verification_due.date == D(2026, 5, 9)
    assert d.stage2_repeat_after is not None and d.stage2_repeat_after.date == D(2026, 6, 10)


@pytest.mark.parametrize(
    ("closed", "outcome"),
    [
        (D(2026, 6, 10), InitialNcOutcome.CERTIFY),  # exactly 3 months
        (D(2026, 6, 11), InitialNcOutcome.FOLLOW_UP_AUDIT),
        (D(2026, 12, 10), InitialNcOutcome.FOLLOW_UP_AUDIT),  # exactly 9 months
        (D(2026, 12, 11), InitialNcOutcome.REFUSE),
    ],
)
def test_published_practice_for_initial_nc_closure(
    closed: dt.date, outcome: InitialNcOutcome
) -> None:
    assert initial_nc_outcome(LAST_DAY, closed)[0] is outcome


def test_overdue_surveillance_nc_suspension_lasts_three_months() -> None:
    assert surveillance_nc_suspension_end(D(2026, 5, 31)).date == D(2026, 8, 31)
