"""ReportLab building blocks shared by the PDF documents.

Font: the shipped WenQuanYi Micro Hei (``auditdesk.paths.cjk_font_path()``, TrueType outlines,
Chinese and Latin in one face) for every character, embedded as a subset: ReportLab embeds
only the glyphs used of a ``TTFont``, so a report carries ~100-300 KB of font, not 5 MB, and
every font in the PDF is embedded (no reliance on the reader's Helvetica). The face has one
weight: headings stand out by size and colour. Pages carry a letterhead line, "page X of Y"
and, for long documents, a table of contents. Both are laid out in one pass: the page count and
the contents' page numbers are drawn when the document is saved (:class:`OnePassContents`),
instead of ReportLab's ``multiBuild`` laying out and drawing the whole report twice.
``invariant=True`` makes the bytes depend on the content only (tests).
"""

from __future__ import annotations

import functools
import io
import re
from ast import literal_eval
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents, drawPageNumbers

from auditdesk.exports.labels import Lang, text
from auditdesk.paths import cjk_font_path

CJK = "AuditDeskCJK"
PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
CONTENT_W = PAGE_W - 2 * MARGIN
HEADER_FILL = colors.HexColor("#DCE6F1")
RULE = colors.HexColor("#1F4E79")
GRID = colors.HexColor("#8EA9C1")


@functools.cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(CJK, str(cjk_font_path()), subfontIndex=0))


def markup(value: object, bold: bool = False) -> str:
    """Paragraph markup for ``value``: XML-escaped, line breaks kept (``bold`` is kept for the
    day a bold face ships; the one weight of the shipped font cannot be bolded)."""
    s = "" if value is None else str(value)
    return escape(s).replace("\n", "<br/>")


def draw_text(
    c: rl_canvas.Canvas, x: float, y: float, s: str, size: float, align: str = "left"
) -> None:
    """One line on the canvas (headers and footers)."""
    c.setFont(CJK, size)
    if align == "right":
        c.drawRightString(x, y, s)
    elif align == "center":
        c.drawCentredString(x, y, s)
    else:
        c.drawString(x, y, s)


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle(
        "body", fontName=CJK, bulletFontName=CJK, fontSize=9.5, leading=14, spaceAfter=3
    )
    return {
        "body": base,
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontSize=20,
            leading=28,
            alignment=TA_CENTER,
            textColor=RULE,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=base,
            fontSize=11,
            leading=16,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#404040"),
            spaceAfter=12,
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontSize=13.5,
            leading=19,
            textColor=RULE,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontSize=11,
            leading=16,
            textColor=RULE,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11.5, spaceAfter=0),
        "cell_head": ParagraphStyle(
            "cell_head",
            parent=base,
            fontSize=8.5,
            leading=11.5,
            spaceAfter=0,
            textColor=colors.HexColor("#0B2A45"),
        ),
        "caption": ParagraphStyle(
            "caption",
            parent=base,
            fontSize=8.5,
            leading=11,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#404040"),
        ),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=10, leading=15, leftIndent=4 * mm),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9, leading=13, leftIndent=10 * mm),
        "small": ParagraphStyle(
            "small", parent=base, fontSize=7.5, leading=10, textColor=colors.HexColor("#606060")
        ),
    }


class WrapOnceParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width.

    A table cell is wrapped again and again at the same width: to size its row, at every page
    split of the table (the rows left over are measured again) and once more when the table is
    drawn. Line breaking is most of a long report's time. A Paragraph's lines depend only on
    the width (its style and text never change once built; a split makes new Paragraphs), so
    the answer for the last width is kept while its lines are (``split`` drops them when the
    paragraph cannot start on the page).
    """

    _wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._wrapped_for and "blPara" in self.__dict__:
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth
        return width, height


# Chinese line-breaking (GB/T 15834 punctuation, the kinsoku rules of CJK typesetting): no line
# starts with a closing mark or ends with an opening one; a run of Latin letters and digits with
# its joiners (2026-07-24, NC-2026-0007-01, 3.2%, HT-2025-031/047) is never split.
CANNOT_START = frozenset("。，、；：？！）」』】》〉〕］｝〗”’…‥—～·・ー々〜%‰℃,.;:?!)]}>")
CANNOT_END = frozenset("（「『【《〈〔［｛〖“‘([{<")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-./:_@#%+&'][A-Za-z0-9%]+)*[%]?|\s+|.", re.S)


def _units(line: str) -> list[str]:
    """Unbreakable units: a Latin/number token, a space run or one character, with closing
    punctuation glued to the unit before it and opening punctuation to the unit after it."""
    units: list[str] = []
    pending_open = ""
    for tok in _TOKEN.findall(line):
        if tok in CANNOT_END or (len(tok) == 1 and tok in CANNOT_END):
            pending_open += tok
            continue
        if tok[0] in CANNOT_START and units and not units[-1].isspace():
            units[-1] += pending_open + tok
            pending_open = ""
            continue
        units.append(pending_open + tok)
        pending_open = ""
    if pending_open:
        units.append(pending_open)
    return units


def break_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` by the rules above (greedy)."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = ""
        for unit in _units(raw):
            candidate = line + unit
            if pdfmetrics.stringWidth(candidate.rstrip(), font, size) <= width or not line.strip():
                line = candidate
                if pdfmetrics.stringWidth(line, font, size) > width and not unit.isspace():
                    # one unit wider than the line (a very long token): break it by characters
                    head = ""
                    for ch in line:
                        if head and pdfmetrics.stringWidth(head + ch, font, size) > width:
                            out.append(head)
                            head = ""
                        head += ch
                    line = head
                continue
            out.append(line.rstrip())
            line = "" if unit.isspace() else unit
        out.append(line.rstrip())
    return out


class CJKParagraph(WrapOnceParagraph):
    """A plain-text paragraph whose lines are broken by :func:`break_lines` for each width."""

    _broken_for: float | None = None
    _source: str | None = None

    def __init__(self, source: str | None, style: ParagraphStyle, *args: Any, **kw: Any) -> None:
        if source is None or args or kw:  # the pieces ReportLab makes when it splits one
            super().__init__(source, style, *args, **kw)
            return
        self._source = source
        super().__init__(markup(source), style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._source is not None and availWidth != self._broken_for:
            st = self.style
            inner = availWidth - st.leftIndent - st.rightIndent - 0.5  # rounding margin
            lines = break_lines(self._source, st.fontName, st.fontSize, inner)
            source = self._source
            Paragraph.__init__(self, "<br/>".join(escape(x) for x in lines), st)
            self._source = source
            self._broken_for = availWidth
        return super().wrap(availWidth, availHeight)


def para(value: object, style: str = "body", bold: bool = False) -> Paragraph:
    return CJKParagraph("" if value is None else str(value), styles()[style])


class JpegReader(ImageReader):
    """An in-memory JPEG that ReportLab embeds as it is (DCTDecode).

    ``canvas.drawImage`` names an image by the digest of ``getRGBData()``, which for a plain
    ImageReader decodes the whole photo to raw pixels (and keeps them: ~2 MB a photo, at each
    layout pass). The JPEG's own bytes name it just as well, and are what gets embedded.
    """

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self._jpeg = data
        self._dataA = None  # no soft mask (drawImage reads it)

    def getRGBData(self) -> bytes:
        if self.jpeg_fh() is None:  # not a JPEG after all: pixels, as ReportLab expects
            data: bytes = super().getRGBData()
            return data
        return self._jpeg


class JpegImage(Flowable):
    """A JPEG drawn at a fixed size (see :class:`JpegReader`)."""

    def __init__(self, data: bytes, width: float, height: float) -> None:
        super().__init__()
        self.reader = JpegReader(data)
        self.width, self.height = width, height
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height)


class TocHeading(WrapOnceParagraph):
    """A heading that also feeds the table of contents (``toc_key`` names its PDF destination)."""

    def __init__(self, value: str, level: int = 1) -> None:
        super().__init__(markup(value, bold=True), styles()["h1" if level == 1 else "h2"])
        self.toc_level = level - 1
        self.toc_text = value
        self.toc_key = ""


class _TocSlot:
    """Where a contents line's dots and page number go, in its page's content stream, until
    the page of its heading is known."""

    __slots__ = ("key", "level", "x", "y", "avail_width", "dot")

    def __init__(
        self, key: str, level: int, x: float, y: float, avail_width: float, dot: str
    ) -> None:
        self.key, self.level, self.x, self.y, self.avail_width, self.dot = (
            key,
            level,
            x,
            y,
            avail_width,
            dot,
        )


class OnePassContents(TableOfContents):
    """A table of contents whose lines are known before layout (every heading of the story)
    and whose page numbers are filled in when the canvas is saved.

    ReportLab's ``TableOfContents`` draws the page numbers of the previous pass, so a report
    with contents was laid out and drawn twice (``multiBuild``). Here the lines take their
    place in the first and only pass; where ReportLab would draw the dots and the number, a
    :class:`_TocSlot` holds the place in the page's content stream, and the numbered canvas
    draws them there, the same way, once every heading has its page.
    """

    def __init__(self, entries: Sequence[tuple[int, str, str]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # (level, text markup, page, key): what TableOfContents.wrap lays out.
        self._lastEntries = [(level, markup(value), 0, key) for level, value, key in entries]
        self._entries = list(self._lastEntries)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        size: tuple[float, float] = super().wrap(availWidth, availHeight)

        def hold_place(canvas: Any, kind: str, label: str) -> None:
            _page, level, key = label.split(",", 2)
            lvl = int(level)
            dot = " . " if self.dotsMinLevel >= 0 and lvl >= self.dotsMinLevel else ""
            info = canvas._curr_tx_info
            canvas._code.append(
                _TocSlot(literal_eval(key), lvl, info["cur_x"], info["cur_y"], availWidth, dot)
            )

        self.canv.setNamedCB("drawTOCEntryEnd", hold_place)
        return size


# The tallest row a table keeps whole (moved to the next page rather than cut): well under the
# body of a page with letterhead and footer, so a kept row always fits the next page.
WHOLE_ROW_MAX_H = (PAGE_H - 2 * MARGIN) * 0.6


def _row_height(row: Sequence[Any], col_w: Sequence[float]) -> float:
    """The height a grid row needs (cells wrapped to their column less the padding)."""
    tallest = 0.0
    for cell, w in zip(row, col_w, strict=False):
        if isinstance(cell, Flowable):
            tallest = max(tallest, cell.wrap(w - 8, PAGE_H * 10)[1])
    return tallest + 6


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    extra_style: Sequence[tuple[Any, ...]] = (),
    split_in_row: bool = True,
) -> LongTable:
    """A bordered table whose header row repeats on every page it spans (``split_in_row``
    False: a row moves whole to the next page, never cut)."""
    cells: list[list[Any]] = [[para(h, "cell_head", bold=True) for h in header]]
    for r in rows:
        cells.append([c if isinstance(c, Flowable) else para(c, "cell") for c in r])
    total = sum(widths)
    col_w = [w * CONTENT_W / total for w in widths]
    if not split_in_row and any(_row_height(r, col_w) > WHOLE_ROW_MAX_H for r in cells[1:]):
        split_in_row = True  # a row taller than a page could never move whole: cut it
    t = LongTable(cells, colWidths=col_w, repeatRows=1, splitByRow=1, splitInRow=int(split_in_row))
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), CJK),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *[
                    ("BACKGROUND", (0, i), (-1, i), colors.HexColor("#F6F8FA"))
                    for i in range(2, len(cells), 2)
                ],
                *extra_style,
            ]
        )
    )
    return t


def field_table(
    pairs: Sequence[tuple[str, object]], label_width: float = 0.3, split_in_row: bool = True
) -> LongTable:
    """Label | value rows (the report's header blocks)."""
    rows = [[para(k, "cell_head", bold=True), para(v, "cell")] for k, v in pairs]
    t = LongTable(
        rows,
        colWidths=[CONTENT_W * label_width, CONTENT_W * (1 - label_width)],
        splitByRow=1,
        splitInRow=int(split_in_row),
    )
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), CJK),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return t


