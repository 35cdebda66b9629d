"""Further CB rules (issue 16 point 8), each table row with its source."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.rules.cb_rules import (
    RuleInputError,
    application_conditions,
    counted_audit_days,
    remote_share,
    transfer_review,
)
from auditdesk.rules.settings import CBSettings

D = dt.date


@pytest.mark.parametrize(
    ("members", "counted", "excluded"),
    [
        ([("team_leader", 2), ("auditor", 2)], 4.0, ()),
        (
            [("team_leader", 2), ("tech_expert", 2), ("trainee", 1.5)],
            2.0,
            (("tech_expert", 2.0), ("trainee", 1.5)),
        ),
        ([("auditor", 1.5), ("observer", 1)], 1.5, (("observer", 1.0),)),
    ],
)
def test_trainees_and_experts_are_not_audit_days(members, counted, excluded) -> None:
    """IAF MD5 [check clause] / DOMAIN §1: audit time is auditors' time; technical experts and
    trainees are not counted."""
    r = counted_audit_days(members)
    assert (r.counted, r.excluded) == (counted, excluded)


def test_unknown_role_is_refused() -> None:
    with pytest.raises(RuleInputError, match="role"):
        counted_audit_days([("cook", 1)])


@pytest.mark.parametrize(
    ("kwargs", "codes"),
    [
        ({}, []),
        ({"on_serious_dishonesty_list": True}, ["on_serious_dishonesty_list"]),
        ({"production_stop_ordered": True}, ["production_stop_ordered"]),
        ({"on_serious_dishonesty_list": None}, ["serious_dishonesty_list_not_declared"]),
        (
            {"last_failed_national_sampling": D(2025, 6, 1)},
            ["failed_national_sampling_within_a_year"],
        ),
        ({"last_failed_national_sampling": D(2025, 5, 31)}, []),  # a year ended 2026-05-31
        ({"failed_sampling_declared": False}, ["national_sampling_not_declared"]),
    ],
)
def test_cnca_application_conditions(kwargs, codes) -> None:
    """CNCA-QMS-01:2025 §5.1.2 (DOMAIN §3 clause list): serious-dishonesty list, ordered
    production stop, failed national sampling within a year. Applying on 2026-06-01."""
    args = {
        "on_serious_dishonesty_list": False,
        "production_stop_ordered": False,
        "last_failed_national_sampling": None,
        **kwargs,
    }
    found = application_conditions(D(2026, 6, 1), **args)
    assert [f.code for f in found] == codes
    assert all((f.basis.rule_id, f.basis.clause) == ("CNCA-QMS-01:2025", "§5.1.2") for f in found)


@pytest.mark.parametrize(
    ("onsite", "remote", "limit", "exceeded"),
    [(7, 3, 30, False), (6.5, 3.5, 30, True), (5, 5, 50, False), (0, 0, 30, False)],
)
def test_remote_share_limit_is_a_setting(onsite, remote, limit, exceeded) -> None:
    """IAF MD4:2023: remote techniques where justified; the share limit is the CB's setting."""
    r = remote_share(onsite, remote, CBSettings(remote_audit_max_percent=limit))
    assert (r.exceeded, r.limit_percent) == (exceeded, limit)


@pytest.mark.parametrize(
    ("state", "on", "majors", "codes"),
    [
        ("valid", D(2026, 6, 1), 0, []),
        ("suspended", D(2026, 6, 1), 0, ["transfer_refused_suspended"]),
        ("valid", D(2028, 6, 1), 0, ["transfer_refused_expired"]),
        ("valid", D(2026, 6, 1), 2, ["transfer_open_major_ncs"]),
        ("valid", D(2027, 10, 1), 0, ["transfer_as_recertification"]),  # within 6 months
    ],
)
def test_transfer_review(state, on, majors, codes) -> None:
    """IAF MD2:2017 [check clauses]: a suspended certificate cannot be transferred (DOMAIN §3),
    nor an expired one; open majors closed first; near expiry → recertification [setting]."""
    found = transfer_review(on, state=state, expiry=D(2028, 3, 14), open_major_ncs=majors)
    assert [f.code for f in found] == codes
