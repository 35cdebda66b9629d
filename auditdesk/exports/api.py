"""One call for the GUI (a background job) and the CLI: build a document's context and render it.

export_document(session, "report", "2026-0031", "pdf", "zh", path_or_stream)
export_schedule(session, 2027, as_of, "en", path_or_stream)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from auditdesk.exports.blocks import Document
from auditdesk.exports.common import report_pdfa

KINDS = {
    "report": ("docx", "pdf"),
    "plan": ("docx", "pdf"),
    "nc_form": ("docx", "pdf"),
    "case": ("docx",),
    "certificate": ("docx", "pdf"),
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
    if kind == "certificate":
        from auditdesk.exports.certificate_context import build_certificate_context
        from auditdesk.exports.certificate_document import certificate_document

        return certificate_document(build_certificate_context(session, ref, lang))
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
    if kind == "report":
        export_report(session, ref, fmt, lang, target, invariant=invariant)
        return
    from auditdesk.exports.render import render_document

    render_document(document_for(session, kind, ref, lang), fmt, target, invariant=invariant)


ISSUE_LANGS = ("zh", "en", "bilingual")


def _write(target: str | Path | BinaryIO, data: bytes) -> None:
    if isinstance(target, str | Path):
        Path(target).write_bytes(data)
    else:
        target.write(data)


def render_report_bytes(
    session: Session, ref: str, fmt: str, lang: str, *, pdfa: bool = False
) -> bytes:
    import io

    from auditdesk.exports.render import render_document

    buf = io.BytesIO()
    render_document(document_for(session, "report", ref, lang), fmt, buf, pdfa=pdfa)
    return buf.getvalue()


def export_report(
    session: Session,
    ref: str,
    fmt: str,
    lang: str,
    target: str | Path | BinaryIO,
    *,
    invariant: bool = False,
) -> str | None:
    """The report of audit ``ref``. An issued revision is the archived file, byte for byte
    (never re-rendered); a draft is rendered now. Returns the archived file's SHA-256, or None
    for a draft."""
    from auditdesk.services import report_issue
    from auditdesk.services.audits import find_audit

    audit = find_audit(session, ref)
    latest = report_issue.latest_revision(session, audit.id) if audit.locked else None
    if latest is not None:
        kept = report_issue.archived_file(latest, fmt, lang)
        if kept is None:
            raise ValueError(
                f"revision {latest.revision} of audit {audit.number} was not archived as "
                f"{fmt} ({lang}); an issued report is never rendered again"
            )
        _write(target, report_issue.archived_bytes(session, kept["sha256"]))
        return kept["sha256"]
    from auditdesk.exports.render import render_document

    render_document(document_for(session, "report", ref, lang), fmt, target, invariant=invariant)
    return None


def issue_report(
    session: Session,
    ref: str,
    change_note: str = "",
    *,
    override_reason: str = "",
    langs: tuple[str, ...] = ISSUE_LANGS,
) -> Any:
    """Issue the report (``services.report_issue.issue_report``: role, pre-issue gate, override)
    and archive the issued files: PDF and Word in each of ``langs``, the exact bytes that any
    later export of this revision returns. The PDF is PDF/A-2b unless the CB setting
    ``report_pdfa`` is off (``exports.common.report_pdfa``). Returns the ReportRevision."""
    from auditdesk.services import report_issue
    from auditdesk.services.audits import find_audit

    audit = find_audit(session, ref)
    pdfa = report_pdfa(session)
    rev = report_issue.issue_report(session, audit.id, change_note, override_reason=override_reason)
    for lang in langs:
        for fmt in KINDS["report"]:
            data = render_report_bytes(
                session, str(audit.id), fmt, lang, pdfa=pdfa and fmt == "pdf"
            )
            name = f"report-{audit.number}-R{rev.revision}-{lang}.{fmt}"
            report_issue.archive_file(session, rev, name, fmt, lang, data)
    return rev


def export_schedule(
    session: Session, year: int, as_of: dt.date | None, lang: str, target: str | Path | BinaryIO
) -> int:
    """Write the schedule workbook; returns the number of rows."""
    from auditdesk.exports.schedule import build_schedule_context, render_schedule_xlsx

    ctx = build_schedule_context(session, year, as_of, lang)
    render_schedule_xlsx(ctx, target)
    return len(ctx.rows)
