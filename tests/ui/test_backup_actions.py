"""File menu: back up to a chosen folder (remembered for the daily backup), restore from one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.storage import backup_set
from auditdesk.storage.integrity import check_database
from auditdesk.ui import file_actions


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _names(database):
    import sqlite3

    con = sqlite3.connect(database.path)
    try:
        return {r[0] for r in con.execute("SELECT name_zh FROM organisation")}
    finally:
        con.close()


def test_backup_goes_to_the_chosen_folder_and_is_remembered(ctx, parent, tmp_path):
    usb = tmp_path / "usb"
    file_actions.backup_database(ctx, parent, str(usb), notify=False)
    (made,) = backup_set.backups_in(usb, ctx.db.path.stem)
    backup_set.verify_backup(made)
    assert file_actions.BACKUP_FOLDER.get(ctx.settings) == str(usb)
    file_actions.start_automatic_backups(ctx.db, ctx.settings)
    assert ctx.db.auto_backup.enabled and ctx.db.auto_backup.folder == usb
    assert ctx.db.wait_for_backups(60)
    assert ctx.shown == []


def test_a_full_backup_disk_is_said_in_one_line(ctx, parent, tmp_path, monkeypatch):
    monkeypatch.setattr(backup_set, "free_bytes", lambda folder: 0)
    file_actions.backup_database(ctx, parent, str(tmp_path / "usb"), notify=False)
    assert len(ctx.shown) == 1
    title, text = ctx.shown[0]
    assert "free space" in text and "\n" not in text and "damaged" not in text.lower()


def test_restore_from_the_gui_closes_restores_and_quits(ctx, parent, tmp_path, database):
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    usb = tmp_path / "usb"
    file_actions.backup_database(ctx, parent, str(usb), notify=False)
    (made,) = backup_set.backups_in(usb, database.path.stem)
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="乙公司"))
    finished = []
    file_actions.restore_database(
        ctx, parent, str(made), confirm=lambda: True, finish=lambda: finished.append(1)
    )
    assert finished == [1]
    assert _names(database) == {"甲公司"}
    assert check_database(f"sqlite:///{database.path}").ok
    assert [t for t, _ in ctx.shown] == ["Restore"]


def test_restore_of_an_altered_backup_is_refused_before_anything_closes(
    ctx, parent, tmp_path, database
):
    usb = tmp_path / "usb"
    file_actions.backup_database(ctx, parent, str(usb), notify=False)
    (made,) = backup_set.backups_in(usb, database.path.stem)
    (made / "database.sqlite3").write_bytes(b"garbage")
    asked = []
    file_actions.restore_database(
        ctx, parent, str(made), confirm=lambda: asked.append(1) or True, finish=lambda: None
    )
    assert asked == []  # never got as far as asking
    assert len(ctx.shown) == 1 and "altered" in ctx.shown[0][1]
    with database.session() as s:  # still open and working
        create_organisation(s, OrganisationData(name_zh="丙公司"))
