"""One call for the GUI (a background job) and the CLI: build a document's context and render it.

export_document(session, "report", "2026-0031", "pdf", "zh", path_or_stream)
export_schedule(session, 2027, as_of, "en", path_or_stream)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from auditdesk.exports.blocks import Document

KINDS = {
    "report": ("docx", "pdf"),
    "plan": ("docx", "pdf"),
    "nc_form": ("docx", "pdf"),
    "case": ("docx",),
}


def document_for(session: Session, kind: str, ref: str, lang: str = "zh") -> Document:
    """The laid-out document ``kind`` for ``ref`` (audit number/UUID, or NC number for nc_form)."""
    if kind == "report":
        from auditdesk.exports.report_context import build_report_context
        from auditdesk.exports.report_document import report_document

        return report_document(build_report_context(session, ref, lang))
    if kind == "plan":
        from auditdesk.exports.plan import build_plan_context, plan_document

        return plan_document(build_plan_context(session, ref, lang))
    if kind == "nc_form":
        from auditdesk.exports.nc_form import build_nc_form_context, nc_form_document

        return nc_form_document(build_nc_form_context(session, ref, lang))
    if kind == "case":
        from auditdesk.exports.case import build_case_context, case_document

        return case_document(build_case_context(session, ref, lang))
    raise ValueError(f"kind: '{kind}' is not one of {', '.join(KINDS)}")


def export_document(
    session: Session,
    kind: str,
    ref: str,
    fmt: str,
    lang: str,
    target: str | Path | BinaryIO,
    *,
    invariant: bool = False,
) -> None:
    if fmt not in KINDS.get(kind, ()):
        raise ValueError(
            f"format: '{fmt}' is not available for {kind} ({', '.join(KINDS.get(kind, ()))})"
        )
    from auditdesk.exports.render import render_document

    render_document(document_for(session, kind, ref, lang), fmt, target, invariant=invariant)


def export_schedule(
    session: Session, year: int, as_of: dt.date | None, lang: str, target: str | Path | BinaryIO
) -> int:
    """Write the schedule workbook; returns the number of rows."""
    from auditdesk.exports.schedule import build_schedule_context, render_schedule_xlsx

    ctx = build_schedule_context(session, year, as_of, lang)
    render_schedule_xlsx(ctx, target)
    return len(ctx.rows)
