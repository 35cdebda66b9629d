"""The one table that turns codes from the services into words on screen.

Services and rules return codes (enum values, validation codes, rule basis codes, error
codes); everything the user reads is looked up here through Qt Linguist (context
``Labels``), so a code added below shows up in ``lupdate`` and gets its zh_CN translation.
An unknown code is shown as itself rather than raising: the screen must never break on text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CTX = "Labels"

# (group, code) -> English source text. Groups: enum names, "column", "validation", ...
_TEXT: dict[tuple[str, str], str] = {
    # certificate status (stored) and computed status codes
    ("cert_status", "valid"): QT_TRANSLATE_NOOP("Labels", "Valid"),
    ("cert_status", "suspended"): QT_TRANSLATE_NOOP("Labels", "Suspended"),
    ("cert_status", "withdrawn"): QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
    ("cert_status", "expired"): QT_TRANSLATE_NOOP("Labels", "Expired"),
    ("cert_status", "cancelled"): QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    ("status_code", "valid"): QT_TRANSLATE_NOOP("Labels", "Valid"),
    ("status_code", "suspension_required"): QT_TRANSLATE_NOOP("Labels", "Suspension required"),
    ("status_code", "suspended"): QT_TRANSLATE_NOOP("Labels", "Suspended"),
    ("status_code", "withdrawal_required"): QT_TRANSLATE_NOOP("Labels", "Withdrawal required"),
    ("status_code", "withdrawn"): QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
    ("status_code", "expired"): QT_TRANSLATE_NOOP("Labels", "Expired"),
    ("status_code", "restorable"): QT_TRANSLATE_NOOP("Labels", "Expired, restorable"),
    ("status_code", "cancelled"): QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    ("status_code", "not_yet_valid"): QT_TRANSLATE_NOOP("Labels", "Not yet valid"),
    # certificate events
    ("event", "issue"): QT_TRANSLATE_NOOP("Labels", "Issue"),
    ("event", "suspend"): QT_TRANSLATE_NOOP("Labels", "Suspend"),
    ("event", "restore"): QT_TRANSLATE_NOOP("Labels", "Restore"),
    ("event", "withdraw"): QT_TRANSLATE_NOOP("Labels", "Withdraw"),
    ("event", "cancel"): QT_TRANSLATE_NOOP("Labels", "Cancel at client's request"),
    ("event", "reduce_scope"): QT_TRANSLATE_NOOP("Labels", "Reduce scope"),
    ("event", "extend_scope"): QT_TRANSLATE_NOOP("Labels", "Extend scope"),
    ("event", "recertify"): QT_TRANSLATE_NOOP("Labels", "Recertify"),
    ("event", "expire"): QT_TRANSLATE_NOOP("Labels", "Expire"),
    ("event", "transfer"): QT_TRANSLATE_NOOP("Labels", "Transfer"),
    # audit type / status / mode
    ("audit_type", "stage1"): QT_TRANSLATE_NOOP("Labels", "Stage 1"),
    ("audit_type", "stage2"): QT_TRANSLATE_NOOP("Labels", "Stage 2"),
    ("audit_type", "surveillance_1"): QT_TRANSLATE_NOOP("Labels", "Surveillance 1"),
    ("audit_type", "surveillance_2"): QT_TRANSLATE_NOOP("Labels", "Surveillance 2"),
    ("audit_type", "recertification"): QT_TRANSLATE_NOOP("Labels", "Recertification"),
    ("audit_type", "special"): QT_TRANSLATE_NOOP("Labels", "Special audit"),
    ("audit_type", "short_notice"): QT_TRANSLATE_NOOP("Labels", "Short-notice audit"),
    ("audit_type", "transfer"): QT_TRANSLATE_NOOP("Labels", "Transfer audit"),
    ("audit_status", "planned"): QT_TRANSLATE_NOOP("Labels", "Planned"),
    ("audit_status", "in_progress"): QT_TRANSLATE_NOOP("Labels", "In progress"),
    ("audit_status", "completed"): QT_TRANSLATE_NOOP("Labels", "Completed"),
    ("audit_status", "terminated"): QT_TRANSLATE_NOOP("Labels", "Terminated"),
    ("audit_status", "report_issued"): QT_TRANSLATE_NOOP("Labels", "Report issued"),
    ("audit_mode", "FS01"): QT_TRANSLATE_NOOP("Labels", "On site (FS01)"),
    ("audit_mode", "FS02"): QT_TRANSLATE_NOOP("Labels", "Remote (FS02)"),
    ("audit_mode", "FS03"): QT_TRANSLATE_NOOP("Labels", "Mixed (FS03)"),
    ("team_role", "team_leader"): QT_TRANSLATE_NOOP("Labels", "Team leader"),
    ("team_role", "auditor"): QT_TRANSLATE_NOOP("Labels", "Auditor"),
    ("team_role", "tech_expert"): QT_TRANSLATE_NOOP("Labels", "Technical expert"),
    ("team_role", "observer"): QT_TRANSLATE_NOOP("Labels", "Observer"),
    ("team_role", "trainee"): QT_TRANSLATE_NOOP("Labels", "Trainee"),
    ("auditor_grade", "lead_auditor"): QT_TRANSLATE_NOOP("Labels", "Lead auditor"),
    ("auditor_grade", "auditor"): QT_TRANSLATE_NOOP("Labels", "Auditor"),
    ("auditor_grade", "provisional"): QT_TRANSLATE_NOOP("Labels", "Provisional auditor"),
    ("auditor_grade", "tech_expert"): QT_TRANSLATE_NOOP("Labels", "Technical expert"),
    ("nc_grade", "major"): QT_TRANSLATE_NOOP("Labels", "Major"),
    ("nc_grade", "minor"): QT_TRANSLATE_NOOP("Labels", "Minor"),
    ("nc_state", "draft"): QT_TRANSLATE_NOOP("Labels", "Draft"),
    ("nc_state", "issued"): QT_TRANSLATE_NOOP("Labels", "Issued"),
    ("nc_state", "response_received"): QT_TRANSLATE_NOOP("Labels", "Response received"),
    ("nc_state", "response_accepted"): QT_TRANSLATE_NOOP("Labels", "Response accepted"),
    ("nc_state", "response_rejected"): QT_TRANSLATE_NOOP("Labels", "Response rejected"),
    ("nc_state", "verified"): QT_TRANSLATE_NOOP("Labels", "Verified"),
    ("nc_state", "closed"): QT_TRANSLATE_NOOP("Labels", "Closed"),
    # programme entries and states
    ("entry", "surveillance_1"): QT_TRANSLATE_NOOP("Labels", "Surveillance 1"),
    ("entry", "surveillance_2"): QT_TRANSLATE_NOOP("Labels", "Surveillance 2"),
    ("entry", "recertification"): QT_TRANSLATE_NOOP("Labels", "Recertification"),
    ("entry_state", "planned"): QT_TRANSLATE_NOOP("Labels", "Not yet due"),
    ("entry_state", "due"): QT_TRANSLATE_NOOP("Labels", "Due"),
    ("entry_state", "overdue"): QT_TRANSLATE_NOOP("Labels", "Overdue"),
    ("entry_state", "done"): QT_TRANSLATE_NOOP("Labels", "Done"),
    # register columns
    ("column", "name_zh"): QT_TRANSLATE_NOOP("Labels", "Name (Chinese)"),
    ("column", "name_en"): QT_TRANSLATE_NOOP("Labels", "Name (English)"),
    ("column", "credit_code"): QT_TRANSLATE_NOOP("Labels", "Unified social credit code"),
    ("column", "province"): QT_TRANSLATE_NOOP("Labels", "Province"),
    ("column", "city"): QT_TRANSLATE_NOOP("Labels", "City"),
    ("column", "address"): QT_TRANSLATE_NOOP("Labels", "Address"),
    ("column", "representative"): QT_TRANSLATE_NOOP("Labels", "Legal representative"),
    ("column", "contact_name"): QT_TRANSLATE_NOOP("Labels", "Contact"),
    ("column", "contact_phone"): QT_TRANSLATE_NOOP("Labels", "Phone"),
    ("column", "contact_email"): QT_TRANSLATE_NOOP("Labels", "E-mail"),
    ("column", "industry"): QT_TRANSLATE_NOOP("Labels", "Industry"),
    ("column", "effective_personnel"): QT_TRANSLATE_NOOP("Labels", "Effective personnel"),
    ("column", "technical_codes"): QT_TRANSLATE_NOOP("Labels", "Technical areas"),
    ("column", "consultant"): QT_TRANSLATE_NOOP("Labels", "Consultant"),
    ("column", "notes"): QT_TRANSLATE_NOOP("Labels", "Notes"),
    ("column", "number"): QT_TRANSLATE_NOOP("Labels", "Number"),
    ("column", "client"): QT_TRANSLATE_NOOP("Labels", "Client"),
    ("column", "standard"): QT_TRANSLATE_NOOP("Labels", "Standard"),
    ("column", "issue_date"): QT_TRANSLATE_NOOP("Labels", "Issue date"),
    ("column", "expiry_date"): QT_TRANSLATE_NOOP("Labels", "Expires"),
    ("column", "status"): QT_TRANSLATE_NOOP("Labels", "Status"),
    ("column", "scope_zh"): QT_TRANSLATE_NOOP("Labels", "Scope (Chinese)"),
    ("column", "scope_en"): QT_TRANSLATE_NOOP("Labels", "Scope (English)"),
    ("column", "complexity"): QT_TRANSLATE_NOOP("Labels", "Complexity / risk"),
    ("column", "audit_type"): QT_TRANSLATE_NOOP("Labels", "Audit type"),
    ("column", "mode"): QT_TRANSLATE_NOOP("Labels", "Mode"),
    ("column", "start_date"): QT_TRANSLATE_NOOP("Labels", "Start"),
    ("column", "end_date"): QT_TRANSLATE_NOOP("Labels", "End"),
    ("column", "window_latest"): QT_TRANSLATE_NOOP("Labels", "Latest date"),
    ("column", "planned_days"): QT_TRANSLATE_NOOP("Labels", "Audit days"),
    ("column", "audit"): QT_TRANSLATE_NOOP("Labels", "Audit"),
    ("column", "grade"): QT_TRANSLATE_NOOP("Labels", "Grade"),
    ("column", "state"): QT_TRANSLATE_NOOP("Labels", "State"),
    ("column", "issued_on"): QT_TRANSLATE_NOOP("Labels", "Issued on"),
    ("column", "response_due"): QT_TRANSLATE_NOOP("Labels", "Response due"),
    ("column", "verification_due"): QT_TRANSLATE_NOOP("Labels", "Verification due"),
    ("column", "closed_on"): QT_TRANSLATE_NOOP("Labels", "Closed on"),
    ("column", "evidence_text"): QT_TRANSLATE_NOOP("Labels", "Evidence"),
    ("column", "ccaa_no"): QT_TRANSLATE_NOOP("Labels", "CCAA registration no."),
    ("column", "id_doc_masked"): QT_TRANSLATE_NOOP("Labels", "ID document (masked)"),
    ("column", "registration_expiry"): QT_TRANSLATE_NOOP("Labels", "Registration expires"),
    ("column", "schemes"): QT_TRANSLATE_NOOP("Labels", "Schemes"),
    ("column", "phone"): QT_TRANSLATE_NOOP("Labels", "Phone"),
    ("column", "email"): QT_TRANSLATE_NOOP("Labels", "E-mail"),
    ("column", "key"): QT_TRANSLATE_NOOP("Labels", "Key"),
    ("column", "code"): QT_TRANSLATE_NOOP("Labels", "Standard"),
    ("column", "national_code"): QT_TRANSLATE_NOOP("Labels", "National standard"),
    ("column", "scheme"): QT_TRANSLATE_NOOP("Labels", "Scheme"),
    ("column", "title_zh"): QT_TRANSLATE_NOOP("Labels", "Title (Chinese)"),
    ("column", "title_en"): QT_TRANSLATE_NOOP("Labels", "Title (English)"),
    ("column", "organisation"): QT_TRANSLATE_NOOP("Labels", "Client"),
    ("column", "reason"): QT_TRANSLATE_NOOP("Labels", "Reason"),
    ("column", "date"): QT_TRANSLATE_NOOP("Labels", "Date"),
    ("column", "scope_after"): QT_TRANSLATE_NOOP("Labels", "New scope"),
    ("column", "certificates"): QT_TRANSLATE_NOOP("Labels", "Certificates"),
    # validation codes from the services
    ("validation", "required"): QT_TRANSLATE_NOOP("Labels", "Required."),
    ("validation", "duplicate"): QT_TRANSLATE_NOOP("Labels", "Already used by another record."),
    ("validation", "credit_code.length"): QT_TRANSLATE_NOOP(
        "Labels", "A credit code has 18 characters."
    ),
    ("validation", "credit_code.character"): QT_TRANSLATE_NOOP(
        "Labels", "Not a credit code character (I, O, Z, S, V are never used)."
    ),
    ("validation", "credit_code.checksum"): QT_TRANSLATE_NOOP(
        "Labels", "Check character does not match: a character is mistyped."
    ),
    ("validation", "credit_code.empty"): QT_TRANSLATE_NOOP(
        "Labels", "Enter the 18-character credit code."
    ),
    ("validation", "negative"): QT_TRANSLATE_NOOP("Labels", "Must not be negative."),
    ("validation", "not_a_number"): QT_TRANSLATE_NOOP("Labels", "Enter a whole number."),
    ("validation", "email"): QT_TRANSLATE_NOOP("Labels", "Not an e-mail address."),
    ("validation", "date"): QT_TRANSLATE_NOOP("Labels", "Enter a date as YYYY-MM-DD."),
    ("validation", "not_found"): QT_TRANSLATE_NOOP("Labels", "Not found."),
    ("validation", "unknown_standard"): QT_TRANSLATE_NOOP("Labels", "Unknown standard."),
    ("validation", "expiry_before_issue"): QT_TRANSLATE_NOOP(
        "Labels", "Expiry must be after the issue date."
    ),
    ("validation", "before_issue"): QT_TRANSLATE_NOOP(
        "Labels", "Before the certificate's issue date."
    ),
    ("validation", "before_start"): QT_TRANSLATE_NOOP("Labels", "Ends before it starts."),
    ("validation", "not_positive"): QT_TRANSLATE_NOOP("Labels", "Must be more than zero."),
    ("validation", "different_organisations"): QT_TRANSLATE_NOOP(
        "Labels", "The certificates belong to different clients."
    ),
    ("validation", "unknown_field"): QT_TRANSLATE_NOOP("Labels", "This field cannot be changed."),
    # refusals of the certificate event state machine
    ("refusal", "not_suspended"): QT_TRANSLATE_NOOP("Labels", "The certificate is not suspended."),
    ("refusal", "already_suspended"): QT_TRANSLATE_NOOP(
        "Labels", "The certificate is already suspended."
    ),
    ("refusal", "suspended_cannot_transfer"): QT_TRANSLATE_NOOP(
        "Labels", "A suspended certificate cannot be transferred."
    ),
    ("refusal", "suspended_restore_first"): QT_TRANSLATE_NOOP(
        "Labels", "The certificate is suspended: restore it first."
    ),
    ("refusal", "certificate_withdrawn"): QT_TRANSLATE_NOOP(
        "Labels", "The certificate has been withdrawn."
    ),
    ("refusal", "certificate_cancelled"): QT_TRANSLATE_NOOP(
        "Labels", "The certificate has been cancelled."
    ),
    ("refusal", "certificate_expired"): QT_TRANSLATE_NOOP("Labels", "The certificate has expired."),
    ("refusal", "expired_restart_as_initial"): QT_TRANSLATE_NOOP(
        "Labels", "The certificate has expired: restart as an initial certification."
    ),
    ("refusal", "restore_window_closed"): QT_TRANSLATE_NOOP(
        "Labels", "The restore window has closed."
    ),
    # team check warnings
    ("team", "technical_area_not_covered"): QT_TRANSLATE_NOOP(
        "Labels", "Technical area {subject} is not covered."
    ),
    ("team", "standard_not_covered"): QT_TRANSLATE_NOOP(
        "Labels", "No registered auditor for {subject}."
    ),
    ("team", "not_registered_for_audit_standards"): QT_TRANSLATE_NOOP(
        "Labels", "{person} is not registered for the audit's standards."
    ),
    ("team", "registration_not_valid_on_audit_dates"): QT_TRANSLATE_NOOP(
        "Labels", "{person}: registration for {subject} is not valid on the audit dates."
    ),
    ("team", "conflict_with_client"): QT_TRANSLATE_NOOP(
        "Labels", "{person} has declared a conflict with the client."
    ),
    ("team", "conflict_with_consultant"): QT_TRANSLATE_NOOP(
        "Labels", "{person} has declared a conflict with the client's consultant."
    ),
    ("team", "rotation_due"): QT_TRANSLATE_NOOP(
        "Labels", "{person} was on the last {count} audits: rotation due."
    ),
    ("team", "no_team_leader"): QT_TRANSLATE_NOOP("Labels", "No team leader."),
    ("team", "several_team_leaders"): QT_TRANSLATE_NOOP(
        "Labels", "{count} team leaders: appoint one."
    ),
    ("team", "team_leader_not_lead_auditor"): QT_TRANSLATE_NOOP(
        "Labels", "{person} is not a registered lead auditor for this standard."
    ),
    # planning problems
    ("md5", "no_table_for_audit_type"): QT_TRANSLATE_NOOP(
        "Labels", "No MD5 table time for this audit type."
    ),
    ("md5", "no_effective_personnel"): QT_TRANSLATE_NOOP(
        "Labels", "The client has no effective personnel."
    ),
    ("md5", "unknown_scheme"): QT_TRANSLATE_NOOP("Labels", "No MD5 table for this scheme."),
    ("md5", "audit_time_error"): QT_TRANSLATE_NOOP("Labels", "Audit time cannot be computed."),
    # dashboard figures
    ("figure", "overdue_ncs"): QT_TRANSLATE_NOOP("Labels", "Overdue nonconformities"),
    ("figure", "certificates_at_risk"): QT_TRANSLATE_NOOP(
        "Labels", "Certificates at risk (overdue NCs)"
    ),
    ("figure", "audits_due_30"): QT_TRANSLATE_NOOP("Labels", "Audits in the next 30 days"),
    ("figure", "audits_due_60"): QT_TRANSLATE_NOOP("Labels", "Audits in the next 60 days"),
    ("figure", "audits_due_90"): QT_TRANSLATE_NOOP("Labels", "Audits in the next 90 days"),
    ("figure", "suspension_required"): QT_TRANSLATE_NOOP("Labels", "Certificates to suspend"),
    ("figure", "withdrawal_required"): QT_TRANSLATE_NOOP("Labels", "Certificates to withdraw"),
    ("preset", "overdue"): QT_TRANSLATE_NOOP("Labels", "Overdue"),
    ("preset", "open"): QT_TRANSLATE_NOOP("Labels", "Open"),
    ("preset", "planned"): QT_TRANSLATE_NOOP("Labels", "Planned"),
    ("preset", "due_30"): QT_TRANSLATE_NOOP("Labels", "Due in 30 days"),
    ("preset", "due_60"): QT_TRANSLATE_NOOP("Labels", "Due in 60 days"),
    ("preset", "due_90"): QT_TRANSLATE_NOOP("Labels", "Due in 90 days"),
    ("preset", "ids"): QT_TRANSLATE_NOOP("Labels", "Selected records"),
    # CB settings
    ("setting", "surveillance_window_months"): QT_TRANSLATE_NOOP(
        "Labels", "Surveillance window (months before latest)"
    ),
    ("setting", "recertification_window_months"): QT_TRANSLATE_NOOP(
        "Labels", "Recertification window (months)"
    ),
    ("setting", "recertification_apply_months"): QT_TRANSLATE_NOOP(
        "Labels", "Recertification application (months before expiry)"
    ),
    ("setting", "validity_years"): QT_TRANSLATE_NOOP("Labels", "Certificate validity (years)"),
    ("setting", "nc_response_days"): QT_TRANSLATE_NOOP("Labels", "NC response time (days)"),
    ("setting", "major_nc_verification_days"): QT_TRANSLATE_NOOP(
        "Labels", "Major NC verification (days)"
    ),
    ("setting", "stage2_major_limit_months"): QT_TRANSLATE_NOOP(
        "Labels", "Stage 2 major NC limit (months)"
    ),
    ("setting", "initial_nc_certify_months"): QT_TRANSLATE_NOOP(
        "Labels", "Initial audit NC: certify within (months)"
    ),
    ("setting", "initial_nc_follow_up_months"): QT_TRANSLATE_NOOP(
        "Labels", "Initial audit NC: follow-up (months)"
    ),
    ("setting", "surveillance_nc_suspension_months"): QT_TRANSLATE_NOOP(
        "Labels", "Surveillance NC: suspend after (months)"
    ),
    ("setting", "rotation_max_consecutive_audits"): QT_TRANSLATE_NOOP(
        "Labels", "Rotation after consecutive audits"
    ),
    ("setting", "auditor_yearly_onsite_day_limit"): QT_TRANSLATE_NOOP(
        "Labels", "Auditor on-site days per year"
    ),
    ("setting", "short_notice_audit_days"): QT_TRANSLATE_NOOP(
        "Labels", "Short-notice audit within (days)"
    ),
    ("setting", "eligibility_min_operation_months"): QT_TRANSLATE_NOOP(
        "Labels", "System in operation at least (months)"
    ),
    ("setting", "eligibility_bar_months"): QT_TRANSLATE_NOOP(
        "Labels", "Bar after suspension/withdrawal (months)"
    ),
    ("setting", "monthly_report_day"): QT_TRANSLATE_NOOP("Labels", "Monthly report due on day"),
    ("setting", "cnca_approval_no"): QT_TRANSLATE_NOOP("Labels", "CNCA approval number"),
    ("setting", "cnca_branch_code"): QT_TRANSLATE_NOOP("Labels", "Branch code (2 characters)"),
    ("setting", "cnca_foreign_cb"): QT_TRANSLATE_NOOP(
        "Labels", "Foreign-invested CB (plan no. RF…)"
    ),
    # storage (environment) errors: title + what to do
    ("storage", "locked"): QT_TRANSLATE_NOOP(
        "Labels",
        "The database is locked by another program.\n\nClose other AuditDesk windows or programs "
        "using the file (sync tools, backups) and try again.",
    ),
    ("storage", "read_only"): QT_TRANSLATE_NOOP(
        "Labels",
        "The database file is read-only.\n\nCopy it to a folder you can write to, or ask your "
        "administrator for write permission, then open it again.",
    ),
    ("storage", "disk_full"): QT_TRANSLATE_NOOP(
        "Labels",
        "The disk is full. Your last change was not saved.\n\nFree some disk space and repeat the action.",
    ),
    ("storage", "corrupt"): QT_TRANSLATE_NOOP(
        "Labels",
        "The database file is damaged.\n\nRestore the latest backup (auditdesk restore) or ask "
        "your administrator. Do not keep working on this file.",
    ),
    ("storage", "not_auditdesk"): QT_TRANSLATE_NOOP(
        "Labels", "This file is not an AuditDesk database.\n\nChoose another file."
    ),
    ("storage", "newer"): QT_TRANSLATE_NOOP(
        "Labels", "This database was written by a newer AuditDesk.\n\nUpdate AuditDesk to open it."
    ),
    ("storage", "missing"): QT_TRANSLATE_NOOP(
        "Labels",
        "The database file cannot be found or opened.\n\nCheck the path and that the drive is connected.",
    ),
    # the central database on PostgreSQL (storage/postgres.py)
    ("storage", "server_unreachable"): QT_TRANSLATE_NOOP(
        "Labels",
        "The database server does not answer.\n\nCheck the network connection and the server "
        "address; if it persists, ask your administrator whether the server is running.",
    ),
    ("storage", "auth_failed"): QT_TRANSLATE_NOOP(
        "Labels",
        "The database server refused the user name or password.\n\nCheck them, or ask your "
        "administrator for access.",
    ),
    ("storage", "server_permission"): QT_TRANSLATE_NOOP(
        "Labels",
        "Your database account may not set up or change this database.\n\nAsk your administrator "
        "to make it the database owner.",
    ),
    ("storage", "conflict"): QT_TRANSLATE_NOOP(
        "Labels", "Someone else changed this record meanwhile. Reload it and repeat your change."
    ),
    ("storage", "storage"): QT_TRANSLATE_NOOP(
        "Labels", "The database cannot be used.\n\nSee the details."
    ),
    ("service", "permission"): QT_TRANSLATE_NOOP("Labels", "Your role does not allow this action."),
    ("service", "not_found"): QT_TRANSLATE_NOOP("Labels", "The record no longer exists."),
    ("service", "locked"): QT_TRANSLATE_NOOP(
        "Labels", "The audit's report is issued: the audit is read-only."
    ),
    ("service", "conflict"): QT_TRANSLATE_NOOP(
        "Labels", "Someone else changed this record meanwhile. Reload it and repeat your change."
    ),
    ("service", "illegal_transition"): QT_TRANSLATE_NOOP(
        "Labels", "This change is not allowed now."
    ),
    ("service", "validation"): QT_TRANSLATE_NOOP("Labels", "Some fields need correcting."),
    ("service", "service_error"): QT_TRANSLATE_NOOP("Labels", "The action could not be done."),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def label(group: str, code: Any) -> str:
    """The translated text for ``code`` in ``group``; the code itself when unknown."""
    key = getattr(code, "value", code)
    text = _TEXT.get((group, str(key)))
    return tr(text) if text else ("" if key is None else str(key))


def has_label(group: str, code: str) -> bool:
    return (group, code) in _TEXT


def column(key: str) -> str:
    return label("column", key)


def validation(code: str) -> str:
    if code.startswith("credit_code.") and not has_label("validation", code):
        return label("validation", "credit_code.checksum")
    return label("validation", code)


# Which label group translates an enum column of a register.
ENUM_GROUPS: dict[tuple[str, str], str] = {
    ("certificates", "status"): "cert_status",
    ("audits", "audit_type"): "audit_type",
    ("audits", "status"): "audit_status",
    ("audits", "mode"): "audit_mode",
    ("ncs", "grade"): "nc_grade",
    ("ncs", "state"): "nc_state",
    ("auditors", "grade"): "auditor_grade",
}


def basis_text(basis: Any) -> str:
    """``CNCA-QMS-01:2025 §5.4.1.4 (first_surveillance_after_issue_date)`` — rule, clause, code."""
    if basis is None:
        return ""
    clause = basis.clause
    if clause and clause[0].isdigit():
        clause = "§" + clause
    return f"{basis.rule_id} {clause} ({basis.code})"


def team_warning(warning: Any, person_name: str = "") -> str:
    text = label("team", warning.code)
    return (
        text.replace("{person}", person_name or str(warning.person_id or ""))
        .replace("{subject}", str(warning.subject or ""))
        .replace("{count}", str(warning.count or ""))
    )
