"""Audit time (IAF MD5, DOMAIN §5): every row of every table, the factors, caps and rounding."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditdesk.paths import resource
from auditdesk.rules.audit_time import (
    Adjustment,
    AuditTimeBook,
    AuditTimeError,
    UnknownScheme,
    audit_time,
    load_audit_time_book,
    round_half_day,
)
from auditdesk.rules.kinds import AuditKind

# Transcribed from DOMAIN.md §5, independently of resources/rules/audit_time.json.
BANDS = (
    "1-5, 6-10, 11-15, 16-25, 26-45, 46-65, 66-85, 86-125, 126-175, 176-275, 276-425, 426-625, "
    "626-875, 876-1175, 1176-1550, 1551-2025, 2026-2675, 2676-3450, 3451-4350, 4351-5450, "
    "5451-6800, 6801-8500, 8501-10700"
)
QMS = "1.5 2 2.5 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22"
EMS = (
    "3/2.5/2.5/2.5, 3.5/3/3/3, 4.5/3.5/3/3, 5.5/4.5/3.5/3, 7/5.5/4/3, 8/6/4.5/3.5, 9/7/5/3.5, "
    "11/8/5.5/4, 12/9/6/4.5, 13/10/7/5, 15/11/8/5.5, 16/12/9/6, 17/13/10/6.5, 19/15/11/7, "
    "20/16/12/7.5, 21/17/12/8, 23/18/13/8.5, 25/19/14/9, 27/20/15/10, 28/21/16/11, "
    "30/23/17/12, 32/25/19/13, 34/27/20/14"
)

bands = [tuple(int(x) for x in b.split("-")) for b in BANDS.split(", ")]
ems_rows = [[float(v) for v in r.split("/")] for r in EMS.split(", ")]
CATS = ["high", "medium", "low", "limited"]

ROWS: list[tuple[str, str, int, int, float]] = []
for i, (lo, hi) in enumerate(bands):
    ROWS.append(("QMS", "standard", lo, hi, float(QMS.split()[i])))
    for j, cat in enumerate(CATS):
        ROWS.append(("EMS", cat, lo, hi, ems_rows[i][j]))
        if cat != "limited":  # OH&SMS risk High/Medium/Low: the same columns as EMS
            ROWS.append(("OHSMS", cat, lo, hi, ems_rows[i][j]))


def test_the_transcription_has_every_band() -> None:
    assert len(bands) == 23 and len(QMS.split()) == 23 and len(ems_rows) == 23
    assert len(ROWS) == 23 * 8


@pytest.mark.parametrize(("scheme", "category", "lo", "hi", "days"), ROWS)
def test_every_table_row_at_both_ends_of_its_band(
    time_book: AuditTimeBook, scheme: str, category: str, lo: int, hi: int, days: float
) -> None:
    for personnel in (lo, hi):
        result = audit_time(time_book, scheme, personnel, category)
        assert (result.row.band_from, result.row.band_to, result.row.days) == (lo, hi, days)
        assert result.initial_days == days  # table values are already half days
        assert not result.row.extrapolated


@pytest.mark.parametrize(
    ("scheme", "personnel", "category", "initial", "surveillance", "recert"),
    [
        ("QMS", 3, None, 1.5, 0.5, 1.0),  # 1.5/3 = 0.5; 2/3·1.5 = 1
        ("QMS", 50, None, 5, 1.5, 3.5),  # 5/3 = 1.67 → 1.5; 10/3 = 3.33 → 3.5
        ("QMS", 100, None, 7, 2.5, 4.5),  # 2.33 → 2.5; 4.67 → 4.5 (nearest)
        ("QMS", 200, None, 9, 3, 6),
        ("EMS", 50, "high", 8, 2.5, 5.5),  # 2.67 → 2.5; 5.33 → 5.5
        ("EMS", 20, "limited", 3, 1, 2),
        ("OHSMS", 1000, "medium", 15, 5, 10),
    ],
)
def test_surveillance_is_a_third_and_recertification_two_thirds_in_half_days(
    time_book: AuditTimeBook,
    scheme: str,
    personnel: int,
    category: str | None,
    initial: float,
    surveillance: float,
    recert: float,
) -> None:
    r = audit_time(time_book, scheme, personnel, category)
    assert (r.initial_days, r.surveillance_days, r.recertification_days) == (
        initial,
        surveillance,
        recert,
    )
    assert r.days_for(AuditKind.SURVEILLANCE) == surveillance


@pytest.mark.parametrize(
    ("days", "rounded"),
    [("5.3", "5.5"), ("5.2", "5"), ("5.25", "5.5"), ("5.75", "6"), ("5.74", "5.5"), ("0.2", "0")],
)
def test_half_day_rounding_md5_examples(days: str, rounded: str) -> None:
    assert round_half_day(Fraction(days)) == Fraction(rounded)


def test_default_categories(time_book: AuditTimeBook) -> None:
    assert audit_time(time_book, "QMS", 10).category == "standard"
    assert audit_time(time_book, "EMS", 10).category == "medium"
    assert audit_time(time_book, "ohsms", 10).category == "medium"  # scheme codes are case-free


def test_adjustments_need_a_reason_and_reductions_are_capped_at_30_percent(
    time_book: AuditTimeBook,
) -> None:
    with pytest.raises(AuditTimeError, match="reason"):
        audit_time(time_book, "QMS", 200, adjustments=[Adjustment(-10, " ")])
    r = audit_time(
        time_book,
        "QMS",
        200,
        adjustments=[
            Adjustment(-20, "single site, simple processes"),
            Adjustment(-20, "low risk product"),
        ],
    )
    assert r.reduction_capped and r.adjustment_percent == -30
    assert r.initial_days == 6.5  # 9 × 0.7 = 6.3 → 6.5
    r = audit_time(time_book, "QMS", 200, adjustments=[Adjustment(-20, "a"), Adjustment(10, "b")])
    assert not r.reduction_capped and r.adjustment_percent == -10
    assert r.initial_days == 8.0  # 8.1 → 8


def test_increases_are_not_capped(time_book: AuditTimeBook) -> None:
    r = audit_time(
        time_book, "QMS", 200, adjustments=[Adjustment(50, "complex processes, many shifts")]
    )
    assert r.initial_days == 13.5


def test_integrated_audit_reduction_up_to_20_percent(time_book: AuditTimeBook) -> None:
    r = audit_time(time_book, "QMS", 200, integrated_reduction_percent=20)
    assert r.initial_days == 7.0 and not r.integrated_capped  # 9 × 0.8 = 7.2 → 7
    assert r.integrated_basis is not None and r.integrated_basis.rule_id == "IAF MD11:2023"
    r = audit_time(time_book, "QMS", 200, integrated_reduction_percent=35)
    assert r.integrated_capped and r.integrated_reduction_percent == 20


def test_onsite_is_at_least_80_percent_rounded_up(time_book: AuditTimeBook) -> None:
    r = audit_time(time_book, "QMS", 200)  # 9 days
    assert r.initial_onsite_min_days == 7.5  # 7.2 → up to 7.5
    r = audit_time(time_book, "QMS", 3)
    assert r.surveillance_onsite_min_days == 0.5  # never above the total


def test_above_the_last_band_follows_the_progression(time_book: AuditTimeBook) -> None:
    r = audit_time(time_book, "QMS", 10701)
    assert (r.row.band_from, r.row.band_to, r.row.days, r.row.extrapolated) == (
        10701,
        12900,
        23,
        True,
    )
    assert r.basis.code == "extrapolated_row"
    assert audit_time(time_book, "QMS", 12901).row.days == 24
    assert audit_time(time_book, "EMS", 10701, "high").row.days == 36  # last step +2


def test_every_figure_names_its_table(time_book: AuditTimeBook) -> None:
    r = audit_time(time_book, "EMS", 30, "low")
    assert (r.basis.rule_id, r.basis.code) == ("IAF MD5:2023", "table_row")
    assert "EMS" in r.basis.clause
    assert r.rounding_basis.clause == "2.2.3"


@pytest.mark.parametrize("personnel", [0, -1, True, 2.5])
def test_bad_personnel(time_book: AuditTimeBook, personnel: Any) -> None:
    with pytest.raises(AuditTimeError, match="personnel"):
        audit_time(time_book, "QMS", personnel)


def test_unknown_scheme_and_category(time_book: AuditTimeBook) -> None:
    with pytest.raises(UnknownScheme):
        audit_time(time_book, "FSMS", 10)
    with pytest.raises(AuditTimeError, match="category"):
        audit_time(time_book, "OHSMS", 10, "limited")


def test_a_further_scheme_is_just_data() -> None:
    with resource("rules", "audit_time.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    data["schemes"]["ISMS"] = {
        "rule_id": "ISO/IEC 27006-1:2024",
        "clause": "Annex C",
        "bands": [[1, 10], [11, 50]],
        "days": {"standard": [5, 7]},
    }
    book = load_audit_time_book(data)
    assert audit_time(book, "ISMS", 20).initial_days == 7
    assert audit_time(book, "ISMS", 20).basis.rule_id == "ISO/IEC 27006-1:2024"


@pytest.mark.parametrize(
    "broken",
    [
        {"bands": [[1, 5], [7, 10]], "days": {"a": [1, 2]}},  # gap between bands
        {"bands": [[1, 5], [6, 10]], "days": {"a": [1]}},  # a value missing
        {"bands": [[1, 5], [6, 10]], "days": {"a": [2, 1]}},  # decreasing
    ],
)
def test_malformed_tables_are_refused(broken: dict[str, Any]) -> None:
    with pytest.raises(AuditTimeError):
        load_audit_time_book({"schemes": {"X": {"clause": "x", **broken}}})


@given(st.sampled_from(["QMS", "EMS", "OHSMS"]), st.integers(1, 30000), st.integers(1, 30000))
def test_property_more_personnel_never_means_fewer_days(scheme: str, a: int, b: int) -> None:
    from tests.rules.conftest import _DATA

    book = _DATA.audit_time
    small, large = sorted((a, b))
    for cat in book.table(scheme).categories:
        x, y = audit_time(book, scheme, small, cat), audit_time(book, scheme, large, cat)
        assert x.initial_days <= y.initial_days
        assert x.surveillance_days <= x.recertification_days <= x.initial_days
        for v in (y.initial_days, y.surveillance_days, y.recertification_days):
            assert v * 2 == int(v * 2) and v >= 0.5
