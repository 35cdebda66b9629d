"""Any :class:`~auditdesk.exports.blocks.Document` as a Word file, built on a template.

Templates are looked up, first match wins, as ``<kind>.<lang>.docx`` then ``<kind>.docx`` in:
the folder passed by the caller, ``$AUDITDESK_TEMPLATES``, ``<user data>/templates`` (where a
CB puts its own letterhead), and the shipped ``resources/templates``. The template gives the
letterhead (``{cb_name}`` and ``{doc_title}`` in the header are filled in), the page setup and
the styles; its body is replaced.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
from dataclasses import dataclass
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
from auditdesk.services.errors import ServiceError

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
    raise TemplateError(
        Path(template_dirs(extra)[-1]) / f"{kind}.docx", "missing", "zh" if lang != "en" else "en"
    )


TEMPLATE_WORDS = {
    "missing": (
        "找不到 Word 模板 {path}：请把该文件放回模板文件夹，或删除自定义模板文件夹中的同名文件。",
        "Word template {path} not found: put the file back in the template folder.",
    ),
    "broken": (
        "Word 模板 {path} 已损坏，无法读取（{detail}）：请用 Word 或 LibreOffice 重新另存为 "
        ".docx，或删除该文件以使用随附模板。",
        "The Word template {path} is damaged and cannot be read ({detail}): save it again as "
        ".docx in Word or LibreOffice, or remove it to use the shipped template.",
    ),
}


class TemplateError(ServiceError):
    """A template that is missing or cannot be read; the message names the file, in the
    document's language (``message(lang)`` gives the other)."""

    code = "template_broken"

    def __init__(self, path: Path, reason: str, lang: str = "zh", detail: str = "") -> None:
        self.path, self.reason, self.detail = Path(path), reason, detail
        super().__init__(self.message(lang), path=str(path), reason=reason)

    def message(self, lang: str) -> str:
        zh, en = TEMPLATE_WORDS[self.reason]
        return (en if lang == "en" else zh).format(path=self.path, detail=self.detail or "?")


def open_template(kind: str, lang: str, extra: Path | None = None) -> Any:
    """The python-docx Document of the template for ``kind`` / ``lang``; TemplateError when it
    is missing or is not a readable Word file (the message names it)."""
    path = find_template(kind, lang, extra)
    msg_lang = "en" if lang == "en" else "zh"
    try:
        word = open_docx(str(path))
        for section in word.sections:  # reading the parts a renderer uses parses them now
            _ = section.header.paragraphs, section.footer.paragraphs
        word.styles  # noqa: B018
    except Exception as exc:  # a zip that is not a docx, a part that is not XML, ...
        detail = type(exc).__name__ + (f": {str(exc).splitlines()[0][:80]}" if str(exc) else "")
        raise TemplateError(path, "broken", msg_lang, detail) from exc
    if not word.sections:
        raise TemplateError(path, "broken", msg_lang, "no section")
    return word


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


def _verification(doc: Any, block: b.Verification, lang: str) -> None:
    import io

    from docx.shared import Mm

    from auditdesk.exports.pdf_base import qr_png

    p = doc.add_paragraph()
    p.add_run().add_picture(io.BytesIO(qr_png(block.payload)), width=Mm(26))
    run = p.add_run("  " + block.code)
    run.bold = True
    _east_asian(run)
    if block.chain:
        from auditdesk.exports.verification import chain_text

        _add_text(doc.add_paragraph(), chain_text(block.chain, lang))
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
    doc: b.Document,
    target: str | Path | BinaryIO,
    *,
    template_dir: Path | None = None,
    embed_font: bool = True,
) -> None:
    """Write ``doc`` as .docx to a path or a binary stream, with the subset of the shipped
    Chinese font embedded (``embed_font``) and a watermark when it is a draft."""
    word = open_template(doc.kind, doc.lang, template_dir)
    _clear_body(word)
    _fill_letterhead(word, letterhead_values(doc))
    word.core_properties.title = doc.title
    word.core_properties.author = doc.header_left
    from auditdesk.exports.verification import verification_keyword

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
            _verification(word, block, doc.lang)
        elif isinstance(block, b.TocHere):
            _toc(
                word,
                doc.toc_title,
                [h.text for h in doc.blocks if isinstance(h, b.Heading) and h.level == 1],
            )
        elif isinstance(block, b.PageBreak):
            word.add_page_break()
    if embed_font:
        embed_cjk_font(word)
    if doc.is_draft:
        add_watermark(word, DOCX_WATERMARK.get(doc.lang, "DRAFT"))
    word.save(target if not isinstance(target, Path) else str(target))


