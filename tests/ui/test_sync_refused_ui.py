"""Issue 14 point 3 on screen: a change a merge refused (an auditor's laptop renamed a client)
is listed under Refused changes in the conflict screen beside a real conflict, and a
lead/admin accepts or drops it there. Also the README's screenshot of the screen in zh_CN."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select

from auditdesk.exchange.package import export_package, import_package
from auditdesk.model import Nonconformity, Organisation, Role
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from tests.exchange.package_helpers import build_office

# Set AUDITDESK_SHOTS to a folder to keep the screenshot (the README's comes from here).
SHOTS = os.environ.get("AUDITDESK_SHOTS")


def _refused_and_a_conflict(db, tmp_path):
    db, audit_id, _ev = build_office(db)
    with db.session() as s:
        create_user(s, "wang", "auditor-pass-1", Role.AUDITOR, display_name="王建国")
    with db.session() as s:
        export_package(s, [audit_id], tmp_path / "to.adpkg")
    laptop = open_database(f"sqlite:///{tmp_path / 'laptop' / 'l.sqlite3'}", create=True)
    try:
        with laptop.session() as s:
            create_user(s, "wang", "auditor-pass-1", Role.AUDITOR)
        with laptop.session() as s:
            import_package(s, tmp_path / "to.adpkg")
        with laptop.session(user="wang") as s:
            s.scalar(select(Organisation)).name_zh = "改名后的公司"
            s.scalar(select(Nonconformity)).evidence_text = "现场2把游标卡尺未校准"
        with db.session() as s:
            s.scalar(select(Nonconformity)).evidence_text = "量具未按期校准"
        with laptop.session(user="wang") as s:
            export_package(s, [audit_id], tmp_path / "back.adpkg")
    finally:
        laptop.close()
    with db.session() as s:
        result = import_package(s, tmp_path / "back.adpkg")
    assert result.conflicts == 1 and len(result.refused) == 1


def test_refused_changes_are_listed_and_accepted_in_the_conflict_screen(
    qtbot, qtmodeltester, ctx, database, tmp_path
):
    from auditdesk.ui.conflicts import ConflictsDialog

    db = database
    _refused_and_a_conflict(db, tmp_path)
    dialog = ConflictsDialog(db, "system")
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.refused_model.rowCount() == 1
    qtmodeltester.check(dialog.refused_model)
    row = dialog.refused_model.rows[0]
    assert row["value"] == "改名后的公司" and row["by"] == "王建国"
    assert row["field"] == "Name (Chinese)"
    dialog.accept_button.click()
    assert dialog.refused_model.rowCount() == 0
    with db.session() as s:
        assert s.scalar(select(Organisation)).name_zh == "改名后的公司"


def test_the_new_texts_have_chinese():
    import json

    from auditdesk.ui import conflicts, package_actions

    root = Path(__file__).resolve().parents[2] / "resources" / "translations"
    chinese = json.loads((root / "zh_CN.sync.json").read_text(encoding="utf-8"))
    source = Path(conflicts.__file__).read_text() + Path(package_actions.__file__).read_text()
    for text in ("Accept the change", "Drop the change", "Refused value", "Written by"):
        assert f'"{text}"' in source and chinese[text]


def test_a_dropped_refused_change_stays_dropped_and_the_screen_in_zh_cn(
    qtbot, qapp, ctx, database, tmp_path
):
    from auditdesk.ui import i18n
    from auditdesk.ui.conflicts import ConflictsDialog

    db = database
    _refused_and_a_conflict(db, tmp_path)
    i18n.install_language("zh_CN")  # the ctx fixture restores en
    i18n.register_cjk_font(qapp)
    if True:
        dialog = ConflictsDialog(db, "system")
        qtbot.addWidget(dialog)
        dialog.resize(1366, 768)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.keep_button.text() == "保留本机的值"  # the screen is in zh_CN
        # (the new texts' Chinese is in resources/translations/zh_CN.sync.json; the lead
        # regenerates the .qm files after merging)
        shot = Path(SHOTS or tmp_path) / "conflicts_sync.png"
        assert dialog.grab().save(str(shot)) and shot.stat().st_size > 10_000
        dialog.drop_button.click()
        assert dialog.refused_model.rowCount() == 0
    with db.session() as s:
        assert s.scalar(select(Organisation)).name_zh == "深圳市示例科技有限公司"
