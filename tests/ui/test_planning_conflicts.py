"""The planning dialog checks the version of the plan it showed: a second planner's save is
asked about (reload / merge / keep mine), never silently overwritten (issue 14 point 7).
On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import QDate

from auditdesk.model import Audit, Auditor, AuditorGrade, AuditStatus, AuditType, Role, TeamRole
from auditdesk.services import planning
from auditdesk.ui.conflict_reload import CANCEL, MERGE, RELOAD, headline
from tests.services.nc_world import add_user

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def planned(ctx, sample):
    with ctx.session() as s:
        other = Auditor(
            name_zh="欧阳晓梅",
            ccaa_no="2024-N1QMS-7654321",
            grade=AuditorGrade.AUDITOR,
            schemes=["QMS"],
            technical_codes="19.05.01,29.10",
            registration_expiry=dt.date(2031, 1, 1),
        )
        s.add(other)
        add_user(s, "wang", Role.ADMIN).display_name = "王建国"
        s.flush()
        p = planning.propose(
            s, [sample["certs"][0]], AuditType.SURVEILLANCE_1, dt.date.today(), dt.date.today()
        )
        start = p.suggested_start
        audit = planning.plan_audit(
            s,
            [sample["certs"][0]],
            AuditType.SURVEILLANCE_1,
            start,
            start + dt.timedelta(days=1),
            [(sample["auditor"], TeamRole.TEAM_LEADER), (other.id, TeamRole.AUDITOR)],
        )
        return {"audit": audit.id, "other": other.id, "lead": sample["auditor"], "start": start}


@pytest.fixture
def made():
    dialogs: list = []
    yield dialogs
    # Gone with their database: the language reset at teardown must not reload from it.
    for d in dialogs:
        shiboken6.delete(d)


@pytest.fixture
def dialog(ctx, qtbot, planned, made):
    from auditdesk.ui.planning_dialog import PlanningDialog

    def make(choice):
        d = PlanningDialog(ctx, None, None, audit_id=planned["audit"])
        made.append(d)
        asked: list = []
        d.ask_conflict = lambda exc, parent: (asked.append(exc), choice)[1]
        return d, asked

    return make


def wang_changes(database, planned, **change):
    """王建国 changes the same plan in his own planning dialog (a fresh read)."""
    with database.session("wang") as s:
        planning.change_plan(s, planned["audit"], reason="客户要求", **change)


def stored(database, planned):
    with database.session() as s:
        audit = s.get(Audit, planned["audit"])
        team = sorted((str(m.auditor_id), m.role.value) for m in audit.team)
        return audit.start_date, audit.plan_number, team, audit.status


def _qdate(d):
    return QDate(d.year, d.month, d.day)


@BOTH
def test_merge_keeps_their_new_team_and_my_new_dates(dialog, planned, database):
    d, asked = dialog(MERGE)
    # Only the team changes on his side: the audit row itself is not written by it, yet the
    # version the dialog showed must still be refused.
    wang_changes(database, planned, team=[(planned["lead"], TeamRole.TEAM_LEADER)])
    later = planned["start"] + dt.timedelta(days=7)
    d.start.setDate(_qdate(later))
    d.end.setDate(_qdate(later + dt.timedelta(days=1)))
    d.reason.setText("审核员请假")
    assert d.plan()
    assert len(asked) == 1
    sentence = headline(asked[0])
    assert "王建国" in sentence and "meanwhile" in sentence, sentence
    start, _number, team, _status = stored(database, planned)
    assert start == later and team == [(str(planned["lead"]), TeamRole.TEAM_LEADER.value)]


@BOTH
def test_keep_mine_then_reload_never_overwrites_their_plan(dialog, planned, database):
    d, asked = dialog(CANCEL)
    wang_changes(database, planned, document=planning.PlanDocument(plan_number="QP-王-01"))
    d.plan_number.setText("QP-mine-01")
    d.reason.setText("补充计划编号")
    assert not d.plan()
    assert d.plan_number.text() == "QP-mine-01" and d.reason.text() == "补充计划编号"
    assert "王建国" in d.error.text()
    assert stored(database, planned)[1] == "QP-王-01"
    d.ask_conflict = lambda exc, parent: RELOAD
    assert not d.plan()
    assert d.plan_number.text() == "QP-王-01" and d.reason.text() == "补充计划编号"
    assert {a for a, _role in d.team_rows()} == {planned["lead"], planned["other"]}
    assert d.plan()  # against their version now: saved without another question
    assert stored(database, planned)[1] == "QP-王-01"


@BOTH
def test_both_changed_the_plan_number_shows_mine_and_waits(dialog, planned, database):
    d, asked = dialog(MERGE)
    wang_changes(database, planned, document=planning.PlanDocument(plan_number="QP-王-01"))
    d.plan_number.setText("QP-mine-01")
    d.reason.setText("补充计划编号")
    assert not d.plan()
    assert d.plan_number.text() == "QP-mine-01" and "both changed" in d.error.text()
    assert stored(database, planned)[1] == "QP-王-01"
    assert d.plan() and len(asked) == 1
    assert stored(database, planned)[1] == "QP-mine-01"


@BOTH
def test_cancelling_an_audit_someone_changed_shows_theirs_first(dialog, planned, database):
    from auditdesk.ui import errors

    d, _asked = dialog(CANCEL)
    wang_changes(database, planned, document=planning.PlanDocument(plan_number="QP-王-01"))
    d.reason.setText("客户取消")
    confirm, errors.confirm = errors.confirm, lambda *a, **k: True
    try:
        d.cancel_audit()
        assert stored(database, planned)[3] is AuditStatus.PLANNED
        assert d.plan_number.text() == "QP-王-01" and "王建国" in d.error.text()
        d.cancel_audit()
    finally:
        errors.confirm = confirm
    assert stored(database, planned)[3] is AuditStatus.CANCELLED
