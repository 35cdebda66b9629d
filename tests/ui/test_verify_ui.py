"""File → *Verify a report copy…* (ui/verify_actions.py): the issued copy verifies; a modified
copy and a database edited behind AuditDesk's back do not, and the user reads why in zh_CN or
en. Jobs run synchronously (tests/ui/conftest.py); what would be shown is in ``ctx.shown``."""

from __future__ import annotations

import pytest
from sqlalchemy import text


@pytest.fixture
def issued(ctx, database, tmp_path):
    from tests.exports.conftest import issue_demo_report

    return issue_demo_report(database, tmp_path, "副本.pdf", evidence_count=4, photos=1)


def _verify(ctx, path):
    from auditdesk.ui.verify_actions import verify_copy

    ctx.shown.clear()
    verify_copy(None, path)
    assert len(ctx.shown) == 1
    return ctx.shown[0]


def test_the_issued_copy_verifies_in_chinese(ctx, issued):
    from auditdesk.ui import i18n

    demo, path = issued
    i18n.install_language("zh_CN")
    title, said = _verify(ctx, path)
    assert title == "报告核验通过"
    assert f"审核 {demo.number} 第 1 版" in said and "李主任" in said
    assert said.endswith("该副本即为出具的版本，其记录未被更改。")


def test_a_modified_copy_is_not_verified(ctx, issued):
    _demo, path = issued
    changed = path.with_name("changed.pdf")
    changed.write_bytes(path.read_bytes().replace(b"/Producer", b"/Producex"))
    title, said = _verify(ctx, changed)
    assert title == "Not verified"
    assert "it was modified or made again" in said
    assert said.endswith("This copy cannot be trusted as the issued report.")


def test_records_edited_behind_auditdesks_back_are_named(ctx, database, issued):
    from auditdesk.ui import i18n

    demo, path = issued
    with database.engine.begin() as conn:  # no service, no change log
        conn.execute(
            text("UPDATE evidence_item SET description = 'x' WHERE seq = 2 AND audit_id = :a"),
            {"a": demo.audit_id.hex},
        )
    i18n.install_language("zh_CN")
    title, said = _verify(ctx, path)
    assert title == "核验未通过"
    assert f"审核 {demo.number} 的记录自出具后已被更改" in said
    assert "审核证据 E2: 已更改 (description)" in said


def test_the_file_menu_offers_it_in_both_languages(ctx, qtbot):
    from auditdesk.ui import i18n
    from tests.ui.conftest import show_main_window

    window = show_main_window(ctx, qtbot)
    action = window.verify_action
    assert action in window.file_menu.actions()
    assert action.text() == "Verify a report copy…"
    i18n.install_language("zh_CN")
    window.retranslate()
    assert action.text() == "核验报告副本…"


def test_a_damaged_archive_is_said_in_words(ctx, database, issued):
    from auditdesk.services import report_issue
    from auditdesk.services.report_issue import ArchiveDamaged
    from auditdesk.ui import i18n
    from auditdesk.ui.errors import message_for

    demo, _path = issued
    with database.session() as s:
        rev = report_issue.latest_revision(s, demo.audit_id)
        sha = rev.files[0]["sha256"]
        stored = report_issue._store(s).path_of(sha)
        stored.write_bytes(stored.read_bytes() + b"%")
        with pytest.raises(ArchiveDamaged) as info:
            report_issue.archived_bytes(s, sha)
    i18n.install_language("zh_CN")
    _title, said = message_for(info.value)
    assert "出具的文件在附件库中缺失或已被篡改" in said
