"""Sign-in, merge-conflict and Excel-import dialogs, driven offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from auditdesk.services.setup import open_database
from tests.exchange.conftest import write_xlsx


@pytest.fixture
def db(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'ui.sqlite3'}", create=True)
    yield database
    database.close()


@pytest.fixture
def sync_jobs():
    from auditdesk.ui import jobs

    jobs.set_executor(jobs.SynchronousExecutor())
    yield
    jobs.set_executor(None)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_first_admin_then_remembered_user_opens_without_asking(qtbot, db, settings):
    from auditdesk.ui.signin import SignInDialog, sign_in

    dialog = SignInDialog(db, settings)
    qtbot.addWidget(dialog)
    assert dialog.first_admin
    dialog.name_edit.setText("wang")
    dialog.password_edit.setText("admin-pass-1")
    dialog.confirm_edit.setText("admin-pass-2")
    assert not dialog.try_accept() and dialog.message.text()
    dialog.confirm_edit.setText("admin-pass-1")
    dialog.remember.setChecked(True)
    assert dialog.try_accept() and dialog.username == "wang"
    assert sign_in(db, settings) == "wang"  # remembered: no dialog


def test_wrong_password_is_refused(qtbot, db, settings):
    from auditdesk.services.users import create_first_admin
    from auditdesk.ui.signin import SignInDialog

    with db.session() as s:
        create_first_admin(s, "wang", "admin-pass-1")
    dialog = SignInDialog(db, settings)
    qtbot.addWidget(dialog)
    assert not dialog.first_admin
    dialog.name_edit.setText("wang")
    dialog.password_edit.setText("nope-nope")
    assert not dialog.try_accept() and dialog.username is None


def test_import_dialog_lists_bad_cells_and_writes_nothing(qtbot, db, tmp_path, sync_jobs):
    from auditdesk.ui.import_dialog import ImportDialog

    book = write_xlsx(
        tmp_path / "c.xlsx",
        [
            ["证书编号", "组织名称", "认证标准", "颁证日期"],
            ["Q-1", "甲公司", "ISO 9001", "2026-02-30"],
            ["Q-2", "乙公司", "ISO 9001", "2026-03-01"],
        ],
    )
    dialog = ImportDialog(db, "system")
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(book))
    assert dialog.run(dry_run=False) is None
    assert dialog.errors_table.rowCount() == 1
    assert [dialog.errors_table.item(0, c).text() for c in range(3)] == [
        "2",
        "颁证日期",
        "2026-02-30",
    ]
    write_xlsx(
        book,
        [
            ["证书编号", "组织名称", "认证标准", "颁证日期"],
            ["Q-1", "甲公司", "ISO 9001", "2026-03-01"],
        ],
    )
    assert dialog.run(dry_run=True).dry_run
    assert dialog.run(dry_run=False).created["certificate"] == 1 and dialog.imported


def test_conflicts_dialog_takes_the_laptop_value(qtbot, qtmodeltester, db):
    import uuid

    from sqlalchemy import select

    from auditdesk.model import MergeConflict, Organisation, utcnow
    from auditdesk.ui.conflicts import ConflictsDialog

    with db.session() as s:
        org = Organisation(name_zh="甲公司", notes="本地备注")
        s.add(org)
        s.flush()
        s.add(
            MergeConflict(
                at=utcnow(),
                entity="organisation",
                entity_id=str(org.id),
                field="notes",
                local_value='"本地备注"',
                incoming_value='"笔记本上的备注"',
                incoming_by="li",
            )
        )
    dialog = ConflictsDialog(db, "system")
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.incoming_text.toPlainText() == "笔记本上的备注"
    qtmodeltester.check(dialog.model)
    dialog.take_button.click()
    assert dialog.resolved == 1 and dialog.model.rowCount() == 0
    with db.session() as s:
        assert s.get(Organisation, uuid.UUID(str(org.id))).notes == "笔记本上的备注"
        assert s.scalar(select(MergeConflict)).resolution == "incoming"


def test_conflicts_name_the_record_audit_client_and_field_in_words(qtbot, db):
    """Issue 14 point 5 / issue 20 point 7: a conflict read "evidence_item cfe41f63 /
    description"; it now names the evidence, its clause, audit and client, the field in words,
    and the writer by name, in the user's language."""
    from auditdesk.model import MergeConflict, Role, utcnow
    from auditdesk.services import evidence as ev
    from auditdesk.services.users import create_user
    from auditdesk.ui import i18n
    from auditdesk.ui.conflicts import ConflictsDialog
    from tests.services.workspace_data import clause_id, make_audit

    with db.session() as s:
        facts = make_audit(s)
        create_user(s, "li", "li-password-1", Role.AUDITOR, "李秀兰")
        item = ev.add_evidence(
            s,
            facts.audit_id,
            ev.EvidenceData(
                evidence_type="document",
                clause_ids=[clause_id(s, facts.audit_id, "7.1.5")],
                description="本地",
            ),
        )
        s.flush()
        s.add(
            MergeConflict(
                at=utcnow(),
                entity="evidence_item",
                entity_id=str(item.id),
                field="description",
                local_value='"本地"',
                incoming_value='"笔记本上"',
                incoming_by="li",
            )
        )
        number = s.get(type(item), item.id).audit.number
    i18n.install_language("zh_CN")
    try:
        dialog = ConflictsDialog(db, "system")
        qtbot.addWidget(dialog)
        row = dialog.model.rows[0]
        assert row["entity"].startswith(f"审核证据 E{item.seq}")
        assert "条款 7.1.5" in row["entity"] and f"审核 {number}" in row["entity"]
        assert "苏州精密机械有限公司" in row["entity"]
        assert row["field"] == "描述" and row["incoming_by"] == "李秀兰"
        assert "evidence_item" not in row["entity"]
    finally:
        i18n.install_language("en")
