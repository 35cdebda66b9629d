"""Dates a user types: read in the forms people write them, and when one cannot be a date, say
why in the user's language — "30 February 2026 does not exist: February 2026 has 28 days", not
"wrong format" (issue #20.9).

Accepted: 2026-03-15, 2026/3/15, 2026.3.15, 2026年3月15日, 20260315 (the forms the Excel import
reads, ``exchange/values.py``). A problem is a code the screens carry like any validation code
(``date.format``, ``date.no_such_month:13``, ``date.no_such_day:2026-2-30``) and turn into text
with :func:`problem_text`, so a screen that shows problems under their field needs no change of
its own beyond asking here.

QDateEdit fields (planning, NC deadlines, check-in, CNCA month, certificate events) cannot hold a
day that does not exist: Qt refuses the keystroke. The free-text date fields are the register
editors' and the import's cells.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
MIN_YEAR, MAX_YEAR = 1900, 2100
PREFIX = "date."


def parse(text: str) -> tuple[dt.date | None, str | None]:
    """(the date, None) or (None, a problem code); blank text is (None, None)."""
    text = (text or "").strip().translate(_FULL_WIDTH)
    if not text:
        return None, None
    m = _DATE.fullmatch(text) or _COMPACT.fullmatch(text)
    if not m:
        return None, "date.format"
    year, month, day = (int(g) for g in m.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None, f"date.year:{year}"
    if not 1 <= month <= 12:
        return None, f"date.no_such_month:{month}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None, f"date.no_such_day:{year}-{month}-{day}"
    return dt.date(year, month, day), None


_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def is_date_problem(code: str | None) -> bool:
    return bool(code) and str(code).startswith(PREFIX)


MONTHS = (  # not calendar.month_name: that follows the C library's locale, which Qt sets
    QT_TRANSLATE_NOOP("DateInput", "January"),
    QT_TRANSLATE_NOOP("DateInput", "February"),
    QT_TRANSLATE_NOOP("DateInput", "March"),
    QT_TRANSLATE_NOOP("DateInput", "April"),
    QT_TRANSLATE_NOOP("DateInput", "May"),
    QT_TRANSLATE_NOOP("DateInput", "June"),
    QT_TRANSLATE_NOOP("DateInput", "July"),
    QT_TRANSLATE_NOOP("DateInput", "August"),
    QT_TRANSLATE_NOOP("DateInput", "September"),
    QT_TRANSLATE_NOOP("DateInput", "October"),
    QT_TRANSLATE_NOOP("DateInput", "November"),
    QT_TRANSLATE_NOOP("DateInput", "December"),
)


def _month_name(month: int) -> str:
    return QCoreApplication.translate("DateInput", str(MONTHS[month - 1]))


def problem_text(code: str) -> str:
    """The sentence for a ``date.*`` problem code, in the current language."""
    kind, _, detail = code.partition(":")
    if kind == "date.no_such_day":
        year, month, day = (int(p) for p in detail.split("-"))
        days = calendar.monthrange(year, month)[1]
        return (
            QCoreApplication.translate("DateInput", "%1 %2 %3 does not exist: %2 %3 has %4 days.")
            .replace("%1", str(day))
            .replace("%2", _month_name(month))
            .replace("%3", str(year))
            .replace("%4", str(days))
        )
    if kind == "date.no_such_month":
        return QCoreApplication.translate(
            "DateInput", "There is no month %1: months go from 1 to 12."
        ).replace("%1", detail)
    if kind == "date.year":
        return (
            QCoreApplication.translate("DateInput", "The year %1 is not plausible (%2–%3).")
            .replace("%1", detail)
            .replace("%2", str(MIN_YEAR))
            .replace("%3", str(MAX_YEAR))
        )
    return QCoreApplication.translate(
        "DateInput", "Enter a date as 2026-03-15 (or 2026/3/15, 2026年3月15日)."
    )


def import_problem(value: str, reason: str) -> str | None:
    """For an import cell refused as ``invalid_date``: the precise reason when the cell has the
    shape of a date (a day or month that does not exist), else None (keep the import's text)."""
    if reason.partition(":")[0] != "invalid_date":
        return None
    _date, code = parse(value)
    return problem_text(code) if code and code != "date.format" else None
