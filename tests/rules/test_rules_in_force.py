"""The rule set follows the date of the activity (DOMAIN §3 "Which rule set applies", corrected
2026-12; issue 16 point 1) and a late surveillance is a recorded breach (DOMAIN §3 "A late
surveillance is a recorded breach"; issue 16 point 2).

Source of the transition: CB notices quoting CNCA: "自2026年1月1日起，质量管理体系认证相关活动应全面
依据新版规则实施" — CNCA-QMS-01:2025 in force from 2026-01-01, CNCA-QMS-2016 abolished that day.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditdesk.rules.dates import add_months
from auditdesk.rules.programme import (
    CycleFacts,
    EntryKind,
    audit_programme,
    breaches,
)
from auditdesk.rules.rulesets import RuleBook, RuleSetDataError, load_rule_book
from auditdesk.rules.status import StatusCode, certificate_status

D = dt.date
S1, S2, RC = EntryKind.SURVEILLANCE_1, EntryKind.SURVEILLANCE_2, EntryKind.RECERTIFICATION
NEW, OLD, ISO = "CNCA-QMS-01:2025", "CNCA-QMS-2016", "ISO17021-1:2015"


def facts_for(book: RuleBook, issue: dt.date, scheme: str = "QMS", **kw: object) -> CycleFacts:
    rs, later = book.timeline(scheme, issue)
    return CycleFacts(rs, issue, later_rule_sets=later, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("scheme", "day", "expected"),
    [
        ("QMS", D(2025, 12, 31), OLD),  # last day of the 2016 rules
        ("QMS", D(2026, 1, 1), NEW),  # first day of the 2025 rules
        ("QMS", D(2019, 5, 1), OLD),
        ("EMS", D(2026, 6, 1), NEW),  # [check] EMS follows the QMS cycle until its text is loaded
        ("ISMS", D(2025, 6, 1), OLD),
        ("EnMS", D(2026, 6, 1), ISO),  # not a CNCA-cycle scheme here
    ],
)
def test_rule_set_in_force_on_a_date(book: RuleBook, scheme: str, day: dt.date, expected: str):
    """DOMAIN §3: activities on or after 2026-01-01 are judged by CNCA-QMS-01:2025, earlier
    ones by the rule in force then."""
    assert book.in_force(scheme, day).id == expected


@pytest.mark.parametrize(
    ("issue", "first", "later"),
    [
        (D(2025, 3, 15), OLD, [(D(2026, 1, 1), NEW)]),
        (D(2026, 3, 15), NEW, []),
        (D(2010, 1, 1), OLD, [(D(2026, 1, 1), NEW)]),
    ],
)
def test_timeline_of_a_cycle(book: RuleBook, issue, first, later) -> None:
    """DOMAIN §3: a cycle issued under the 2016 rules is judged by the 2025 rules from
    2026-01-01."""
    rs, nxt = book.timeline("QMS", issue)
    assert rs.id == first
    assert [(d, r.id) for d, r in nxt] == later


def test_override_has_no_successor(book: RuleBook) -> None:
    """Issue 16 point 1: an admin's manual rule-set override stays possible for the whole cycle."""
    rs, nxt = book.timeline("QMS", D(2025, 3, 15), "CNCA-QMS-2016")
    assert (rs.id, nxt) == (OLD, ())


# issue date, S1 done, S2 done, expected S1 latest, its rule, expected S2 latest, its rule
PROGRAMME_CASES = [
    # DOMAIN §3 example: issued 2025-03-15, S1 done 2026-03-01 → S2 latest 2027-03-01 (2025 rule)
    (D(2025, 3, 15), D(2026, 3, 1), None, D(2026, 3, 15), NEW, D(2027, 3, 1), NEW),
    # S1 in 2025 under the 2016 rule; the 2016 S2 limit (15 months / calendar year) would fall in
    # 2026, so the 2025 rule (12 months after S1) judges it: 2025-05-20 → 2026-05-20
    (D(2024, 6, 1), D(2025, 5, 20), None, D(2025, 6, 1), OLD, D(2026, 5, 20), NEW),
    # both latest dates before 2026: the 2016 rule stays (activities before keep their rule)
    (D(2023, 10, 2), D(2024, 10, 2), D(2025, 11, 15), D(2024, 10, 2), OLD, D(2025, 12, 31), OLD),
    # issued under the 2025 rule: nothing changes
    (D(2026, 3, 15), D(2027, 3, 1), None, D(2027, 3, 15), NEW, D(2028, 3, 1), NEW),
]


