"""The one place that turns codes from the services into words on screen.

Services and rules return codes (enum values, validation codes, rule basis codes, error
codes). State, type, role and status codes are words of the one catalogue
(auditdesk/catalogue.py, resources/words/catalogue.json), which the documents use too: they
are looked up there in the current language, so screen and paper say the same. Messages
(columns, validation, refusals, warnings, errors) are sentences of the screens only and go
through Qt Linguist (context ``Labels``), so a code added below shows up in ``lupdate`` and
gets its zh_CN translation. An unknown code is shown as itself rather than raising: the screen
must never break on text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from auditdesk import catalogue
from auditdesk.ui.i18n import current_language

_CTX = "Labels"

# Screen group names that are catalogue groups under another name.
CATALOGUE_ALIASES = {"entry": "audit_type", "entry_state": "schedule_state"}

# (group, code) -> English source text (QT_TRANSLATE_NOOP marks it for lupdate and returns it).
# Groups: "column", "validation", "refusal", "team", ...
_TEXT: dict[tuple[str, str], Any] = {
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
    ("column", "attachment"): QT_TRANSLATE_NOOP("Labels", "Attachment"),
    ("validation", "not_a_photo"): QT_TRANSLATE_NOOP("Labels", "This file is not a photo."),
    ("validation", "check_in_photo"): QT_TRANSLATE_NOOP(
        "Labels", "A check-in photo is always printed in the report."
    ),
    # validation codes from the services
    ("validation", "required"): QT_TRANSLATE_NOOP("Labels", "Required."),
    ("validation", "duplicate"): QT_TRANSLATE_NOOP("Labels", "Already used by another record."),
    ("validation", "credit_code.length"): QT_TRANSLATE_NOOP(
        "Labels", "A credit code has 18 characters."
    ),
    ("validation", "credit_code.character"): QT_TRANSLATE_NOOP(
        "Labels", "Not a credit code character (I, O, Z, S, V are never used)."
    ),
    ("validation", "credit_code.division"): QT_TRANSLATE_NOOP(
        "Labels", "Characters 3-8 must be the 6-digit administrative-division code."
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
    ("setting", "remote_audit_max_percent"): QT_TRANSLATE_NOOP(
        "Labels", "Remote share of audit time at most (%)"
    ),
    ("setting", "transfer_recertification_months"): QT_TRANSLATE_NOOP(
        "Labels", "Transfer near expiry handled as recertification (months)"
    ),
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
        "to open it once as the database's owner role, or to grant your account the rights "
        "the README lists.",
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


def catalogue_group(group: str) -> str | None:
    """The catalogue group behind a screen group, or None for a group of screen messages."""
    name = CATALOGUE_ALIASES.get(group, group)
    return name if name in catalogue.catalogue() else None


def label(group: str, code: Any) -> str:
    """The text for ``code`` in ``group`` in the current language; the code itself when unknown."""
    words = catalogue_group(group)
    if words is not None:
        return catalogue.word(words, code, current_language())
    key = getattr(code, "value", code)
    text = _TEXT.get((group, str(key)))
    return tr(text) if text else ("" if key is None else str(key))


def has_label(group: str, code: str) -> bool:
    words = catalogue_group(group)
    return catalogue.has_word(words, code) if words is not None else (group, code) in _TEXT


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
    """Rule, clause and the rule's code in words in the current language (issue 16 point 2:
    ``CNCA-QMS-01:2025 §5.4.1.4 首次监督：自发证日期起算``), via services.basis_words."""
    from auditdesk.services.basis_words import basis_words

    return basis_words(basis, current_language())


def team_warning(warning: Any, person_name: str = "") -> str:
    text = label("team", warning.code)
    return (
        text.replace("{person}", person_name or str(warning.person_id or ""))
        .replace("{subject}", str(warning.subject or ""))
        .replace("{count}", str(warning.count or ""))
    )
