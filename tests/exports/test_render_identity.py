"""How every document looks (#17 points 4 and 5, #15 point 1): the template's letterhead in the
PDF, a clear error for a broken template, the Chinese font inside the Word file (proved with
LibreOffice where no Chinese font is registered), the draft watermark, the chain head printed on
an issued report and shown by ``auditdesk verify``."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn

from auditdesk.exports import docx_render
from auditdesk.exports.docx_render import TemplateError, obfuscate_font
from auditdesk.exports.render import chain_head_label, render_document
from auditdesk.exports.report_context import build_report_context
from auditdesk.exports.report_document import report_document
from auditdesk.model import CBSetting
from tests.exports.conftest import SOFFICE, needs_poppler, needs_soffice, pdf_text

CB_ADDRESS = "苏州市工业园区星湖街 328 号 邮编 215123"
CB_MARK = "CNAS C123-M"


@pytest.fixture
def cb_session(session, demo_audit):
    from sqlalchemy import select

    rows = {r.key: r for r in session.scalars(select(CBSetting))}
    for key, value in (
        ("cb_address", CB_ADDRESS),
        ("cb_phone", "0512-6288 0000"),
        ("cb_accreditation", CB_MARK),
    ):
        if key in rows:
            rows[key].value = value
        else:
            session.add(CBSetting(key=key, value=value))
    session.flush()
    return session


def _doc(session, number, lang="zh"):
    return report_document(build_report_context(session, number, lang))


def _render(doc, fmt, path, **kw):
    render_document(doc, fmt, path, **kw)
    return path


def _pages(path: Path) -> list[str]:
    return pdf_text(path).split("\f")[:-1]


# --- point 1: the template's letterhead in the PDF ------------------------------------------


@needs_poppler
def test_every_pdf_page_carries_the_templates_letterhead(cb_session, demo_audit, tmp_path):
    out = _render(_doc(cb_session, demo_audit.number), "pdf", tmp_path / "r.pdf")
    pages = _pages(out)
    assert len(pages) > 3
    for i, page in enumerate(pages, start=1):
        head = page.strip().splitlines()[:3]
        assert any("华信质量认证有限公司" in x for x in head), (i, head)
        assert any(CB_ADDRESS in x and CB_MARK in x for x in head), (i, head)
        assert f"第 {i} 页 共 {len(pages)} 页" in page.strip().splitlines()[-1]
    listing = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    logos = [
        c for c in (x.split() for x in listing) if (c[3], c[4], c[2]) == ("240", "240", "image")
    ]
    assert [int(c[0]) for c in logos] == list(range(1, len(pages) + 1))  # the logo on each page


@needs_poppler
def test_a_cbs_own_template_is_its_letterhead_in_the_pdf(
    cb_session, demo_audit, tmp_path, monkeypatch
):
    folder = tmp_path / "templates"
    folder.mkdir()
    word = read_docx(str(docx_render.resource("templates") / "report.docx"))
    header = word.sections[0].header
    header.paragraphs[1].runs[0].text = "认证证书号 QA-0001\t{cb_accreditation} · IAF MLA"
    header.add_paragraph("本报告仅对本次审核有效")
    word.sections[0].footer.paragraphs[0].runs[0].text = "{cb_name_en}\t"
    word.save(str(folder / "report.docx"))
    monkeypatch.setenv("AUDITDESK_TEMPLATES", str(folder))
    out = _render(_doc(cb_session, demo_audit.number), "pdf", tmp_path / "r.pdf")
    page = _pages(out)[1]
    assert "认证证书号 QA-0001" in page and f"{CB_MARK} · IAF MLA" in page
    assert "本报告仅对本次审核有效" in page
    assert "Huaxin Quality Certification Co., Ltd." in page.strip().splitlines()[-1]
    assert CB_ADDRESS not in page  # the shipped template's line was replaced


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04 not a zip", b"<html>not Word</html>"])
def test_a_broken_template_is_one_clear_message_naming_the_file(
    session, demo_audit, tmp_path, monkeypatch, fmt, damage
):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "report.docx").write_bytes(damage)
    monkeypatch.setenv("AUDITDESK_TEMPLATES", str(folder))
    for lang, words in (("zh", "已损坏"), ("en", "is damaged")):
        buf = io.BytesIO()
        with pytest.raises(TemplateError) as exc:
            _render(_doc(session, demo_audit.number, lang), fmt, buf)
        message = str(exc.value)
        assert str(folder / "report.docx") in message and words in message
        assert "\n" not in message and exc.value.code == "template_broken"
        assert buf.getvalue() == b""  # nothing partial


def test_the_cli_says_which_template_is_broken_and_writes_nothing(
    database, db_url, tmp_path, monkeypatch, capsys
):
    from auditdesk.cli import main
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=4, photos=1)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "report.docx").write_text("broken", encoding="utf-8")
    monkeypatch.setenv("AUDITDESK_TEMPLATES", str(folder))
    out = tmp_path / "r.pdf"
    code = main(["export", "report", "--db", db_url, "--audit", demo.number, "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert code == 1 and not out.exists() and not list(tmp_path.glob(".r.pdf.*"))
    assert len(err.splitlines()) == 1 and str(folder / "report.docx") in err, err


# --- point 3: the font inside the Word file, the watermark -----------------------------------


def _embedded_font(path: Path) -> tuple[str, bytes]:
    """(family, de-obfuscated TrueType bytes) of the Word file's embedded font."""
    with zipfile.ZipFile(path) as z:
        table = z.read("word/fontTable.xml").decode()
        rels = z.read("word/_rels/fontTable.xml.rels").decode()
        font = re.search(
            r'w:name="([^"]+)"[^>]*>(?:(?!</w:font>).)*<w:embedRegular r:id="(\w+)" '
            r'w:fontKey="(\{[0-9A-F-]+\})"',
            table,
            re.S,
        )
        assert font, table
        family, rid, key = font.groups()
        target = re.search(
            rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels
        )
        name = "word/" + (target.group(1) or target.group(2))
        return family, obfuscate_font(z.read(name), key)


