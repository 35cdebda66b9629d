"""Nonconformities joined to the other screens: raised from the workspace, previous NCs
re-verified there, certificates at risk on the dashboard and the certificate view, overdue NCs
highlighted in the register, the conflict dialog's words in Chinese (issues 5 and 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from auditdesk.model import AuditType, ClauseJudgement, Judgement, NCGrade
from auditdesk.services import evidence as ev
from auditdesk.services import nonconformities as ncs
from auditdesk.services.audits import AuditData, create_audit
from tests.services.nc_world import build, draft
from tests.services.workspace_data import clause_id, make_audit

D = dt.date


def open_workspace(ctx, qtbot, audit_id):
    from auditdesk.ui.workspace import AuditWorkspace

    ws = AuditWorkspace(ctx, audit_id)
    qtbot.addWidget(ws)
    ws.resize(1400, 900)
    with qtbot.waitActive(ws):  # shortcuts need the workspace to be the active window
        ws.show()
        ws.activateWindow()
    return ws


def test_raise_an_nc_from_the_workspace_by_keyboard(ctx, database, qtbot):
    with database.session() as s:
        facts = make_audit(s)
        gauge = clause_id(s, facts.audit_id, "7.1.5")
        shown = ev.add_evidence(
            s,
            facts.audit_id,
            ev.EvidenceData(
                clause_ids=[gauge],
                description="Gauge G-12 used on line 2, calibration label expired 2026-12",
            ),
        )
        other = ev.add_evidence(
            s, facts.audit_id, ev.EvidenceData(description="Opening meeting attendance")
        )
        shown_id, other_id = shown.id, other.id
    ws = open_workspace(ctx, qtbot, facts.audit_id)
    ws.select_clause("7.1.5")
    ws.tree.setFocus()
    assert ws.clause_nc_numbers() == []

    QTest.keyClick(
        ws.tree,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dlg = ws.nc_dialog
    assert dlg.isVisible()
    assert dlg.checked_evidence() == [shown_id]  # the clause's evidence, not the other item
    assert "7.1.5" in dlg.requirement.toPlainText()
    QTest.keyClicks(dlg.evidence_text, "Gauge G-12 used for release, label expired")
    QTest.keyClicks(dlg.reason, "Measurement traceability not ensured")
    dlg.save_button.setFocus()
    QTest.keyClick(dlg.save_button, Qt.Key.Key_Space)
    assert not dlg.isVisible(), dlg.problems.text()

    with database.session() as s:
        [nc] = ncs.ncs_of_audit(s, facts.audit_id)
        assert [e.id for e in nc.evidence] == [shown_id] and other_id not in [
            e.id for e in nc.evidence
        ]
        assert nc.clause_id == gauge
        judged = s.query(ClauseJudgement).filter_by(audit_id=facts.audit_id, clause_id=gauge).one()
        assert judged.judgement is Judgement.NONCONFORMITY
        number = nc.number
    assert ws.clause_nc_numbers() == [number]
    assert ws.judgement.currentData() == "nonconformity"
    assert ws.tree_items["7.1.5"].text(3) == "Nonconformity"

    # Enter (or a double-click) on the listed NC opens it with its lifecycle actions.
    ws.nc_list.setCurrentRow(0)
    QTest.keyClick(ws.nc_list, Qt.Key.Key_Return)
    assert ws.nc_detail_dialog.nc_id == nc.id and ws.nc_detail_dialog.isVisible()
    ws.nc_detail_dialog.close()


def test_raising_keeps_a_judgement_already_given(ctx, database, qtbot):
    with database.session() as s:
        facts = make_audit(s)
        gauge = clause_id(s, facts.audit_id, "7.1.5")
        ev.add_evidence(s, facts.audit_id, ev.EvidenceData(clause_ids=[gauge], description="G-12"))
        ev.set_judgement(s, facts.audit_id, gauge, Judgement.OBSERVATION)
    ws = open_workspace(ctx, qtbot, facts.audit_id)
    ws.select_clause("7.1.5")
    dlg = ws.raise_nc()
    dlg.evidence_text.setPlainText("G-12 label expired")
    dlg.reason.setPlainText("not calibrated")
    dlg.save_button.click()
    assert ws.judgement.currentData() == "observation"
    assert len(ws.clause_nc_numbers()) == 1


def test_previous_nc_reverified_in_the_workspace_clears_the_completeness_problem(
    ctx, database, qtbot
):
    with database.session() as s:
        world = build(s)
        nc = ncs.raise_nc(s, draft(world, NCGrade.MAJOR))
        ncs.issue_nc(s, nc.id, on=D(2027, 3, 10))
        nxt = create_audit(
            s,
            AuditData(
                certificate_ids=[world.certificate_id],
                audit_type=AuditType.SURVEILLANCE_2,
                start_date=D(2028, 3, 6),
                end_date=D(2028, 3, 7),
                number="2028-0009",
            ),
        )
        nc_id, nc_number, next_id = nc.id, nc.number, nxt.id
    ws = open_workspace(ctx, qtbot, next_id)
    assert ws.bottom.tabText(ws.bottom.indexOf(ws.previous)) == "Previous NCs (1)"
    problems = ws.run_completeness()
    [prev] = [p for p in problems if p.code == "previous_nc.not_verified"]
    assert prev.nc_id == nc_id

    ws.go_to_problem(prev)  # the problem line leads to the Previous NCs tab, the NC selected
    assert ws.bottom.currentWidget() is ws.previous
    assert ws.previous.selected_nc() == (nc_id, nc_number)
    ws.previous.ask = lambda number: (
        True,
        "Calibration plan covers all 41 gauges; G-12 label valid",
    )
    ws.previous.reverify_button.click()

    with database.session() as s:
        assert ncs.get_nc(s, nc_id).reverified_in_audit_id == next_id
    texts = [ws.problems.item(i).text() for i in range(ws.problems.count())]
    assert not [t for t in texts if nc_number in t]  # the list refreshed itself
    assert "previous_nc.not_verified" not in {p.code for p in ws.run_completeness()}


@pytest.fixture
def overdue_world(database):
    """An issued major NC whose response was due 2027-04-09 (at risk from 2027-04-10)."""
    with database.session() as s:
        world = build(s)
        nc = ncs.raise_nc(s, draft(world, NCGrade.MAJOR))
        ncs.issue_nc(s, nc.id, on=D(2027, 3, 10))
        return world, nc.number


def test_dashboard_at_risk_figure_counts_and_opens_the_certificates(
    ctx, database, qtbot, overdue_world
):
    from auditdesk.services.nc_schedule import certificates_at_risk
    from auditdesk.ui.main_window import MainWindow

    world, _number = overdue_world
    on = D(2027, 4, 10)
    with database.session() as s:
        expected = [r.certificate_id for r in certificates_at_risk(s, on)]
    assert expected == [world.certificate_id]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    dash = window.pages["dashboard"]
    dash.today = lambda: on
    dash.refresh()
    window.show_page("dashboard")
    assert dash.figure_values()["certificates_at_risk"] == len(expected) == 1
    assert "overdue_ncs" in dash.figure_values()  # the overdue figure stays
    dash.figures["certificates_at_risk"].click()
    assert window.current_page() == "certificates"
    reg = window.registers["certificates"]
    assert reg.model.total == 1 and reg.model.id_at(0) == world.certificate_id


def test_certificate_view_shows_the_risk_with_the_proposed_action(
    ctx, database, qtbot, overdue_world
):
    from auditdesk.ui.certificate_view import CertificateView

    world, number = overdue_world
    view = CertificateView(ctx, today=lambda: D(2027, 4, 10))
    qtbot.addWidget(view)
    view.load(world.certificate_id)
    text = view.risk_text()
    assert number in text and "Response overdue" in text
    # The proposed action and the rule behind it (a surveillance NC's response overdue: suspension).
    assert "Suspension proposed (CB setting surveillance_nc_suspension_months)" in text
    calm = CertificateView(ctx, today=lambda: D(2027, 4, 9))
    qtbot.addWidget(calm)
    calm.load(world.certificate_id)
    assert calm.risk_text() == "" and calm.risk.isHidden()


def test_overdue_ncs_are_highlighted_in_the_register(ctx, database, qtbot, overdue_world):
    from auditdesk.services.registers import nc_row_overdue, spec

    keys = spec("ncs").keys
    row = dict.fromkeys(keys)
    row.update(state="issued", response_due=D(2027, 4, 9))
    values = tuple(row[k] for k in keys)
    assert nc_row_overdue(values, D(2027, 4, 10)) and not nc_row_overdue(values, D(2027, 4, 9))
    row.update(state="closed")
    assert not nc_row_overdue(tuple(row[k] for k in keys), D(2030, 1, 1))

    from auditdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    reg = window.open_register("ncs", {})
    assert reg.model.total == 1
    reg.model.today = lambda: D(2027, 4, 10)
    cell = reg.model.index(0, 0)
    assert reg.model.data(cell, Qt.ItemDataRole.BackgroundRole) is not None
    assert reg.model.data(cell, Qt.ItemDataRole.ForegroundRole) is not None
    reg.model.today = lambda: D(2027, 4, 9)
    assert reg.model.data(cell, Qt.ItemDataRole.BackgroundRole) is None


def test_conflict_dialog_words_translate_to_chinese(ctx):
    from auditdesk.ui import i18n
    from auditdesk.ui.conflict_reload import conflict_text

    class Refused(Exception):
        details = {"changed_by": "lena", "version": 3}

    i18n.install_language("zh_CN")
    try:
        text = conflict_text(Refused())
    finally:
        i18n.install_language("en")
    assert (
        text
        == "lena 在您编辑时修改了此记录。\n\n“重新加载”显示对方的版本；“合并”把您的修改放回到该版本之上；“保留我的”让您的修改留在这里，暂不保存。"
    )
