"""CB settings: every [setting] of DOMAIN.md with its default, overridable and validated."""

from __future__ import annotations

import pytest

from auditdesk.rules.settings import CBSettings


def test_defaults_are_the_domain_values() -> None:
    s = CBSettings()
    assert (
        s.surveillance_window_months,
        s.recertification_window_months,
        s.recertification_apply_months,
    ) == (3, 6, 3)
    assert (s.nc_response_days, s.major_nc_verification_days, s.stage2_major_limit_months) == (
        30,
        90,
        6,
    )
    assert (s.auditor_yearly_onsite_day_limit, s.validity_years, s.short_notice_audit_days) == (
        180,
        3,
        30,
    )
    assert (s.eligibility_min_operation_months, s.eligibility_bar_months) == (3, 12)
    assert s.rotation_max_consecutive_audits == 6


def test_from_mapping_overrides_only_what_it_names() -> None:
    s = CBSettings.from_mapping({"nc_response_days": 15, "auditor_yearly_onsite_day_limit": 200})
    assert s.nc_response_days == 15
    assert s.auditor_yearly_onsite_day_limit == 200.0
    assert s.major_nc_verification_days == 90


def test_whole_floats_from_json_are_accepted() -> None:
    assert CBSettings.from_mapping({"nc_response_days": 20.0}).nc_response_days == 20


@pytest.mark.parametrize(
    "values",
    [
        {"nc_response_days": "30"},
        {"nc_response_days": 30.5},
        {"nc_response_days": True},
        {"nc_response_days": 0},
        {"surveillance_window_months": -1},
        {"monthly_report_day": 31},
        {"no_such_setting": 1},
        {"initial_nc_certify_months": 10},  # above the follow-up limit
    ],
)
def test_bad_values_are_refused(values: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        CBSettings.from_mapping(values)


def test_round_trip() -> None:
    s = CBSettings.from_mapping({"rotation_max_consecutive_audits": 3})
    assert CBSettings.from_mapping(s.to_mapping()) == s