LETTERHEAD_TOP = 10 * mm  # the letterhead starts this far below the page's top edge
FOOTER_BOTTOM = 8 * mm
BODY_GAP = 4 * mm  # between the letterhead (or footer) and the text


def _line_height(line: Any) -> float:
    pictures = [x.height for part in line.parts for x in part if not isinstance(x, str)]
    return max([line.size * 1.3, *pictures]) + 2


def letterhead_heights(letterhead: Any) -> tuple[float, float]:
    """(header, footer) height in points of a template letterhead (docx_render.Letterhead)."""
    if letterhead is None:
        return 10 * mm, 6 * mm
    head = sum(_line_height(x) for x in letterhead.header)
    foot = sum(_line_height(x) for x in letterhead.footer)
    if not letterhead.has_page_numbers:
        foot += 12
    return head, foot


def _draw_line(
    c: rl_canvas.Canvas, line: Any, top: float, page_texts: dict[str, str], footer: bool
) -> float:
    """Draw one letterhead line whose top is at ``top``; returns its height."""
    h = _line_height(line)
    baseline = top - h + 2 + line.size * 0.3
    parts = list(line.parts)
    if len(parts) == 1:
        aligns = [line.align]
    elif len(parts) == 2:
        aligns = ["left", "right"]
    else:
        parts = [parts[0], parts[1], tuple(x for p in parts[2:] for x in p)]
        aligns = ["left", "center", "right"]
    c.setFillColor(colors.HexColor("#" + line.color))
    segments: list[list[Any]] = []
    for items in parts:
        shown: list[Any] = []
        for x in items:
            if isinstance(x, str):
                if x.strip() == "{page} / {pages}":
                    x = page_texts["label"]
                x = x.replace("{page}", page_texts["page"]).replace("{pages}", page_texts["pages"])
            shown.append(x)
        segments.append(shown)

    def seg_width(shown: list[Any], size: float) -> float:
        return sum(
            pdfmetrics.stringWidth(x, CJK, size) if isinstance(x, str) else x.width for x in shown
        )

    # Long left and right parts (an English CB name and document title) must not run into each
    # other: the line's text gets smaller until they fit, with a gap between the parts.
    size = line.size
    gap = 6 * (len(segments) - 1)
    while size > 5 and sum(seg_width(x, size) for x in segments) + gap > CONTENT_W:
        size -= 0.25
    for shown, align in zip(segments, aligns, strict=True):
        width = seg_width(shown, size)
        x0 = {"left": MARGIN, "center": (PAGE_W - width) / 2, "right": PAGE_W - MARGIN - width}[
            align
        ]
        for x in shown:
            if isinstance(x, str):
                c.setFont(CJK, size)
                c.drawString(x0, baseline, x)
                x0 += pdfmetrics.stringWidth(x, CJK, size)
            else:
                c.drawImage(
                    _picture_reader(x.data),
                    x0,
                    baseline - line.size * 0.3,
                    x.width,
                    x.height,
                    mask="auto",
                )
                x0 += x.width
    if line.rule_below and not footer:
        c.setStrokeColor(RULE)
        c.setLineWidth(0.8)
        c.line(MARGIN, top - h, PAGE_W - MARGIN, top - h)
    return h


