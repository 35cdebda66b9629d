"""Any :class:`~auditdesk.exports.blocks.Document` as a PDF (ReportLab platypus)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak

from auditdesk.exports import blocks as b
from auditdesk.exports.labels import Lang
from auditdesk.exports.pdf_base import (
    CJK,
    CONTENT_W,
    GRID,
    HEADER_FILL,
    JpegImage,
    TocHeading,
    TocMarker,
    build_pdf,
    field_table,
    grid_table,
    para,
    qr_drawing,
)
from auditdesk.exports.photos import prepare_photo
from auditdesk.exports.verification import verification_keyword

HIGHLIGHT = colors.HexColor("#FCE4D6")
PHOTO_W = (CONTENT_W - 8 * mm) / 2
PHOTO_MAX_H = 65 * mm


def _photo_cell(photo: b.Photo, missing: str) -> list[Flowable]:
    prepared = prepare_photo(photo.path) if photo.path is not None else None
    if prepared is None:
        return [para(missing, "caption"), para(photo.caption, "caption")]
    scale = min(PHOTO_W / prepared.width, PHOTO_MAX_H / prepared.height)
    img = JpegImage(prepared.data, prepared.width * scale, prepared.height * scale)
    return [img, Spacer(1, 2), para(photo.caption, "caption")]


def _photos(block: b.Photos) -> Flowable:
    cells = [_photo_cell(p, block.missing_text) for p in block.items]
    rows = [
        cells[i : i + 2] + ([[]] if len(cells[i : i + 2]) == 1 else [])
        for i in range(0, len(cells), 2)
    ]
    t = Table(rows, colWidths=[CONTENT_W / 2] * 2)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), CJK),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return t


def _box(block: b.Box) -> KeepTogether:
    t = Table(
        [[para(block.label, "cell_head", bold=True)], [Spacer(1, block.lines * 16)]],
        colWidths=[CONTENT_W],
    )
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), CJK),
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, GRID),
            ]
        )
    )
    return KeepTogether([t, Spacer(1, 4)])


def _signatures(block: b.Signatures) -> KeepTogether:
    cols = len(block.parties)
    rows: list[list[Any]] = [
        [para(role, "cell_head", bold=True) for role, _ in block.parties],
        [para(f"{block.signature_label}{block.colon}{name}", "cell") for _, name in block.parties],
        [Spacer(1, 24) for _ in block.parties],
        [para(f"{block.date_label}{block.colon}", "cell") for _ in block.parties],
    ]
    t = Table(rows, colWidths=[CONTENT_W / cols] * cols)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), CJK),
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, 0), 0.4, GRID),
                ("LINEAFTER", (0, 0), (-2, -1), 0.6, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ]
        )
    )
    return KeepTogether([Spacer(1, 6), t])


def _verification(block: b.Verification, lang: str) -> Table:
    from auditdesk.exports.verification import chain_text

    size = 26 * mm
    text = [para(block.code, "body", bold=True)]
    if block.chain:
        text.append(para(chain_text(block.chain, lang), "cell"))
    text.append(para(block.hint, "small"))
    t = Table([[qr_drawing(block.payload, size), text]], colWidths=[size + 4 * mm, None])
    t.setStyle(
        TableStyle(
            [
                # every cell selects its font, the QR's too: never the unembedded Helvetica
                ("FONTNAME", (0, 0), (-1, -1), CJK),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("BOX", (0, 0), (-1, -1), 0.4, GRID),
            ]
        )
    )
    return t


def _flowables(doc: b.Document) -> list[Flowable]:
    story: list[Flowable] = []

    def keep_with_heading(group: KeepTogether) -> None:
        # ReportLab's keepWithNext does not bind a heading to a KeepTogether; do it here.
        if story and isinstance(story[-1], TocHeading):
            group = KeepTogether([story.pop(), *group._content])
        story.append(group)

    for block in doc.blocks:
        if isinstance(block, b.Title):
            story += [Spacer(1, 6 * mm), para(block.text, "title", bold=True)]
            if block.subtitle:
                story.append(para(block.subtitle, "subtitle"))
        elif isinstance(block, b.Heading):
            story.append(TocHeading(block.text, block.level))
        elif isinstance(block, b.Para):
            story.append(para(block.text, "small" if block.style == "small" else "body"))
        elif isinstance(block, b.Fields):
            story += [
                field_table(block.pairs, block.label_width, not block.keep_rows),
                Spacer(1, 4),
            ]
        elif isinstance(block, b.Table):
            extra = [
                ("BACKGROUND", (0, i + 1), (-1, i + 1), HIGHLIGHT) for i in sorted(block.highlight)
            ]
            story += [
                grid_table(block.header, block.rows, block.widths, extra, not block.keep_rows),
                Spacer(1, 4),
            ]
        elif isinstance(block, b.Photos):
            story.append(_photos(block))
        elif isinstance(block, b.Box):
            keep_with_heading(_box(block))
        elif isinstance(block, b.Signatures):
            keep_with_heading(_signatures(block))
        elif isinstance(block, b.Verification):
            story += [Spacer(1, 3), _verification(block, doc.lang), Spacer(1, 4)]
        elif isinstance(block, b.TocHere):
            story.append(TocMarker())
        elif isinstance(block, b.PageBreak):
            story.append(RLPageBreak())
    return story


WATERMARK = {"zh": "草稿", "en": "DRAFT", "bilingual": "草稿 DRAFT"}


def render_pdf(
    doc: b.Document,
    target: str | Path | BinaryIO,
    *,
    invariant: bool = False,
    template_dir: Path | None = None,
    pdfa: bool = False,
) -> None:
    """Write ``doc`` as a PDF to a path or a binary stream, with the letterhead of its Word
    template (TemplateError naming the file when the template cannot be read)."""
    from auditdesk.exports.docx_render import read_letterhead

    letterhead = read_letterhead(doc, template_dir)
    out: str | BinaryIO = str(target) if isinstance(target, str | Path) else target
    build_pdf(
        out,
        _flowables(doc),
        lang=Lang(doc.lang),
        title=doc.title,
        header_left=doc.header_left,
        header_right=doc.header_right,
        with_toc=doc.toc,
        invariant=invariant,
        keywords=verification_keyword(doc),
        letterhead=letterhead,
        watermark=WATERMARK.get(doc.lang, "DRAFT") if doc.is_draft else "",
        pdfa=pdfa,
    )
