"""The audit workspace driven by keyboard and mouse, offscreen; assertions on the data."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from auditdesk.model import Attachment, AuditMode, AuditStatus, EvidenceItem, Judgement
from auditdesk.services import evidence as ev
from auditdesk.services.termination import (
    Agreement,
    AgreementRole,
    TerminationData,
    TerminationReason,
)
from tests.services.workspace_data import jpeg_bytes, make_audit
from tests.ui.conftest import show_workspace


@pytest.fixture
def facts(database):
    with database.session() as s:
        return make_audit(s)


@pytest.fixture
def ws(ctx, database, facts, qtbot):
    return show_workspace(ctx, facts.audit_id, qtbot)


def items_of(database, audit_id):
    with database.session() as s:
        return [
            (i.description, i.references, sorted(c.number for c in i.clauses))
            for i in ev.list_evidence(s, audit_id)
        ]


def type_text(widget, text):
    """ASCII as key presses; Chinese as a Chinese input method delivers it (a commit string)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            if run and not run.isascii():
                event = QInputMethodEvent()
                event.setCommitString(run)
                QApplication.sendEvent(widget, event)
                run = ""
            run += ch
            continue
        if run and run.isascii():
            QTest.keyClicks(widget, run)
            run = ""
        if ch != "\0":
            run += ch
        elif run:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def type_item(qtbot, ws, description, references=""):
    QTest.keyClick(
        ws.editor.description if ws.editor.isEnabled() else ws.tree,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier,
    )
    assert ws.editor.description.hasFocus() or ws.focusWidget() is ws.editor.description
    type_text(ws.editor.description, description)
    if references:
        QTest.keyClick(ws.editor.description, Qt.Key.Key_Tab)
        type_text(ws.focusWidget(), references)


def test_evidence_is_recorded_by_keyboard_and_saved_without_a_save_button(
    ws, qtbot, database, facts
):
    ws.select_clause("9.2")
    ws.tree.setFocus()
    type_item(qtbot, ws, "内审计划及报告 2026", "QR-9.2-01")
    type_item(qtbot, ws, "Auditor independence checked")
    qtbot.waitUntil(
        lambda: (
            len(items_of(database, facts.audit_id)) == 2
            and items_of(database, facts.audit_id)[1][0] == "Auditor independence checked"
        ),
        timeout=3000,
    )
    assert items_of(database, facts.audit_id) == [
        ("内审计划及报告 2026", "QR-9.2-01", ["9.2"]),
        ("Auditor independence checked", "", ["9.2"]),
    ]
    assert ws.items.count() == 2


def test_coverage_marks_change_as_evidence_is_added(ws, qtbot):
    ws.select_clause("9.1.2")
    assert ws.evidence_count("9.1.2") == 0 and ws.tree_items["9.1.2"].text(2) == "!"  # must cover
    ws.tree.setFocus()
    type_item(qtbot, ws, "顾客满意度调查 2026")
    assert (
        ws.evidence_count("9.1.2") == 1
        and ws.evidence_count("9.1") == 1
        and ws.evidence_count("9") == 1
    )
    assert "9.1.2" not in ws.coverage.must_cover_missing


def test_files_are_attached_and_disguised_files_refused(ws, qtbot, tmp_path, database, ctx):
    ws.select_clause("8.5.2")
    photo = tmp_path / "traceability.jpg"
    photo.write_bytes(jpeg_bytes("2027:03:01 10:15:00", "+08:00"))
    fake = tmp_path / "invoice.jpg"
    fake.write_bytes(b"%PDF-1.5\n" + b"0" * 200)
    assert ws.attach_paths([photo, fake]) == 1
    assert ws.strip.count() == 1
    assert any("invoice.jpg" in m and "pdf" in m for m in ws.messages)
    with database.session() as s:
        att = s.scalars(select(Attachment)).one()
        assert att.filename == "traceability.jpg" and att.captured_at == dt.datetime(
            2027, 3, 1, 2, 15, tzinfo=dt.UTC
        )
        assert [c.number for c in s.get(EvidenceItem, att.evidence_id).clauses] == ["8.5.2"]
    assert ws.evidence_count("8.5.2") == 1


