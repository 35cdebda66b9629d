"""Documents from the GUI: the workspace's Documents dialog (report, issue, correction), the NC
form from the NC detail, the Schedule page's export button and the Standards register's loader.

Jobs run synchronously (tests/ui/conftest.py); file dialogs are patched; real readers
(python-docx, pdftotext, openpyxl) check what was written."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document
from PySide6.QtWidgets import QFileDialog

from auditdesk.model import Audit, Role, Standard
from tests.samples import modified_standard


@pytest.fixture
def demo(database, tmp_path):
    from auditdesk.services.users import create_user
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=8, photos=1)
        create_user(s, "lead", "lead-password-1", Role.LEAD)
        create_user(s, "aud", "aud-password-1", Role.AUDITOR)
    return demo


class SaveAnswers(list):
    """What the patched save dialog answers (``self[0]``) and the default names it was offered."""

    asked: list[str]


@pytest.fixture
def save_to(monkeypatch):
    box = SaveAnswers()
    box.asked = []

    def fake(parent, caption="", directory="", filter=""):
        box.asked.append(directory)
        return box[0], filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return box


def docx_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def locked(database, audit_id) -> bool:
    with database.session() as s:
        return bool(s.get(Audit, audit_id).locked)


def test_workspace_documents_exports_the_report_as_word_and_pdf(
    qtbot, ctx, demo, tmp_path, save_to
):
    from auditdesk.ui.workspace.workspace import AuditWorkspace

    ws = AuditWorkspace(ctx, demo.audit_id)
    qtbot.addWidget(ws)
    ws.btn_documents.click()
    dlg = ws.documents_dialog
    assert dlg.isVisible() and dlg.heading.text().startswith(demo.number)

    save_to.append(str(tmp_path / "report.docx"))
    dlg.select("report", "docx", "zh")
    dlg.export_button.click()
    assert (tmp_path / "report.docx").exists()
    assert "管理体系审核报告" in docx_text(tmp_path / "report.docx")
    assert ("Export finished", f"Saved to {tmp_path / 'report.docx'}") in ctx.shown
    assert save_to.asked[0].endswith(f"report-{demo.number}-zh.docx")

    if shutil.which("pdftotext"):
        save_to[0] = str(tmp_path / "report.pdf")
        dlg.select("report", "pdf", "bilingual")
        dlg.export()
        text = pdf_text(tmp_path / "report.pdf")
        assert "管理体系审核报告" in text and "Management System Audit Report" in text
    assert not list(tmp_path.glob(".*.part"))  # no temporary file left behind


def test_the_plan_in_word_and_pdf_the_case_in_word_only(qtbot, ctx, demo, tmp_path, save_to):
    from auditdesk.ui.documents import DocumentsDialog

    dlg = DocumentsDialog(ctx, demo.audit_id)
    qtbot.addWidget(dlg)
    for kind, formats in (("plan", ["docx", "pdf"]), ("case", ["docx"])):
        dlg.select(kind)
        assert [dlg.fmt.itemData(i) for i in range(dlg.fmt.count())] == formats
        for fmt in formats:
            save_to[:] = [str(tmp_path / f"{kind}.{fmt}")]
            dlg.select(kind, fmt)
            dlg.export()
            assert (tmp_path / f"{kind}.{fmt}").stat().st_size > 0
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")


def test_cancelled_file_dialog_writes_nothing(qtbot, ctx, demo, tmp_path, save_to):
    from auditdesk.ui.documents import DocumentsDialog

    dlg = DocumentsDialog(ctx, demo.audit_id)
    qtbot.addWidget(dlg)
    save_to.append("")
    assert dlg.export() is None
    assert ctx.shown == []


def test_lead_issues_the_report_and_the_workspace_becomes_read_only(qtbot, ctx, database, demo):
    from auditdesk.ui.workspace.workspace import AuditWorkspace

    ws = AuditWorkspace(database, demo.audit_id, user="lead")
    qtbot.addWidget(ws)
    assert ws.btn_new.isEnabled()
    dlg = ws.show_documents()
    assert dlg.issue_button.isEnabled() and not dlg.correction_button.isEnabled()
    dlg.confirm_issue = lambda: True
    asked = []
    dlg.ask_override_reason = lambda items: asked.append(items) or ""
    assert not dlg.issue_report()  # the pre-issue check blocks; no reason, no issue
    assert asked and any("closing-meeting check-in" in x for x in asked[0])
    assert "block the issue" in dlg.check_list.text()
    assert not locked(database, demo.audit_id)
    dlg.ask_override_reason = lambda items: "Client needs the report; follow-up agreed."
    assert dlg.issue_report()
    assert locked(database, demo.audit_id)
    assert ws.locked and not ws.btn_new.isEnabled() and not ws.btn_raise_nc.isEnabled()
    assert not dlg.issue_button.isEnabled() and dlg.correction_button.isEnabled()
    assert "revision 1" in dlg.issue_state.text()

    # A correction: unlock, then re-issue with a change note as revision 2.
    assert dlg.open_correction()
    assert not locked(database, demo.audit_id) and ws.btn_new.isEnabled()
    dlg.ask_change_note = lambda: ""
    assert not dlg.issue_report()  # a correction without a note is refused
    assert not locked(database, demo.audit_id)
    assert ctx.shown[-1][0] == "Please check"
    dlg.ask_change_note = lambda: "NC 2 grade corrected"
    dlg.ask_override_reason = lambda items: "Correction of the NC grade only."
    assert dlg.issue_report()
    with database.session() as s:
        audit = s.get(Audit, demo.audit_id)
        assert audit.locked and audit.report_revision == 2


def test_an_auditor_cannot_issue(qtbot, ctx, database, demo):
    from auditdesk.ui.documents import DocumentsDialog

    dlg = DocumentsDialog(database, demo.audit_id, user="aud")
    qtbot.addWidget(dlg)
    assert not dlg.issue_button.isEnabled() and not dlg.correction_button.isEnabled()
    dlg.confirm_issue = lambda: True
    dlg.ask_override_reason = lambda items: "anyway"
    assert not dlg.issue_report()  # called anyway: the service refuses, the refusal is shown
    assert ctx.shown and ctx.shown[-1][0] == "Not possible"
    assert not locked(database, demo.audit_id)


def test_audits_register_has_documents_for_the_selected_audit(qtbot, ctx, demo):
    from auditdesk.ui.registers.configs import build_configs
    from auditdesk.ui.registers.widget import RegisterWidget

    w = RegisterWidget(ctx, build_configs(ctx)["audits"])
    qtbot.addWidget(w)
    button = next(b for b in w.action_widgets if b.objectName() == "documentsButton")
    button.click()
    assert ctx.shown[-1] == ("Documents", "Select an audit first.")
    qtbot.waitUntil(lambda: w.model.rowCount() > 0, timeout=5000)
    assert w.select_id(demo.audit_id)
    button.click()
    assert w.documents_dialog is not None and w.documents_dialog.audit_id == demo.audit_id


def test_nc_form_from_the_nc_detail(qtbot, ctx, database, demo, tmp_path, save_to):
    from auditdesk.model import Nonconformity
    from auditdesk.ui.nc import NCDetailDialog

    with database.session() as s:
        nc_id = next(n.id for n in s.query(Nonconformity).all() if n.number == demo.nc_numbers[0])
    dlg = NCDetailDialog(database, nc_id)
    qtbot.addWidget(dlg)
    save_to.append(str(tmp_path / "nc.docx"))
    dlg.export_form(("docx", "zh"))
    assert "不符合报告" in docx_text(tmp_path / "nc.docx")
    assert save_to.asked[0].endswith(f"{demo.nc_numbers[0]}-zh.docx")
    if shutil.which("pdftotext"):
        save_to[0] = str(tmp_path / "nc.pdf")
        dlg.export_form(("pdf", "en"))
        assert "Nonconformity Report" in pdf_text(tmp_path / "nc.pdf")


def test_certificate_document_from_the_certificate_view(
    qtbot, ctx, database, demo, tmp_path, save_to
):
    """Issue 17 point 4: the certificate view exports the certificate document (8.2.2)."""
    from auditdesk.model import Certificate
    from auditdesk.ui.certificate_view import CertificateView
    from auditdesk.ui.documents import NCFormDialog

    with database.session() as s:
        cert = s.query(Certificate).filter_by(number="CN-QMS-2025-0088").one()
        cert_id, cert_number = cert.id, cert.number
    view = CertificateView(ctx)
    qtbot.addWidget(view)
    assert not view.certificate_button.isEnabled()  # no certificate selected yet
    view.load(cert_id)
    assert view.certificate_button.isEnabled()
    assert view.certificate_button.text() == "Export certificate…"
    save_to.append(str(tmp_path / "cert.docx"))
    view.export_certificate(("docx", "zh"))
    text = docx_text(tmp_path / "cert.docx")
    assert cert_number in text and "苏州精达塑胶制品有限公司" in text
    assert save_to.asked[0].endswith(f"certificate-{cert_number}-zh.docx")
    if shutil.which("pdftotext"):
        save_to[0] = str(tmp_path / "cert.pdf")
        view.export_certificate(("pdf", "en"))
        text = pdf_text(tmp_path / "cert.pdf")
        assert cert_number in text and "Suzhou Jingda Plastic Products" in text
    dialog = NCFormDialog(view, "Export certificate document")  # what the button asks
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Export certificate document"
    assert [dialog.fmt.itemData(i) for i in range(dialog.fmt.count())] == ["docx", "pdf"]


def test_schedule_page_exports_the_year_in_the_chosen_language(
    qtbot, ctx, sample, tmp_path, save_to
):
    from openpyxl import load_workbook

    from auditdesk.ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    page = w.registers["schedule"]
    page.schedule_year.setValue(2027)
    page.schedule_language.setCurrentIndex(page.schedule_language.findData("en"))
    save_to.append(str(tmp_path / "schedule.xlsx"))
    page.schedule_button.click()
    assert save_to.asked[0].endswith("schedule-2027.xlsx")
    sheet = load_workbook(tmp_path / "schedule.xlsx").worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["certificate_no", "organisation", "credit_code"]
    assert ctx.shown[-1][0] == "Export finished"


# -- standards ------------------------------------------------------------------------------------
def standard_keys(database) -> set[str]:
    with database.session() as s:
        return {k for (k,) in s.query(Standard.key).all()}


def test_standards_register_loads_a_file(qtbot, ctx, database, tmp_path, monkeypatch):
    from auditdesk.ui.registers.configs import build_configs
    from auditdesk.ui.registers.widget import RegisterWidget

    w = RegisterWidget(ctx, build_configs(ctx)["standards"])
    qtbot.addWidget(w)
    button = next(b for b in w.action_widgets if b.objectName() == "loadStandardButton")
    assert not button.isHidden()  # system is an admin
    chosen = [str(modified_standard(tmp_path))]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (chosen[0], ""))
    )
    button.click()
    assert "ISO9001:2099" in standard_keys(database)
    assert ctx.shown[-1][0] == "Standard loaded"
    qtbot.waitUntil(lambda: w.model.rowCount() == 5, timeout=5000)

    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    chosen[0] = str(bad)
    before = standard_keys(database)
    button.click()
    title, text = ctx.shown[-1]
    assert title == "Not a usable standard file" and "not valid JSON" in text
    assert standard_keys(database) == before


def test_standards_loader_is_hidden_and_refused_for_a_lead(qtbot, ctx, database, demo, tmp_path):
    from auditdesk.ui.context import AppContext
    from auditdesk.ui.documents import load_standard_interactive
    from auditdesk.ui.registers.configs import build_configs
    from auditdesk.ui.registers.widget import RegisterWidget

    lead = AppContext(database, "lead", ctx.settings)
    w = RegisterWidget(lead, build_configs(lead)["standards"])
    qtbot.addWidget(w)
    assert next(b for b in w.action_widgets if b.objectName() == "loadStandardButton").isHidden()
    load_standard_interactive(lead, w, str(modified_standard(tmp_path)))
    assert ctx.shown[-1][0] == "Not possible"
    assert "ISO9001:2099" not in standard_keys(database)


def test_team_judgements_editor_sets_the_judgements(qtbot, ctx, database, demo):
    from auditdesk.ui.documents import DocumentsDialog

    dlg = DocumentsDialog(database, demo.audit_id, user="aud")
    qtbot.addWidget(dlg)
    assert "whether the scope is appropriate" in dlg.check_list.text()
    seen = []

    def edit(values):
        seen.append(values)
        return {
            "scope_appropriate": True,
            "objectives_met": True,
            "conclusion": values["conclusion"],
            "marks": values["statements"]["marks"],
            "changes": "No change of site or scope since the last audit (licence seen).",
            "statements": {"complaints": "无"},
        }

    dlg.edit_judgements = edit
    assert dlg.team_judgements()
    assert seen[0]["scope"] is None and seen[0]["objectives"] is None  # unset until judged
    with database.session() as s:
        audit = s.get(Audit, demo.audit_id)
        assert audit.scope_appropriate is True and audit.objectives_met is True
    text = dlg.check_list.text()
    assert "whether the scope is appropriate" not in text
    assert "No team statement on: Complaints and their handling" in text  # "无" is not one


def test_team_judgements_dialog_starts_unset_and_returns_values(qtbot):
    from auditdesk.ui.documents import TeamJudgementsDialog

    dlg = TeamJudgementsDialog(
        {"scope": None, "objectives": False, "conclusion": "", "statements": {}}
    )
    qtbot.addWidget(dlg)
    assert dlg.scope.currentData() is None and dlg.objectives.currentData() is False
    dlg.statements["complaints"].setPlainText("3 complaints handled, see register.")
    values = dlg.values()
    assert values["statements"]["complaints"].startswith("3 complaints")
    assert values["marks"] == "" and "marks" not in values["statements"]
