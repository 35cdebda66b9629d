"""Two planners change the same audit: the second save, made from the version it saw, is a
``Conflict`` naming the first — never a silent overwrite (issue 14 point 7). Runs on SQLite
and PostgreSQL (tests/conftest.py); the race of two open transactions on PostgreSQL only."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import Audit, AuditType, Role, TeamRole
from auditdesk.services import planning
from auditdesk.services.errors import Conflict
from tests.samples import make_sample
from tests.services.nc_world import add_user

START = dt.date(2027, 2, 1)


@pytest.fixture
def plan(database):
    with database.session() as s:
        data = make_sample(s)
        add_user(s, "wang", Role.ADMIN).display_name = "王建国"
        add_user(s, "li", Role.ADMIN).display_name = "李娜"
        audit = planning.plan_audit(
            s,
            [data["certs"][0].id],
            AuditType.SURVEILLANCE_1,
            START,
            START + dt.timedelta(days=1),
            [(data["auditor"].id, TeamRole.TEAM_LEADER)],
        )
        return audit.id


def version_of(database, audit_id):
    with database.session() as s:
        return s.get(Audit, audit_id).version


def test_a_team_only_change_moves_the_version_and_refuses_the_second_planner(database, plan):
    seen = version_of(database, plan)  # 李娜 opens the planning dialog
    with database.session("wang") as s:  # 王建国 changes only the plan's team members' days
        audit = s.get(Audit, plan)
        member = audit.team[0].auditor_id
        planning.change_plan(s, plan, reason="调整人日", member_days={member: 1.5})
    assert version_of(database, plan) > seen
    with pytest.raises(Conflict) as caught, database.session("li") as s:
        planning.change_plan(
            s,
            plan,
            reason="改期",
            start=START + dt.timedelta(days=7),
            end=START + dt.timedelta(days=8),
            expected_version=seen,
        )
    assert caught.value.details["changed_by"] == "王建国"
    assert caught.value.details["entity"] == "audit"
    with database.session() as s:
        audit = s.get(Audit, plan)
        assert audit.start_date == START and audit.team[0].days == 1.5  # his save stands


def test_a_save_from_the_current_version_is_not_a_conflict(database, plan):
    seen = version_of(database, plan)
    with database.session("li") as s:
        planning.change_plan(s, plan, reason="改期", start=START, end=START, expected_version=seen)
    with database.session("li") as s:
        planning.change_plan(
            s,
            plan,
            reason="再改",
            document=planning.PlanDocument(plan_number="QP-01"),
            expected_version=version_of(database, plan),
        )
    with database.session() as s:
        assert s.get(Audit, plan).plan_number == "QP-01"


def test_cancelling_from_an_old_version_is_refused(database, plan):
    seen = version_of(database, plan)
    with database.session("wang") as s:
        planning.change_plan(s, plan, reason="补编号", document=planning.PlanDocument("QP-9"))
    with pytest.raises(Conflict), database.session("li") as s:
        planning.cancel_audit(s, plan, "客户取消", expected_version=seen)


def test_two_open_transactions_racing_on_the_team_meet_as_a_conflict(database, plan, backend):
    """Both planners read the same version inside open transactions; the first commits its
    re-teaming; the second's flush finds the row moved (no version check of the UI needed)."""
    if backend != "postgres":
        pytest.skip("SQLite gives the write lock to one transaction at a time")
    with pytest.raises(Conflict), database.session("li") as li:
        audit_li = li.get(Audit, plan)
        seen, member = audit_li.version, audit_li.team[0].auditor_id
        with database.session("wang") as wang:
            planning.change_plan(wang, plan, reason="调整", member_days={member: 2.0})
        planning.change_plan(
            li, plan, reason="调整", member_days={member: 0.5}, expected_version=seen
        )
    with database.session() as s:
        assert s.get(Audit, plan).team[0].days == 2.0
