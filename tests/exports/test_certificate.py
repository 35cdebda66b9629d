"""The certificate document (ISO/IEC 17021-1 8.2.2) in Word and PDF, from the CLI; PDF/A-2b
output checked with pikepdf; the English report of the demo's flagship audit has no Chinese left
where a translation exists."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from docx import Document as read_docx
from sqlalchemy import select

from auditdesk.cli import main
from auditdesk.exports.certificate_context import build_certificate_context
from auditdesk.exports.certificate_document import render_certificate
from auditdesk.model import Site
from tests.exports.conftest import needs_poppler, needs_soffice, pdf_text, soffice_convert
from tests.exports.pdfa_helpers import pdfa_problems as _pdfa_problems

NUMBER = "CN-QMS-2025-0088"


@pytest.fixture
def cert(session, demo_audit):
    site = session.scalar(select(Site).where(Site.name == "装配分厂"))
    site.activities = "汽车内饰件的装配"
    session.flush()
    return session


def test_the_context_holds_what_8_2_2_asks(cert):
    ctx = build_certificate_context(cert, NUMBER, "zh")
    assert ctx.client_zh == "苏州精达塑胶制品有限公司" and ctx.number == NUMBER
    assert ctx.standard_code == "ISO 9001:2015" and ctx.edition
    assert [s.name for s in ctx.sites] == ["总部及注塑车间", "装配分厂"]  # central site first
    assert ctx.sites[1].scope == "汽车内饰件的装配" and ctx.sites[0].central
    assert ctx.issue_date == dt.date(2025, 3, 15) and ctx.expiry_date > ctx.issue_date
    assert ctx.initial_date <= ctx.issue_date and ctx.cycle_start == ctx.issue_date
    assert ctx.revision == 0 and ctx.cb.name_zh == "华信质量认证有限公司"


@needs_poppler
def test_the_pdf_certificate_in_chinese(cert, tmp_path):
    out = tmp_path / "c.pdf"
    render_certificate(build_certificate_context(cert, NUMBER, "zh"), "pdf", out)
    text = pdf_text(out)
    flat = " ".join(text.split())
    for words in (
        "管理体系认证证书",
        NUMBER,
        "苏州精达塑胶制品有限公司",
        "ISO 9001:2015 / GB/T 19001-2016",
        "注塑件（汽车内饰件、家电外壳）的生产",
        "初次认证日期 2025-03-15",
        "本次发证日期 2025-03-15",
        "证书有效期至 2028-03-14",
        "当前认证周期 2025-03-15 – 2028-03-14",
        "第 0 版（初次发证）",
        "总部及注塑车间（中心职能场所）",
        "汽车内饰件的装配",
        "同认证范围",
        "认可标志 CNAS",
        "CNAS C999-M",  # the CB's accreditation, in the letterhead and the fields
        "认证机构（盖章）",
    ):
        assert words in flat, words
    assert "草稿" not in flat  # a certificate is no draft


@needs_poppler
def test_the_english_and_bilingual_certificates(cert, tmp_path):
    for lang, words in (
        (
            "en",
            (
                "Management System Certificate",
                "Suzhou Jingda Plastic Products Co., Ltd.",
                "Production of injection-moulded parts",
                "Valid until 2028-03-14",
                "0 (first issue)",
                "central function",
            ),
        ),
        (
            "bilingual",
            (
                "管理体系认证证书 / Management System Certificate",
                "证书编号 / Certificate",
                "苏州精达塑胶制品有限公司",
                "Suzhou Jingda Plastic Products",
            ),
        ),
    ):
        out = tmp_path / f"c-{lang}.pdf"
        render_certificate(build_certificate_context(cert, NUMBER, lang), "pdf", out)
        flat = " ".join(pdf_text(out).split())
        for w in words:
            assert w in flat, (lang, w)
    en = " ".join(pdf_text(tmp_path / "c-en.pdf").split())
    labels = re.findall(r"[\u4e00-\u9fff]+", en.split("Management System Certificate", 1)[1])
    # Only data without an English form stays Chinese: site names, addresses, the CB's note.
    assert "证书" not in "".join(labels) and "认证" not in "".join(labels), labels


@needs_soffice
def test_the_word_certificate_reads_back(cert, tmp_path):
    out = tmp_path / "c.docx"
    render_certificate(build_certificate_context(cert, NUMBER, "zh"), "docx", out)
    doc = read_docx(str(out))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert NUMBER in cells and "汽车内饰件的装配" in cells and "2028-03-14" in cells
    assert "管理体系认证证书 · " + NUMBER in doc.sections[0].header.paragraphs[0].text
    pdf = soffice_convert(out, tmp_path)
    assert "苏州精达塑胶制品有限公司" in pdf_text(pdf)


def test_export_certificate_from_the_cli(database, db_url, tmp_path, capsys):
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        build_demo_audit(s, tmp_path / "photos", evidence_count=3, photos=0)
    for fmt in ("pdf", "docx"):
        out = tmp_path / f"cert.{fmt}"
        args = ["export", "certificate", NUMBER, "--db", db_url, "--format", fmt]
        assert main([*args, "--out", str(out), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["file"] == str(out)
        assert out.stat().st_size > 5000
    code = main(["export", "certificate", "NO-SUCH", "--db", db_url, "--out", str(out)])
    assert code != 0 and "NO-SUCH" in capsys.readouterr().err
    code = main(
        [
            "export",
            "certificate",
            NUMBER,
            "--db",
            db_url,
            "--pdfa",
            "--out",
            str(tmp_path / "x.docx"),
        ]
    )
    assert code == 2 and not (tmp_path / "x.docx").exists()


# --- PDF/A-2b -------------------------------------------------------------------------------


def test_the_pdfa_certificate_passes_the_structure_checks(cert, tmp_path):
    plain, archive = tmp_path / "plain.pdf", tmp_path / "archive.pdf"
    ctx = build_certificate_context(cert, NUMBER, "zh")
    render_certificate(ctx, "pdf", plain)
    render_certificate(ctx, "pdf", archive, pdfa=True)
    assert _pdfa_problems(archive) == []
    assert any("PDF/A-2b" in p for p in _pdfa_problems(plain))  # the checks can fail


@pytest.mark.slow
def test_a_draft_report_as_pdfa_from_the_cli(database, db_url, tmp_path, capsys):
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=30, photos=2)
    out = tmp_path / "r.pdf"
    args = ["export", "report", "--db", db_url, "--audit", demo.number, "--pdfa"]
    assert main([*args, "--out", str(out)]) == 0
    assert _pdfa_problems(out) == []  # a long report: contents links, photos, watermark
    assert main([*args, "--out", str(tmp_path / "r.docx")]) == 2


# --- the English report -------------------------------------------------------------------------


@pytest.mark.slow
@needs_poppler
def _database_text(session) -> str:
    """Every text value stored in the database (JSON values decoded): the data a report may
    print as it is when it has no English form."""
    from sqlalchemy import MetaData, text

    meta = MetaData()
    meta.reflect(bind=session.connection())
    parts: list[str] = []
    for table in meta.sorted_tables:
        for row in session.execute(text(f'SELECT * FROM "{table.name}"')):
            for value in row:
                if isinstance(value, str):
                    try:
                        value = json.loads(value)
                    except ValueError:
                        pass
                    parts.append(json.dumps(value, ensure_ascii=False))
                elif isinstance(value, dict | list):
                    parts.append(json.dumps(value, ensure_ascii=False))
    return "\n".join(parts)


@pytest.mark.slow
@needs_poppler
def test_the_english_flagship_report_has_no_chinese_where_a_translation_exists(database, tmp_path):
    """The demo's flagship audit in English: every Chinese run left is data the database holds
    with no English form (evidence texts, site names, addresses), never a label or a code's word
    (those are not in the database), and no name that has its English form."""
    from auditdesk.exports import api
    from auditdesk.model import Audit, Auditor
    from auditdesk.services.demo import build_demo

    with database.session() as s:
        number = build_demo(s, today=dt.date(2026, 12, 3)).flagship_audit
    with database.session() as s:
        audit = s.scalar(select(Audit).where(Audit.number == number))
        out = tmp_path / "en.pdf"
        api.export_document(s, "report", audit.number, "pdf", "en", out)
        data = _database_text(s)
        names = {a.name_zh: a.name_en for a in s.scalars(select(Auditor)) if a.name_en}
        org = audit.certificates[0].organisation
        client_zh = org.name_zh
        names[client_zh] = org.name_en
    text = pdf_text(out)
    runs = set(re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", text))
    not_data = sorted(r for r in runs if r not in data)
    assert not not_data, not_data
    flat = "".join(text.split())
    leaks = [zh for zh in names if zh in flat]
    assert not leaks, leaks