# --- the template's letterhead for the PDF --------------------------------------------------
# The PDF carries the same letterhead as the Word file: the header and footer paragraphs of the
# template, with their pictures (logo, accreditation marks), text, placeholders, alignment and
# tab-separated left / centre / right parts. PAGE and NUMPAGES fields become the page numbers.


def letterhead_values(doc: b.Document) -> dict[str, str]:
    """The placeholders a template's header and footer may hold, for ``doc``."""
    cb = doc.cb
    values = {"cb_name": doc.header_left, "doc_title": doc.header_right}
    for key in ("name_zh", "name_en", "address", "phone", "accreditation"):
        values[f"cb_{key}"] = str(getattr(cb, key, "") or "") if cb is not None else ""
    return values


@dataclass(frozen=True)
class LetterheadPicture:
    data: bytes
    width: float  # points
    height: float


@dataclass(frozen=True)
class LetterheadLine:
    """One header/footer paragraph: its tab-separated parts, each a list of text and pictures."""

    parts: tuple[tuple[str | LetterheadPicture, ...], ...]
    align: str  # left | center | right (for a paragraph without tabs)
    size: float  # points
    bold: bool
    color: str  # hex RRGGBB
    rule_below: bool


@dataclass(frozen=True)
class Letterhead:
    source: Path
    header: tuple[LetterheadLine, ...]
    footer: tuple[LetterheadLine, ...]

    @property
    def has_page_numbers(self) -> bool:
        return any(
            isinstance(x, str) and "{page}" in x
            for line in self.footer + self.header
            for part in line.parts
            for x in part
        )


_EMU_PER_PT = 12700


def _paragraph_line(paragraph: Any, part: Any, values: dict[str, str]) -> LetterheadLine | None:
    """A header/footer paragraph as a LetterheadLine (None for an empty one)."""
    parts: list[list[str | LetterheadPicture]] = [[]]
    size, bold, color = 0.0, False, ""
    field_depth, skip_result, instr = 0, False, ""

    def add_text(value: str) -> None:
        if parts[-1] and isinstance(parts[-1][-1], str):
            parts[-1][-1] += value
        else:
            parts[-1].append(value)

    for run in paragraph._p.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        if rpr is not None:
            sz = rpr.find(qn("w:sz"))
            if sz is not None and not size:
                size = int(sz.get(qn("w:val"))) / 2
            if rpr.find(qn("w:b")) is not None:
                bold = True
            col = rpr.find(qn("w:color"))
            if col is not None and not color and col.get(qn("w:val")) not in (None, "auto"):
                color = col.get(qn("w:val"))
        for child in run:
            tag = child.tag
            if tag == qn("w:fldChar"):
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    field_depth, instr = field_depth + 1, ""
                elif kind == "separate":
                    name = instr.strip().split(" ")[0].upper() if instr.strip() else ""
                    add_text({"PAGE": "{page}", "NUMPAGES": "{pages}"}.get(name, ""))
                    skip_result = True
                elif kind == "end":
                    field_depth, skip_result = max(0, field_depth - 1), False
            elif tag == qn("w:instrText"):
                instr += child.text or ""
            elif skip_result:
                continue
            elif tag == qn("w:t"):
                add_text(child.text or "")
            elif tag == qn("w:tab"):
                parts.append([])
            elif tag == qn("w:drawing"):
                extent = next(child.iter(qn("wp:extent")), None)
                blip = next(child.iter(qn("a:blip")), None)
                rid = blip.get(qn("r:embed")) if blip is not None else None
                if extent is None or rid is None or rid not in part.related_parts:
                    continue
                parts[-1].append(
                    LetterheadPicture(
                        part.related_parts[rid].blob,
                        int(extent.get("cx")) / _EMU_PER_PT,
                        int(extent.get("cy")) / _EMU_PER_PT,
                    )
                )
    filled: list[tuple[str | LetterheadPicture, ...]] = []
    for items in parts:
        out: list[str | LetterheadPicture] = []
        for x in items:
            if isinstance(x, str):
                for key, value in values.items():
                    x = x.replace("{" + key + "}", value)
            out.append(x)
        filled.append(tuple(out))
    if not any(isinstance(x, LetterheadPicture) or x.strip() for p in filled for x in p):
        return None
    ppr = paragraph._p.pPr
    rule = ppr is not None and ppr.find(qn("w:pBdr")) is not None
    align = {0: "left", 1: "center", 2: "right"}.get(
        int(paragraph.alignment) if paragraph.alignment is not None else 0, "left"
    )
    style_font = paragraph.style.font if paragraph.style is not None else None
    if not size and style_font is not None and style_font.size:
        size = style_font.size.pt
    return LetterheadLine(tuple(filled), align, size or 9.0, bold, color or "404040", bool(rule))


