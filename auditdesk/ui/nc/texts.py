"""Words for the codes the NC services return (STYLE habit 9: only the UI writes sentences).

Grades, states, history actions, review kinds, verification methods, overdue kinds and proposed
actions are words of the one catalogue (auditdesk/catalogue.py), the same the NC form prints;
refusals, field names and problems are this screen's sentences (Qt context ``NCTexts``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from auditdesk import catalogue
from auditdesk.services.errors import (
    Conflict,
    IllegalTransition,
    Locked,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from auditdesk.ui.conflict_reload import headline
from auditdesk.ui.i18n import current_language


class NCTexts(QObject):
    """One translator context ("NCTexts") for every NC code shown on screen."""

    def grade(self, code: Any) -> str:
        return catalogue.word("nc_grade", code, current_language())

    def grade_definition(self, code: str) -> str:
        if str(code) == "major":
            return self.tr(
                "Major (严重不符合): affects the capability of the management system to achieve its "
                "intended results — e.g. significant doubt that process control is effective, or several "
                "minors on the same requirement showing a systemic failure (ISO/IEC 17021-1 3.12)."
            )
        return self.tr(
            "Minor (一般不符合): does not affect the capability of the management system to "
            "achieve its intended results (ISO/IEC 17021-1 3.13)."
        )

    def state(self, code: Any) -> str:
        return catalogue.word("nc_state", code, current_language())

    def action(self, code: Any) -> str:
        return catalogue.word("nc_action", code, current_language())

    def kind(self, code: Any) -> str:
        return catalogue.word("nc_review_kind", code, current_language())

    def method(self, code: Any) -> str:
        return catalogue.word("verification_method", code, current_language())

    def overdue(self, code: Any) -> str:
        return catalogue.word("nc_overdue", code, current_language())

    def proposed_action(self, code: Any) -> str:
        return catalogue.word("nc_proposed_action", code, current_language())

    def refusal(self, code: str) -> str:
        return {
            "only_drafts_are_edited": self.tr(
                "Only a draft NC can be edited; this one has been issued."
            ),
            "already_issued": self.tr("This NC has already been issued."),
            "not_awaiting_response": self.tr("This NC is not waiting for a client response."),
            "no_response_to_review": self.tr("There is no client response waiting for review."),
            "response_not_accepted": self.tr(
                "Only an NC whose response was accepted can be verified."
            ),
            "not_verified": self.tr("An NC must be verified before it is closed."),
            "not_closed": self.tr("Only a verified or closed NC can be reopened."),
            "closed_is_final": self.tr("This NC is closed; only an administrator can reopen it."),
        }.get(code, code)

    def field(self, name: str) -> str:
        return {
            "requirement": self.tr("Requirement"),
            "evidence_text": self.tr("Objective evidence"),
            "reason": self.tr("Reason"),
            "evidence": self.tr("Linked evidence"),
            "clause": self.tr("Clause"),
            "grade": self.tr("Grade"),
            "correction": self.tr("Correction"),
            "root_cause": self.tr("Root cause"),
            "corrective_action": self.tr("Corrective action"),
            "owners": self.tr("Owners"),
            "planned_date": self.tr("Planned date"),
            "response_received_on": self.tr("Response received on"),
            "verification_method": self.tr("Verification method"),
            "verified_by": self.tr("Verified by"),
            "verified_on": self.tr("Verified on"),
            "effectiveness": self.tr("Effectiveness"),
            "selection": self.tr("Selection"),
            "note": self.tr("Note"),
        }.get(name, name)

    def problem(self, code: str) -> str:
        return {
            "required": self.tr("required"),
            "at_least_one": self.tr("link at least one evidence item"),
            "not_in_audit": self.tr("evidence of another audit"),
            "not_in_audit_standards": self.tr("clause of a standard this audit does not cover"),
            "before_response": self.tr("before the response was received"),
            "not_allowed_in_bulk": self.tr("only document review can be done in bulk"),
            "empty": self.tr("nothing selected"),
        }.get(code, code)

    def role(self, code: str) -> str:
        return {
            "auditor": self.tr("auditor"),
            "lead": self.tr("lead auditor"),
            "admin": self.tr("administrator"),
        }.get(code, code)

    def error(self, exc: ServiceError) -> str:
        """Why an action was refused, in the user's words."""
        if isinstance(exc, PermissionDenied) and "needs" in exc.details:
            return (
                self.tr("You are signed in as %1 (%2). This action needs the %3 role.")
                .replace("%1", str(exc.details.get("user", "")))
                .replace("%2", self.role(str(exc.details.get("role", ""))))
                .replace("%3", self.role(str(exc.details["needs"])))
            )
        if isinstance(exc, IllegalTransition):
            text = self.refusal(str(exc.details.get("reason", "")))
            numbers = exc.details.get("numbers") or (
                [exc.details["number"]] if exc.details.get("number") else []
            )
            return f"{text}\n{', '.join(numbers)}" if numbers else text
        if isinstance(exc, Conflict):
            if exc.details.get("subject"):
                return (
                    headline(exc)
                    + " "
                    + self.tr(
                        "The dialog shows the current state; repeat the action if it is still"
                        " needed."
                    )
                )
            return self.tr(
                "Someone else changed this nonconformity meanwhile. The list shows the current state;"
                " please look again and repeat the action if it is still needed."
            )
        if isinstance(exc, Locked):
            return self.tr(
                "The audit's report has been issued: its findings can no longer be changed."
            )
        if isinstance(exc, ValidationFailed):
            return "\n".join(f"{self.field(f)}: {self.problem(c)}" for f, c in exc.errors.items())
        return str(exc)

    def basis(self, basis: Any) -> str:
        if basis is None:
            return ""
        clause = basis.clause
        if clause and clause[0].isdigit():
            clause = "§" + clause
        rule = self.tr("CB setting") if basis.rule_id == "CB setting" else basis.rule_id
        return f"{rule} {clause}"
