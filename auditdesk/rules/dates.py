"""Date arithmetic of the certification rules: one month helper, used everywhere.

Counting "within N months of" a date follows the PRC Civil Code (arts. 201-202): the start day
is not counted, and the period ends on the corresponding day of the last month, or on that
month's last day where there is none. So 12 months from 2026-03-15 end on 2027-03-15 and from
2028-02-29 on 2029-02-28. This is exactly :func:`add_months` (the same result as
``dateutil.relativedelta(months=n)``; the rules layer uses the standard library only).

Resolved ambiguities:
- Art. 203 (a period ending on a public holiday moves to the next working day) is NOT applied:
  the rules have no holiday calendar, and a CB deadline that falls early is the safe error.
- Counting backwards (a window opening "3 months before" a latest date) uses the same
  corresponding-day rule with a negative month count: 3 months before 2027-05-31 is 2027-02-28.
- A month-end start keeps its day number, not "month end": 1 month after 2026-02-28 is
  2026-03-28, as art. 202 says (corresponding day), not 2026-03-31.
"""

from __future__ import annotations

import datetime as dt

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ONE_DAY = dt.timedelta(days=1)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(start: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` months counted from ``start`` (Civil Code 201-202).

    Negative ``months`` count backwards with the same corresponding-day rule.
    Raises ``OverflowError`` beyond year 9999 (as ``datetime.date`` does).
    """
    # Called several times per certificate when a whole register is evaluated: only a day
    # after the 28th needs the length of the target month.
    year, month0 = divmod(start.year * 12 + start.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    day = start.day
    if day > 28:
        last = 29 if month0 == 1 and _is_leap(year) else _DAYS_IN_MONTH[month0]
        if day > last:
            day = last
    return dt.date(year, month0 + 1, day)


def add_years(start: dt.date, years: int) -> dt.date:
    """Years count as 12 months each (2028-02-29 + 1 year = 2029-02-28)."""
    return add_months(start, 12 * years)


def add_days(start: dt.date, days: int) -> dt.date:
    """A period of ``days`` days from ``start``: the start day is not counted (art. 201)."""
    return start + dt.timedelta(days=days)


def default_expiry(issue_date: dt.date, validity_years: int = 3) -> dt.date:
    """A new certificate's expiry: issue date + ``validity_years`` years − 1 day [setting].

    2026-03-15 → 2029-03-14. The certificate is valid up to and including this date. The issue
    day itself counts, so the period ends the day before the corresponding day; where the end
    month has no corresponding day (issued on 29 February) it ends on that month's last day:
    2028-02-29 → 2031-02-28 (not 02-27), while 2029-03-01 → 2032-02-29.
    """
    months = 12 * validity_years
    anniversary = add_months(issue_date, months)
    if anniversary.day < issue_date.day:  # no corresponding day: the month's last day ends it
        return anniversary
    return anniversary - _ONE_DAY


def end_of_year(day: dt.date) -> dt.date:
    return dt.date(day.year, 12, 31)


def is_within_months(start: dt.date, day: dt.date, months: int) -> bool:
    """Whether ``day`` falls within ``months`` months of ``start`` (end day included)."""
    return day <= add_months(start, months)
