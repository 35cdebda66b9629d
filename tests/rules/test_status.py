"""Certificate status on a date (DOMAIN §3): each status with its reason and key dates."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditdesk.rules.programme import CycleFacts, EntryKind
from auditdesk.rules.rulesets import RuleSet
from auditdesk.rules.status import StatusCode, certificate_status
from tests.rules.conftest import rule_set

D = dt.date
ISSUE = D(2026, 3, 15)  # expiry 2029-03-14, s1 latest 2027-03-15


def status(
    rs: RuleSet, on: dt.date, **facts: object
) -> tuple[str, str, dt.date | None, dt.date | None]:
    s = certificate_status(CycleFacts(rs, ISSUE, **facts), on)  # type: ignore[arg-type]
    return s.code.value, s.basis.code, s.since, s.deadline


def test_valid_with_the_next_latest_date(cnca2025: RuleSet) -> None:
    s = certificate_status(CycleFacts(cnca2025, ISSUE), D(2026, 6, 1))
    assert (s.code, s.entry, s.deadline, s.expiry) == (
        StatusCode.VALID,
        EntryKind.SURVEILLANCE_1,
        D(2027, 3, 15),
        D(2029, 3, 14),
    )
    assert s.basis.rule_id == "CNCA-QMS-01:2025"


def test_valid_on_the_latest_day_then_suspension_required(cnca2025: RuleSet) -> None:
    assert status(cnca2025, D(2027, 3, 15))[0] == "valid"
    s = certificate_status(CycleFacts(cnca2025, ISSUE), D(2027, 3, 16))
    assert (s.code, s.since, s.entry) == (
        StatusCode.SUSPENSION_REQUIRED,
        D(2027, 3, 16),
        EntryKind.SURVEILLANCE_1,
    )
    assert (s.basis.rule_id, s.basis.clause, s.basis.code) == (
        "CNCA-QMS-01:2025",
        "§5.4.1.4",  # DOMAIN §3: suspension and report when the interval is exceeded
        "surveillance_overdue",
    )


def test_second_surveillance_overdue_after_an_early_first(cnca2025: RuleSet) -> None:
    assert status(cnca2025, D(2027, 12, 21), surveillance_1_done=D(2026, 12, 20))[:2] == (
        "suspension_required",
        "surveillance_overdue",
    )


def test_suspended_until_its_maximum_then_withdrawal_required(cnca2025: RuleSet) -> None:
    facts = {"suspended_on": D(2027, 4, 1)}
    assert status(cnca2025, D(2027, 10, 1), **facts) == (
        "suspended",
        "suspended",
        D(2027, 4, 1),
        D(2027, 10, 1),
    )
    assert status(cnca2025, D(2027, 10, 2), **facts) == (
        "withdrawal_required",
        "suspension_maximum_passed",
        D(2027, 10, 2),
        None,
    )


def test_restored_certificate_is_valid_again(cnca2025: RuleSet) -> None:
    code, _, since, _ = status(
        cnca2025,
        D(2027, 6, 1),
        suspended_on=D(2027, 4, 1),
        restored_on=D(2027, 5, 1),
        surveillance_1_done=D(2027, 4, 20),
    )
    assert (code, since) == ("valid", D(2027, 5, 1))


def test_withdrawn_and_cancelled_are_final(cnca2025: RuleSet) -> None:
    assert status(cnca2025, D(2027, 6, 1), withdrawn_on=D(2027, 5, 1))[0] == "withdrawn"
    assert status(cnca2025, D(2027, 4, 30), withdrawn_on=D(2027, 5, 1))[0] == "suspension_required"
    assert status(cnca2025, D(2026, 6, 1), cancelled_on=D(2026, 5, 1))[:2] == (
        "cancelled",
        "cancelled_at_client_request",
    )


def test_not_yet_valid_before_issue(cnca2025: RuleSet) -> None:
    assert status(cnca2025, D(2026, 3, 14))[0] == "not_yet_valid"


def test_cnca_2025_late_recertification_restarts_as_initial(cnca2025: RuleSet) -> None:
    done = {"surveillance_1_done": D(2027, 1, 1), "surveillance_2_done": D(2027, 12, 1)}
    assert status(cnca2025, D(2029, 3, 14), **done)[0] == "valid"
    assert status(cnca2025, D(2029, 3, 15), **done)[:2] == ("expired", "restart_as_initial")


@pytest.mark.parametrize("rule_id", ["ISO17021-1:2015", "CNCA-QMS-2016"])
def test_restorable_for_six_months_after_expiry_where_the_rules_allow(rule_id: str) -> None:
    rs = rule_set(rule_id)
    done = {"surveillance_1_done": D(2027, 1, 1), "surveillance_2_done": D(2027, 12, 1)}
    code, reason, since, deadline = status(rs, D(2029, 3, 15), **done)
    assert (code, reason, since, deadline) == (
        "restorable",
        "restore_after_expiry",
        D(2029, 3, 15),
        D(2029, 9, 14),
    )
    assert status(rs, D(2029, 9, 15), **done)[:2] == ("expired", "restore_window_closed")


def test_recertified_cycle_is_superseded_after_expiry(iso17021: RuleSet) -> None:
    assert status(iso17021, D(2029, 4, 1), recertification_done=D(2029, 2, 1))[:2] == (
        "expired",
        "superseded_by_recertification",
    )


def test_suspended_at_expiry_is_not_restorable(iso17021: RuleSet) -> None:
    assert status(iso17021, D(2029, 4, 1), suspended_on=D(2029, 1, 1))[:2] == (
        "expired",
        "suspended_at_expiry",
    )


def test_complete_cycle_is_valid_to_expiry(cnca2025: RuleSet) -> None:
    s = certificate_status(
        CycleFacts(
            cnca2025,
            ISSUE,
            surveillance_1_done=D(2027, 1, 1),
            surveillance_2_done=D(2027, 12, 1),
            recertification_done=D(2029, 1, 10),
        ),
        D(2029, 2, 1),
    )
    assert (s.code, s.basis.code, s.deadline) == (
        StatusCode.VALID,
        "cycle_complete",
        D(2029, 3, 14),
    )


def test_rule_set_without_suspension_maximum_stays_suspended(cnca2025: RuleSet) -> None:
    rs = dataclasses.replace(cnca2025, suspension_max_months=None)
    assert (
        status(rs, D(2030, 1, 1) - dt.timedelta(days=400), suspended_on=D(2027, 4, 1))[0]
        == "suspended"
    )


@given(
    st.dates(min_value=D(2025, 1, 1), max_value=D(2031, 1, 1)),
    st.sampled_from(["CNCA-QMS-01:2025", "CNCA-QMS-2016", "ISO17021-1:2015"]),
)
def test_property_every_status_carries_a_rule_and_expiry(on: dt.date, rule_id: str) -> None:
    s = certificate_status(CycleFacts(rule_set(rule_id), ISSUE), on)
    assert s.basis.rule_id and s.basis.clause and s.basis.code
    assert s.expiry == D(2029, 3, 14)
    if on > s.expiry:
        assert s.code in (StatusCode.EXPIRED, StatusCode.RESTORABLE)