@pytest.mark.parametrize(
    ("issue", "s1", "s2", "s1_latest", "s1_rule", "s2_latest", "s2_rule"), PROGRAMME_CASES
)
def test_each_entry_is_judged_by_the_rule_in_force_on_its_date(
    book: RuleBook, issue, s1, s2, s1_latest, s1_rule, s2_latest, s2_rule
) -> None:
    """DOMAIN §3: "A programme entry whose latest date falls on or after 2026-01-01 is computed
    by the 2025 rule from the actual dates already done"; the basis shows the transition."""
    p = audit_programme(
        facts_for(book, issue, surveillance_1_done=s1, surveillance_2_done=s2), D(2026, 6, 1)
    )
    e1, e2 = p.entry(S1), p.entry(S2)
    assert (e1.latest, e1.rule_set_id, e1.basis.rule_id) == (s1_latest, s1_rule, s1_rule)
    assert (e2.latest, e2.rule_set_id, e2.basis.rule_id) == (s2_latest, s2_rule, s2_rule)
    for e in (e1, e2):
        if e.rule_set_id != p.rule_set_id:  # judged by a later rule set than the issuing one
            assert (e.basis.clause, e.basis.in_force_from, e.basis.issued_under) == (
                "§5.4.1.4",
                D(2026, 1, 1),
                OLD,
            )
        else:
            assert (e.basis.in_force_from, e.basis.issued_under) == (None, None)


def test_override_keeps_the_2016_dates_and_says_so(book: RuleBook) -> None:
    """Issue 16 point 1: a manual override is shown as such (2016 rule: S2 ≤ 15 months after
    S1 and within the next calendar year → 2027-06-01)."""
    rs, _ = book.timeline("QMS", D(2025, 3, 15), OLD)
    facts = CycleFacts(rs, D(2025, 3, 15), surveillance_1_done=D(2026, 3, 1), override=True)
    e2 = audit_programme(facts, D(2026, 6, 1)).entry(S2)
    assert (e2.latest, e2.basis.rule_id, e2.basis.override) == (D(2027, 6, 1), OLD, True)


@pytest.mark.parametrize(
    ("issue", "expiry", "on", "code", "reason", "deadline", "rule"),
    [
        # expired in 2026 without recertification: restart as initial (§5.8.2), no 2016 window
        (
            D(2023, 10, 2),
            D(2026, 10, 1),
            D(2026, 12, 2),
            "expired",
            "restart_as_initial",
            None,
            NEW,
        ),
        # expired 2025-09-30: the 2016 restore window (6 months) is cut at 2025-12-31
        (
            D(2022, 10, 1),
            D(2025, 9, 30),
            D(2025, 11, 1),
            "restorable",
            "restore_after_expiry",
            D(2025, 12, 31),
            OLD,
        ),
        (D(2022, 10, 1), D(2025, 9, 30), D(2026, 1, 1), "expired", "restart_as_initial", None, NEW),
    ],
)
def test_lapsed_certificate_judged_by_the_rule_on_the_day(
    book: RuleBook, issue, expiry, on, code, reason, deadline, rule
) -> None:
    """DOMAIN §3: "a certificate that expired in 2026 without a completed recertification
    restarts as an initial certification (no 2016 restore window)"; CNCA-QMS-01:2025 §5.8.2."""
    facts = facts_for(
        book,
        issue,
        expiry_date=expiry,
        surveillance_1_done=add_months(issue, 11),
        surveillance_2_done=add_months(issue, 23),
    )
    s = certificate_status(facts, on)
    assert (s.code.value, s.basis.code, s.deadline, s.basis.rule_id) == (
        code,
        reason,
        deadline,
        rule,
    )
    if rule == NEW:
        assert s.basis.clause == "§5.8.2"


def test_overdue_surveillance_of_a_2016_certificate_requires_suspension(book: RuleBook) -> None:
    """Issue 16 (demo 04125Q00004R0M read valid): S1 done 2025-11-30 under the 2016 rule, whose
    S2 limit (2026-12-31) falls in 2026 → judged by CNCA-QMS-01:2025 §5.4.1.4, S2 latest
    2026-11-30, so on 2026-12-02 suspension is required."""
    facts = facts_for(book, D(2025, 2, 2), surveillance_1_done=D(2025, 11, 30))
    s = certificate_status(facts, D(2026, 12, 2))
    assert (s.code, s.since, s.basis.rule_id, s.basis.clause) == (
        StatusCode.SUSPENSION_REQUIRED,
        D(2026, 12, 1),
        NEW,
        "§5.4.1.4",
    )


def test_admin_correction_of_the_transition_date_moves_it(book: RuleBook) -> None:
    """Issue 16 point 1: in_force_from / abolished_on are data an admin can correct."""
    corrected = book.with_overrides(
        {NEW: {"in_force_from": "2026-07-01"}, OLD: {"abolished_on": "2026-07-01"}}
    )
    assert corrected.in_force("QMS", D(2026, 3, 1)).id == OLD
    p = audit_programme(facts_for(corrected, D(2025, 3, 15)), D(2026, 1, 5))
    assert (p.entry(S1).latest, p.entry(S1).rule_set_id) == (D(2026, 3, 15), OLD)
    assert p.entry(S2).rule_set_id == NEW


