"""Team checks for planning an audit: each failed check is a warning with its reason."""

from __future__ import annotations

import dataclasses
import datetime as dt

from auditdesk.rules.settings import CBSettings
from auditdesk.rules.team import (
    PlannedAudit,
    Registration,
    TeamMember,
    TeamRole,
    TeamWarning,
    area_covers,
    check_team,
)

D = dt.date
QMS_LEAD = Registration("QMS", D(2024, 1, 1), D(2027, 1, 1), lead_auditor=True)
QMS = Registration("QMS", D(2024, 1, 1), D(2027, 1, 1))
EMS = Registration("EMS", D(2024, 1, 1), D(2027, 1, 1))

AUDIT = PlannedAudit(
    start=D(2026, 5, 11),
    end=D(2026, 5, 12),
    client_id="client-1",
    schemes=frozenset({"QMS", "EMS"}),
    technical_areas=frozenset({"19.05.01", "29.10"}),
    consultant_id="consultant-9",
)
LEADER = TeamMember("wang", TeamRole.TEAM_LEADER, (QMS_LEAD, EMS), frozenset({"19.05"}))
AUDITOR = TeamMember("li", TeamRole.AUDITOR, (QMS,), frozenset({"29"}))
GOOD_TEAM = [LEADER, AUDITOR]


def codes(warnings: tuple[TeamWarning, ...]) -> list[tuple[str, str | None, str | None]]:
    return [(w.code, w.person_id, w.subject) for w in warnings]


def test_a_good_team_has_no_warnings() -> None:
    assert check_team(AUDIT, GOOD_TEAM) == ()


def test_area_codes_are_hierarchical() -> None:
    assert (
        area_covers("19", "19.05.01")
        and area_covers("19.05", "19.05.01")
        and area_covers("19.05.01", "19.05.01")
    )
    assert (
        not area_covers("19.05.01", "19.05")
        and not area_covers("19.0", "19.05")
        and not area_covers("1", "19.05")
    )


def test_missing_area_is_named() -> None:
    team = [LEADER, dataclasses.replace(AUDITOR, technical_areas=frozenset({"28"}))]
    assert codes(check_team(AUDIT, team)) == [("technical_area_not_covered", None, "29.10")]


def test_technical_expert_covers_areas_but_not_standards() -> None:
    expert = TeamMember("zhao", TeamRole.TECH_EXPERT, (), frozenset({"29.10"}))
    team = [
        dataclasses.replace(LEADER, registrations=(QMS_LEAD,)),
        dataclasses.replace(AUDITOR, technical_areas=frozenset()),
        expert,
    ]
    assert codes(check_team(AUDIT, team)) == [("standard_not_covered", None, "EMS")]


def test_registration_must_be_valid_on_every_audit_day() -> None:
    lapsing = Registration("QMS", D(2023, 1, 1), D(2026, 5, 11))  # ends on the first audit day
    team = [LEADER, dataclasses.replace(AUDITOR, registrations=(lapsing,))]
    assert codes(check_team(AUDIT, team)) == [
        ("registration_not_valid_on_audit_dates", "li", "QMS")
    ]


def test_auditor_without_registration_for_the_audit_standards() -> None:
    team = [
        LEADER,
        dataclasses.replace(
            AUDITOR, registrations=(Registration("ISMS", D(2024, 1, 1), D(2027, 1, 1)),)
        ),
    ]
    assert codes(check_team(AUDIT, team)) == [("not_registered_for_audit_standards", "li", None)]


def test_declared_conflicts_with_client_or_consultant() -> None:
    team = [
        LEADER,
        dataclasses.replace(AUDITOR, conflicts=frozenset({"client-1", "consultant-9", "other"})),
    ]
    assert codes(check_team(AUDIT, team)) == [
        ("conflict_with_client", "li", "client-1"),
        ("conflict_with_consultant", "li", "consultant-9"),
    ]


def test_rotation_due_after_the_set_number_of_consecutive_audits() -> None:
    history = tuple(frozenset({"wang", "li"}) for _ in range(5)) + (frozenset({"wang"}),)
    audit = dataclasses.replace(AUDIT, history=history)
    warnings = check_team(audit, GOOD_TEAM)  # wang: 6 in a row (default limit 6); li: broken run
    assert codes(warnings) == [("rotation_due", "wang", None)]
    assert warnings[0].count == 6
    assert check_team(dataclasses.replace(AUDIT, history=history[1:]), GOOD_TEAM) == ()
    strict = check_team(
        dataclasses.replace(AUDIT, history=history[-3:]),
        GOOD_TEAM,
        CBSettings(rotation_max_consecutive_audits=3),
    )
    assert codes(strict) == [("rotation_due", "wang", None)]


def test_team_leader_must_be_a_registered_lead_auditor() -> None:
    team = [dataclasses.replace(LEADER, registrations=(QMS, EMS)), AUDITOR]
    assert codes(check_team(AUDIT, team)) == [("team_leader_not_lead_auditor", "wang", None)]


def test_a_team_needs_exactly_one_leader() -> None:
    assert ("no_team_leader", None, None) in codes(
        check_team(AUDIT, [dataclasses.replace(LEADER, role=TeamRole.AUDITOR), AUDITOR])
    )
    two = [LEADER, dataclasses.replace(LEADER, person_id="zhou")]
    assert ("several_team_leaders", None, None) in codes(check_team(AUDIT, two + [AUDITOR]))


def test_every_warning_carries_its_basis() -> None:
    team = [dataclasses.replace(LEADER, registrations=(), conflicts=frozenset({"client-1"}))]
    for w in check_team(AUDIT, team):
        assert w.basis.rule_id and w.basis.clause and w.basis.code