def read_letterhead(doc: b.Document, template_dir: Path | None = None) -> Letterhead:
    """The template's first-section header and footer as drawn by the PDF renderer."""
    word = open_template(doc.kind, doc.lang, template_dir)
    path = find_template(doc.kind, doc.lang, template_dir)
    values = letterhead_values(doc)
    section = word.sections[0]
    try:
        header = tuple(
            line
            for p in section.header.paragraphs
            if (line := _paragraph_line(p, section.header.part, values)) is not None
        )
        footer = tuple(
            line
            for p in section.footer.paragraphs
            if (line := _paragraph_line(p, section.footer.part, values)) is not None
        )
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise TemplateError(
            path, "broken", "en" if doc.lang == "en" else "zh", type(exc).__name__
        ) from exc
    return Letterhead(path, header, footer)


# --- the Chinese font inside the Word file ---------------------------------------------------
# A reader whose machine has no Chinese font (or not SimSun / SimHei) would see boxes. So the
# file carries the subset of the shipped font (WenQuanYi Micro Hei, Apache-2.0, fsType
# "editable embedding") holding exactly the characters it uses, obfuscated as ECMA-376 Part 1
# 17.8.1 prescribes (w:embedRegular + w:fontKey), and the styles whose East-Asian font is the
# shipped default (SimSun / SimHei) name it. Word and LibreOffice load an embedded font for the
# document; a CB whose template names another East-Asian font keeps it.

FONT_PART_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
DEFAULT_EAST_ASIAN = frozenset({"SimSun", "SimHei", "宋体", "黑体"})
# Always in the subset: what a reader may type into the file afterwards in the simplest case.
BASE_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + "，。、；：？！（）“”‘’《》【】—…·"


