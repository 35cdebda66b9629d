"""Words for the codes the NC services return (STYLE habit 9: only the UI writes sentences)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from auditdesk.services.errors import (
    Conflict,
    IllegalTransition,
    Locked,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)


class NCTexts(QObject):
    """One translator context ("NCTexts") for every NC code shown on screen."""

    def grade(self, code: str) -> str:
        return {"major": self.tr("Major"), "minor": self.tr("Minor")}.get(str(code), str(code))

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
        code = getattr(code, "value", code)
        return {
            "draft": self.tr("Draft"),
            "issued": self.tr("Issued"),
            "response_received": self.tr("Response received"),
            "response_accepted": self.tr("Response accepted"),
            "response_rejected": self.tr("Response rejected"),
            "verified": self.tr("Verified"),
            "closed": self.tr("Closed"),
        }.get(str(code), str(code))

    def action(self, code: str) -> str:
        return {
            "raise": self.tr("Raised"),
            "edit": self.tr("Draft edited"),
            "issue": self.tr("Issued to client"),
            "record_response": self.tr("Client response entered"),
            "accept": self.tr("Response accepted"),
            "reject": self.tr("Response rejected"),
            "verify": self.tr("Verified"),
            "close": self.tr("Closed"),
            "reopen": self.tr("Reopened"),
            "reverify": self.tr("Re-verified at a later audit"),
            "renumber": self.tr(
                "Renumbered (the number was taken by another NC in an offline merge)"
            ),
        }.get(str(code), str(code))

    def kind(self, code: Any) -> str:
        code = getattr(code, "value", code)
        return {
            "response_to_review": self.tr("Response to review"),
            "verification_due": self.tr("Verification due"),
            "ready_to_close": self.tr("Ready to close"),
        }.get(str(code), str(code))

    def method(self, code: Any) -> str:
        code = getattr(code, "value", code)
        return {
            "document_review": self.tr("Document review"),
            "follow_up_visit": self.tr("Follow-up visit"),
            "next_audit": self.tr("At the next audit"),
        }.get(str(code), str(code or ""))

    def overdue(self, code: Any) -> str:
        code = getattr(code, "value", code)
        return {
            "response_overdue": self.tr("Response overdue"),
            "verification_overdue": self.tr("Verification overdue"),
        }.get(str(code), str(code))

    def proposed_action(self, code: Any) -> str:
        code = getattr(code, "value", code)
        return {
            "follow_up_audit": self.tr("Follow-up audit"),
            "suspension": self.tr("Suspension"),
            "repeat_stage2": self.tr("Repeat stage 2"),
            "refuse_certification": self.tr("Refuse certification"),
        }.get(str(code), str(code))

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
