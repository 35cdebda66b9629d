"""Backups: consistent online copies, automatic rotation, restore keeps the current file aside."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.setup import open_database
from auditdesk.storage import backup, errors
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
    assert database.wait_for_backups(60)  # the copy runs in the background, after the commit
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


# Automatic backups run off the user's path: a background thread copies after open() has
# returned and after the commit has completed. A backup held back on an Event proves it: were
# the copy on the caller's path, the caller could not return before the Event is set.


def _hold_backups(monkeypatch):
    """Make every automatic copy wait until ``release`` is set; ``started`` tells one began."""
    started, release = threading.Event(), threading.Event()
    real = backup.rotating_backup

    def held(db_path, keep=10):
        started.set()
        release.wait(20)
        return real(db_path, keep)

    monkeypatch.setattr(backup, "rotating_backup", held)
    return started, release


def _parts(path):
    return list(backup.backup_dir(path).glob("*.part")) if backup.backup_dir(path).is_dir() else []


def test_open_returns_before_the_open_time_backup_is_written(db_url, database, monkeypatch):
    path = database.path
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    database.close()
    started, release = _hold_backups(monkeypatch)
    db = open_database(db_url)
    try:
        assert not release.is_set() and automatic_backups(path) == []  # open() did not copy
        assert started.wait(20)  # the copy did start, in the background
        with db.session() as s:  # the database is usable meanwhile
            create_organisation(s, OrganisationData(name_zh="乙公司"))
        release.set()
        assert db.wait_for_backups(60)
        backups = automatic_backups(path)
        assert len(backups) == 1 and "甲公司" in _names(backups[0])
    finally:
        release.set()
        db.close()


def test_a_commit_crossing_the_threshold_returns_before_the_backup_runs(database, monkeypatch):
    database.auto_backup = AutoBackup(keep=5, every_changes=3)
    started, release = _hold_backups(monkeypatch)
    try:
        with database.session() as s:
            for name in ("甲公司", "乙公司", "丙公司"):
                create_organisation(s, OrganisationData(name_zh=name))
        assert (
            not release.is_set() and automatic_backups(database.path) == []
        )  # commit did not copy
        assert started.wait(20)
        release.set()
        assert database.wait_for_backups(60)
        backups = automatic_backups(database.path)
        assert len(backups) == 1 and _names(backups[0]) == ["丙公司", "乙公司", "甲公司"]
    finally:
        release.set()


def test_at_most_one_backup_at_a_time_and_a_request_meanwhile_runs_after(database, monkeypatch):
    database.auto_backup = AutoBackup(keep=5, every_changes=1)
    running, most = [0], [0]
    real = backup.rotating_backup
    first_started, release = threading.Event(), threading.Event()

    def counted(db_path, keep=10):
        running[0] += 1
        most[0] = max(most[0], running[0])
        first_started.set()
        release.wait(20)
        try:
            return real(db_path, keep)
        finally:
            running[0] -= 1

    monkeypatch.setattr(backup, "rotating_backup", counted)
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    assert first_started.wait(20)
    for name in ("乙公司", "丙公司"):  # both ask for a copy while the first one runs
        with database.session() as s:
            create_organisation(s, OrganisationData(name_zh=name))
    release.set()
    assert database.wait_for_backups(60)
    backups = automatic_backups(database.path)
    assert most[0] == 1
    assert len(backups) == 2  # the first, then one more for the requests made meanwhile
    assert _names(backups[-1]) == ["丙公司", "乙公司", "甲公司"]


def test_close_waits_for_a_running_backup(db_url, database, monkeypatch):
    path = database.path
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    database.close()
    started, release = _hold_backups(monkeypatch)
    db = open_database(db_url)
    assert started.wait(20)
    threading.Timer(0.2, release.set).start()
    db.close()  # returns only once the copy is complete
    assert release.is_set()
    assert len(automatic_backups(path)) == 1 and _parts(path) == []


def test_a_failed_background_backup_is_retried_on_the_next_commit(database, monkeypatch):
    database.auto_backup = AutoBackup(keep=5, every_changes=2)
    real = backup.rotating_backup
    calls = []

    def fails_once(db_path, keep=10):
        calls.append(db_path)
        if len(calls) == 1:
            raise OSError("disk full")
        return real(db_path, keep)

    monkeypatch.setattr(backup, "rotating_backup", fails_once)
    with database.session() as s:
        for name in ("甲公司", "乙公司"):
            create_organisation(s, OrganisationData(name_zh=name))
    assert database.wait_for_backups(60)
    assert automatic_backups(database.path) == [] and isinstance(
        database.backups.last_error, OSError
    )
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="丙公司"))
    assert database.wait_for_backups(60)
    assert len(automatic_backups(database.path)) == 1