def test_the_docx_embeds_a_font_subset_covering_every_character(session, demo_audit, tmp_path):
    from fontTools.ttLib import TTFont

    out = _render(_doc(session, demo_audit.number), "docx", tmp_path / "r.docx")
    family, data = _embedded_font(out)
    assert family == "WenQuanYi Micro Hei"
    font = TTFont(io.BytesIO(data))  # de-obfuscated it is a valid TrueType font again
    cmap = font.getBestCmap()
    word = read_docx(str(out))
    used = {c for t in word.element.body.iter(qn("w:t")) for c in (t.text or "")}
    missing = {c for c in used if ord(c) not in cmap and not c.isspace()}
    assert not missing
    assert len(data) < 1_500_000  # a subset, not the 5 MB face
    settings = zipfile.ZipFile(out).read("word/settings.xml").decode()
    assert "<w:embedTrueTypeFonts/>" in settings and "<w:saveSubsetFonts/>" in settings
    normal = word.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == family


def _no_cjk_fontconfig(tmp: Path) -> dict[str, str]:
    """A fontconfig that knows only DejaVu: neither resources/fonts nor any Chinese font."""
    import os

    dejavu = [d for d in ("/usr/share/fonts/truetype/dejavu",) if Path(d).is_dir()]
    if not dejavu:
        pytest.skip("DejaVu fonts are not installed")
    conf = tmp / "fonts.conf"
    conf.write_text(
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        + "".join(f"<dir>{d}</dir>" for d in dejavu)
        + f"<cachedir>{tmp / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, env=env)
    assert listed.stdout.strip() == "", listed.stdout  # really no Chinese font registered
    return env


def _convert_without_cjk(source: Path, outdir: Path) -> Path:
    profile = Path(f"/tmp/lo-{uuid.uuid4().hex}")
    try:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(source),
            ],
            capture_output=True,
            timeout=180,
            env=_no_cjk_fontconfig(outdir),
            check=True,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return outdir / (source.stem + ".pdf")


