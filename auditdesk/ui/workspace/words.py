"""Words for the workspace's codes. Evidence types, judgements, check-in moments, 撤组 reasons
and who agreed come from the one catalogue (auditdesk/catalogue.py), as on paper; the
workspace's own messages (completeness problems, refused attachments) are Qt Linguist texts in
context ``Workspace``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from auditdesk import catalogue
from auditdesk.ui.i18n import current_language

_CTX = "Workspace"
# Workspace group -> catalogue group (the others are messages of this module).
CATALOGUE_GROUPS = {
    "evidence_type": "evidence_type",
    "judgement": "judgement",
    "check_in": "check_in",
    "reason": "termination_reason",
    "agreement": "agreement_role",
    "must_cover": "must_cover",
}

_TEXT: dict[tuple[str, str], Any] = {  # QT_TRANSLATE_NOOP marks the text for lupdate
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
    ("problem", "check_in.no_photo"): QT_TRANSLATE_NOOP("Workspace", "%1: no check-in photo yet"),
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
    if group in CATALOGUE_GROUPS:
        return catalogue.word(CATALOGUE_GROUPS[group], code, current_language())
    key = (group, str(getattr(code, "value", code) or ""))
    text = _TEXT.get(key)
    return QCoreApplication.translate(_CTX, str(text)) if text else key[1]


def codes(group: str) -> list[str]:
    if group in CATALOGUE_GROUPS:
        return catalogue.codes(CATALOGUE_GROUPS[group])
    return [c for g, c in _TEXT if g == group]


def problem_text(code: str, detail: str = "") -> str:
    if code == "coverage.must_cover_missing" and detail == "marks":
        detail = word("must_cover", "marks")
    if code == "check_in.no_photo" and detail in ("opening", "closing"):
        detail = word("check_in", detail)
    return word("problem", code).replace("%1", detail)


def refusal_text(code: str, filename: str, actual: str = "") -> str:
    return word("attachment", code).replace("%1", filename).replace("%2", actual)