@functools.lru_cache(maxsize=16)
def _picture_reader(data: bytes) -> ImageReader:
    return ImageReader(io.BytesIO(data))


WATERMARK_GREY = colors.Color(0.55, 0.55, 0.55, alpha=0.22)


def _numbered_canvas(
    lang: Lang,
    header_left: str,
    header_right: str,
    heading_pages: dict[str, int],
    letterhead: Any = None,
    watermark: str = "",
    pdfa: bool = False,
) -> type[rl_canvas.Canvas]:
    class NumberedCanvas(rl_canvas.Canvas):
        """Keeps every page until the end so the footer can say "page X of Y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._fill_contents()
                self._decorate(total)
                super().showPage()
            if pdfa:
                make_pdfa(self)
            super().save()

        def _addAnnotation(self, annotation: Any, name: Any = None, addtopage: int = 1) -> Any:
            if pdfa and hasattr(annotation, "otherkw"):
                annotation.otherkw.setdefault("F", 4)  # PDF/A: every annotation prints
            return super()._addAnnotation(annotation, name, addtopage)

        def _fill_contents(self) -> None:
            """Dots and page numbers of the contents lines on this page (see OnePassContents)."""
            code: list[Any] = self.__dict__[
                "_code"
            ]  # the page's content stream (untyped in ReportLab)
            if not any(isinstance(item, _TocSlot) for item in code):
                return
            for i, item in enumerate(code):
                if isinstance(item, _TocSlot):
                    page = heading_pages.get(item.key)
                    drawn: list[str] = []
                    if (
                        page is not None
                    ):  # a heading never laid out keeps its line, without a number
                        self.__dict__["_code"] = drawn
                        self._curr_tx_info = {"cur_x": item.x, "cur_y": item.y}
                        drawPageNumbers(
                            self,
                            contents_styles()[item.level],
                            [(page, item.key)],
                            item.avail_width,
                            0,
                            item.dot,
                        )
                        del self._curr_tx_info
                    code[i] = "\n".join(drawn)
            self.__dict__["_code"] = code

        def _decorate(self, total: int) -> None:
            self.saveState()
            if watermark:
                self._watermark()
            if letterhead is not None:
                self._letterhead(total)
                self.restoreState()
                return
            self.setStrokeColor(RULE)
            self.setLineWidth(0.8)
            top = PAGE_H - MARGIN + 6 * mm
            self.line(MARGIN, top - 2, PAGE_W - MARGIN, top - 2)
            self.setFillColor(RULE)
            draw_text(self, MARGIN, top + 1, header_left, 8.5)
            draw_text(self, PAGE_W - MARGIN, top + 1, header_right, 8.5, align="right")
            self.setFillColor(colors.HexColor("#404040"))
            self.line(MARGIN, MARGIN - 6 * mm, PAGE_W - MARGIN, MARGIN - 6 * mm)
            footer = text("page_x_of_y", lang, sep="  ", page=self._pageNumber, pages=total)
            draw_text(self, PAGE_W / 2, MARGIN - 10 * mm, footer, 8, align="center")
            self.restoreState()

        def _watermark(self) -> None:
            """The draft mark across the page, light enough to read the text under it."""
            self.saveState()
            self.setFillColor(WATERMARK_GREY)
            self.translate(PAGE_W / 2, PAGE_H / 2)
            self.rotate(45)
            size = 96 if len(watermark) <= 4 else 64
            draw_text(self, 0, -size / 3, watermark, size, align="center")
            self.restoreState()

        def _letterhead(self, total: int) -> None:
            """The template's header and footer (docx_render.read_letterhead) on this page."""
            label = text("page_x_of_y", lang, sep="  ", page=self._pageNumber, pages=total)
            page_texts = {"page": str(self._pageNumber), "pages": str(total), "label": label}
            top = PAGE_H - LETTERHEAD_TOP
            for line in letterhead.header:
                top -= _draw_line(self, line, top, page_texts, footer=False)
            _, foot = letterhead_heights(letterhead)
            top = FOOTER_BOTTOM + foot
            self.setStrokeColor(GRID)
            self.setLineWidth(0.5)
            self.line(MARGIN, top + 1, PAGE_W - MARGIN, top + 1)
            for line in letterhead.footer:
                top -= _draw_line(self, line, top, page_texts, footer=True)
            if not letterhead.has_page_numbers:
                self.setFillColor(colors.HexColor("#404040"))
                draw_text(self, PAGE_W / 2, top - 9, label, 8, align="center")

    return NumberedCanvas


