"""Backups: consistent online copies, automatic rotation, restore keeps the current file aside."""

from __future__ import annotations

import sqlite3

import pytest

from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.setup import open_database
from auditdesk.storage import errors
from auditdesk.storage.backup import (
    AutoBackup,
    automatic_backups,
    backup_file,
    restore,
    rotating_backup,
)


def _names(path):
    con = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in con.execute("SELECT name_zh FROM organisation"))
    finally:
        con.close()


def test_backup_of_a_database_in_use_has_committed_data(database, tmp_path):
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    out = backup_file(database.path, tmp_path / "copy.sqlite3")
    assert _names(out) == ["甲公司"]


def test_rotation_keeps_the_newest_n(database):
    for _ in range(5):
        rotating_backup(database.path, keep=3)
    assert len(automatic_backups(database.path)) == 3


def test_backup_on_open_only_when_changed(db_url, database):
    path = database.path
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    database.close()
    db = open_database(db_url)
    db.close()
    assert len(automatic_backups(path)) == 1
    db = open_database(db_url)  # nothing changed since: no second copy
    db.close()
    assert len(automatic_backups(path)) == 1


def test_backup_after_configured_amount_of_editing(database):
    database.auto_backup = AutoBackup(keep=5, every_changes=3)
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    assert automatic_backups(database.path) == []
    with database.session() as s:
        for name in ("乙公司", "丙公司"):
            create_organisation(s, OrganisationData(name_zh=name))
    backups = automatic_backups(database.path)
    assert len(backups) == 1 and _names(backups[0]) == ["丙公司", "乙公司", "甲公司"]


def test_restore_keeps_the_current_file_aside(database, tmp_path, db_url):
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    saved = backup_file(database.path, tmp_path / "saved.sqlite3")
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="乙公司"))
    database.close()
    kept = restore(saved, database.path)
    assert _names(database.path) == ["甲公司"]
    assert kept is not None and _names(kept) == ["乙公司", "甲公司"]
    db = open_database(db_url)  # the restored file opens normally
    db.close()


def test_restore_refuses_a_file_that_is_not_a_backup(database, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all")
    database.close()
    with pytest.raises(errors.NotAnAuditDeskDatabase):
        restore(junk, database.path)
