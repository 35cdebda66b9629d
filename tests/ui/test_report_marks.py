"""Issue 20.4 / 17.3 in the workspace: the auditor marks photos for the report (context action on
the attachment strip) and evidence as a significant change (a checkbox in the editor)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from auditdesk.model import Attachment, EvidenceItem, NCGrade
from auditdesk.services import nonconformities as ncs
from tests.services.workspace_data import jpeg_bytes, make_audit
from tests.ui.conftest import show_workspace


@pytest.fixture
def facts(database):
    with database.session() as s:
        return make_audit(s)


@pytest.fixture
def ws(ctx, database, facts, qtbot):
    return show_workspace(ctx, facts.audit_id, qtbot)


def _report_action(ws, att_id):
    menu = ws.strip.context_menu(att_id)
    texts = {a.text(): a for a in menu.actions()}
    return texts.get("Print in the report") or texts.get("打印在审核报告中")


def test_a_photo_is_put_into_the_report_and_taken_out(ws, tmp_path, database):
    ws.select_clause("8.5.4")
    photo = tmp_path / "line.jpg"
    photo.write_bytes(jpeg_bytes("2027:03:01 09:40:00", "+08:00"))
    ws.strip.filesDropped.emit([photo])
    att_id = ws.attachment_ids()[0]
    assert not ws.strip.in_report(att_id)  # no NC rests on it: not in the report by default
    action = _report_action(ws, att_id)
    assert action is not None and action.isCheckable() and not action.isChecked()
    action.trigger()
    with database.session() as s:
        att = s.get(Attachment, att_id)
        assert (att.include_in_report, att.report_excluded) == (True, False)
    assert ws.strip.in_report(att_id)
    _report_action(ws, att_id).trigger()  # and out again
    with database.session() as s:
        att = s.get(Attachment, att_id)
        assert (att.include_in_report, att.report_excluded) == (False, True)
    assert not ws.strip.in_report(att_id)


def test_photos_on_nc_evidence_are_in_the_report_by_default(ws, tmp_path, database, facts):
    ws.select_clause("8.5.4")
    photo = tmp_path / "nc.jpg"
    photo.write_bytes(jpeg_bytes("2027:03:01 10:05:00", "+08:00"))
    ws.strip.filesDropped.emit([photo])
    with database.session() as s:
        item = s.scalars(select(EvidenceItem)).one()
        ncs.raise_nc(
            s,
            ncs.NCDraft(
                audit_id=facts.audit_id,
                clause_id=item.clauses[0].id,
                grade=NCGrade.MINOR,
                requirement="GB/T 19001-2016 8.5.4 要求对输出进行防护。",
                evidence_text="成品库 3 号货架纸箱受潮。",
                reason="未按规定防护。",
                evidence_ids=[item.id],
            ),
        )
        s.commit()
    ws.files.refresh()
    att_id = ws.attachment_ids()[0]
    assert ws.strip.in_report(att_id)
    assert _report_action(ws, att_id).isChecked()


def test_evidence_is_marked_as_a_change_in_the_editor(ws, qtbot, database):
    ws.select_clause("4.1")
    QTest.keyClick(ws.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert ws.editor.isEnabled() and not ws.editor.change.isChecked()
    ws.editor.change.click()
    ws.editor.flush()
    with database.session() as s:
        assert s.scalars(select(EvidenceItem.significant_change)).one() is True
    ws.editor.change.click()
    ws.editor.flush()
    with database.session() as s:
        assert s.scalars(select(EvidenceItem.significant_change)).one() is False
