"""Audit programme of a cycle (DOMAIN §3): windows, latest dates, their rule, and states."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditdesk.rules.dates import add_months
from auditdesk.rules.programme import CycleFacts, EntryKind, EntryState, Programme, audit_programme
from auditdesk.rules.rulesets import RuleSet
from auditdesk.rules.settings import CBSettings
from tests.rules.conftest import rule_set

D = dt.date
S1, S2, RC = EntryKind.SURVEILLANCE_1, EntryKind.SURVEILLANCE_2, EntryKind.RECERTIFICATION


def dates_of(p: Programme) -> dict[str, tuple[str, str]]:
    return {e.kind.value: (e.window_start.isoformat(), e.latest.isoformat()) for e in p.entries}


def test_cnca_2025_new_certificate(cnca2025: RuleSet) -> None:
    p = audit_programme(CycleFacts(cnca2025, D(2026, 3, 15)), on=D(2026, 4, 1))
    assert p.expiry.date == D(2029, 3, 14)
    assert dates_of(p) == {
        "surveillance_1": ("2026-12-15", "2027-03-15"),  # planned in months 9-12 after issue
        "surveillance_2": (
            "2027-12-15",
            "2028-03-15",
        ),  # 12 months after s1's latest while not done
        "recertification": ("2028-09-14", "2029-03-14"),  # last 6 months, latest = expiry
    }
    assert p.recertification_application_due.date == D(2028, 12, 14)
    assert [e.state for e in p.entries] == [EntryState.PLANNED] * 3
    assert p.entry(S1).basis.rule_id == "CNCA-QMS-01:2025"
    assert p.entry(S1).basis.clause == "§5.4.1.4"


def test_cnca_2025_second_surveillance_follows_the_actual_first(cnca2025: RuleSet) -> None:
    p = audit_programme(
        CycleFacts(cnca2025, D(2026, 3, 15), surveillance_1_done=D(2026, 12, 20)), on=D(2027, 1, 5)
    )
    s2 = p.entry(S2)
    assert s2.latest == D(2027, 12, 20)
    assert s2.window_start == D(2027, 9, 20)
    assert s2.basis.code == "interval_after_previous_surveillance"
    assert p.entry(S1).state is EntryState.DONE and p.entry(S1).done_date == D(2026, 12, 20)


def test_cnca_2025_first_surveillance_counts_from_issue_even_with_a_decision_date(
    cnca2025: RuleSet,
) -> None:
    p = audit_programme(
        CycleFacts(cnca2025, D(2026, 3, 15), decision_date=D(2026, 3, 1)), on=D(2026, 4, 1)
    )
    assert p.entry(S1).latest == D(2027, 3, 15)
    assert p.anchor.basis.code == "issue_date"


def test_leap_day_issue(cnca2025: RuleSet) -> None:
    p = audit_programme(CycleFacts(cnca2025, D(2028, 2, 29)), on=D(2028, 3, 1))
    assert p.entry(S1).latest == D(2029, 2, 28)
    assert p.expiry.date == D(2031, 2, 28)


def test_imported_certificate_keeps_its_printed_expiry(cnca2025: RuleSet) -> None:
    p = audit_programme(
        CycleFacts(cnca2025, D(2026, 3, 15), expiry_date=D(2029, 3, 1)), on=D(2026, 4, 1)
    )
    assert p.entry(RC).latest == D(2029, 3, 1)
    assert p.expiry.basis.code == "printed_expiry"


def test_iso_counts_from_the_certification_decision(iso17021: RuleSet) -> None:
    p = audit_programme(
        CycleFacts(iso17021, D(2026, 3, 15), decision_date=D(2026, 3, 1)), on=D(2026, 4, 1)
    )
    assert p.entry(S1).latest == D(2027, 3, 1)
    assert p.entry(S1).basis.clause == "9.1.3.3"
    # at least once per calendar year: by the end of the year after the first surveillance's year
    assert p.entry(S2).latest == D(2028, 12, 31)
    assert p.entry(S2).basis.code == "once_per_calendar_year"


def test_iso_without_decision_date_uses_the_issue_date_and_says_so(iso17021: RuleSet) -> None:
    p = audit_programme(CycleFacts(iso17021, D(2026, 3, 15)), on=D(2026, 4, 1))
    assert p.entry(S1).latest == D(2027, 3, 15)
    assert p.anchor.basis.code == "issue_date_for_decision"


def test_cnca_2016_calendar_year_binds_when_earlier(cnca2016: RuleSet) -> None:
    p = audit_programme(
        CycleFacts(cnca2016, D(2026, 3, 15), surveillance_1_done=D(2026, 12, 1)), on=D(2027, 1, 1)
    )
    assert p.entry(S2).latest == D(2027, 12, 31)  # not 2028-03-01 (15 months)
    assert p.entry(S2).basis.code == "once_per_calendar_year"


def test_cnca_2016_fifteen_months_binds_when_earlier(cnca2016: RuleSet) -> None:
    p = audit_programme(
        CycleFacts(cnca2016, D(2026, 3, 15), surveillance_1_done=D(2027, 3, 10)), on=D(2027, 4, 1)
    )
    assert p.entry(S2).latest == D(2028, 6, 10)
    assert p.entry(S2).basis.code == "interval_after_previous_surveillance"


@pytest.mark.parametrize(
    ("on", "state"),
    [
        (D(2026, 12, 14), EntryState.PLANNED),
        (D(2026, 12, 15), EntryState.DUE),  # window opens
        (D(2027, 3, 15), EntryState.DUE),  # latest day still in time
        (D(2027, 3, 16), EntryState.OVERDUE),
    ],
)
def test_states_of_the_first_surveillance(
    cnca2025: RuleSet, on: dt.date, state: EntryState
) -> None:
    assert audit_programme(CycleFacts(cnca2025, D(2026, 3, 15)), on=on).entry(S1).state is state


def test_done_wins_over_overdue(cnca2025: RuleSet) -> None:
    p = audit_programme(
        CycleFacts(cnca2025, D(2026, 3, 15), surveillance_1_done=D(2027, 4, 1)), on=D(2027, 5, 1)
    )
    assert p.entry(S1).state is EntryState.DONE
    assert p.entry(S2).latest == D(2028, 4, 1)  # a late first surveillance moves the second


def test_windows_follow_the_cb_settings(cnca2025: RuleSet) -> None:
    settings = CBSettings(
        surveillance_window_months=2,
        recertification_window_months=4,
        recertification_apply_months=5,
    )
    p = audit_programme(CycleFacts(cnca2025, D(2026, 3, 15)), on=D(2026, 4, 1), settings=settings)
    assert p.entry(S1).window_start == D(2027, 1, 15)
    assert p.entry(RC).window_start == D(2028, 11, 14)
    assert p.recertification_application_due.date == D(2028, 10, 14)
    assert p.entry(S1).window_basis.clause == "surveillance_window_months"


# ---- properties -------------------------------------------------------------------------------

issue_dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31))
offsets = st.one_of(st.none(), st.integers(min_value=-200, max_value=500))
rule_ids = st.sampled_from(["CNCA-QMS-01:2025", "CNCA-QMS-2016", "ISO17021-1:2015"])


@st.composite
def cycles(draw: st.DrawFn, rule_id: st.SearchStrategy[str] = rule_ids) -> CycleFacts:
    issue = draw(issue_dates)
    rs = rule_set(draw(rule_id))
    s1_off, s2_off = draw(offsets), draw(offsets)
    s1 = issue + dt.timedelta(days=200 + s1_off) if s1_off is not None else None
    s2 = s1 + dt.timedelta(days=200 + s2_off) if s1 is not None and s2_off is not None else None
    decision = issue - dt.timedelta(days=draw(st.integers(0, 60))) if draw(st.booleans()) else None
    expiry = (
        add_months(issue, 36) - dt.timedelta(days=draw(st.integers(0, 40)))
        if draw(st.booleans())
        else None
    )
    return CycleFacts(rs, issue, expiry, decision, s1, s2)


on_dates = st.dates(min_value=D(1999, 1, 1), max_value=D(2095, 12, 31))


@given(cycles(st.just("CNCA-QMS-01:2025")), on_dates)
def test_property_cnca_2025_no_two_surveillances_more_than_12_months_apart(
    facts: CycleFacts, on: dt.date
) -> None:
    p = audit_programme(facts, on)
    s1 = p.entry(S1)
    assert s1.latest <= add_months(facts.issue_date, 12)
    s1_date = facts.surveillance_1_done or s1.latest
    assert p.entry(S2).latest <= add_months(s1_date, 12)


@given(cycles(), on_dates)
def test_property_nothing_is_due_after_expiry(facts: CycleFacts, on: dt.date) -> None:
    p = audit_programme(facts, on)
    assert p.entry(RC).latest <= p.expiry.date
    for e in p.entries:
        assert e.window_start <= e.latest <= p.expiry.date


@given(cycles(), on_dates)
def test_property_state_agrees_with_the_dates(facts: CycleFacts, on: dt.date) -> None:
    for e in audit_programme(facts, on).entries:
        if e.done_date is not None:
            assert e.state is EntryState.DONE
        elif on < e.window_start:
            assert e.state is EntryState.PLANNED
        elif on <= e.latest:
            assert e.state is EntryState.DUE
        else:
            assert e.state is EntryState.OVERDUE


@given(cycles(st.just("CNCA-QMS-2016")), on_dates)
def test_property_cnca_2016_once_per_calendar_year_and_15_months(
    facts: CycleFacts, on: dt.date
) -> None:
    p = audit_programme(facts, on)
    s1_date = facts.surveillance_1_done or p.entry(S1).latest
    s2 = p.entry(S2).latest
    assert s2 <= add_months(s1_date, 15)
    assert s2.year <= s1_date.year + 1


@given(cycles(), on_dates)
def test_property_every_date_carries_its_rule(facts: CycleFacts, on: dt.date) -> None:
    p = audit_programme(facts, on)
    for e in p.entries:
        assert e.basis.rule_id == facts.rule_set.id
        assert e.basis.clause and e.basis.code


def test_a_corrected_rule_set_gives_its_own_clauses(cnca2025: RuleSet) -> None:
    # Bases are shared per rule set object; a correction is a new object with its own clauses.
    import dataclasses

    from auditdesk.rules.status import certificate_status

    corrected = dataclasses.replace(
        cnca2025, first_surveillance_clause="§9.9", suspension_clause="§8.8"
    )
    before = audit_programme(CycleFacts(cnca2025, D(2026, 3, 15)), on=D(2027, 4, 1))
    after = audit_programme(CycleFacts(corrected, D(2026, 3, 15)), on=D(2027, 4, 1))
    assert before.entry(S1).basis.clause == cnca2025.first_surveillance_clause != "§9.9"
    assert after.entry(S1).basis.clause == "§9.9"
    assert after.anchor.basis.clause == "§9.9"
    status = certificate_status(CycleFacts(corrected, D(2026, 3, 15)), D(2027, 4, 1))
    assert (status.code, status.basis.clause) == ("suspension_required", "§8.8")
    again = audit_programme(CycleFacts(cnca2025, D(2026, 3, 15)), on=D(2027, 4, 1))
    assert again.entry(S1).basis == before.entry(S1).basis
