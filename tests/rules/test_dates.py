"""Civil-Code month counting (DOMAIN §3): one helper, examples and properties."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditdesk.rules.dates import (
    add_months,
    add_years,
    days_in_month,
    default_expiry,
    is_within_months,
)

D = dt.date
dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2300, 12, 31))
month_counts = st.integers(min_value=-240, max_value=240)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2026, 3, 15), 12, D(2027, 3, 15)),  # DOMAIN §3 example
        (D(2028, 2, 29), 12, D(2029, 2, 28)),  # DOMAIN §3 example: no 29 Feb → month end
        (D(2028, 2, 29), 48, D(2032, 2, 29)),  # leap year to leap year keeps the 29th
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2026, 2, 28), 1, D(2026, 3, 28)),  # corresponding day, not "month end"
        (D(2026, 8, 31), 1, D(2026, 9, 30)),
        (D(2026, 12, 31), 1, D(2027, 1, 31)),  # year end
        (D(2026, 11, 30), 2, D(2027, 1, 30)),
        (D(2026, 12, 15), 12, D(2027, 12, 15)),
        (D(2027, 5, 31), -3, D(2027, 2, 28)),  # windows count backwards the same way
        (D(2027, 3, 15), -3, D(2026, 12, 15)),
        (D(2027, 1, 31), -1, D(2026, 12, 31)),
        (D(2026, 3, 15), 0, D(2026, 3, 15)),
    ],
)
def test_add_months_follows_the_civil_code(start: dt.date, months: int, end: dt.date) -> None:
    assert add_months(start, months) == end


@pytest.mark.parametrize(
    ("issue", "expiry"),
    [
        (D(2026, 3, 15), D(2029, 3, 14)),  # DOMAIN §3 example
        (D(2026, 1, 1), D(2028, 12, 31)),  # year end
        (D(2029, 3, 1), D(2032, 2, 29)),  # day before the anniversary, in a leap year
        (D(2028, 2, 29), D(2031, 2, 28)),  # issued on 29 Feb: the month's last day
        (D(2028, 3, 1), D(2031, 2, 28)),
    ],
)
def test_default_expiry_is_issue_plus_three_years_minus_one_day(
    issue: dt.date, expiry: dt.date
) -> None:
    assert default_expiry(issue) == expiry


def test_default_expiry_takes_the_validity_setting() -> None:
    assert default_expiry(D(2026, 3, 15), validity_years=1) == D(2027, 3, 14)


def test_within_months_includes_the_last_day() -> None:
    assert is_within_months(D(2026, 3, 15), D(2027, 3, 15), 12)
    assert not is_within_months(D(2026, 3, 15), D(2027, 3, 16), 12)


def test_add_years_is_twelve_months() -> None:
    assert add_years(D(2028, 2, 29), 1) == D(2029, 2, 28)


def test_beyond_the_calendar_raises() -> None:
    with pytest.raises(OverflowError):
        add_months(D(9999, 12, 1), 1)


@given(dates, month_counts)
def test_property_matches_an_independent_calendar_computation(start: dt.date, months: int) -> None:
    index = start.year * 12 + start.month - 1 + months
    year, month = index // 12, index % 12 + 1
    expected = D(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    assert add_months(start, months) == expected


@given(dates, month_counts)
def test_property_lands_in_the_target_month_on_the_same_or_last_day(
    start: dt.date, months: int
) -> None:
    end = add_months(start, months)
    assert (end.year - start.year) * 12 + end.month - start.month == months
    assert end.day == start.day or (
        end.day < start.day and end.day == days_in_month(end.year, end.month)
    )


@given(dates, dates, st.integers(min_value=0, max_value=120))
def test_property_is_monotonic(a: dt.date, b: dt.date, months: int) -> None:
    first, second = sorted((a, b))
    assert add_months(first, months) <= add_months(second, months)


@given(dates, month_counts)
def test_property_round_trip_for_days_every_month_has(start: dt.date, months: int) -> None:
    start = start.replace(day=min(start.day, 28))
    assert add_months(add_months(start, months), -months) == start


@given(dates)
def test_property_expiry_is_the_day_before_the_anniversary_or_february_end(issue: dt.date) -> None:
    expiry = default_expiry(issue)
    anniversary = add_years(issue, 3)
    if issue.month == 2 and issue.day == 29 and anniversary.day == 28:
        assert expiry == anniversary
    else:
        assert expiry == anniversary - dt.timedelta(days=1)
    assert D(issue.year + 2, 12, 30) <= expiry <= D(issue.year + 3, 12, 31)


# Dates where month arithmetic goes wrong: month ends, 29 February, year ends and starts.
edge_dates = st.one_of(
    st.builds(
        lambda y, m: D(y, m, days_in_month(y, m)), st.integers(1901, 2299), st.integers(1, 12)
    ),
    st.builds(
        lambda y: D(y * 4, 2, 29) if _leap(y * 4) else D(y * 4, 2, 28), st.integers(476, 574)
    ),
    st.builds(lambda y: D(y, 12, 31), st.integers(1901, 2299)),
    st.builds(lambda y: D(y, 1, 1), st.integers(1901, 2299)),
)


def _leap(year: int) -> bool:
    return calendar.isleap(year)


@given(edge_dates, month_counts)
def test_property_edge_dates_match_the_calendar(start: dt.date, months: int) -> None:
    end = add_months(start, months)
    last = calendar.monthrange(end.year, end.month)[1]
    assert end.day == min(start.day, last)
    if start.day == 29 and start.month == 2 and months % 12 == 0:
        assert end == D(end.year, 2, 29 if calendar.isleap(end.year) else 28)


@given(edge_dates)
def test_property_twelve_months_is_within_a_year_and_a_day(start: dt.date) -> None:
    end = add_months(start, 12)
    assert 365 <= (end - start).days <= 366
    assert is_within_months(start, end, 12) and not is_within_months(
        start, end + dt.timedelta(days=1), 12
    )


def _months_by_calendar(start: dt.date, months: int) -> dt.date:
    """The Civil Code rule spelled out with the calendar module: same day of the target
    month, or that month's last day."""
    year, month0 = divmod(start.year * 12 + start.month - 1 + months, 12)
    return dt.date(year, month0 + 1, min(start.day, calendar.monthrange(year, month0 + 1)[1]))


def test_add_months_on_every_day_of_a_leap_cycle() -> None:
    # The month-end short cut (only days after the 28th look at the month length) against
    # the calendar, for every start day of 2023-2028 and the month counts the rules use.
    day = dt.date(2023, 1, 1)
    while day < dt.date(2029, 1, 1):
        for months in (-36, -12, -6, -3, -2, -1, 1, 2, 3, 6, 12, 13, 15, 36):
            assert add_months(day, months) == _months_by_calendar(day, months), (day, months)
        day += dt.timedelta(days=1)
