"""The catalogue of words for codes: complete for every enum, in both languages, pure."""

from __future__ import annotations

import enum
import subprocess
import sys

import pytest

from auditdesk import catalogue, model
from auditdesk.rules import team

# Every stored enum whose values are shown to people -> its catalogue group.
ENUM_GROUPS = {
    model.AuditType: "audit_type",
    model.AuditStatus: "audit_status",
    model.AuditMode: "audit_mode",
    model.TeamRole: "team_role",
    model.AuditorGrade: "auditor_grade",
    model.NCGrade: "nc_grade",
    model.NCState: "nc_state",
    model.CertificateStatus: "cert_status",
    model.EvidenceType: "evidence_type",
    model.Judgement: "judgement",
    model.CheckInMoment: "check_in",
    model.VerificationMethod: "verification_method",
}


@pytest.mark.parametrize("enum_type", list(ENUM_GROUPS), ids=lambda e: e.__name__)
def test_every_enum_value_has_words(enum_type: type[enum.Enum]):
    group = ENUM_GROUPS[enum_type]
    missing = [m.value for m in enum_type if not catalogue.has_word(group, m)]
    assert missing == []


def test_every_entry_has_chinese_and_english():
    for group, entries in catalogue.catalogue().items():
        for code, entry in entries.items():
            assert set(entry) == {"zh", "en"}, (group, code)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["zh"]), (group, code)
            assert entry["en"].strip() and entry["en"] != entry["zh"], (group, code)


def test_lookup_by_enum_value_and_language_name():
    assert catalogue.word("team_role", team.TeamRole.TEAM_LEADER, "zh_CN") == "审核组长"
    assert catalogue.word("team_role", "team_leader", "zh") == "审核组长"
    assert catalogue.word("team_role", "team_leader", "en") == "Team leader"
    assert catalogue.word("nc_state", "response_received", "zh") == "已收到回复"


def test_unknown_codes_stay_visible_and_unknown_groups_are_a_typed_error():
    assert catalogue.word("nc_state", "something_new", "zh") == "something_new"
    assert catalogue.word("nc_state", None, "en") == ""
    with pytest.raises(catalogue.UnknownGroup):
        catalogue.codes("no_such_group")


def test_catalogue_needs_no_qt():
    code = (
        "import sys; sys.modules['PySide6'] = None; "
        "from auditdesk import catalogue; from auditdesk.exports import labels; "
        "print(labels.code('nc_state', 'verified', 'zh'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "已验证"
