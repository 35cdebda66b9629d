"""Rule sets are data (DOMAIN §3): the shipped table, default selection, admin corrections."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from auditdesk.paths import resource
from auditdesk.rules.rulesets import (
    Anchor,
    IntervalRule,
    RuleBook,
    RuleSetDataError,
    UnknownRuleSet,
    load_rule_book,
)

D = dt.date


def shipped() -> dict[str, Any]:
    with resource("rules", "rule_sets.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.mark.parametrize(
    ("rule_id", "anchor", "first", "interval_rule", "interval", "restore", "suspension"),
    [
        (
            "CNCA-QMS-01:2025",
            Anchor.ISSUE_DATE,
            12,
            IntervalRule.MONTHS_AFTER_PREVIOUS,
            12,
            None,
            6,
        ),
        ("CNCA-QMS-2016", Anchor.ISSUE_DATE, 12, IntervalRule.CALENDAR_YEAR_AND_MONTHS, 15, 6, 6),
        ("ISO17021-1:2015", Anchor.DECISION_DATE, 12, IntervalRule.CALENDAR_YEAR, None, 6, 6),
    ],
)
def test_each_row_of_the_domain_table(
    book: RuleBook,
    rule_id: str,
    anchor: Anchor,
    first: int,
    interval_rule: IntervalRule,
    interval: int | None,
    restore: int | None,
    suspension: int,
) -> None:
    rs = book.get(rule_id)
    assert (rs.anchor, rs.first_surveillance_months, rs.interval_rule, rs.interval_months) == (
        anchor,
        first,
        interval_rule,
        interval,
    )
    assert (rs.restore_window_months, rs.suspension_max_months, rs.min_surveillances) == (
        restore,
        suspension,
        2,
    )


def test_the_2016_rules_are_marked_for_checking(book: RuleBook) -> None:
    assert book.get("CNCA-QMS-2016").check
    assert not book.get("CNCA-QMS-01:2025").check


@pytest.mark.parametrize(
    ("field", "clause"),
    [
        ("first_surveillance_clause", "§5.4.1.4"),
        ("interval_clause", "§5.4.1.4"),
        ("suspension_clause", "§5.4.1.4"),
        ("recertification_clause", "§5.8.2"),
        ("restore_clause", "§5.8.2"),
    ],
)
def test_cnca_2025_clauses_are_the_cited_ones(book: RuleBook, field: str, clause: str) -> None:
    """CNCA-QMS-01:2025 as CB notices quote it (DOMAIN §3 clause list, corrected 2026-12):
    §5.4.1.4 surveillance timing and suspension/report when the interval is exceeded; §5.8.2
    recertification before expiry, else initial certification."""
    rs = book.get("CNCA-QMS-01:2025")
    assert getattr(rs, field) == clause
    assert rs.in_force_from == D(2026, 1, 1)


@pytest.mark.parametrize(
    ("standard", "issued", "expected"),
    [
        ("ISO 9001:2015", D(2026, 1, 1), "CNCA-QMS-01:2025"),
        ("GB/T 19001-2016", D(2027, 6, 1), "CNCA-QMS-01:2025"),
        ("QMS", D(2025, 12, 31), "CNCA-QMS-2016"),
        (
            "ISO 14001:2015",
            D(2026, 5, 1),
            "CNCA-QMS-01:2025",
        ),  # EMS uses the 2025 QMS cycle [check]
        ("GB/T 45001-2020", D(2024, 5, 1), "CNCA-QMS-2016"),
        ("ISO/IEC 27001:2022", D(2026, 5, 1), "CNCA-QMS-01:2025"),
        ("ISO 50001:2018", D(2026, 5, 1), "ISO17021-1:2015"),  # not a CNCA-cycle scheme here
        ("something else", D(2026, 5, 1), "ISO17021-1:2015"),
    ],
)
def test_default_rule_set_from_standard_and_issue_date(
    book: RuleBook, standard: str, issued: dt.date, expected: str
) -> None:
    assert book.default_for(standard, issued).id == expected


def test_a_certificate_can_override_its_default(book: RuleBook) -> None:
    assert book.resolve("ISO 9001:2015", D(2026, 3, 1), "ISO17021-1:2015").id == "ISO17021-1:2015"
    assert book.resolve("ISO 9001:2015", D(2026, 3, 1), None).id == "CNCA-QMS-01:2025"


def test_unknown_rule_set_is_refused(book: RuleBook) -> None:
    with pytest.raises(UnknownRuleSet):
        book.get("CNCA-XYZ")


def test_admin_corrects_a_value_without_code(book: RuleBook) -> None:
    corrected = book.with_overrides({"CNCA-QMS-2016": {"suspension_max_months": 3}})
    assert corrected.get("CNCA-QMS-2016").suspension_max_months == 3
    assert book.get("CNCA-QMS-2016").suspension_max_months == 6  # the original is untouched


def test_a_corrected_file_is_loaded_as_is() -> None:
    data = shipped()
    data["rule_sets"][0]["first_surveillance_months"] = 11
    assert load_rule_book(data).get(data["rule_sets"][0]["id"]).first_surveillance_months == 11


def test_round_trip_through_mapping(book: RuleBook) -> None:
    for rs in book.rule_sets.values():
        assert type(rs).from_mapping(rs.to_mapping()) == rs


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_surveillance_months", 0),
        ("first_surveillance_months", "twelve"),
        ("anchor", "approval_date"),
        ("interval_rule", "whenever"),
        ("interval_months", None),  # required by months_after_previous
        ("first_surveillance_clause", ""),
    ],
)
def test_malformed_tables_are_refused_with_the_field(field: str, value: object) -> None:
    data = shipped()
    data["rule_sets"][0][field] = value
    with pytest.raises(RuleSetDataError, match=data["rule_sets"][0]["id"]):
        load_rule_book(data)


def test_defaults_must_name_a_known_rule_set() -> None:
    data = shipped()
    data["defaults"][0]["rule_set"] = "NOPE"
    with pytest.raises(RuleSetDataError):
        load_rule_book(data)


def test_default_rule_set_id_helper(book: RuleBook) -> None:
    from auditdesk.rules.rulesets import default_rule_set_id

    assert default_rule_set_id(book, "GB/T 19001-2016", D(2026, 3, 15)) == "CNCA-QMS-01:2025"


@pytest.mark.parametrize("issued", [D(2025, 12, 31), D(2026, 1, 1), D(2031, 7, 1)])
@pytest.mark.parametrize(
    "standard", ["ISO 9001:2015", "GB/T 45001-2020", "ISO 50001:2018", "something else"]
)
def test_default_for_a_scheme_found_once_is_the_default_for_the_standard(
    book: RuleBook, standard: str, issued: dt.date
) -> None:
    assert book.default_for_scheme(book.scheme_of(standard), issued) == book.default_for(
        standard, issued
    )