def test_abolished_before_in_force_is_a_data_error(book: RuleBook) -> None:
    """A rule set cannot be abolished before it comes into force."""
    with pytest.raises(RuleSetDataError, match="abolished_on"):
        book.with_overrides({NEW: {"abolished_on": "2025-12-31"}})


def test_rule_book_without_dates_still_loads() -> None:
    """The old issue-date selection columns still narrow a default row when present."""
    base = {
        "id": "X",
        "anchor": "issue_date",
        "first_surveillance_months": 12,
        "first_surveillance_clause": "1",
        "interval_rule": "months_after_previous",
        "interval_months": 12,
        "interval_clause": "1",
        "min_surveillances": 2,
        "recertification_clause": "1",
        "restore_window_months": None,
        "restore_clause": "1",
        "suspension_max_months": 6,
        "suspension_clause": "1",
    }
    book = load_rule_book(
        {
            "rule_sets": [base, {**base, "id": "Y"}],
            "defaults": [
                {"rule_set": "X", "schemes": ["*"], "issued_until": "2020-12-31"},
                {"rule_set": "Y", "schemes": ["*"]},
            ],
        }
    )
    assert book.in_force("QMS", D(2020, 1, 1)).id == "X"
    assert book.in_force("QMS", D(2021, 1, 1)).id == "Y"


# ---- late and missed surveillances (issue 16 point 2) ------------------------------------------


@pytest.mark.parametrize(
    ("s1_done", "on", "late", "days", "state"),
    [
        (D(2027, 3, 15), D(2027, 6, 1), 0, None, "done"),  # on the latest day: on time
        (D(2027, 4, 14), D(2027, 6, 1), 30, 30, "done"),  # done late (30 days)
        (None, D(2027, 3, 25), 0, 10, "overdue"),  # missed, 10 days so far
    ],
)
def test_late_or_missed_surveillance_is_a_breach(book: RuleBook, s1_done, on, late, days, state):
    """DOMAIN §3: a surveillance done after its latest date means the certificate had to be
    suspended and reported for the days in between (CNCA-QMS-01:2025 §5.4.1.4)."""
    facts = facts_for(book, D(2026, 3, 15), surveillance_1_done=s1_done)
    p = audit_programme(facts, on)
    e1 = p.entry(S1)
    assert (e1.late_days, e1.state.value) == (late, state)
    found = [b for b in breaches(facts, p) if b.entry is S1]
    if days is None:
        assert found == []
    else:
        (b,) = found
        assert (b.days, b.suspension_from, b.done_date, b.report_required) == (
            days,
            D(2027, 3, 16),
            s1_done,
            True,
        )
        assert (b.basis.rule_id, b.basis.clause) == (NEW, "§5.4.1.4")


# ---- properties under the rules in force ----------------------------------------------------------

issues = st.dates(min_value=D(2022, 1, 1), max_value=D(2030, 12, 31))
offsets = st.one_of(st.none(), st.integers(min_value=-200, max_value=300))


@given(
    issue=issues,
    o1=offsets,
    o2=offsets,
    on=st.dates(min_value=D(2022, 1, 1), max_value=D(2034, 12, 31)),
)
def test_property_rules_in_force_from_2026(book: RuleBook, issue, o1, o2, on) -> None:
    """DOMAIN §3 / CNCA-QMS-01:2025 §5.4.1.4: a surveillance judged by the 2025 rule is at most
    12 months after the previous one; §5.8.2: recertification never after expiry."""
    s1 = issue + dt.timedelta(days=330 + o1) if o1 is not None else None
    s2 = s1 + dt.timedelta(days=330 + o2) if s1 is not None and o2 is not None else None
    facts = facts_for(book, issue, surveillance_1_done=s1, surveillance_2_done=s2)
    p = audit_programme(facts, on)
    e1, e2, rc = p.entry(S1), p.entry(S2), p.entry(RC)
    if e1.rule_set_id == NEW:
        assert e1.latest <= add_months(issue, 12)
    if e2.rule_set_id == NEW:
        assert e2.latest <= add_months(s1 or e1.latest, 12)
    if e2.latest >= D(2026, 1, 1):
        assert e2.rule_set_id == NEW
    assert rc.latest <= p.expiry.date
    for e in p.entries:
        assert e.latest <= p.expiry.date
        assert e.late_days == (
            (e.done_date - e.latest).days if e.done_date and e.done_date > e.latest else 0
        )
