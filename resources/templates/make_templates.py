"""Build AuditDesk's default Word templates (report.docx, plan.docx, nc_form.docx, case.docx).

    /tmp/venv/bin/python resources/templates/make_templates.py

The generated files are committed; a CB replaces them with its own (see README.md here).
Each template carries:
- the letterhead: a header with a (placeholder) logo and ``{cb_name}`` on the left and
  ``{doc_title}`` on the right, ``{cb_address}  {cb_phone}`` and ``{cb_accreditation}`` under
  it with a rule, and a footer "{cb_name}  PAGE / NUMPAGES" (Word fields); the PDF draws the
  same header and footer from the template;
- the styles the renderer uses: Title, Subtitle, Heading 1-3, Normal, Caption, Table Grid,
  "AuditDesk Field Label", "AuditDesk Small";
- East-Asian fonts (w:eastAsia) on the document defaults and every style, so Chinese shows in
  Word (SimSun / SimHei) and LibreOffice (which substitutes its own CJK font by fontconfig),
  and zh-CN as the East-Asian language.
Only the header, footer, styles and page setup are used: the body is replaced on rendering.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

HERE = Path(__file__).resolve().parent
LATIN_FONT = "Calibri"
CJK_BODY = "SimSun"  # 宋体
CJK_HEADING = "SimHei"  # 黑体
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
KINDS = {
    "report": WD_ORIENT.PORTRAIT,
    "plan": WD_ORIENT.PORTRAIT,
    "nc_form": WD_ORIENT.PORTRAIT,
    "case": WD_ORIENT.PORTRAIT,
    "certificate": WD_ORIENT.PORTRAIT,
}


def set_fonts(rpr_parent: object, latin: str, east_asian: str) -> None:
    """Set ascii/hAnsi/eastAsia fonts on a style's or the defaults' run properties."""
    rpr = rpr_parent.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def set_lang(doc: Document) -> None:
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), CJK_BODY)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(theme_attr)) is not None:
            del fonts.attrib[qn(theme_attr)]


def style_doc(doc: Document) -> None:
    set_lang(doc)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    set_fonts(normal.element, LATIN_FONT, CJK_BODY)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, cjk in (
        ("Title", 20, CJK_HEADING),
        ("Subtitle", 12, CJK_BODY),
        ("Heading 1", 14, CJK_HEADING),
        ("Heading 2", 12, CJK_HEADING),
        ("Heading 3", 11, CJK_HEADING),
        ("Caption", 9, CJK_BODY),
    ):
        st = styles[name]
        st.font.size = Pt(size)
        st.font.color.rgb = ACCENT if name != "Caption" else RGBColor(0x40, 0x40, 0x40)
        st.font.bold = name.startswith("Heading") or name == "Title"
        st.font.italic = False
        set_fonts(st.element, LATIN_FONT, cjk)
        if name.startswith("Heading"):
            st.paragraph_format.space_before = Pt(10)
            st.paragraph_format.space_after = Pt(4)
            st.paragraph_format.keep_with_next = True
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label = styles.add_style("AuditDesk Field Label", WD_STYLE_TYPE.CHARACTER)
    label.font.bold = True
    label.font.color.rgb = RGBColor(0x0B, 0x2A, 0x45)
    small = styles.add_style("AuditDesk Small", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(8)
    small.font.color.rgb = RGBColor(0x60, 0x60, 0x60)
    set_fonts(styles["Table Grid"].element, LATIN_FONT, CJK_BODY)


def _field(paragraph: object, instr: str) -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, extra in (("begin", None), ("instr", instr), ("separate", None), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {extra} "
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
        if kind == "separate":
            t = OxmlElement("w:t")
            t.text = "1"
            run._r.append(t)


def _bottom_border(paragraph: object) -> None:
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "8"), ("w:space", "1"), ("w:color", "1F4E79")):
        bottom.set(qn(k), v)
    borders.append(bottom)
    ppr.append(borders)


def letterhead(doc: Document, orientation: WD_ORIENT) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if orientation == WD_ORIENT.LANDSCAPE:
        section.orientation = orientation
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    width = section.page_width - section.left_margin - section.right_margin
    header = section.header.paragraphs[0]
    _right_tab_only(header, width)
    # Line 1: the CB's logo and name on the left, the document on the right.
    header.add_run().add_picture(io.BytesIO(logo_png()), height=Cm(1.0))
    run = header.add_run("  {cb_name}")
    run.font.size = Pt(11)
    run.font.bold = True
    run.font.color.rgb = ACCENT
    run = header.add_run("\t{doc_title}")
    run.font.size = Pt(9)
    run.font.color.rgb = ACCENT
    # Line 2: address and telephone; the accreditation / certification marks on the right.
    second = section.header.add_paragraph()
    _right_tab_only(second, width)
    run = second.add_run("{cb_address}  {cb_phone}\t{cb_accreditation}")
    run.font.size = Pt(7.5)
    run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    _bottom_border(second)
    footer = section.footer.paragraphs[0]
    _right_tab_only(footer, width)
    run = footer.add_run("{cb_name}\t")
    run.font.size = Pt(7.5)
    run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")
    for r in footer.runs[1:]:
        r.font.size = Pt(8)


def _right_tab_only(paragraph: object, width: int) -> None:
    """The built-in Header/Footer styles have centre/right tabs for US Letter: clear them and
    right-align at the A4 text width."""
    fmt = paragraph.paragraph_format  # type: ignore[attr-defined]
    for pos in (4680, 9360):
        fmt.tab_stops.add_tab_stop(Twips(pos), WD_TAB_ALIGNMENT.CLEAR)
    fmt.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def logo_png(size: int = 240) -> bytes:
    """A neutral placeholder logo (a seal: ring, star and check mark) for the CB to replace."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    blue = (0x1F, 0x4E, 0x79, 255)
    d.ellipse([6, 6, size - 6, size - 6], outline=blue, width=size // 14)
    d.ellipse([size // 5, size // 5, size - size // 5, size - size // 5], fill=blue)
    s = size / 240
    d.line(
        [(80 * s, 122 * s), (108 * s, 150 * s), (162 * s, 92 * s)],
        fill=(255, 255, 255, 255),
        width=int(16 * s),
        joint="curve",
    )
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def make(kind: str, folder: Path = HERE) -> Path:
    doc = Document()
    style_doc(doc)
    letterhead(doc, KINDS[kind])
    # python-docx's default document has one empty paragraph; it is replaced on rendering.
    path = folder / f"{kind}.docx"
    doc.core_properties.title = kind
    doc.core_properties.author = "AuditDesk"
    doc.save(str(path))
    return path


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else HERE
    only = argv[2:]  # e.g. "certificate": make only these
    for kind in only or KINDS:
        print(make(kind, folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