class _Doc(BaseDocTemplate):
    heading_pages: dict[str, int]

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, TocHeading):
            key = flowable.toc_key
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.toc_text, key, level=flowable.toc_level, closed=True)
            self.heading_pages[key] = self.page


def build_pdf(
    target: str | BinaryIO,
    story: list[Flowable],
    *,
    lang: Lang,
    title: str,
    header_left: str,
    header_right: str,
    with_toc: bool = False,
    invariant: bool = False,
    keywords: str = "",
    letterhead: Any = None,
    watermark: str = "",
    pdfa: bool = False,
) -> None:
    """Lay ``story`` out on A4 pages with the letterhead (the template's header and footer, or a
    plain line), page numbers, an optional draft watermark and optional contents; ``pdfa``
    makes the file PDF/A-2b (:mod:`auditdesk.exports.pdf_archive`)."""
    register_fonts()
    head_h, foot_h = letterhead_heights(letterhead)
    top_margin = MARGIN + 4 * mm
    bottom_margin = MARGIN
    if letterhead is not None:
        top_margin = max(top_margin, LETTERHEAD_TOP + head_h + BODY_GAP)
        bottom_margin = max(14 * mm, FOOTER_BOTTOM + foot_h + BODY_GAP)
    doc = _Doc(
        target,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=top_margin,
        bottomMargin=bottom_margin,
        title=title,
        author=header_left,
        creator="AuditDesk",
        keywords=keywords,
        invariant=1 if invariant else 0,
        initialFontName=CJK,
        initialFontSize=10,
        initialLeading=12,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.heading_pages = {}
    headings = list(_headings(story))
    for i, heading in enumerate(headings):
        heading.toc_key = f"h{i}"
    canvasmaker = _numbered_canvas(
        lang, header_left, header_right, doc.heading_pages, letterhead, watermark, pdfa
    )
    if with_toc:
        toc = OnePassContents(
            [(h.toc_level, h.toc_text, h.toc_key) for h in headings],
            levelStyles=list(contents_styles()),
            dotsMinLevel=0,
            tableStyle=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), CJK),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
        cover_end = next((i for i, f in enumerate(story) if isinstance(f, TocMarker)), 0)
        story = [
            *story[:cover_end],
            para(text("contents", lang), "h1", bold=True),
            toc,
            *story[cover_end:],
        ]
    doc.build(story, canvasmaker=canvasmaker)


