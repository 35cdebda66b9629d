"""Travel times between sites as CB settings (issue 20, point 8; DOMAIN §5 travel is not
audit time): saved with the rules' settings, read by the plan check, checked before anything
is written."""

from __future__ import annotations

import pytest

from auditdesk.rules import plan_checks
from auditdesk.services import cb_settings, plan_agenda
from auditdesk.services.errors import ValidationFailed


def test_defaults_until_changed(session):
    t = cb_settings.travel(session)
    assert t == cb_settings.Travel(plan_checks.DEFAULT_TRAVEL_MINUTES, ())


def test_saved_travel_reaches_the_plan_check(session):
    cb_settings.save(
        session,
        {
            "plan_travel_minutes": 45,
            "plan_travel_pairs": [[" 苏州工厂", "上海总部 ", 120]],
            "nc_response_days": 20,
        },
    )
    assert cb_settings.travel(session) == cb_settings.Travel(45, (("苏州工厂", "上海总部", 120),))
    assert cb_settings.current(session).nc_response_days == 20
    used = plan_agenda.travel_times(session)
    assert used.between("上海总部", "苏州工厂") == 120  # either order
    assert used.between("上海总部", "杭州仓库") == 45
    assert used.between("上海总部", "上海总部") == 0


def test_back_to_the_default_leaves_no_row(session):
    from sqlalchemy import select

    from auditdesk.model import CBSetting

    cb_settings.save(session, {"plan_travel_minutes": 30})
    cb_settings.save(session, {"plan_travel_minutes": 60, "plan_travel_pairs": []})
    keys = set(session.scalars(select(CBSetting.key)))
    assert not keys & set(cb_settings.PLANNING_KEYS)


@pytest.mark.parametrize(
    ("minutes", "pairs", "errors"),
    [
        (-5, [], {"plan_travel_minutes": "minutes_range"}),
        (24 * 60 + 1, [], {"plan_travel_minutes": "minutes_range"}),
        (60, [["A厂", "", 30]], {"plan_travel_pairs.1": "site_required"}),
        (60, [["A厂", "A厂", 30]], {"plan_travel_pairs.1": "same_site"}),
        (60, [["A厂", "B厂", 30], ["B厂", "A厂", 40]], {"plan_travel_pairs.2": "duplicate_pair"}),
        (60, [["A厂", "B厂", 2000]], {"plan_travel_pairs.1": "minutes_range"}),
        (60, [["A" * 201, "B厂", 20]], {"plan_travel_pairs.1": "site_too_long"}),
    ],
)
def test_wrong_travel_times_write_nothing(session, minutes, pairs, errors):
    with pytest.raises(ValidationFailed) as caught:
        cb_settings.save(
            session,
            {"plan_travel_minutes": minutes, "plan_travel_pairs": pairs, "nc_response_days": 21},
        )
    assert caught.value.errors == errors
    assert cb_settings.current(session).nc_response_days == 30  # the valid part not written
    assert cb_settings.travel(session) == cb_settings.Travel()