def test_dropped_files_arrive_through_the_strip(ws, tmp_path, database):
    ws.select_clause("7.1.5")
    photo = tmp_path / "cmm.jpg"
    photo.write_bytes(jpeg_bytes())
    ws.strip.filesDropped.emit([photo])
    with database.session() as s:
        assert len(s.scalars(select(Attachment)).all()) == 1


def test_check_in_marking_satisfies_completeness(ws, tmp_path):
    photo = tmp_path / "opening.jpg"
    photo.write_bytes(jpeg_bytes())
    codes = {p.code for p in ws.run_completeness()}
    assert "check_in.opening_missing" in codes
    ws.add_check_in_photo(photo, "opening", "一楼会议室")
    ws.attach_paths([photo])
    att_id = ws.attachment_ids()[0]
    assert ws.mark_check_in(att_id, "closing", "一楼会议室")
    codes = {p.code for p in ws.run_completeness()}
    assert not {"check_in.opening_missing", "check_in.closing_missing"} & codes


def test_judgement_by_keyboard_and_completeness_lines_jump_to_the_clause(ws, qtbot):
    ws.select_clause("4.1")
    ws.tree.setFocus()
    QTest.keyClick(ws.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert ws.coverage.judgements["4.1"] == [Judgement.CONFORM]
    assert ws.tree_items["4.1"].text(2 + 1) != ""
    problems = ws.run_completeness()
    assert "4.1" not in [p.clause_number for p in problems if p.code == "clause.not_judged"]
    line = next(
        i
        for i in range(ws.problems.count())
        if getattr(ws.problems.item(i).data(Qt.ItemDataRole.UserRole), "clause_number", None)
        == "4.2"
    )
    ws.problems.itemActivated.emit(ws.problems.item(line))
    assert ws.current.number == "4.2"


def test_search_finds_chinese_and_jumps_to_the_item(ws, qtbot, database, facts):
    ws.select_clause("8.4")
    ws.tree.setFocus()
    type_item(qtbot, ws, "合格供方名录及年度评价")
    ws.editor.flush()
    ws.select_clause("4.1")
    QTest.keyClick(ws.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert ws.focusWidget() is ws.search_box
    type_text(ws.search_box, "供方")
    QTest.keyClick(ws.search_box, Qt.Key.Key_Return)
    assert ws.results.count() == 1
    ws.results.itemActivated.emit(ws.results.item(0))
    assert (
        ws.current.number == "8.4"
        and ws.editor.description.toPlainText() == "合格供方名录及年度评价"
    )


def test_termination_from_the_workspace(ws, database, facts):
    at = dt.datetime(2027, 3, 1, 15, 0, tzinfo=dt.UTC)
    assert ws.terminate(
        TerminationData(
            [TerminationReason.LICENCE_EXPIRED],
            dt.date(2027, 3, 1),
            [Agreement(AgreementRole.TEAM_LEADER, "王组长", at)],
        )
    )
    with database.session() as s:
        from auditdesk.model import Audit

        assert s.get(Audit, facts.audit_id).status is AuditStatus.TERMINATED
    assert "2027-03-15" in ws.messages[-1]


def test_integrated_audit_tree_lists_each_standard(ctx, database, qtbot):
    from auditdesk.ui.workspace import AuditWorkspace

    with database.session() as s:
        facts = make_audit(
            s,
            standards=("ISO9001:2015", "ISO14001:2015", "ISO45001:2018"),
            tag="I",
            mode=AuditMode.REMOTE,
        )
    w = AuditWorkspace(ctx, facts.audit_id)
    qtbot.addWidget(w)
    assert w.tree_items["9.2"].text(1) == "9001·14001·45001"
    assert w.tree_items["6.1.2"].text(1) != ""
    w.select_clause("9.2")
    w.new_item("integrated internal audit")
    with database.session() as s:
        item = s.scalars(select(EvidenceItem)).one()
        assert len(item.clauses) == 3 and item.remote


def test_locked_audit_is_read_only(ctx, database, qtbot):
    from auditdesk.model import Audit
    from auditdesk.ui.workspace import AuditWorkspace

    with database.session() as s:
        facts = make_audit(s, tag="L")
        s.get(Audit, facts.audit_id).locked = True
    w = AuditWorkspace(ctx, facts.audit_id)
    qtbot.addWidget(w)
    assert not w.btn_new.isEnabled() and w.new_item() is None


def test_open_workspace_accepts_both_call_styles(ctx, database, facts, qtbot):
    from PySide6.QtWidgets import QMainWindow

    from auditdesk.ui.workspace import AuditWorkspace, open_workspace

    main = QMainWindow()
    qtbot.addWidget(main)
    a = open_workspace(main, ctx, facts.audit_id)
    b = open_workspace(ctx, facts.audit_id, main)
    for w in (a, b):
        assert isinstance(w, AuditWorkspace) and w.isWindow() and w.parent() is main
        assert w.audit_id == facts.audit_id and w.user == "system"
        w.close()


def test_edits_are_saved_when_focus_leaves_the_field(ws, qtbot, database, facts):
    ws.select_clause("5.1")
    ws.tree.setFocus()
    type_item(qtbot, ws, "Top management interview")
    ws.tree.setFocus()  # focus out saves at once, before the 400 ms timer
    assert not ws.editor.has_pending
    assert items_of(database, facts.audit_id)[0][0] == "Top management interview"


def test_pasting_a_screenshot_attaches_it(ws, qtbot, database):
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QApplication

    ws.select_clause("7.5")
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    QApplication.clipboard().setImage(image)
    ws.tree.setFocus()
    QTest.keyClick(
        ws.tree,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    with database.session() as s:
        att = s.scalars(select(Attachment)).one()
        assert att.is_photo and att.media_type == "image/png"
    assert ws.strip.count() == 1 and ws.evidence_count("7.5") == 1


def test_thumbnails_are_decoded_small(qapp, tmp_path):
    from auditdesk.ui.workspace.attachments_view import thumbnail

    big = tmp_path / "big.jpg"
    big.write_bytes(jpeg_bytes(size=(2400, 1600)))
    pix = thumbnail(big, "f" * 64, 96)
    assert max(pix.width(), pix.height()) == 96


def test_marks_must_cover_line_jumps_to_the_marks_field(ws, qtbot):
    problems = ws.run_completeness()
    marks = [
        i
        for i in range(ws.problems.count())
        if getattr(ws.problems.item(i).data(Qt.ItemDataRole.UserRole), "detail", "") == "marks"
    ]
    assert marks and any(p.detail == "marks" for p in problems)
    ws.problems.itemActivated.emit(ws.problems.item(marks[0]))
    assert ws.focusWidget() is ws.marks
    type_text(ws.marks, "证书及标志使用符合规定")
    QTest.keyClick(ws.marks, Qt.Key.Key_Return)
    assert "marks" not in ws.coverage.must_cover_missing


def test_photos_dropped_on_a_new_item_date_it(ws, tmp_path, database):
    ws.select_clause("8.5.4")
    photo = tmp_path / "store.jpg"
    photo.write_bytes(jpeg_bytes("2027:03:01 09:40:00", "+08:00"))
    ws.strip.filesDropped.emit([photo])
    with database.session() as s:
        item = s.scalars(select(EvidenceItem)).one()
        assert item.observed_at == dt.datetime(2027, 3, 1, 1, 40, tzinfo=dt.UTC)


def test_clauses_of_an_item_are_typed(ws, qtbot, database, facts):
    ws.select_clause("9.2")
    ws.tree.setFocus()
    type_item(qtbot, ws, "Internal audit found the CA open", "IA-7")
    QTest.keyClick(ws.focusWidget(), Qt.Key.Key_Tab)  # references -> interviewee
    QTest.keyClick(ws.focusWidget(), Qt.Key.Key_Tab)  # interviewee -> clauses
    assert ws.focusWidget() is ws.editor.clauses
    ws.editor.clauses.selectAll()
    type_text(ws.editor.clauses, "9.2, 10.2")
    QTest.keyClick(ws.editor.clauses, Qt.Key.Key_Return)
    assert items_of(database, facts.audit_id)[0][2] == ["10.2", "9.2"]
    assert ws.evidence_count("10.2") == 1
    ws.editor.clauses.selectAll()
    type_text(ws.editor.clauses, "99.9")
    QTest.keyClick(ws.editor.clauses, Qt.Key.Key_Return)
    assert "99.9" in ws.messages[-1]
    assert items_of(database, facts.audit_id)[0][2] == ["10.2", "9.2"]


def test_site_of_an_item_shows_and_changes_in_the_editor(ws, qtbot, database, facts):
    ws.site_filter.setCurrentIndex(2)  # the second site: new items get it
    ws.select_clause("8.2")
    ws.tree.setFocus()
    type_item(qtbot, ws, "Emergency drill record")
    assert ws.editor.selected_site() == facts.site_ids[1]
    ws.editor.site_box.setCurrentIndex(1)  # first site: saved at once
    with database.session() as s:
        assert [i.site_id for i in ev.list_evidence(s, facts.audit_id)] == [facts.site_ids[0]]
    ws.site_filter.setCurrentIndex(0)
    ws.select_clause("8.2")
    assert ws.editor.selected_site() == facts.site_ids[0]
    assert ws.editor.clauses.text() == "8.2"


def test_the_audit_goes_into_an_offline_package_from_its_workspace(
    ws, database, facts, tmp_path, monkeypatch
):
    """The button beside Documents… writes this audit's package; a laptop database takes it in."""
    from PySide6.QtWidgets import QMessageBox

    from auditdesk.exchange.package import import_package
    from auditdesk.model import Audit
    from auditdesk.services.setup import open_database

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)  # the "written to" message
    with database.session() as s:
        ev.add_evidence(
            s, facts.audit_id, ev.EvidenceData(description="内审记录 2026-IA-03，抽样 5 份")
        )
    target = tmp_path / "for-laptop.adpkg"
    assert ws.btn_package.text().startswith("Export audit package")
    ws.export_package(str(target), "")
    assert target.exists()
    laptop = open_database(f"sqlite:///{tmp_path / 'laptop.sqlite3'}", create=True)
    try:
        with laptop.session() as s:
            result = import_package(s, target)
            assert result.created > 0
            assert s.get(Audit, facts.audit_id) is not None
            texts = [
                e.description
                for e in s.scalars(
                    select(EvidenceItem).where(EvidenceItem.audit_id == facts.audit_id)
                )
            ]
            assert "内审记录 2026-IA-03，抽样 5 份" in texts
    finally:
        laptop.close()


def test_archiving_evidence_asks_first_and_can_be_undone(ws, qtbot, database, facts):
    """Issue 20, point 9: archiving had no confirmation and no undo."""
    from auditdesk.ui import errors

    ws.select_clause("9.2")
    ws.tree.setFocus()
    type_item(qtbot, ws, "Internal audit programme 2027")
    ws.editor.flush()
    assert len(items_of(database, facts.audit_id)) == 1

    errors.confirm_answer = False
    try:
        ws.archive_current_item()  # the auditor says no
    finally:
        errors.confirm_answer = True
    assert len(items_of(database, facts.audit_id)) == 1
    assert "Internal audit programme 2027" in ctx_shown(ws)[-1][1]

    ws.archive_current_item()
    assert items_of(database, facts.audit_id) == []
    assert ws.undo_box.isVisibleTo(ws)
    qtbot.mouseClick(ws.undo_button, Qt.MouseButton.LeftButton)
    assert [d for d, _r, _c in items_of(database, facts.audit_id)] == [
        "Internal audit programme 2027"
    ]
    assert not ws.undo_box.isVisibleTo(ws)
    assert ws.editor.description.toPlainText() == "Internal audit programme 2027"


def ctx_shown(ws):
    from auditdesk.ui import errors

    return errors.shown
