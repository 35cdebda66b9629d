"""Audit plan, NC form and good-audit-case draft: content, and real readers (python-docx, pdftotext, LibreOffice)."""

from __future__ import annotations

import pytest
from docx import Document as read_docx

from auditdesk.exports import blocks as b
from auditdesk.exports.case import build_case_context, case_document, render_case
from auditdesk.exports.nc_form import build_nc_form_context, nc_form_document, render_nc_form
from auditdesk.exports.plan import build_plan_context, plan_document, render_plan
from tests.exports.conftest import needs_poppler, needs_soffice, pdf_text, soffice_convert


def _all_text(path) -> str:
    doc = read_docx(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_plan_agenda_covers_every_process_with_an_auditor(session, demo_audit):
    ctx = build_plan_context(session, demo_audit.number, "zh")
    items = [r.item for r in ctx.agenda]
    assert items[0] == "opening" and items[-1] == "closing"
    assert {"4", "5", "6", "7", "8", "9", "10"} <= set(items)
    assert all(r.auditors for r in ctx.agenda)
    # The team leader takes management; operations are audited at both sites.
    leader = {r.item for r in ctx.agenda if r.auditors == ("张伟",)}
    assert {"5", "9"} <= leader
    assert {r.site for r in ctx.agenda if r.item == "8"} == {"总部及注塑车间", "装配分厂"}
    assert {r.day for r in ctx.agenda} == {ctx.start_date, ctx.end_date}
    assert "陈刚" not in {
        a
        for r in ctx.agenda
        if r.item not in ("opening", "closing", "team_review")
        for a in r.auditors
    }


def test_plan_compares_planned_days_with_md5(session, demo_audit):
    ctx = build_plan_context(session, demo_audit.number, "en")
    # 180 effective persons, QMS: 9 initial days (176-275 band); surveillance = 1/3 -> 3.
    assert ctx.md5.computed_days == 3.0 and ctx.md5.planned_days == 3.0
    assert ctx.md5.basis.startswith("IAF MD5")
    assert ctx.md5.onsite_min_days == 2.5
    fields = dict(p for x in plan_document(ctx).blocks if isinstance(x, b.Fields) for p in x.pairs)
    assert fields["Note"] == "Planned days are not below the MD5 figure."


def test_plan_flags_days_below_md5(session, demo_audit):
    from auditdesk.services.audits import find_audit

    find_audit(session, demo_audit.number).planned_days = 2.0
    fields = dict(
        p
        for x in plan_document(build_plan_context(session, demo_audit.number, "zh")).blocks
        if isinstance(x, b.Fields)
        for p in x.pairs
    )
    assert fields["说明"] == "计划人日低于 MD5 核定值，应书面说明理由。"
    assert fields["计划与 MD5 之差"] == "-1"


def test_nc_form_has_the_finding_and_blank_fields_for_the_client(session, demo_audit):
    ctx = build_nc_form_context(session, demo_audit.nc_numbers[0], "zh")
    assert ctx.grade == "major" and ctx.clause == "7.1.5" and ctx.evidence
    doc = nc_form_document(ctx)
    boxes = [x.label for x in doc.blocks if isinstance(x, b.Box)]
    assert boxes == ["纠正", "原因分析", "纠正措施", "举一反三（同类问题排查）", "有效性"]
    fields = dict(p for x in doc.blocks if isinstance(x, b.Fields) for p in x.pairs)
    assert fields["计划完成日期"] == "" and fields["回复期限"] == "2026-04-02"
    assert "REC-2000" in fields["客观证据"]


def test_nc_form_shows_an_answer_already_entered(session, demo_audit):
    from auditdesk.services.nonconformities import find_nc

    find_nc(session, demo_audit.nc_numbers[1]).root_cause = "供方评价准则未覆盖外包热处理过程。"
    doc = nc_form_document(build_nc_form_context(session, demo_audit.nc_numbers[1], "zh"))
    assert "原因分析" not in [x.label for x in doc.blocks if isinstance(x, b.Box)]
    assert any(
        isinstance(x, b.Fields) and ("原因分析", "供方评价准则未覆盖外包热处理过程。") in x.pairs
        for x in doc.blocks
    )


def test_case_draft_follows_the_ccaa_structure(session, demo_audit):
    doc = case_document(build_case_context(session, demo_audit.number, "zh"))
    assert [x.text for x in doc.blocks if isinstance(x, b.Heading)] == [
        "一、案例发生的背景",
        "二、案例发生的主要过程",
        "三、主要的审核发现与沟通过程",
        "四、受审核组织主要的改进方法及其成效",
    ]
    fields = dict(p for x in doc.blocks if isinstance(x, b.Fields) for p in x.pairs)
    assert fields["受审核组织"] == "苏州精达塑胶制品有限公司"
    assert "张伟（审核组长）" in fields["参与人员"]
    assert "总部及注塑车间" in fields["场所"]
    findings = next(x for x in doc.blocks if isinstance(x, b.Table) and x.header[0] != "时间")
    assert len(findings.rows) == 5


@needs_poppler
def test_plan_and_nc_form_pdfs_show_chinese(session, demo_audit, tmp_path):
    render_plan(build_plan_context(session, demo_audit.number, "zh"), "pdf", tmp_path / "plan.pdf")
    render_nc_form(
        build_nc_form_context(session, demo_audit.nc_numbers[0], "zh"), "pdf", tmp_path / "nc.pdf"
    )
    plan = pdf_text(tmp_path / "plan.pdf")
    for heading in ("审核计划", "审核日程安排", "首次会议", "末次会议", "审核时间核算"):
        assert heading in plan
    nc = pdf_text(tmp_path / "nc.pdf")
    for heading in (
        "不符合报告",
        "不符合事实（审核组填写）",
        "受审核方回复（受审核方填写）",
        "纠正措施",
    ):
        assert heading in nc


@needs_soffice
@pytest.mark.parametrize("which", ["plan", "nc_form", "case"])
def test_libreoffice_converts_each_word_document(session, demo_audit, tmp_path, which):
    out = tmp_path / f"{which}.docx"
    if which == "plan":
        render_plan(build_plan_context(session, demo_audit.number, "zh"), "docx", out)
        expected = "审核日程安排"
    elif which == "nc_form":
        render_nc_form(build_nc_form_context(session, demo_audit.nc_numbers[0], "zh"), "docx", out)
        expected = "受审核方回复（受审核方填写）"
    else:
        render_case(build_case_context(session, demo_audit.number, "zh"), "docx", out)
        expected = "一、案例发生的背景"
    assert expected in _all_text(out)
    soffice_convert(out, tmp_path)


@pytest.mark.parametrize(
    "kind, fmt", [("report", "pdf"), ("plan", "docx"), ("nc_form", "pdf"), ("case", "docx")]
)
def test_one_call_exports_any_document_to_a_stream(session, demo_audit, kind, fmt):
    import io

    from auditdesk.exports.api import export_document

    out = io.BytesIO()
    export_document(
        session,
        kind,
        demo_audit.nc_numbers[0] if kind == "nc_form" else demo_audit.number,
        fmt,
        "zh",
        out,
    )
    assert out.getvalue().startswith(b"%PDF-" if fmt == "pdf" else b"PK")


def test_a_case_draft_has_no_pdf(session, demo_audit):
    import io

    from auditdesk.exports.api import export_document

    with pytest.raises(ValueError, match="format"):
        export_document(session, "case", demo_audit.number, "pdf", "zh", io.BytesIO())
