"""Words for the workspace's codes (evidence types, judgements, 撤组 reasons, completeness
problems, refused attachments). Context ``Workspace`` in Qt Linguist."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CTX = "Workspace"

_TEXT: dict[tuple[str, str], Any] = {  # QT_TRANSLATE_NOOP marks the text for lupdate
    ("evidence_type", "document"): QT_TRANSLATE_NOOP("Workspace", "Document review"),
    ("evidence_type", "record"): QT_TRANSLATE_NOOP("Workspace", "Record sample"),
    ("evidence_type", "interview"): QT_TRANSLATE_NOOP("Workspace", "Interview"),
    ("evidence_type", "observation"): QT_TRANSLATE_NOOP("Workspace", "Site observation"),
    ("evidence_type", "photo"): QT_TRANSLATE_NOOP("Workspace", "Photo"),
    ("evidence_type", "remote_screen_share"): QT_TRANSLATE_NOOP("Workspace", "Remote screen-share"),
    ("evidence_type", "it_system_sample"): QT_TRANSLATE_NOOP(
        "Workspace", "Client IT-system sample"
    ),
    ("judgement", ""): QT_TRANSLATE_NOOP("Workspace", "Not judged"),
    ("judgement", "conform"): QT_TRANSLATE_NOOP("Workspace", "Conform"),
    ("judgement", "nonconformity"): QT_TRANSLATE_NOOP("Workspace", "Nonconformity"),
    ("judgement", "observation"): QT_TRANSLATE_NOOP("Workspace", "Observation"),
    ("judgement", "ofi"): QT_TRANSLATE_NOOP("Workspace", "Opportunity for improvement"),
    ("judgement", "not_audited"): QT_TRANSLATE_NOOP("Workspace", "Not audited this time"),
    ("judgement", "not_applicable"): QT_TRANSLATE_NOOP("Workspace", "Not applicable"),
    ("check_in", "opening"): QT_TRANSLATE_NOOP("Workspace", "Opening meeting"),
    ("check_in", "closing"): QT_TRANSLATE_NOOP("Workspace", "Closing meeting"),
    ("reason", "no_system_documents"): QT_TRANSLATE_NOOP(
        "Workspace", "No system documents for this cycle"
    ),
    ("reason", "no_internal_audit_or_review"): QT_TRANSLATE_NOOP(
        "Workspace", "No internal audit, management review or objective statistics this cycle"
    ),
    ("reason", "no_operation_records"): QT_TRANSLATE_NOOP(
        "Workspace", "No production/inspection/service records this cycle"
    ),
    ("reason", "no_equipment"): QT_TRANSLATE_NOOP(
        "Workspace", "No production or inspection equipment for the scope"
    ),
    ("reason", "special_equipment_expired"): QT_TRANSLATE_NOOP(
        "Workspace", "Special-equipment certificates expired"
    ),
    ("reason", "instrument_verification_expired"): QT_TRANSLATE_NOOP(
        "Workspace", "Measuring-instrument verification expired"
    ),
    ("reason", "no_type_test_report"): QT_TRANSLATE_NOOP("Workspace", "No valid type-test report"),
    ("reason", "licence_expired"): QT_TRANSLATE_NOOP("Workspace", "Administrative licence expired"),
    ("reason", "scope_beyond_competence"): QT_TRANSLATE_NOOP(
        "Workspace", "Scope changed beyond the team's competence"
    ),
    ("reason", "headcount_changed_days_refused"): QT_TRANSLATE_NOOP(
        "Workspace", "Headcount changed significantly; client refuses extra audit days"
    ),
    ("reason", "management_refuses"): QT_TRANSLATE_NOOP(
        "Workspace", "Top management refuses to cooperate or is absent"
    ),
    ("reason", "material_difference"): QT_TRANSLATE_NOOP(
        "Workspace", "Actual situation differs materially from the application or scope"
    ),
    ("reason", "other"): QT_TRANSLATE_NOOP("Workspace", "Other (explain in the note)"),
    ("agreement", "team_leader"): QT_TRANSLATE_NOOP("Workspace", "Team leader"),
    ("agreement", "member"): QT_TRANSLATE_NOOP("Workspace", "Team member"),
    ("agreement", "client"): QT_TRANSLATE_NOOP("Workspace", "Client"),
    ("agreement", "cb_scheduler"): QT_TRANSLATE_NOOP("Workspace", "CB scheduler"),
    ("problem", "clause.not_judged"): QT_TRANSLATE_NOOP("Workspace", "Clause %1 is not judged"),
    ("problem", "nc.no_evidence"): QT_TRANSLATE_NOOP(
        "Workspace", "Nonconformity %1 is not linked to evidence"
    ),
    ("problem", "check_in.opening_missing"): QT_TRANSLATE_NOOP(
        "Workspace", "No check-in photo of the opening meeting"
    ),
    ("problem", "check_in.closing_missing"): QT_TRANSLATE_NOOP(
        "Workspace", "No check-in photo of the closing meeting"
    ),
    # 认证到 check-in rules (rules/checkin.py, issue 19)
    ("problem", "check_in.too_many_photos"): QT_TRANSLATE_NOOP(
        "Workspace", "%1: more than 3 check-in photos of this meeting"
    ),
    ("problem", "check_in.no_exif_time"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 has no EXIF capture time: its check-in time cannot be verified"
    ),
    ("problem", "check_in.opening_too_late"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 was taken more than 2 h after the opening meeting started"
    ),
    ("problem", "check_in.opening_wrong_day"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 was not taken on the day of the opening meeting"
    ),
    ("problem", "check_in.closing_too_early"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 was taken before the closing meeting started"
    ),
    ("problem", "check_in.closing_too_late"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 was taken more than 2 h after the closing meeting ended"
    ),
    ("problem", "check_in.too_far"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 was taken more than 5 km from the audit site"
    ),
    ("problem", "check_in.member_not_ticked"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 is not ticked as being on the check-in photos"
    ),
    ("check_in_note", "check_in.no_gps"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 has no GPS position: its distance from the site cannot be checked"
    ),
    ("check_in_note", "check_in.no_site_location"): QT_TRANSLATE_NOOP(
        "Workspace",
        "The audit site has no coordinates yet: enter them or use the first geotagged photo",
    ),
    ("check_in_note", "check_in.no_meeting_times"): QT_TRANSLATE_NOOP(
        "Workspace", "The audit has no dates: the check-in times cannot be checked"
    ),
    ("problem", "previous_nc.not_verified"): QT_TRANSLATE_NOOP(
        "Workspace", "Previous nonconformity %1 is not verified"
    ),
    ("problem", "coverage.must_cover_missing"): QT_TRANSLATE_NOOP(
        "Workspace", "Surveillance must cover %1: no evidence yet"
    ),
    ("must_cover", "marks"): QT_TRANSLATE_NOOP(
        "Workspace", "use of marks and certificate references"
    ),
    ("attachment", "attachment.type_mismatch"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 is not what its extension says (its content is %2). It was not attached."
    ),
    ("attachment", "attachment.executable"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 is a program, not evidence. It was not attached."
    ),
    ("attachment", "attachment.empty"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 is empty. It was not attached."
    ),
    ("attachment", "attachment.unreadable"): QT_TRANSLATE_NOOP(
        "Workspace", "%1 cannot be read. It was not attached."
    ),
}


def word(group: str, code: object) -> str:
    key = (group, str(getattr(code, "value", code) or ""))
    text = _TEXT.get(key)
    return QCoreApplication.translate(_CTX, str(text)) if text else key[1]


def codes(group: str) -> list[str]:
    return [c for g, c in _TEXT if g == group]


def problem_text(code: str, detail: str = "") -> str:
    if code == "coverage.must_cover_missing" and detail == "marks":
        detail = word("must_cover", "marks")
    return word("problem", code).replace("%1", detail)


def refusal_text(code: str, filename: str, actual: str = "") -> str:
    return word("attachment", code).replace("%1", filename).replace("%2", actual)
