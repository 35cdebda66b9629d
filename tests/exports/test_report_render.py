"""The rendered report, checked by real readers: pdftotext, pdffonts, python-docx, LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn

from auditdesk.exports.report_context import build_report_context
from auditdesk.exports.report_document import render_report
from tests.exports.conftest import needs_poppler, needs_soffice, pdf_text, soffice_convert

ZH_HEADINGS = [
    "管理体系审核报告",
    "目录",
    "审核概况",
    "审核发现（按条款）",
    "不符合项",
    "以往不符合项纠正措施的验证",
    "审核证据清单",
    "抽样说明",
    "审核结论",
    "监督审核必查项目",
    "审核组推荐意见",
    "现场照片",
    "签字",
]
EN_HEADINGS = [
    "Management System Audit Report",
    "Contents",
    "Findings by clause",
    "Nonconformities",
    "Sampling disclaimer",
    "Recommendation of the audit team",
    "Photographs",
    "Signatures",
]


@pytest.fixture
def report_pdf(session, demo_audit, tmp_path):
    def make(lang: str):
        out = tmp_path / f"report-{lang}.pdf"
        render_report(
            build_report_context(session, demo_audit.number, lang), "pdf", out, invariant=True
        )
        return out

    return make


@needs_poppler
def test_pdf_shows_the_chinese_headings_and_page_numbers(report_pdf):
    text = pdf_text(report_pdf("zh"))
    for heading in ZH_HEADINGS:
        assert heading in text, heading
    pages = int(
        subprocess.run(
            ["pdfinfo", str(report_pdf("zh"))], capture_output=True, text=True, check=True
        )
        .stdout.split("Pages:")[1]
        .split()[0]
    )
    assert pages >= 5
    assert f"第 1 页 共 {pages} 页" in text and f"第 {pages} 页 共 {pages} 页" in text
    assert "苏州精达塑胶制品有限公司" in text and "NC-2026-0031-01" in text and "E42" in text


@needs_poppler
def test_english_and_bilingual_pdfs(report_pdf):
    en = pdf_text(report_pdf("en"))
    for heading in EN_HEADINGS:
        assert heading in en, heading
    assert "page 1 of" in en
    both = pdf_text(report_pdf("bilingual"))
    assert "审核发现（按条款） / Findings by clause" in both
    assert "抽样说明 / Sampling disclaimer" in both


@needs_poppler
def test_pdf_embeds_a_subset_of_the_cjk_font(report_pdf):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler) is not installed")
    fonts = subprocess.run(
        ["pdffonts", str(report_pdf("zh"))], capture_output=True, text=True, check=True
    ).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("WenQuanYi" in line for line in rows), fonts
    assert all(" yes yes " in line for line in rows), fonts  # every font embedded, as a subset
    assert report_pdf("zh").stat().st_size < 3_000_000  # the 5 MB font is not embedded whole


def test_invariant_pdf_is_byte_stable(session, demo_audit):
    ctx = build_report_context(session, demo_audit.number, "zh")
    first, second = io.BytesIO(), io.BytesIO()
    render_report(ctx, "pdf", first, invariant=True)
    render_report(ctx, "pdf", second, invariant=True)
    assert first.getvalue() == second.getvalue()
    assert first.getvalue().startswith(b"%PDF-") and first.getvalue().count(b"%%EOF") == 1


def test_docx_reads_back_in_chinese_with_east_asian_fonts(session, demo_audit, tmp_path):
    out = tmp_path / "report.docx"
    render_report(build_report_context(session, demo_audit.number, "zh"), "docx", out)
    doc = read_docx(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    for heading in ZH_HEADINGS[:1] + ZH_HEADINGS[2:]:
        assert heading in paragraphs, heading
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["出具前检查（草稿：出具前须处理）", "审核概况"]  # a draft
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "苏州精达塑胶制品有限公司" in cells and "NC-2026-0031-01" in cells
    # Letterhead filled in; East-Asian fonts declared on the styles Word and LibreOffice use for Chinese.
    assert (
        doc.sections[0].header.paragraphs[0].text.strip()
        == "华信质量认证有限公司\t管理体系审核报告 · 2026-0031"
    )
    # The shipped default East-Asian fonts (SimSun / SimHei) become the embedded subset's family.
    for name in ("Normal", "Heading 1", "Title"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "WenQuanYi Micro Hei", name
    assert len(doc.inline_shapes) == 6
    # Table headers repeat on each page.
    first_rows = [t.rows[0]._tr for t in doc.tables if len(t.rows) > 20]
    assert first_rows and all(r.trPr.find(qn("w:tblHeader")) is not None for r in first_rows)


def test_docx_photos_are_downscaled(session, demo_audit, tmp_path):
    out = tmp_path / "report.docx"
    render_report(build_report_context(session, demo_audit.number, "zh"), "docx", out)
    from PIL import Image

    with zipfile.ZipFile(out) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".jpg")]
        assert len(media) == 6  # the photos; the letterhead's logo is a PNG
        for name in media:
            with Image.open(io.BytesIO(z.read(name))) as img:
                assert max(img.size) <= 1000  # originals are 1600 px


@needs_soffice
@pytest.mark.parametrize("lang", ["zh", "en", "bilingual"])
def test_libreoffice_converts_the_docx_report(session, demo_audit, tmp_path, lang):
    out = tmp_path / f"report-{lang}.docx"
    render_report(build_report_context(session, demo_audit.number, lang), "docx", out)
    pdf = soffice_convert(out, tmp_path)
    if shutil.which("pdftotext"):
        text = pdf_text(pdf)
        assert ("审核发现" in text) if lang != "en" else ("Findings by clause" in text)


def test_a_cell_longer_than_a_page_splits_instead_of_failing(session, demo_audit):
    from auditdesk.model import EvidenceItem

    item = session.query(EvidenceItem).filter_by(audit_id=demo_audit.audit_id, seq=1).one()
    item.description = (
        "现场抽查记录：" + "注塑车间首件检验记录齐全，巡检频次符合作业指导书要求。" * 200
    )
    session.flush()
    out = io.BytesIO()
    render_report(build_report_context(session, demo_audit.number, "zh"), "pdf", out)
    assert out.getvalue().startswith(b"%PDF-")
