"""File → *Verify a report copy…*: is a PDF or Word file the report AuditDesk issued, and do the
audit's records still match it? (issue 17, point 6)

The same check as ``auditdesk verify FILE`` (:mod:`auditdesk.exports.copy_check`), run off the GUI
thread, worded here in the user's language: a client, a regulator or a reviewer hands the CB a
copy, and anyone signed in can tell whether it is the issued revision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from auditdesk.exports.common import local_time
from auditdesk.exports.copy_check import CopyCheck, Problem, check_copy
from auditdesk.ui import errors
from auditdesk.ui.jobs import Job, run_job


def _t(text: str) -> str:
    return QCoreApplication.translate("VerifyCopy", text)


def make_action(window: Any) -> QAction:
    action = QAction(window)
    action.setObjectName("verifyCopyAction")
    action.triggered.connect(lambda: setattr(window, "verify_job", verify_copy(window)))
    retranslate(action)
    return action


def retranslate(action: QAction) -> None:
    action.setText(QCoreApplication.translate("VerifyCopy", "Verify a report copy…"))
    action.setToolTip(
        QCoreApplication.translate(
            "VerifyCopy",
            "Check that a PDF or Word file is the issued report and its records are unchanged",
        )
    )


def verify_copy(parent: QWidget | None, path: Path | None = None) -> Job | None:
    """Ask for the file (unless given), check it in the background, then say the outcome."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("VerifyCopy", "Verify a report copy"),
            "",
            QCoreApplication.translate("VerifyCopy", "Reports (*.pdf *.docx)"),
        )
        if not chosen:
            return None
        path = Path(chosen)

    def work(job: Job) -> CopyCheck:
        with job.session() as session:
            return check_copy(session, path)

    return run_job(
        work,
        lambda check: _tell(parent, check),
        None,
        QCoreApplication.translate("VerifyCopy", "Checking…"),
        parent=parent,
    )


def _tell(parent: QWidget | None, check: CopyCheck) -> None:
    title = (
        QCoreApplication.translate("VerifyCopy", "Report verified")
        if check.ok
        else QCoreApplication.translate("VerifyCopy", "Not verified")
    )
    text = "\n".join(describe(check))
    if errors.shown is not None:  # tests collect instead of showing
        errors.shown.append((title, text))
        return
    (QMessageBox.information if check.ok else QMessageBox.warning)(parent, title, text)


def describe(check: CopyCheck) -> list[str]:
    """The outcome in the user's language: what the file is, then each problem, then the verdict."""
    lines: list[str] = []
    if check.issued:
        when = local_time(check.issued_at) if check.issued_at else None
        lines.append(
            QCoreApplication.translate(
                "VerifyCopy",
                "%1 is the issued file of audit %2, revision %3 (%4), issued %5 by %6.",
            )
            .replace("%1", check.file.name)
            .replace("%2", check.audit)
            .replace("%3", str(check.revision))
            .replace("%4", check.format.upper())
            .replace("%5", f"{when:%Y-%m-%d %H:%M}" if when else "")
            .replace("%6", check.issued_by)
        )
        if check.superseded:
            lines.append(
                QCoreApplication.translate(
                    "VerifyCopy", "It has been superseded by revision %1."
                ).replace("%1", str(check.latest_revision))
            )
    lines.extend(problem_text(p) for p in check.problems)
    lines.append(
        QCoreApplication.translate(
            "VerifyCopy", "The copy is the issued revision and its records are unchanged."
        )
        if check.ok
        else QCoreApplication.translate(
            "VerifyCopy", "This copy cannot be trusted as the issued report."
        )
    )
    return lines


# The tables of the records kept at issue (services.report_issue.audit_records) and what
# happened to a row of them.
TABLES = {
    "attachments": QT_TRANSLATE_NOOP("VerifyCopy", "Photo or file"),
    "audit": QT_TRANSLATE_NOOP("VerifyCopy", "Audit"),
    "certificates": QT_TRANSLATE_NOOP("VerifyCopy", "Certificate"),
    "evidence": QT_TRANSLATE_NOOP("VerifyCopy", "Evidence"),
    "evidence_clauses": QT_TRANSLATE_NOOP("VerifyCopy", "Evidence–clause link"),
    "judgements": QT_TRANSLATE_NOOP("VerifyCopy", "Clause judgement"),
    "nc_evidence": QT_TRANSLATE_NOOP("VerifyCopy", "NC–evidence link"),
    "nonconformities": QT_TRANSLATE_NOOP("VerifyCopy", "Nonconformity"),
    "sites": QT_TRANSLATE_NOOP("VerifyCopy", "Site"),
    "team": QT_TRANSLATE_NOOP("VerifyCopy", "Audit team"),
}
KINDS = {
    "changed": QT_TRANSLATE_NOOP("VerifyCopy", "changed"),
    "added": QT_TRANSLATE_NOOP("VerifyCopy", "added"),
    "removed": QT_TRANSLATE_NOOP("VerifyCopy", "removed"),
}


def problem_text(problem: Problem) -> str:
    p = problem.params
    code = problem.code
    if code == "modified_copy":
        return (
            QCoreApplication.translate(
                "VerifyCopy",
                "%1 claims to be report %2, but it is not the file that was issued: it was modified or made again.",
            )
            .replace("%1", p["name"])
            .replace("%2", p["code"])
        )
    if code == "not_issued_here":
        return QCoreApplication.translate(
            "VerifyCopy", "%1 is not a report issued from this database."
        ).replace("%1", p["name"])
    if code in ("code_mismatch", "fingerprint_changed"):
        return QCoreApplication.translate(
            "VerifyCopy", "The record of revision %1 was changed after it was issued."
        ).replace("%1", str(p["revision"]))
    if code == "chain_cut":
        return QCoreApplication.translate(
            "VerifyCopy",
            "The change history that revision %1 printed is no longer in the database: it was rewritten or cut off.",
        ).replace("%1", str(p["revision"]))
    if code in ("records_differ", "records_mismatch"):
        return QCoreApplication.translate(
            "VerifyCopy", "The records of audit %1 changed since the issue:"
        ).replace("%1", p["audit"])
    if code == "change":
        what = _t(str(TABLES.get(p["table"], p["table"])))
        kind = _t(str(KINDS.get(p["kind"], p["kind"])))
        fields = f" ({', '.join(p['fields'])})" if p["fields"] else ""
        return f"  · {what} {p['record']}: {kind}{fields}"
    if code == "missing_file":
        return QCoreApplication.translate(
            "VerifyCopy", "A file of the report is missing from the attachment store (%1…)."
        ).replace("%1", p["hash"])
    if code == "damaged_file":
        return QCoreApplication.translate(
            "VerifyCopy", "A file of the report in the attachment store was altered (%1…)."
        ).replace("%1", p["hash"])
    return code  # a code this screen does not know yet: shown as it is, never hidden
