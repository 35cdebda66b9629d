"""Any :class:`~auditdesk.exports.blocks.Document` as a Word file, built on a template.

Templates are looked up, first match wins, as ``<kind>.<lang>.docx`` then ``<kind>.docx`` in:
the folder passed by the caller, ``$AUDITDESK_TEMPLATES``, ``<user data>/templates`` (where a
CB puts its own letterhead), and the shipped ``resources/templates``. The template gives the
letterhead (``{cb_name}`` and ``{doc_title}`` in the header are filled in), the page setup and
the styles; its body is replaced.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from docx import Document as open_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt

from auditdesk.exports import blocks as b
from auditdesk.exports.photos import prepare_photo
from auditdesk.paths import resource, user_data_dir

HEADER_FILL = "DCE6F1"
HIGHLIGHT_FILL = "FCE4D6"
PHOTO_WIDTH = Cm(7.8)


def template_dirs(extra: Path | None = None) -> list[Path]:
    dirs = [extra] if extra else []
    env = os.environ.get("AUDITDESK_TEMPLATES")
    if env:
        dirs.append(Path(env))
    dirs += [user_data_dir() / "templates", resource("templates")]
    return [d for d in dirs if d is not None]


def find_template(kind: str, lang: str, extra: Path | None = None) -> Path:
    for folder in template_dirs(extra):
        for name in (f"{kind}.{lang}.docx", f"{kind}.docx"):
            if (folder / name).is_file():
                return folder / name
    raise FileNotFoundError(
        f"no Word template for '{kind}' in {', '.join(map(str, template_dirs(extra)))}"
    )


def _east_asian(run: Any) -> None:
    """Mark a run's East-Asian font hint so Word uses the style's East-Asian font for Chinese."""
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:hint"), "eastAsia")


def _add_text(paragraph: Any, value: str, bold: bool = False, size: float | None = None) -> None:
    lines = value.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        _east_asian(run)
        if bold:
            run.bold = True
        if size:
            run.font.size = Pt(size)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _cant_split(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _content_width(doc: Any) -> int:
    s = doc.sections[0]
    return int(s.page_width - s.left_margin - s.right_margin)


def _table(
    doc: Any,
    header: tuple[str, ...] | None,
    rows: list[tuple[str, ...]],
    widths: tuple[float, ...],
    highlight: frozenset[int] = frozenset(),
    label_col: bool = False,
) -> Any:
    """A bordered table with fixed column widths, the header row repeated on every page.

    The rows are written as WordprocessingML text and parsed once: building 300 rows of six
    cells through python-docx's element proxies was most of the Word report's time. The XML
    is what python-docx writes for the same calls (``_add_text``, ``_shade``, ``set_widths``).
    """
    ncols = len(widths)
    table = doc.add_table(rows=0, cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(widths)
    col_w = [int(_content_width(doc) * w / total) for w in widths]
    for i, col in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
        col.set(qn("w:w"), str(int(col_w[i] / 635)))  # EMU -> twips
    tc_w = [f'<w:tcW w:type="dxa" w:w="{Emu(w).twips}"/>' for w in col_w]
    head_fill = _shd_xml(HEADER_FILL)
    parts: list[str] = []
    if header:
        parts.append('<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>')
        parts += [_cell_xml(tc_w[i], head_fill, text, True) for i, text in enumerate(header)]
        parts.append("</w:tr>")
    row_fill = _shd_xml(HIGHLIGHT_FILL)
    for r, values in enumerate(rows):
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        fill = row_fill if r in highlight else ""
        for i in range(ncols):
            text = values[i] if i < len(values) else None
            if label_col and i == 0:
                parts.append(_cell_xml(tc_w[i], head_fill, text, True))
            else:
                parts.append(_cell_xml(tc_w[i], fill, text, False))
        parts.append("</w:tr>")
    table._tbl.extend(list(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(parts)}</w:tbl>")))
    doc.add_paragraph()
    return table


_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TAB_OR_CR = re.compile("(\t|\r)")


def _shd_xml(fill: str) -> str:
    return f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'


def _cell_xml(tc_w: str, shd: str, text: str | None, bold: bool) -> str:
    """One ``w:tc``: width, shading, one paragraph holding ``text`` as ``_add_text`` would (9 pt)."""
    if text is None:
        return f"<w:tc><w:tcPr>{tc_w}{shd}</w:tcPr><w:p/></w:tc>"
    return f"<w:tc><w:tcPr>{tc_w}{shd}</w:tcPr><w:p>{_runs_xml(text, bold, 18)}</w:p></w:tc>"


def _runs_xml(value: str, bold: bool, half_points: int) -> str:
    """``_add_text``'s runs: one per line, a line break closing each but the last; in a line, a
    tab is ``w:tab`` and a carriage return ``w:br`` (python-docx's ``run.text``). Characters XML
    cannot hold (control characters pasted into a text) are left out."""
    rpr = (
        '<w:rPr><w:rFonts w:hint="eastAsia"/>'
        + ("<w:b/>" if bold else "")
        + f'<w:sz w:val="{half_points}"/></w:rPr>'
    )
    lines = _XML_UNSAFE.sub("", value).split("\n")
    out = []
    last = len(lines) - 1
    for n, line in enumerate(lines):
        content = []
        for piece in _TAB_OR_CR.split(line):
            if piece == "\t":
                content.append("<w:tab/>")
            elif piece == "\r":
                content.append("<w:br/>")
            elif piece:
                space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
                content.append(f"<w:t{space}>{escape(piece)}</w:t>")
        out.append(f"<w:r>{rpr}{''.join(content)}{'<w:br/>' if n < last else ''}</w:r>")
    return "".join(out)


def set_widths(table: Any, col_w: list[int]) -> None:
    """Fixed column widths that Word and LibreOffice both honour (grid + every cell)."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for i, col in enumerate(grid.findall(qn("w:gridCol"))):
        col.set(qn("w:w"), str(int(col_w[i] / 635)))  # EMU -> twips
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = col_w[i]


def _photos(doc: Any, block: b.Photos) -> None:
    table = doc.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    half = _content_width(doc) // 2
    for i in range(0, len(block.items), 2):
        row = table.add_row()
        _cant_split(row)
        for j, photo in enumerate(block.items[i : i + 2]):
            cell = row.cells[j]
            prepared = prepare_photo(photo.path) if photo.path is not None else None
            p = cell.paragraphs[0]
            p.alignment = 1
            if prepared is not None:
                import io

                width = int(PHOTO_WIDTH)
                if (
                    prepared.height > prepared.width
                ):  # portrait photos no taller than landscape ones
                    width = int(PHOTO_WIDTH * prepared.width / prepared.height * 0.75)
                p.add_run().add_picture(io.BytesIO(prepared.data), width=width)
            else:
                _add_text(p, block.missing_text)
            cap = cell.add_paragraph(style="Caption")
            _add_text(cap, photo.caption)
    set_widths(table, [half, half])
    doc.add_paragraph()


def _box(doc: Any, block: b.Box) -> None:
    table = doc.add_table(rows=2, cols=1)
    table.style = doc.styles["Table Grid"]
    _add_text(table.rows[0].cells[0].paragraphs[0], block.label, bold=True, size=9)
    _shade(table.rows[0].cells[0], HEADER_FILL)
    cell = table.rows[1].cells[0]
    for _ in range(block.lines - 1):
        cell.add_paragraph()
    _cant_split(table.rows[0])  # the label stays whole and on the page of its box
    table.rows[0].cells[0].paragraphs[0].paragraph_format.keep_with_next = True
    _cant_split(table.rows[1])
    set_widths(table, [_content_width(doc)])
    doc.add_paragraph()


def _signatures(doc: Any, block: b.Signatures) -> None:
    table = doc.add_table(rows=4, cols=len(block.parties))
    table.style = doc.styles["Table Grid"]
    for i, (role, name) in enumerate(block.parties):
        _add_text(table.rows[0].cells[i].paragraphs[0], role, bold=True, size=9)
        _shade(table.rows[0].cells[i], HEADER_FILL)
        _add_text(
            table.rows[1].cells[i].paragraphs[0],
            f"{block.signature_label}{block.colon}{name}",
            size=9,
        )
        table.rows[2].cells[i].add_paragraph()
        _add_text(table.rows[3].cells[i].paragraphs[0], f"{block.date_label}{block.colon}", size=9)
    for row in table.rows:
        _cant_split(row)
    n = len(block.parties)
    set_widths(table, [_content_width(doc) // n] * n)


def _toc(doc: Any, title: str, headings: list[str]) -> None:
    """A Word TOC field whose current result already lists the headings.

    Word updates it on opening (``updateFields``) and adds page numbers; LibreOffice, which
    converts without updating fields, still shows the list.
    """
    if title:
        _add_text(
            doc.add_paragraph(style="TOC Heading" if "TOC Heading" in doc.styles else "Heading 1"),
            title,
        )
    first = doc.add_paragraph()
    run = first.add_run()
    for kind, instr in (
        ("begin", None),
        ("instr", 'TOC \\o "1-2" \\h \\z \\u'),
        ("separate", None),
    ):
        el = OxmlElement("w:instrText" if instr else "w:fldChar")
        if instr:
            el.set(qn("xml:space"), "preserve")
            el.text = instr
        else:
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
    paragraphs = [first] + [doc.add_paragraph() for _ in headings[1:]]
    for p, heading in zip(paragraphs, headings, strict=False):
        _add_text(p, heading)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraphs[-1].add_run()._r.append(end)
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        upd = OxmlElement("w:updateFields")
        upd.set(qn("w:val"), "true")
        settings.append(upd)


def _verification(doc: Any, block: b.Verification) -> None:
    import io

    from docx.shared import Mm

    from auditdesk.exports.pdf_base import qr_png

    p = doc.add_paragraph()
    p.add_run().add_picture(io.BytesIO(qr_png(block.payload)), width=Mm(26))
    run = p.add_run("  " + block.code)
    run.bold = True
    _east_asian(run)
    if block.hint:
        _add_text(doc.add_paragraph(), block.hint)


def _fill_letterhead(doc: Any, values: dict[str, str]) -> None:
    for section in doc.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            for p in part.paragraphs:
                for run in p.runs:
                    for key, value in values.items():
                        if "{" + key + "}" in run.text:
                            run.text = run.text.replace("{" + key + "}", value)
                            _east_asian(run)


def _clear_body(doc: Any) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def render_docx(
    doc: b.Document, target: str | Path | BinaryIO, *, template_dir: Path | None = None
) -> None:
    """Write ``doc`` as .docx to a path or a binary stream."""
    word = open_docx(str(find_template(doc.kind, doc.lang, template_dir)))
    _clear_body(word)
    _fill_letterhead(word, {"cb_name": doc.header_left, "doc_title": doc.header_right})
    word.core_properties.title = doc.title
    word.core_properties.author = doc.header_left
    from auditdesk.exports.pdf_render import verification_keyword

    word.core_properties.keywords = verification_keyword(doc)
    for block in doc.blocks:
        if isinstance(block, b.Title):
            _add_text(word.add_paragraph(style="Title"), block.text)
            if block.subtitle:
                _add_text(word.add_paragraph(style="Subtitle"), block.subtitle)
        elif isinstance(block, b.Heading):
            _add_text(word.add_heading(level=min(block.level, 3)), block.text)
        elif isinstance(block, b.Para):
            style = (
                "AuditDesk Small"
                if block.style == "small" and "AuditDesk Small" in word.styles
                else None
            )
            _add_text(word.add_paragraph(style=style), block.text)
        elif isinstance(block, b.Fields):
            w = block.label_width
            _table(word, None, [tuple(p) for p in block.pairs], (w, 1 - w), label_col=True)
        elif isinstance(block, b.Table):
            _table(word, block.header, list(block.rows), block.widths, block.highlight)
        elif isinstance(block, b.Photos):
            _photos(word, block)
        elif isinstance(block, b.Box):
            _box(word, block)
        elif isinstance(block, b.Signatures):
            _signatures(word, block)
        elif isinstance(block, b.Verification):
            _verification(word, block)
        elif isinstance(block, b.TocHere):
            _toc(
                word,
                doc.toc_title,
                [h.text for h in doc.blocks if isinstance(h, b.Heading) and h.level == 1],
            )
        elif isinstance(block, b.PageBreak):
            word.add_page_break()
    word.save(target if not isinstance(target, Path) else str(target))
