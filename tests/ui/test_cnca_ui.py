"""Issue 19 in the GUI: the Schedule page's CNCA monthly file, the dashboard's deadline line and
the check-in dialog's team checklist."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from auditdesk.model import Auditor, AuditTeamMember, CheckInMoment, TeamRole
from auditdesk.services.audits import get_audit
from auditdesk.services.cnca_reporting import Month
from tests.services.workspace_data import jpeg_bytes, make_audit


def _november_audit(database, id_no=""):
    with database.session() as s:
        facts = make_audit(s, start=dt.date(2026, 11, 9), window_latest=dt.date(2026, 11, 30))
        audit = get_audit(s, facts.audit_id)
        audit.organisation.credit_code = "91110000600037341L"
        audit.organisation.address = "江苏省苏州市工业园区星湖街 328 号"
        audit.planned_days = 2.0
        a = Auditor(name_zh="王建国", id_doc_type="id_card", id_doc_no=id_no)
        s.add(a)
        s.flush()
        audit.team.append(AuditTeamMember(auditor_id=a.id, role=TeamRole.TEAM_LEADER))
        s.flush()
        return facts.audit_id


def test_schedule_page_lists_problems_and_writes_only_when_asked(qtbot, ctx, database, tmp_path):
    from auditdesk.ui.main_window import MainWindow

    _november_audit(database)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    page = w.registers["schedule"]
    page.cnca_button.click()
    dlg = page.cnca_dialog
    dlg.month.setDate(QDate(2026, 11, 1))
    dlg.check()
    lines = [dlg.problems.item(i).text() for i in range(dlg.problems.count())]
    assert any("ID document number missing" in t and "审核计划信息表" in t for t in lines)
    assert any("CNCA approval number" in t for t in lines)  # no plan number yet
    assert not dlg.write_button.isEnabled() and dlg.anyway_button.isEnabled()
    out = tmp_path / "cnca.xlsx"
    dlg.write(anyway=True, target=str(out))
    assert out.exists() and dlg.written.written_anyway
    wb = load_workbook(out)
    assert wb.sheetnames == ["审核计划信息表", "证书信息表", "审核结果信息表", "能源绩效信息表"]


def test_clean_month_writes_without_anyway(qtbot, ctx, database, tmp_path):
    from auditdesk.rules.id_documents import id_card_check
    from auditdesk.services import cb_settings
    from auditdesk.ui.cnca_export import CncaExportDialog

    first17 = "11010819800101123"
    _november_audit(database, first17 + id_card_check(first17))
    with database.session() as s:
        cb_settings.save(s, {"cnca_approval_no": "CNCA-R-2002-123"})
    dlg = CncaExportDialog(ctx, None, today=dt.date(2026, 12, 3))
    qtbot.addWidget(dlg)
    assert dlg.month_text() == "2026-11"
    dlg.check()
    lines = [dlg.problems.item(i).text() for i in range(dlg.problems.count())]
    assert lines == [] and dlg.write_button.isEnabled()
    dlg.write(anyway=False, target=str(tmp_path / "ok.xlsx"))
    assert (tmp_path / "ok.xlsx").exists() and not dlg.written.written_anyway


def test_dashboard_shows_the_deadline(qtbot, ctx, database):
    from auditdesk.ui.dashboard import DashboardPage

    _november_audit(database)
    page = DashboardPage(ctx, today=lambda: dt.date(2026, 12, 3))
    qtbot.addWidget(page)
    page.refresh()
    assert page.cnca_due.month == str(Month(2026, 11))
    assert page.cnca_text() == (
        "November data due 10 December: 1 plans, 0 certificates, 0 results not yet reported"
    )
    assert page.cnca_label.text() == page.cnca_text()
    from auditdesk.ui import i18n

    i18n.install_language("zh_CN")
    assert (
        page.cnca_text()
        == "11月数据应于12月10日前上报：尚有 1 条审核计划、0 张证书、0 条审核结果未上报"
    )


def test_check_in_dialog_ticks_the_team(qtbot, ctx, database, tmp_path):
    from tests.ui.conftest import show_workspace

    audit_id = _november_audit(database)
    ws = show_workspace(ctx, audit_id, qtbot)
    photo = tmp_path / "o.jpg"
    photo.write_bytes(jpeg_bytes(when="2026:11:09 08:40:00"))
    ws.add_check_in_photo(photo, CheckInMoment.OPENING.value)
    codes = {p.code for p in ws.run_completeness()}
    assert "check_in.member_not_ticked" in codes
    dlg = ws.show_check_in()
    item = dlg.team.item(0)
    assert "王建国" in item.text()
    item.setCheckState(Qt.CheckState.Checked)
    assert "check_in.member_not_ticked" not in {p.code for p in ws.run_completeness()}
    dlg.site.setText("31.2304, 121.4737")
    dlg.site.editingFinished.emit()
    with database.session() as s:
        from auditdesk.services import check_in

        assert check_in.state(s, audit_id).site == (31.2304, 121.4737)
    # the plan's default opening 08:30 (China time); the team moves it to 13:00
    from PySide6.QtCore import QDateTime

    opening, closing_start, closing_end = dlg.meeting_edits
    assert opening.dateTime().toString("yyyy-MM-dd HH:mm") == QDateTime.fromSecsSinceEpoch(
        int(dt.datetime(2026, 11, 9, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp())
    ).toString("yyyy-MM-dd HH:mm")
    opening.setDateTime(
        QDateTime.fromSecsSinceEpoch(
            int(
                dt.datetime(
                    2026, 11, 9, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))
                ).timestamp()
            )
        )
    )
    opening.editingFinished.emit()
    with database.session() as s:
        stored = check_in.state(s, audit_id).meetings.opening_start
    assert stored == dt.datetime(2026, 11, 9, 5, 0, tzinfo=dt.UTC)
    codes = {p.code for p in ws.run_completeness()}
    assert "check_in.opening_wrong_day" not in codes  # 08:40 is before 13:00 on the same day


def test_auditor_id_document_is_checked_and_shown_masked(qtbot, ctx, database):
    from auditdesk.rules.id_documents import id_card_check
    from auditdesk.ui.cnca_export import AuditorIdDialog
    from auditdesk.ui.main_window import MainWindow

    with database.session() as s:
        a = Auditor(name_zh="李明")
        s.add(a)
        s.flush()
        rid = a.id
    dlg = AuditorIdDialog(ctx, rid)
    qtbot.addWidget(dlg)
    first17 = "11010819800101123"
    good = first17 + id_card_check(first17)
    bad = first17 + ("0" if good[-1] != "0" else "1")
    dlg.number.setText(bad)
    assert not dlg.save()
    assert "check digit" in dlg.message.text()
    with database.session() as s:
        assert s.get(Auditor, rid).id_doc_no == ""  # nothing written
    dlg.number.setText(good.lower()[:-1] + good[-1].lower())
    assert dlg.save()
    with database.session() as s:
        assert s.get(Auditor, rid).id_doc_no == good
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    reg = w.registers["auditors"]
    col = list(reg.config.columns).index("id_doc_masked")
    shown = [reg.model.data(reg.model.index(r, col)) for r in range(reg.model.rowCount())]
    assert shown == [good[:3] + "*" * 11 + good[-4:]]  # never the full number


def test_certificate_marks_dialog(qtbot, ctx, database):
    from auditdesk.model import Certificate
    from auditdesk.services.cnca_reporting import accreditation_marks
    from auditdesk.ui.cnca_export import MarksDialog

    _november_audit(database)
    with database.session() as s:
        cert = s.query(Certificate).first()
        cid = cert.id
        assert accreditation_marks(s, cert) == ["CNAS"]  # accredited, nothing set: CNAS
    dlg = MarksDialog(ctx, cid)
    qtbot.addWidget(dlg)
    assert dlg.boxes["CNAS"].isChecked() and not dlg.boxes["UKAS"].isChecked()
    dlg.boxes["UKAS"].setChecked(True)
    dlg.save()
    with database.session() as s:
        assert accreditation_marks(s, s.get(Certificate, cid)) == ["CNAS", "UKAS"]
