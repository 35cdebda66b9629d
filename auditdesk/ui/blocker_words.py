"""The pre-issue check's blockers and the team statements, in the user's language.

Used by the documents page and by the error box (a refused issue lists its blockers); kept
apart from ``ui/documents.py`` so ``ui/errors.py`` can use it without an import cycle. The
translation context stays "Documents".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def statement_names() -> dict[str, str]:
    return {
        "marks": QCoreApplication.translate("Documents", "Use of the certificate and marks"),
        "changes": QCoreApplication.translate(
            "Documents", "Significant changes since the last audit"
        ),
        "complaints": QCoreApplication.translate("Documents", "Complaints and their handling"),
        "previous_ncs": QCoreApplication.translate(
            "Documents", "Corrective actions on previous nonconformities"
        ),
        "internal_audit_review": QCoreApplication.translate(
            "Documents", "Internal audit and management review"
        ),
        "objectives": QCoreApplication.translate("Documents", "Progress towards the objectives"),
        "improvement": QCoreApplication.translate("Documents", "Continual improvement"),
    }


def blocker_words(code: str, detail: str) -> str:
    """One pre-issue blocker (``services.report_verdict.Blocker``) as a translated sentence."""
    if code in ("statement.missing", "coverage.must_cover_missing"):
        detail = statement_names().get(detail, detail)
    texts = {
        "clause.not_judged": QCoreApplication.translate("Documents", "Clause %1 is not judged"),
        "nc.no_evidence": QCoreApplication.translate("Documents", "%1 cites no evidence"),
        "nc.draft": QCoreApplication.translate("Documents", "%1 is still a draft"),
        "check_in.opening_missing": QCoreApplication.translate(
            "Documents", "No opening-meeting check-in photo"
        ),
        "check_in.closing_missing": QCoreApplication.translate(
            "Documents", "No closing-meeting check-in photo"
        ),
        "previous_nc.not_verified": QCoreApplication.translate(
            "Documents", "Previous nonconformity %1 is not re-verified at this audit"
        ),
        "coverage.must_cover_missing": QCoreApplication.translate(
            "Documents", "Must-cover item %1 has no evidence"
        ),
        "judgement.scope_unset": QCoreApplication.translate(
            "Documents", "The team has not judged whether the scope is appropriate"
        ),
        "judgement.objectives_unset": QCoreApplication.translate(
            "Documents", "The team has not judged whether the audit objectives were met"
        ),
        "statement.missing": QCoreApplication.translate("Documents", "No team statement on: %1"),
        "report.not_reviewed": QCoreApplication.translate(
            "Documents", "The report draft is not reviewed"
        ),
        "contradiction.conclusion_conformity": QCoreApplication.translate(
            "Documents", "The team's conclusion claims conformity, but %1 stands"
        ),
        "contradiction.conclusion_effectiveness": QCoreApplication.translate(
            "Documents",
            "The team's conclusion claims effectiveness, but the major %1 is not verified",
        ),
        "contradiction.recommendation_unconditional": QCoreApplication.translate(
            "Documents",
            "The conclusion recommends without condition, but the major %1 is not verified",
        ),
        "contradiction.recommendation_type": QCoreApplication.translate(
            "Documents", "The recommendation '%1' does not fit the audit type"
        ),
        "contradiction.recommendation_refuse": QCoreApplication.translate(
            "Documents",
            "The findings do not support a recommendation (major NC overdue), yet it reads '%1'",
        ),
        "contradiction.objectives_terminated": QCoreApplication.translate(
            "Documents", "The audit was terminated, yet its objectives are judged met"
        ),
        "contradiction.scope_nc": QCoreApplication.translate(
            "Documents", "The scope is judged appropriate, but %1 is against clause 4.3"
        ),
    }
    return texts.get(code, f"{code} %1").replace("%1", detail).strip()
