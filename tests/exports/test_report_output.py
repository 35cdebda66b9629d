"""What the fast report paths must keep: upright photos at print resolution, every evidence row,
contents that point at the right pages, and Word tables as python-docx would write them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document as new_docx
from docx import Document as read_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from lxml import etree
from PIL import Image

from auditdesk.exports import docx_render, pdf_render
from auditdesk.exports.pdf_base import CONTENT_W, WrapOnceParagraph, styles
from auditdesk.exports.photos import MAX_PIXELS, PRINT_DPI, prepare_photo
from auditdesk.exports.report_context import build_report_context
from auditdesk.exports.report_document import render_report
from tests.exports.conftest import needs_poppler, pdf_text

ORIENTATION = 0x0112
ROTATE_90_CW = 6  # EXIF: the stored image must be turned 90° clockwise to be upright


def _sideways_jpeg(path, upright_size=(1200, 1600)):
    """A portrait photo as a phone stores it: pixels landscape, EXIF orientation 6. Upright, its
    top quarter is red and the rest blue."""
    w, h = upright_size
    upright = Image.new("RGB", upright_size, (0, 0, 255))
    upright.paste((255, 0, 0), (0, 0, w, h // 4))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # 90° counter-clockwise
    exif = Image.Exif()
    exif[ORIENTATION] = ROTATE_90_CW
    stored.save(path, "JPEG", quality=90, exif=exif)
    return path


def test_an_exif_rotated_photo_comes_out_upright_at_the_target_size(tmp_path):
    path = _sideways_jpeg(tmp_path / "sideways.jpg")
    with Image.open(path) as stored:
        assert stored.size == (1600, 1200)
    prepared = prepare_photo(path)
    assert prepared is not None
    assert (prepared.width, prepared.height) == (MAX_PIXELS * 3 // 4, MAX_PIXELS)
    with Image.open(io.BytesIO(prepared.data)) as img:
        assert img.format == "JPEG" and img.size == (prepared.width, prepared.height)
        assert ORIENTATION not in img.getexif()  # turned already; no metadata carried over
        top, bottom = (
            img.getpixel((img.width // 2, 10)),
            img.getpixel((img.width // 2, img.height - 10)),
        )
    assert top[0] > 200 and top[2] < 60, top  # red at the top: upright
    assert bottom[2] > 200 and bottom[0] < 60, bottom


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((4000, 3000), (800, 600)),
        ((1600, 1200), (800, 600)),
        ((3024, 4032), (600, 800)),
        ((640, 480), (640, 480)),
    ],
)
def test_photos_are_downscaled_to_the_long_side_never_up(tmp_path, size, expected):
    path = tmp_path / "p.jpg"
    Image.new("RGB", size, (90, 140, 60)).save(path, "JPEG")
    prepared = prepare_photo(path)
    assert prepared is not None and (prepared.width, prepared.height) == expected


def test_a_file_that_is_not_an_image_gives_none(tmp_path):
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8 not really a jpeg")
    assert prepare_photo(path) is None


def test_the_photo_size_gives_print_resolution_where_the_reports_print_it():
    # Landscape photos are printed at the full photo width: the resolution there is the lowest.
    pdf_inches = pdf_render.PHOTO_W / 72
    docx_inches = docx_render.PHOTO_WIDTH / 914400
    assert MAX_PIXELS / pdf_inches >= PRINT_DPI
    assert MAX_PIXELS / docx_inches >= PRINT_DPI
    assert PRINT_DPI >= 200


@pytest.fixture
def demo_pdf(session, demo_audit, tmp_path):
    out = tmp_path / "report.pdf"
    render_report(
        build_report_context(session, demo_audit.number, "zh"), "pdf", out, invariant=True
    )
    return out


@needs_poppler
def test_pdf_photos_are_the_prepared_jpegs_at_print_resolution(demo_pdf, demo_audit):
    if shutil.which("pdfimages") is None:
        pytest.skip("pdfimages (poppler) is not installed")
    listing = subprocess.run(
        ["pdfimages", "-list", str(demo_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    # The letterhead's logo (240 x 240 PNG and its soft mask) is on every page; the rest are photos.
    images = [c for c in (line.split() for line in listing) if (c[3], c[4]) != ("240", "240")]
    assert len(images) == demo_audit.photo_count
    for cols in images:
        width, height, enc, x_ppi = int(cols[3]), int(cols[4]), cols[8], int(cols[12])
        assert enc == "jpeg"  # embedded as prepared (DCT), not decoded and re-compressed
        assert max(width, height) == MAX_PIXELS  # the demo photos are 1600 px
        assert x_ppi >= PRINT_DPI


@needs_poppler
def test_pdf_contents_numbers_are_the_pages_of_the_headings(demo_pdf):
    contents = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(demo_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = re.findall(r"^\s*(\S.*?)\s*(?:\.\s*){3,}(\d+)\s*$", contents, flags=re.M)
    assert len(lines) >= 12, contents
    pages = {
        n: subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(demo_pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in {int(p) for _t, p in lines}
    }
    for title, page in lines:
        assert title in pages[int(page)], (title, page)
        if int(page) > 3:
            before = subprocess.run(
                [
                    "pdftotext",
                    "-f",
                    str(int(page) - 1),
                    "-l",
                    str(int(page) - 1),
                    str(demo_pdf),
                    "-",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            assert title not in before.splitlines(), (title, page)


@needs_poppler
def test_pdf_lists_every_evidence_item(demo_pdf, demo_audit):
    text = pdf_text(demo_pdf)
    assert set(range(1, demo_audit.evidence_count + 1)) <= {
        int(n) for n in re.findall(r"\bE(\d+)\b", text)
    }
    assert "抽查计量器具台账" in text and "Reviewed supplier evaluation" in text


def test_docx_lists_every_evidence_item_in_its_table(session, demo_audit, tmp_path):
    out = tmp_path / "report.docx"
    render_report(build_report_context(session, demo_audit.number, "zh"), "docx", out)
    doc = read_docx(str(out))
    evidence = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号")
    assert [r.cells[0].text for r in evidence.rows[1:]] == [
        f"E{i}" for i in range(1, demo_audit.evidence_count + 1)
    ]
    assert all(r.cells[5].text for r in evidence.rows[1:])
    assert evidence.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in evidence.rows[1:])
    with zipfile.ZipFile(out) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len([n for n in media if n.endswith(".jpg")]) == demo_audit.photo_count
        assert len(media) == demo_audit.photo_count + 1  # + the letterhead's logo


def _reference_table(doc, header, rows, widths, highlight=frozenset(), label_col=False):
    """The Word table as the python-docx calls wrote it before the rows became XML text."""
    r = docx_render
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    col_w = [int(r._content_width(doc) * w / sum(widths)) for w in widths]
    if header:
        hrow = table.add_row()
        r._repeat_header(hrow)
        for i, value in enumerate(header):
            r._add_text(hrow.cells[i].paragraphs[0], value, bold=True, size=9)
            r._shade(hrow.cells[i], r.HEADER_FILL)
    for n, values in enumerate(rows):
        row = table.add_row()
        r._cant_split(row)
        for i, value in enumerate(values):
            r._add_text(row.cells[i].paragraphs[0], value, bold=label_col and i == 0, size=9)
            if label_col and i == 0:
                r._shade(row.cells[i], r.HEADER_FILL)
            elif n in highlight:
                r._shade(row.cells[i], r.HIGHLIGHT_FILL)
    r.set_widths(table, col_w)
    return table


@pytest.mark.parametrize("label_col", [False, True])
def test_word_table_xml_is_what_python_docx_writes(label_col):
    header = None if label_col else ("序号", "说明 & <备注>", "")
    rows = [
        ("E1", "第一行\n第二行", " 前导空格"),
        ("E2", "tab\there", "cr\rinside"),
        ("", "", "尾随空格 "),
        ("E3", "a\n\nb", "多行\n文本\n结束"),
    ]
    widths = (0.7, 3, 2)
    ours, reference = new_docx(), new_docx()
    docx_render._table(ours, header, rows, widths, frozenset({1}), label_col=label_col)
    _reference_table(reference, header, rows, widths, frozenset({1}), label_col=label_col)
    ours_tbl, ref_tbl = ours.tables[0]._tbl, reference.tables[0]._tbl
    assert etree.tostring(ours_tbl) == etree.tostring(ref_tbl)


def test_word_table_drops_characters_xml_cannot_hold():
    doc = new_docx()
    docx_render._table(doc, ("a",), [("响铃\x07字符\x00",)], (1,))
    assert doc.tables[0].rows[1].cells[0].text == "响铃字符"


def test_a_paragraph_keeps_its_lines_per_width_and_rewraps_for_another():
    text = "注塑车间首件检验记录齐全，巡检频次符合作业指导书要求。" * 6
    p = WrapOnceParagraph(text, styles()["cell"])
    narrow = p.wrap(120, 1000)
    wide = p.wrap(CONTENT_W, 1000)
    assert narrow[1] > wide[1]
    assert p.wrap(120, 1000) == narrow == WrapOnceParagraph(text, styles()["cell"]).wrap(120, 1000)
    # A split that finds no room drops the lines; the next wrap breaks them again.
    assert p.split(120, 5) == []
    assert (
        p.wrap(120, 1000) == narrow and len(p.blPara.lines) == narrow[1] / styles()["cell"].leading
    )