def _headings(flowables: Sequence[Flowable]) -> Iterator[TocHeading]:
    """The headings in story order, also those kept together with what follows them."""
    for f in flowables:
        if isinstance(f, TocHeading):
            yield f
        else:
            yield from _headings(getattr(f, "_content", ()))


def contents_styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    return styles()["toc1"], styles()["toc2"]


class TocMarker(Spacer):
    """Where the table of contents goes (after the cover block)."""

    def __init__(self) -> None:
        super().__init__(1, 1)


def qr_drawing(payload: str, size: float) -> Any:
    """A QR code of ``payload`` as a ReportLab Drawing ``size`` points square."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    # The renderer starts every drawing by selecting its initial font (Helvetica unless told):
    # a font never embedded, which a PDF/A file must not reference. The QR has no text.
    d.initialFontName = CJK
    d.add(widget)
    return d


def qr_png(payload: str, size_px: int = 240) -> bytes:
    """The same QR code as PNG bytes (for the Word file), drawn module by module with Pillow."""
    from PIL import Image, ImageDraw
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(payload, barLevel="M")
    widget.qr.make()
    modules = widget.qr.modules
    n = len(modules)
    quiet = 4
    scale = max(1, size_px // (n + 2 * quiet))
    img = Image.new("1", ((n + 2 * quiet) * scale,) * 2, 1)
    draw = ImageDraw.Draw(img)
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                x, y = (c + quiet) * scale, (r + quiet) * scale
                draw.rectangle([x, y, x + scale - 1, y + scale - 1], fill=0)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


# --- PDF/A-2b (archiving) ---------------------------------------------------------------------
# What ISO 19005-2 level B asks beyond what every AuditDesk PDF already is (all fonts embedded
# TrueType subsets with ToUnicode, no encryption, no JavaScript, a file identifier): an sRGB
# output intent with its ICC profile (made by Pillow's littleCMS binding), XMP metadata that
# repeats the document information dictionary and declares part 2 / conformance B, and the print
# flag on every annotation (contents links).

SRGB_ID = "sRGB IEC61966-2.1"


@functools.cache
def srgb_icc() -> bytes:
    from PIL import ImageCms

    data: bytes = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return data


def _xmp_date(ts: Any) -> str:
    y, mo, d, h, mi, s = ts.YMDhms
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{ts.dhh:+03d}:{ts.dmm:02d}"


def xmp_packet(info: Any, ts: Any) -> str:
    """The XMP metadata of a PDF/A-2b file, matching its document information dictionary."""
    e = escape
    date = _xmp_date(ts)
    subject = getattr(info, "subject", "") or ""
    keywords = getattr(info, "keywords", "") or ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
        "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:format>application/pdf</dc:format>"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(info.title or "")}</rdf:li>'
        "</rdf:Alt></dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{e(info.author or '')}</rdf:li></rdf:Seq></dc:creator>"
        + (
            f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li>'
            "</rdf:Alt></dc:description>"
            if subject
            else ""
        )
        + "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<pdf:Producer>{e(info.producer or '')}</pdf:Producer>"
        + (f"<pdf:Keywords>{e(keywords)}</pdf:Keywords>" if keywords else "")
        + "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f"<xmp:CreatorTool>{e(info.creator or '')}</xmp:CreatorTool>"
        f"<xmp:CreateDate>{date}</xmp:CreateDate><xmp:ModifyDate>{date}</xmp:ModifyDate>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>" + " " * 200 + '<?xpacket end="w"?>'
    )


def make_pdfa(canvas: rl_canvas.Canvas) -> None:
    """Add the output intent and the XMP metadata to the canvas's document catalog."""
    from reportlab.pdfbase.pdfdoc import (
        PDFArray,
        PDFCatalog,
        PDFDictionary,
        PDFName,
        PDFStream,
        PDFString,
    )

    doc = canvas._doc
    icc = PDFStream(PDFDictionary({"N": 3}), srgb_icc())
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(SRGB_ID),
            "RegistryName": PDFString("http://www.color.org"),
            "Info": PDFString(SRGB_ID),
            "DestOutputProfile": doc.Reference(icc),
        }
    )
    packet = xmp_packet(doc.info, doc._timeStamp).encode("utf-8")

    class PlainStream(PDFStream):  # type: ignore[misc]
        """A stream written without compression (PDF/A: the XMP stays readable as it is)."""

        def format(self, document: Any) -> bytes:
            saved = document.defaultStreamFilters
            document.defaultStreamFilters = None
            try:
                data: bytes = super().format(document)
            finally:
                document.defaultStreamFilters = saved
            return data

    metadata = PlainStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), packet
    )
    catalog = doc.Catalog
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    catalog.__Refs__ = PDFCatalog.__NoDefault__  # Metadata by reference, the intents inline
    catalog.OutputIntents = PDFArray([intent])
    catalog.Metadata = metadata
