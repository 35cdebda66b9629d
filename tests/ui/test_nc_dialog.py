"""Raising an NC from a clause (issue 6 point 1) and the NC detail with its history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from auditdesk.model import NCGrade, NCState
from auditdesk.services import nonconformities as ncs
from auditdesk.ui.nc import NCDetailWidget, NCDialog
from tests.services.nc_world import build


def make_world(database):
    with database.session() as session:
        world = build(session)
        # File the first evidence item under clause 7.1.5, as the workspace does.
        from auditdesk.model import Clause, EvidenceItem

        item = session.get(EvidenceItem, world.evidence_ids[0])
        item.clauses = [session.get(Clause, world.clause_id)]
    return world


def test_dialog_shows_both_grade_definitions(qtbot, database):
    world = make_world(database)
    dialog = NCDialog(database, world.audit_id, world.clause_id, user="alice")
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(type(dialog.header))]
    assert any("3.12" in t and "capability" in t for t in texts)
    assert any("3.13" in t for t in texts)


def test_raise_from_a_clause_with_its_evidence_and_issue(qtbot, database):
    world = make_world(database)
    dialog = NCDialog(database, world.audit_id, world.clause_id, user="alice")
    qtbot.addWidget(dialog)
    # The clause's evidence is pre-linked and the requirement names the standard and clause.
    assert dialog.checked_evidence() == [world.evidence_ids[0]]
    assert dialog.requirement.toPlainText().startswith(
        "ISO 9001:2015 / GB/T 19001-2016 7.1.5 监视和测量资源"
    )
    dialog.grade_buttons[NCGrade.MAJOR].setChecked(True)
    dialog.requirement.setPlainText(
        dialog.requirement.toPlainText() + "measuring equipment calibrated"
    )
    dialog.evidence_text.setPlainText("Gauge G-12 on line 2 without calibration record")
    dialog.reason.setPlainText("Traceability not ensured")
    dialog.issue_button.click()
    assert dialog.result() == NCDialog.DialogCode.Accepted
    with database.session() as session:
        nc = ncs.get_nc(session, dialog.nc_id)
        assert (nc.number, nc.grade, nc.state, nc.raised_by) == (
            "NC-2027-0012-01",
            NCGrade.MAJOR,
            NCState.ISSUED,
            "alice",
        )
        assert [e.id for e in nc.evidence] == [world.evidence_ids[0]]


def test_missing_parts_are_shown_in_the_dialog(qtbot, database):
    world = make_world(database)
    dialog = NCDialog(database, world.audit_id, world.clause_id, user="alice")
    qtbot.addWidget(dialog)
    dialog.evidence.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.save()
    assert "evidence" in dialog.problems.text().lower()
    assert dialog.nc_id is None


def test_detail_shows_deadlines_and_history(qtbot, database):
    world = make_world(database)
    with database.session("alice") as session:
        nc = ncs.raise_nc(
            session,
            ncs.NCDraft(
                world.audit_id,
                world.clause_id,
                NCGrade.MAJOR,
                "req",
                "seen",
                "why",
                [world.evidence_ids[0]],
            ),
        )
        ncs.issue_nc(session, nc.id, on=dt.date(2027, 3, 10))
    detail = NCDetailWidget(database, user="lena")
    qtbot.addWidget(detail)
    detail.today = dt.date(2027, 4, 10)
    detail.load(nc.id)
    html = detail.body.toPlainText()
    assert "2027-04-09" in html and "CB setting nc_response_days" in html
    assert "2027-06-08" in html
    assert "Response overdue" in html
    assert detail.history.rowCount() == 2
    assert detail.history.item(1, 1).text() == "alice"
    assert detail.history.item(1, 2).text() == "Issued to client"
