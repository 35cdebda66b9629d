"""Export operations of the harness: annual schedule, audit report (docx, pdf), audit package.

Floors are the bare libraries doing the same content: openpyxl write-only for the schedule's
cells; python-docx and ReportLab for the report's blocks (headings, paragraphs, tables, the
same photos downscaled by bare Pillow to the same size); the package floor is a plain zip of
the same members.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditdesk.bench.model import Context, Operation, Unavailable

MEMORY_LIMIT_MB = 400.0


@dataclass
class _State:
    ctx: Context
    db: Any = None
    out: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _open(ctx: Context) -> Any:
    from auditdesk.services.setup import open_database

    return open_database(ctx.url)


# ------------------------------------------------------------------ schedule
def _schedule() -> Operation:
    def setup(ctx: Context) -> _State:
        try:
            from auditdesk.exports import schedule  # noqa: F401
        except ImportError as exc:
            raise Unavailable("auditdesk.exports.schedule is not there") from exc
        return _State(ctx, _open(ctx), ctx.work / "schedule.xlsx")

    def run(state: _State) -> None:
        from auditdesk.exports.schedule import build_schedule_context, render_schedule_xlsx

        with state.db.session() as s:
            sctx = build_schedule_context(s, state.ctx.today.year, as_of=state.ctx.today)
        render_schedule_xlsx(sctx, state.out)

    def floor_setup(state: _State) -> None:
        from openpyxl import load_workbook

        wb = load_workbook(state.out, read_only=True)
        state.extra["sheets"] = [
            (ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets
        ]
        wb.close()
        state.extra["cells"] = sum(len(r) for _t, rows in state.extra["sheets"] for r in rows)

    def floor(state: _State) -> None:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        for title, rows in state.extra["sheets"]:
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        wb.save(state.ctx.work / "schedule-floor.xlsx")

    return Operation(
        "schedule.xlsx",
        "annual schedule export for the year (all certificates)",
        setup,
        run,
        floor_setup,
        floor,
        target=("ratio", 2.0),
        repeat=3,
        memory_limit_mb=MEMORY_LIMIT_MB,
    )


# ------------------------------------------------------------------ report
def _report(fmt: str) -> Operation:
    def setup(ctx: Context) -> _State:
        if not ctx.report_audit:
            raise Unavailable("the dataset has no report audit (regenerate it)")
        return _State(ctx, _open(ctx), ctx.work / f"report.{fmt}")

    def run(state: _State) -> None:
        from auditdesk.exports.photos import prepare_photo
        from auditdesk.exports.report_context import build_report_context
        from auditdesk.exports.report_document import render_report

        prepare_photo.cache_clear()  # every export pays for its photos, as a user's first one does
        with state.db.session() as s:
            rctx = build_report_context(s, state.ctx.report_audit, "zh")
        render_report(rctx, fmt, state.out)

    def floor_setup(state: _State) -> None:
        from auditdesk.exports.report_context import build_report_context
        from auditdesk.exports.report_document import report_document

        with state.db.session() as s:
            state.extra["doc"] = report_document(
                build_report_context(s, state.ctx.report_audit, "zh")
            )

    def floor(state: _State) -> None:
        out = state.ctx.work / f"report-floor.{fmt}"
        (_bare_docx if fmt == "docx" else _bare_pdf)(state.extra["doc"], out)

    return Operation(
        f"report.{fmt}",
        f"audit report {fmt} (300 evidence items, 40 photos)",
        setup,
        run,
        floor_setup,
        floor,
        target=("lt", 3.0),
        repeat=3,
        memory_limit_mb=MEMORY_LIMIT_MB,
    )


def _downscaled(path: Path) -> bytes:
    """The photo as bare Pillow shrinks it at its best: libjpeg's reduced-scale decoding
    (``draft``) then ``thumbnail`` to the app's long side, so the floor does the same pixel work."""
    from PIL import Image

    from auditdesk.exports.photos import MAX_PIXELS

    with Image.open(path) as img:
        img.draft("RGB", (MAX_PIXELS, MAX_PIXELS))
        img.thumbnail((MAX_PIXELS, MAX_PIXELS))
        out = io.BytesIO()
        img.convert("RGB").save(out, "JPEG", quality=80)
        return out.getvalue()


