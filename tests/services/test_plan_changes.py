"""Edit, re-team, reschedule and cancel a planned audit: history with who, when, why; a team
leader required; a person never on two audits at once; dates suggested inside the window."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import Auditor, AuditorGrade, AuditStatus, AuditType, TeamRole
from auditdesk.services import planning
from auditdesk.services.errors import IllegalTransition, ValidationFailed
from tests.samples import make_sample

START, END = dt.date(2027, 2, 1), dt.date(2027, 2, 2)


def _second_auditor(session):
    a = Auditor(
        name_zh="赵明",
        name_en="Zhao Ming",
        ccaa_no="2024-N1QMS-7654321",
        grade=AuditorGrade.AUDITOR,
        schemes=["QMS"],
        technical_codes="19.05",
        registration_expiry=dt.date(2029, 1, 1),
    )
    session.add(a)
    session.flush()
    return a


def _planned(session, s, start=START, end=END):
    return planning.plan_audit(
        session,
        [s["certs"][0].id],
        AuditType.SURVEILLANCE_1,
        start,
        end,
        [(s["auditor"].id, TeamRole.TEAM_LEADER)],
    )


def test_a_team_leader_is_required(session):
    s = make_sample(session)
    other = _second_auditor(session)
    for team, code in (
        ([(other.id, TeamRole.AUDITOR)], "no_team_leader"),
        ([], "no_team_leader"),
        (
            [(other.id, TeamRole.TEAM_LEADER), (s["auditor"].id, TeamRole.TEAM_LEADER)],
            "several_team_leaders",
        ),
    ):
        with pytest.raises(ValidationFailed) as exc:
            planning.plan_audit(
                session, [s["certs"][0].id], AuditType.SURVEILLANCE_1, START, END, team
            )
        assert exc.value.errors == {"team": code}


def test_reschedule_reteam_and_cancel_keep_history(session):
    s = make_sample(session)
    other = _second_auditor(session)
    audit = _planned(session, s)
    moved = planning.change_plan(
        session,
        audit.id,
        reason="客户要求推迟一周",
        start=START + dt.timedelta(days=7),
        end=END + dt.timedelta(days=7),
    )
    assert moved is not None and moved.action == "reschedule"
    assert {c["field"]: (c["old"], c["new"]) for c in moved.changes} == {
        "start_date": ("2027-02-01", "2027-02-08"),
        "end_date": ("2027-02-02", "2027-02-09"),
    }
    reteam = planning.change_plan(
        session,
        audit.id,
        reason="增加一名审核员",
        team=[(s["auditor"].id, TeamRole.TEAM_LEADER), (other.id, TeamRole.AUDITOR)],
        member_days={s["auditor"].id: 1.5, other.id: 1.0},
    )
    assert reteam is not None and reteam.action == "reteam"
    assert sorted(m.days for m in audit.team) == [1.0, 1.5]
    assert "赵明:auditor:1" in reteam.changes[0]["new"]
    edit = planning.change_plan(
        session,
        audit.id,
        reason="补充计划信息",
        document=planning.PlanDocument(plan_number="R0123010001", audit_language="zh"),
    )
    assert edit is not None and edit.action == "edit"
    assert planning.change_plan(session, audit.id, reason="无变化") is None
    cancel = planning.cancel_audit(session, audit.id, "客户停产，取消本次监督")
    assert audit.status is AuditStatus.CANCELLED
    log = planning.history(session, audit.id)
    assert [e.action for e in log] == ["create", "reschedule", "reteam", "edit", "cancel"]
    assert all(e.by_user and e.at is not None for e in log)
    assert cancel.reason == "客户停产，取消本次监督"
    with pytest.raises(IllegalTransition):
        planning.change_plan(session, audit.id, reason="再改", start=START)


def test_a_change_needs_a_reason_and_a_leader(session):
    s = make_sample(session)
    other = _second_auditor(session)
    audit = _planned(session, s)
    with pytest.raises(ValidationFailed) as exc:
        planning.change_plan(session, audit.id, reason="  ", start=START)
    assert exc.value.errors == {"reason": "required"}
    with pytest.raises(ValidationFailed) as exc:
        planning.change_plan(session, audit.id, reason="换人", team=[(other.id, TeamRole.AUDITOR)])
    assert exc.value.errors == {"team": "no_team_leader"}
    with pytest.raises(ValidationFailed):
        planning.cancel_audit(session, audit.id, "")
    assert audit.status is AuditStatus.PLANNED and len(planning.history(session, audit.id)) == 1


def test_one_person_is_never_on_two_audits_at_once(session):
    s = make_sample(session)
    first = _planned(session, s)
    # The same leader for the other client's audit on the second day: refused, in words.
    with pytest.raises(ValidationFailed) as exc:
        planning.plan_audit(
            session,
            [s["certs"][1].id],
            AuditType.SURVEILLANCE_2,
            END,
            END + dt.timedelta(days=1),
            [(s["auditor"].id, TeamRole.TEAM_LEADER)],
        )
    assert exc.value.errors == {"team": "person_clash"}
    assert "王审核" in exc.value.details["clashes"][0]
    assert first.number in exc.value.details["clashes"][0]
    # The day after is fine; moving the first audit onto it is refused.
    second = planning.plan_audit(
        session,
        [s["certs"][1].id],
        AuditType.SURVEILLANCE_2,
        END + dt.timedelta(days=1),
        END + dt.timedelta(days=2),
        [(s["auditor"].id, TeamRole.TEAM_LEADER)],
    )
    with pytest.raises(ValidationFailed):
        planning.change_plan(session, first.id, reason="推迟", end=END + dt.timedelta(days=1))
    # Once the second is cancelled, its days are free again.
    planning.cancel_audit(session, second.id, "客户取消")
    assert planning.change_plan(session, first.id, reason="推迟", end=END + dt.timedelta(days=1))


def test_suggested_dates_inside_the_programme_window(session):
    s = make_sample(session)
    cert = s["certs"][0]  # issued 2026-03-15: surveillance 1 window 2026-12-15 … 2027-03-15
    for wanted in (dt.date(2026, 6, 1), dt.date(2027, 3, 15), dt.date(2027, 9, 1)):
        p = planning.propose(
            session, [cert.id], AuditType.SURVEILLANCE_1, wanted, wanted + dt.timedelta(days=1)
        )
        assert p.window_start is not None and p.window_latest is not None
        assert p.window_start <= p.suggested_start <= p.suggested_end <= p.window_latest
    assert p.suggested_end == p.window_latest
