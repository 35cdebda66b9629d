"""NC detail with actions (auditor enters the response, admin reopens), previous NCs at the next
audit, and certificates at risk on screen (issue 6 points 2-4, 6, 7)."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import AuditType, NCGrade, NCState, VerificationMethod
from auditdesk.rules.nc_lifecycle import NCAction
from auditdesk.services import nonconformities as ncs
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.ui.nc import (
    CertificatesAtRiskWidget,
    NCDetailDialog,
    PreviousNCsWidget,
    detail_dialog,
    previous,
)
from tests.services.nc_world import CLIENT_RESPONSE, act_as, build, draft

D = dt.date
RESPONSE = CLIENT_RESPONSE


@pytest.fixture
def shown(monkeypatch):
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(detail_dialog, "shown", messages)
    monkeypatch.setattr(previous, "shown", messages)
    return messages


@pytest.fixture
def issued(database):
    with database.session() as session:
        world = build(session)
        act_as(session, "alice")
        nc = ncs.raise_nc(session, draft(world, NCGrade.MAJOR))
        ncs.issue_nc(session, nc.id, on=D(2027, 3, 10))
    return world, nc.id


def state_of(database, nc_id):
    with database.session() as session:
        return ncs.get_nc(session, nc_id).state


def test_auditor_enters_the_response_with_an_attachment(qtbot, database, issued, shown, tmp_path):
    _world, nc_id = issued
    dialog = NCDetailDialog(database, nc_id, user="alice", today=D(2027, 4, 2))
    qtbot.addWidget(dialog)
    assert dialog.action_buttons[NCAction.RECORD_RESPONSE].isEnabled()
    assert not dialog.action_buttons[NCAction.ACCEPT].isEnabled()
    scan = tmp_path / "纠正措施.pdf"
    scan.write_bytes(b"%PDF-1.4\n% client reply\n%%EOF\n")
    dialog.ask_response = lambda: (RESPONSE, [scan])
    dialog.action_buttons[NCAction.RECORD_RESPONSE].click()
    assert shown == []
    assert state_of(database, nc_id) is NCState.RESPONSE_RECEIVED
    assert "纠正措施.pdf" in dialog.detail.body.toPlainText()
    assert dialog.action_buttons[NCAction.ACCEPT].isEnabled()
    # The auditor may not accept; the refusal says which role is needed.
    dialog.action_buttons[NCAction.ACCEPT].click()
    assert shown and "lead auditor" in shown[-1][1]
    assert state_of(database, nc_id) is NCState.RESPONSE_RECEIVED


def test_admin_reopens_with_a_reason_and_the_history_shows_it(qtbot, database, issued, shown):
    _world, nc_id = issued
    with database.session("alice") as s:
        ncs.record_response(s, nc_id, RESPONSE)
    with database.session("lena") as s:
        ncs.accept_response(s, nc_id)
        ncs.verify_nc(
            s, nc_id, ncs.Verification(VerificationMethod.FOLLOW_UP_VISIT, "seen", D(2027, 5, 1))
        )
        ncs.close_nc(s, nc_id, D(2027, 5, 2))
    as_lead = NCDetailDialog(database, nc_id, user="lena")
    qtbot.addWidget(as_lead)
    as_lead.ask_reason = lambda title, prompt: "closed by mistake"
    as_lead.action_buttons[NCAction.REOPEN].click()
    assert "administrator" in shown[-1][1]
    assert state_of(database, nc_id) is NCState.CLOSED

    as_admin = NCDetailDialog(database, nc_id, user="adam")
    qtbot.addWidget(as_admin)
    as_admin.ask_reason = lambda title, prompt: "Archive check: effectiveness not evidenced"
    as_admin.action_buttons[NCAction.REOPEN].click()
    assert state_of(database, nc_id) is NCState.RESPONSE_RECEIVED
    history = as_admin.detail.history
    last = history.rowCount() - 1
    assert (history.item(last, 1).text(), history.item(last, 2).text()) == ("adam", "Reopened")
    assert history.item(last, 4).text() == "Archive check: effectiveness not evidenced"


def test_previous_ncs_are_listed_and_reverified_in_the_next_audit(qtbot, database, issued, shown):
    world, nc_id = issued
    with database.session() as s:
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
    widget = PreviousNCsWidget(database, nxt.id, user="alice", today=D(2028, 3, 6))
    qtbot.addWidget(widget)
    assert widget.table.rowCount() == 1
    assert widget.table.item(0, 0).text() == "NC-2027-0012-01"
    assert "1" in widget.heading.text()
    widget.table.selectRow(0)
    widget.ask = lambda number: (False, "Plan still misses two gauges")
    widget.reverify_button.click()
    assert shown == []
    assert "Plan still misses two gauges" in widget.table.item(0, 6).text()
    with database.session() as s:
        nc = ncs.get_nc(s, nc_id)
        assert (nc.reverified_in_audit_id, nc.reverification_effective) == (nxt.id, False)


def test_certificates_at_risk_widget(qtbot, database, issued):
    world, _nc_id = issued
    widget = CertificatesAtRiskWidget(database, user="lena", today=D(2027, 4, 10))
    qtbot.addWidget(widget)
    assert widget.table.rowCount() == 1
    assert widget.table.item(0, 0).text() == "CN-QMS-2026-0001"
    assert widget.table.item(0, 1).text() == "深圳市华南精密机械有限公司"
    assert widget.table.item(0, 3).text() == "Suspension"
    assert "Response overdue" in widget.table.item(0, 2).text()
    with qtbot.waitSignal(widget.open_certificate) as blocker:
        widget._open(widget.table.model().index(0, 0))
    assert blocker.args == [world.certificate_id]
    one = CertificatesAtRiskWidget(
        database, user="lena", certificate_id=world.certificate_id, today=D(2027, 4, 9)
    )
    qtbot.addWidget(one)
    assert one.table.rowCount() == 0


def test_refusals_are_explained_in_words(qtbot):
    from auditdesk.services.errors import (
        Conflict,
        IllegalTransition,
        PermissionDenied,
        ValidationFailed,
    )
    from auditdesk.ui.nc.texts import NCTexts

    texts = NCTexts()
    assert "changed this nonconformity meanwhile" in texts.error(Conflict("stale"))
    assert texts.error(
        IllegalTransition("x", reason="closed_is_final", number="NC-2027-0012-01")
    ) == ("This NC is closed; only an administrator can reopen it.\nNC-2027-0012-01")
    assert texts.error(PermissionDenied("x", user="lena", role="lead", needs="admin")) == (
        "You are signed in as lena (lead auditor). This action needs the administrator role."
    )
    assert texts.error(ValidationFailed("x", {"evidence": "at_least_one"})) == (
        "Linked evidence: link at least one evidence item"
    )


def test_a_renumbering_from_an_offline_merge_reads_as_words_in_both_languages(qtbot):
    """The merge records a ``renumber`` step in the NC's history; the history shows why."""
    from auditdesk.ui import i18n
    from auditdesk.ui.nc.texts import NCTexts

    texts = NCTexts()
    try:
        assert i18n.install_language("en")
        assert "Renumbered" in texts.action("renumber")
        assert i18n.install_language("zh_CN")
        assert texts.action("renumber").startswith("重新编号")
    finally:
        i18n.install_language("en")