def _blocks(doc: Any) -> list[tuple[str, Any]]:
    """The report's content as plain (kind, value) items for the bare renderers."""
    from auditdesk.exports import blocks as b

    items: list[tuple[str, Any]] = []
    for block in doc.blocks:
        if isinstance(block, b.Title | b.Heading):
            items.append(("heading", block.text))
        elif isinstance(block, b.Para):
            items.append(("para", block.text))
        elif isinstance(block, b.Fields):
            items.append(
                (
                    "table",
                    (
                        None,
                        [list(p) for p in block.pairs],
                        (block.label_width, 1 - block.label_width),
                    ),
                )
            )
        elif isinstance(block, b.Table):
            items.append(
                ("table", (list(block.header), [list(r) for r in block.rows], block.widths))
            )
        elif isinstance(block, b.Photos):
            for photo in block.items:
                if photo.path is not None:
                    items.append(("photo", (photo.path, photo.caption)))
    return items


def _bare_docx(doc: Any, out: Path) -> None:
    from docx import Document
    from docx.shared import Cm

    word = Document()
    for kind, value in _blocks(doc):
        if kind == "heading":
            word.add_heading(value, level=1)
        elif kind == "para":
            word.add_paragraph(value)
        elif kind == "table":
            header, rows, _widths = value
            all_rows = ([header] if header else []) + rows
            if not all_rows:
                continue
            table = word.add_table(rows=len(all_rows), cols=len(all_rows[0]))
            for r, row in enumerate(all_rows):
                cells = table.rows[r].cells
                for c, text in enumerate(row):
                    cells[c].text = str(text)
        elif kind == "photo":
            path, caption = value
            word.add_picture(io.BytesIO(_downscaled(path)), width=Cm(8))
            word.add_paragraph(caption)
    word.save(str(out))


def _bare_pdf(doc: Any, out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Image, LongTable, Paragraph, SimpleDocTemplate

    from auditdesk.paths import cjk_font_path

    if "BareCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BareCJK", str(cjk_font_path()), subfontIndex=0))
    body = ParagraphStyle("body", fontName="BareCJK", fontSize=9, leading=12, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=13, leading=18)
    story: list[Any] = []
    frame = A4[0] - 2 * 72  # SimpleDocTemplate's default margins
    for kind, value in _blocks(doc):
        if kind in ("heading", "para"):
            story.append(Paragraph(_escape(value), head if kind == "heading" else body))
        elif kind == "table":
            header, rows, widths = value
            data = [
                [Paragraph(_escape(str(c)), body) for c in row]
                for row in ([header] if header else []) + rows
            ]
            if data:
                total = sum(widths) or 1
                col_widths = [frame * w / total for w in widths]
                story.append(LongTable(data, colWidths=col_widths, repeatRows=1 if header else 0))
        elif kind == "photo":
            path, caption = value
            story.append(Image(io.BytesIO(_downscaled(path)), width=8 * cm, height=6 * cm))
            story.append(Paragraph(_escape(caption), body))
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
    )


# ------------------------------------------------------------------ package
def _package(direction: str) -> Operation:
    def setup(ctx: Context) -> _State:
        try:
            from auditdesk.exchange import package  # noqa: F401
        except ImportError as exc:
            raise Unavailable("auditdesk.exchange.package is not there") from exc
        if not ctx.report_audit:
            raise Unavailable("the dataset has no report audit (regenerate it)")
        state = _State(ctx, _open(ctx), ctx.work / "audit.adpkg")
        with state.db.session() as s:
            from auditdesk.services.audits import find_audit

            state.extra["audit_id"] = find_audit(s, ctx.report_audit).id
        if direction == "import":
            _export(state)  # the package that fills each laptop
            state.extra["round"] = 0
        return state

    def run(state: _State) -> None:
        if direction == "export":
            _export(state)
        else:
            # The office merges a real laptop's package; filling the laptop is setup.
            from auditdesk.exchange.package import import_package

            with state.db.session() as s:
                import_package(s, state.extra.pop("next"))

    def prepare(state: _State) -> None:
        state.extra["round"] += 1
        state.extra["next"] = _laptop_return(state, state.extra["round"])

    if direction == "import":
        run.prepare = prepare  # type: ignore[attr-defined]

    def floor_setup(state: _State) -> None:
        if direction == "export" and state.out is not None and not state.out.exists():
            _export(state)
        if direction == "import":
            state.out = state.extra["last"]
        with zipfile.ZipFile(state.out) as z:
            state.extra["members"] = [(i.filename, z.read(i.filename)) for i in z.infolist()]

    def floor(state: _State) -> None:
        target = state.ctx.work / "package-floor.zip"
        if direction == "export":
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
                for name, data in state.extra["members"]:
                    z.writestr(name, data)
        else:
            with zipfile.ZipFile(state.out) as z:
                for info in z.infolist():
                    z.read(info.filename)

    limit = MEMORY_LIMIT_MB if direction == "export" else None
    return Operation(
        f"package.{direction}",
        f"audit package {direction} of the report audit",
        setup,
        run,
        floor_setup,
        floor,
        target=None,
        repeat=3,
        memory_limit_mb=limit,
    )