def _pdffonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_word_file_reads_in_chinese_where_no_chinese_font_is_installed(
    session, demo_audit, tmp_path
):
    doc = _doc(session, demo_audit.number)
    with_font = tmp_path / "with"
    without = tmp_path / "without"
    with_font.mkdir()
    without.mkdir()
    render_document(doc, "docx", with_font / "r.docx")
    docx_render.render_docx(doc, without / "r.docx", embed_font=False)
    good = _convert_without_cjk(with_font / "r.docx", with_font)
    bad = _convert_without_cjk(without / "r.docx", without)
    # Without the embedded font LibreOffice has no Chinese glyphs at all (the boxes a reader
    # sees); with it, every Chinese line is set in the embedded face.
    assert "WenQuanYi" not in _pdffonts(bad)
    assert "WenQuanYiMicroHei" in _pdffonts(good)
    text = pdf_text(good)
    for words in ("管理体系审核报告", "苏州精达塑胶制品有限公司", "不符合"):
        assert words in text
    png = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(good), str(png)], check=True
    )


def _watermarked(path: Path) -> bool:
    with zipfile.ZipFile(path) as z:
        return any(
            b"PowerPlusWaterMarkObject" in z.read(n)
            for n in z.namelist()
            if n.startswith("word/header")
        )


@needs_poppler
@pytest.mark.parametrize("lang,mark", [("zh", "草稿"), ("en", "DRAFT")])
def test_a_draft_carries_a_watermark_on_every_page(session, demo_audit, tmp_path, lang, mark):
    doc = _doc(session, demo_audit.number, lang)
    assert doc.is_draft
    pdf = _render(doc, "pdf", tmp_path / "r.pdf")
    pages = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")[:-1]
    # The mark is drawn diagonally, so pdftotext gives its characters on lines of their own.
    assert pages and all(mark in "".join(p.split()) for p in pages)
    assert _watermarked(_render(doc, "docx", tmp_path / "r.docx"))


# --- #15 point 1: the chain head on the issued report ----------------------------------------


@pytest.fixture
def issued(database, db_url, tmp_path):
    from auditdesk.exports import api
    from auditdesk.model import Role
    from auditdesk.services.users import create_user
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=5, photos=1)
        create_user(s, "lead", "lead-password-1", Role.LEAD, display_name="李主任")
    with database.session(user="lead") as s:
        rev = api.issue_report(s, demo.number, override_reason="测试出具", langs=("zh", "en"))
        chain = chain_head_label(s, rev.chain_head)
        files = {}
        for lang in ("zh", "en"):
            for fmt in ("pdf", "docx"):
                out = tmp_path / f"issued-{lang}.{fmt}"
                with out.open("wb") as fh:
                    api.export_report(s, demo.number, fmt, lang, fh)
                files[lang, fmt] = out
    return demo, rev, chain, files


@needs_poppler
def test_an_issued_report_prints_the_chain_head_and_no_watermark(issued):
    from auditdesk.storage.changelog import GENESIS_HASH

    demo, rev, chain, files = issued
    seq, short = chain.split(" ")
    assert int(seq.lstrip("#")) > 0 and rev.chain_head.startswith(short) and len(short) == 16
    assert rev.chain_head != GENESIS_HASH
    zh = pdf_text(files["zh", "pdf"])
    en = pdf_text(files["en", "pdf"])
    assert f"变更记录链头：{chain}" in zh and f"Change-log chain head: {chain}" in en
    assert "DRAFT" not in en
    word = read_docx(str(files["zh", "docx"]))
    assert f"变更记录链头：{chain}" in [p.text for p in word.paragraphs]
    assert not _watermarked(files["zh", "docx"])


def test_verify_shows_the_chain_head_the_report_printed(issued, db_url, capsys):
    from auditdesk.cli import main

    demo, rev, chain, files = issued
    assert main(["verify", str(files["zh", "pdf"]), "--db", db_url, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["chain_head"]["short"] == chain and data["chain_head"]["hash"] == rev.chain_head
    assert main(["verify", str(files["en", "pdf"]), "--db", db_url]) == 0
    assert f"change-log chain head at issue: {chain}" in capsys.readouterr().out


def test_a_chain_head_no_longer_in_the_log_is_named(session):
    assert chain_head_label(session, "f" * 64) == "#? " + "f" * 16
    assert chain_head_label(session, "") == ""


def test_a_missing_template_names_the_file_it_looked_for():
    with pytest.raises(TemplateError) as exc:
        docx_render.find_template("no_such_kind", "en")
    assert exc.value.reason == "missing" and "no_such_kind.docx" in str(exc.value)
    assert "找不到 Word 模板" in exc.value.message("zh") and "not found" in str(exc.value)
