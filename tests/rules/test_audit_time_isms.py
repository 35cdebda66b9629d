"""Audit time for ISMS (ISO/IEC 27006-1:2024 Annex C), rounding modes as a table setting, the
continuum reading, and the 30 % reduction cap at its edge (issue 16 point 5)."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from typing import Any

import pytest

from auditdesk.paths import resource
from auditdesk.rules.audit_time import (
    Adjustment,
    AuditTimeBook,
    AuditTimeError,
    adjustment_range,
    audit_time,
    load_audit_time_book,
    round_days,
)

# [check] ISO/IEC 27006:2015 Table B.1 (audit time chart), reported unchanged in 27006-1:2024
# Annex C; transcribed here independently of resources/rules/audit_time.json.
ISMS = [
    (1, 10, 5), (11, 15, 6), (16, 25, 7), (26, 45, 8.5), (46, 65, 10), (66, 85, 11),
    (86, 125, 12), (126, 175, 13), (176, 275, 14), (276, 425, 15), (426, 625, 16.5),
    (626, 875, 17.5), (876, 1175, 18.5), (1176, 1550, 19.5), (1551, 2025, 21),
    (2026, 2675, 22), (2676, 3450, 23), (3451, 4350, 24), (4351, 5450, 25), (5451, 6800, 26),
    (6801, 8500, 27), (8501, 10700, 28),
]  # fmt: skip


@pytest.mark.parametrize(("lo", "hi", "days"), ISMS)
def test_isms_table_row_at_both_ends(time_book: AuditTimeBook, lo: int, hi: int, days: float):
    """ISO/IEC 27006-1:2024 Annex C [check]: initial audit days by persons in scope."""
    for personnel in (lo, hi):
        r = audit_time(time_book, "ISMS", personnel)
        assert (r.row.band_from, r.row.band_to, r.initial_days) == (lo, hi, days)
        assert (r.basis.rule_id, r.basis.clause) == ("ISO/IEC 27006-1:2024", "Annex C, Table C.1")
    assert time_book.table("ISMS").check


@pytest.mark.parametrize(
    ("key", "low", "high"),
    [("business_low/it_low", -30, -10), ("business_medium/it_medium", 0, 0)],
)
def test_isms_complexity_factors_are_data(time_book: AuditTimeBook, key, low, high) -> None:
    """ISO/IEC 27006-1 complexity factors (business × IT) [check]: allowed adjustment ranges."""
    assert adjustment_range(time_book.table("ISMS"), key) == (low, high)


def test_unknown_factor_is_refused(time_book: AuditTimeBook) -> None:
    with pytest.raises(AuditTimeError, match="factor"):
        adjustment_range(time_book.table("QMS"), "business_low/it_low")


@pytest.mark.parametrize(
    ("days", "mode", "rounded"),
    [
        ("5.2", "nearest_half_day", "5"),  # MD5 2.2.3 example
        ("5.3", "nearest_half_day", "5.5"),  # MD5 2.2.3 example
        ("5.2", "up_half_day", "5.5"),  # a "not less than" floor never rounds down
        ("5.0", "up_half_day", "5"),
    ],
)
def test_rounding_modes(days: str, mode: str, rounded: str) -> None:
    """IAF MD5 2.2.3 (nearest half day) and floors rounded up."""
    assert round_days(Fraction(days), mode) == Fraction(rounded)


def _book(**rules: Any) -> AuditTimeBook:
    with open(resource("rules", "audit_time.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    data = copy.deepcopy(data)
    data["rules"].update(rules)
    return load_audit_time_book(data)


def test_rounding_mode_is_a_table_setting() -> None:
    """Issue 16 point 5: the CNCA 'surveillance not less than ⅓' reading [check] is a setting:
    QMS 50 persons = 5 days, ⅓ = 1.67 → 1.5 nearest (shipped), 2 rounded up."""
    shipped = audit_time(_book(), "QMS", 50)
    floor = audit_time(_book(surveillance_rounding="up_half_day"), "QMS", 50)
    assert (shipped.surveillance_days, floor.surveillance_days) == (1.5, 2.0)
    assert floor.initial_days == shipped.initial_days == 5.0
    with pytest.raises(AuditTimeError):
        _book(rounding="to_the_hour")


def test_continuum_reading(time_book: AuditTimeBook) -> None:
    """IAF MD5 continuum: within 46-65 (5 days; next band 6) 65 persons → 5 + 19/20 → 6 (half
    days), 46 persons → 5; the step reading gives 5 for both."""
    assert audit_time(time_book, "QMS", 65).initial_days == 5
    assert audit_time(time_book, "QMS", 65, continuum=True).initial_days == 6
    assert audit_time(time_book, "QMS", 46, continuum=True).initial_days == 5


@pytest.mark.parametrize(
    ("percents", "capped", "net"),
    [
        ((-30,), False, -30.0),  # exactly −30 %: allowed, not capped (the surviving mutant)
        ((-20, -10), False, -30.0),
        ((-30.5,), True, -30.0),
        ((-29.5,), False, -29.5),
    ],
)
def test_reduction_cap_at_exactly_30_percent(
    time_book: AuditTimeBook, percents: tuple[float, ...], capped: bool, net: float
) -> None:
    """IAF MD5 (DOMAIN §5): total reduction ≤ 30 % — a reduction of exactly 30 % is within the
    limit, so it is not flagged as capped; only a larger one is."""
    adj = [Adjustment(p, "documented reason") for p in percents]
    r = audit_time(time_book, "QMS", 200, adjustments=adj)
    assert (r.reduction_capped, r.adjustment_percent) == (capped, net)