def _export(state: _State) -> None:
    from auditdesk.exchange.package import export_package

    with state.db.session() as s:
        export_package(s, [state.extra["audit_id"]], state.out)


def _laptop_return(state: _State, n: int) -> Path:
    """A new laptop (a second replica) is filled from the office's package, its auditor edits
    an evidence item, and it exports the package that goes back: what the office receives at
    the end of an audit."""
    laptop = _open_new(state.ctx.work / f"laptop-import-{n}" / "laptop.sqlite3")
    try:
        back = _laptop_round(state, laptop, n, edits=1, fill_from=state.out, name="laptop-import")
    finally:
        laptop.close()
    state.extra["last"] = back
    return back


# ------------------------------------------------------------------ merge of an edited package
MERGE_EDITS = 300


def _laptop_round(
    state: _State,
    laptop: Any,
    n: int,
    *,
    edits: int = 0,
    fill_from: Path | None = None,
    name: str = "laptop",
) -> Path:
    """On the laptop (filled first from ``fill_from`` when given): edit ``edits`` (default
    ``MERGE_EDITS``) evidence items of the audit (one field each, as the auditor types), export
    the package that goes back to the office."""
    from sqlalchemy import select

    from auditdesk.exchange.package import export_package, import_package
    from auditdesk.model import EvidenceItem
    from auditdesk.services.evidence import update_evidence

    audit_id = state.extra["audit_id"]
    if fill_from is not None:
        with laptop.session() as s:
            import_package(s, fill_from)
    with laptop.session() as s:
        ids = s.scalars(
            select(EvidenceItem.id)
            .where(EvidenceItem.audit_id == audit_id)
            .order_by(EvidenceItem.seq)
            .limit(edits or MERGE_EDITS)
        ).all()
        for i, ev_id in enumerate(ids):
            update_evidence(s, ev_id, {"description": f"现场核查记录 第{n}轮 第{i + 1}项 已复核"})
    out = state.ctx.work / f"{name}-{n}.adpkg"
    with laptop.session() as s:
        export_package(s, [audit_id], out)
    state.extra["edited"] = len(ids)
    return out


def _merge_edited() -> Operation:
    """The office merges back a laptop's package in which 300 evidence items were edited: it
    should cost in proportion to those changes, not to the office database (issue 21, point 1)."""

    def setup(ctx: Context) -> _State:
        from auditdesk.exchange.package import import_package
        from auditdesk.services.audits import find_audit

        if not ctx.report_audit:
            raise Unavailable("the dataset has no report audit (regenerate it)")
        state = _State(ctx, _open(ctx), ctx.work / "office.adpkg")
        with state.db.session() as s:
            state.extra["audit_id"] = find_audit(s, ctx.report_audit).id
        _export(state)
        laptop = _open_new(ctx.work / "laptop" / "laptop.sqlite3")
        with laptop.session() as s:
            import_package(s, state.out)
        state.extra["laptop"] = laptop
        state.extra["round"] = 0
        return state

    def run(state: _State) -> None:
        # the laptop's edits and export are setup; only the office's merge is timed
        path = state.extra.pop("next")
        state.extra["path"] = path
        from auditdesk.exchange.package import import_package

        with state.db.session() as s:
            import_package(s, path)

    def floor_setup(state: _State) -> None:
        state.extra["members"] = state.extra["path"]

    def floor(state: _State) -> None:
        with zipfile.ZipFile(state.extra["members"]) as z:
            for info in z.infolist():
                z.read(info.filename)

    return Operation(
        f"package.merge_{MERGE_EDITS}",
        f"office merges a laptop package with {MERGE_EDITS} edited evidence items",
        setup,
        _prepared(run),
        floor_setup,
        floor,
        target=None,
        repeat=3,
    )


def _prepared(run: Any) -> Any:
    """Each timed merge gets a package with fresh edits; making it is not timed."""

    def wrapped(state: _State) -> None:
        run(state)

    wrapped.prepare = lambda state: _next_round(state)  # type: ignore[attr-defined]
    return wrapped


def _next_round(state: _State) -> None:
    state.extra["round"] += 1
    state.extra["next"] = _laptop_round(state, state.extra["laptop"], state.extra["round"])


def _open_new(path: Path) -> Any:
    from auditdesk.services.setup import open_database

    path.parent.mkdir(parents=True, exist_ok=True)
    return open_database("sqlite:///" + str(path.resolve()), create=True)


def operations() -> list[Operation]:
    return [
        _schedule(),
        _report("docx"),
        _report("pdf"),
        _package("export"),
        _package("import"),
        _merge_edited(),
    ]