@functools.lru_cache(maxsize=8)
def font_subset(chars: frozenset[str]) -> tuple[str, bytes]:
    """(family name, TrueType bytes) of the shipped font cut down to ``chars``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from auditdesk.paths import cjk_font_path

    font = TTFont(str(cjk_font_path()), fontNumber=0, lazy=True)
    family = font["name"].getDebugName(1) or "WenQuanYi Micro Hei"
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.layout_features = []
    opts.hinting = False
    opts.drop_tables += ["FFTM"]
    sub = subset.Subsetter(opts)
    sub.populate(text="".join(sorted(chars)))
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return family, buf.getvalue()


def obfuscate_font(data: bytes, key: str) -> bytes:
    """ECMA-376 font obfuscation: the first 32 bytes XORed with the GUID ``key``'s 16 bytes in
    reverse order (the same operation reverses it)."""
    hexes = key.strip("{}").replace("-", "")
    guid = bytes.fromhex(hexes)[::-1]
    head = bytes(data[i] ^ guid[i % 16] for i in range(32))
    return head + data[32:]


def _document_chars(word: Any) -> frozenset[str]:
    chars = set(BASE_CHARS)
    parts = [word.element.body]
    for section in word.sections:
        parts += [section.header._element, section.footer._element]
    for el in parts:
        for t in el.iter(qn("w:t")):
            chars.update(t.text or "")
    return frozenset(c for c in chars if c.isprintable() or c == " ")


def embed_cjk_font(word: Any) -> str:
    """Embed the subset of the shipped font the document needs; returns its family name."""
    import uuid

    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    family, data = font_subset(_document_chars(word))
    key = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, hashlib.sha256(data).hexdigest())).upper() + "}"
    package = word.part.package
    table = next((p for p in package.iter_parts() if p.partname == "/word/fontTable.xml"), None)
    if table is None:
        table = Part(
            PackURI("/word/fontTable.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
            f"<w:fonts {nsdecls('w', 'r')}/>".encode(),
            package,
        )
        word.part.relate_to(
            table,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable",
        )
    n = 1 + sum(1 for p in package.iter_parts() if str(p.partname).startswith("/word/fonts/"))
    font_part = Part(
        PackURI(f"/word/fonts/font{n}.odttf"), FONT_PART_TYPE, obfuscate_font(data, key), package
    )
    rid = table.relate_to(font_part, FONT_REL)
    fonts = parse_xml(table.blob)
    for old in fonts.findall(qn("w:font")):
        if old.get(qn("w:name")) == family:
            fonts.remove(old)
    fonts.append(
        parse_xml(
            f'<w:font {nsdecls("w", "r")} w:name="{escape(family)}"><w:charset w:val="86"/>'
            '<w:family w:val="swiss"/><w:pitch w:val="variable"/>'
            f'<w:embedRegular r:id="{rid}" w:fontKey="{key}"/></w:font>'
        )
    )
    from lxml import etree

    table._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)
    _embed_settings(word.settings.element)
    for rfonts in word.styles.element.iter(qn("w:rFonts")):
        if rfonts.get(qn("w:eastAsia")) in DEFAULT_EAST_ASIAN or (
            rfonts.get(qn("w:eastAsia")) is None
            and rfonts.getparent().getparent().tag == qn("w:rPrDefault")
        ):
            rfonts.set(qn("w:eastAsia"), family)
            for theme in ("w:eastAsiaTheme",):
                if rfonts.get(qn(theme)) is not None:
                    del rfonts.attrib[qn(theme)]
    return family


# CT_Settings elements that come before w:embedTrueTypeFonts (the schema fixes the order).
_SETTINGS_BEFORE = (
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
)


def _embed_settings(settings: Any) -> None:
    for name in ("embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts"):
        for old in settings.findall(qn(f"w:{name}")):
            settings.remove(old)
    index = 0
    for i, child in enumerate(settings):
        if any(child.tag == qn(f"w:{n}") for n in _SETTINGS_BEFORE):
            index = i + 1
    settings.insert(index, OxmlElement("w:embedTrueTypeFonts"))
    settings.insert(index + 1, OxmlElement("w:saveSubsetFonts"))


# --- the draft watermark -----------------------------------------------------------------------
# Word's own watermark (Design > Watermark): a VML WordArt shape in the page header, behind the
# text, centred on the page, which Word and LibreOffice both show on every page.

DOCX_WATERMARK = {"zh": "草稿", "en": "DRAFT", "bilingual": "草稿 DRAFT"}
_VML = (
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)
_TEXTPATH_FORMULAS = "".join(
    f'<v:f eqn="{e}"/>'
    for e in (
        "sum #0 0 10800",
        "prod #0 2 1",
        "sum 21600 0 @1",
        "sum 0 0 @2",
        "sum 21600 0 @3",
        "if @0 @3 0",
        "if @0 21600 @1",
        "if @0 0 @2",
        "if @0 @4 21600",
        "mid @5 @6",
        "mid @8 @5",
        "mid @7 @8",
        "mid @6 @7",
        "sum @6 0 @5",
    )
)


def _watermark_run(text: str, font: str, n: int) -> Any:
    width = 440 if len(text) > 4 else 360
    return parse_xml(
        f"<w:r {nsdecls('w')} {_VML}><w:rPr><w:noProof/></w:rPr><w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e">'
        f"<v:formulas>{_TEXTPATH_FORMULAS}</v:formulas>"
        '<v:path textpathok="t" o:connecttype="custom" '
        'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
        '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>'
        "</v:shapetype>"
        f'<v:shape id="PowerPlusWaterMarkObject{n}" o:spid="_x0000_s{2048 + n}" '
        'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;'
        f"width:{width}pt;height:{width // 2.6:.0f}pt;rotation:315;z-index:-251654144;"
        "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" '
        'o:allowincell="f" fillcolor="#d0d0d0" stroked="f">'
        '<v:fill opacity=".45"/>'
        f'<v:textpath style="font-family:&quot;{escape(font)}&quot;;font-size:1pt" '
        f'string="{escape(text)}"/>'
        '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>'
    )


def add_watermark(word: Any, text: str) -> None:
    """``text`` as a watermark on every page of every section."""
    font = next(
        (
            f.get(qn("w:eastAsia"))
            for f in word.styles.element.iter(qn("w:rFonts"))
            if f.get(qn("w:eastAsia"))
        ),
        "SimHei",
    )
    n = 0
    for section in word.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            n += 1
            paragraphs = header.paragraphs or [header.add_paragraph()]
            paragraphs[0]._p.append(_watermark_run(text, font, n))
