"""Backups a CB can restore from: database + photos, verified, to a folder the user chooses,
thinned, space checked, off the user's path; restore on another machine passes ``check``."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import shutil
import sqlite3
import threading

import pytest
from PIL import Image

from auditdesk.services import evidence as ev
from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.setup import open_database
from auditdesk.storage import backup, backup_set, errors
from auditdesk.storage.attachments import AttachmentStore
from auditdesk.storage.backup import AutoBackup, backup_file, restore
from auditdesk.storage.integrity import check_database
from tests.services.workspace_data import make_audit


@pytest.fixture
def db(tmp_path):
    """A SQLite database file (backups are of files; PostgreSQL uses pg_dump)."""
    database = open_database(f"sqlite:///{tmp_path / 'office' / 'auditdesk.sqlite3'}", create=True)
    yield database
    database.close()


def _photo(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(out, "JPEG")
    return out.getvalue()


def _with_photos(database, n=2):
    with database.session() as s:
        facts = make_audit(s)
        item = ev.add_evidence(s, facts.audit_id, ev.EvidenceData(description="仓库温湿度记录"))
        shas = [
            ev.attach_bytes(s, item.id, _photo((40 * i, 90, 200)), f"photo{i}.jpg").sha256
            for i in range(n)
        ]
    return shas


def _names(path):
    con = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in con.execute("SELECT name_zh FROM organisation"))
    finally:
        con.close()


def _entries(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_backup_file_of_a_database_in_use_has_committed_data(db, tmp_path):
    with db.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    out = backup_file(db.path, tmp_path / "copy.sqlite3")
    assert _names(out) == ["甲公司"]


def test_a_backup_holds_the_database_and_every_photo_verified(db, tmp_path):
    shas = _with_photos(db)
    usb = tmp_path / "usb"
    result = backup_set.write_backup(db.path, usb)
    assert result.path.parent == usb and result.path.name.endswith(".adbackup")
    assert result.attachments == 2 and result.missing == ()
    manifest = json.loads((result.path / "manifest.json").read_text())
    assert set(manifest["attachments"]) == set(shas)
    for sha in shas:
        assert backup_set.sha256_of(result.path / "files" / sha[:2] / sha[2:]) == sha
    assert backup_set.verify_backup(result.path)["format"] == 1
    assert not list(usb.glob("*.part"))


def test_restored_on_another_machine_check_passes_with_its_photos(db, tmp_path):
    shas = _with_photos(db)
    office = db.path.parent
    result = backup_set.write_backup(db.path, tmp_path / "usb")
    db.close()
    shutil.rmtree(office)  # the original machine is gone: database, store, everything
    elsewhere = tmp_path / "new-laptop" / "data" / "auditdesk.sqlite3"
    assert restore(result.path, elsewhere) is None  # nothing there to keep aside
    report = check_database(f"sqlite:///{elsewhere}")
    assert report.ok, report.problems
    assert report.attachments_checked == 2
    store = AttachmentStore.beside(elsewhere)
    assert {backup_set.sha256_of(store.path_of(s)) for s in shas} == set(shas)
    again = open_database(f"sqlite:///{elsewhere}")
    try:
        with again.session() as s:
            assert len(ev.list_attachments(s)) == 2
    finally:
        again.close()


def test_a_second_backup_links_unchanged_photos_instead_of_copying(db, tmp_path):
    _with_photos(db)
    first = backup_set.write_backup(
        db.path, tmp_path / "usb", now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    second = backup_set.write_backup(
        db.path, tmp_path / "usb", now=dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    )
    assert first.path != second.path and second.linked == 2
    backup_set.verify_backup(second.path)


def test_an_altered_backup_is_refused_and_nothing_is_restored(db, tmp_path):
    shas = _with_photos(db)
    result = backup_set.write_backup(db.path, tmp_path / "usb")
    with db.session() as s:
        create_organisation(s, OrganisationData(name_zh="乙公司"))
    db.close()
    photo = result.path / "files" / shas[0][:2] / shas[0][2:]
    data = bytearray(photo.read_bytes())
    data[-3] ^= 0xFF
    photo.unlink()  # a hard link may share it with the store: replace, do not edit in place
    photo.write_bytes(bytes(data))
    with pytest.raises(backup_set.BackupInvalid):
        restore(result.path, db.path)
    assert "乙公司" in _names(db.path)  # the current database, untouched


def test_not_enough_space_is_refused_before_writing_anything(db, tmp_path, monkeypatch):
    _with_photos(db)
    monkeypatch.setattr(backup_set, "free_bytes", lambda folder: 1024)
    usb = tmp_path / "usb"
    with pytest.raises(backup_set.BackupNoSpace) as info:
        backup_set.write_backup(db.path, usb)
    assert info.value.needed > info.value.free == 1024
    assert _entries(usb) == []
    assert not isinstance(info.value, errors.CorruptDatabase)


def test_on_the_database_disk_a_reserve_for_user_writes_stays_free(db, tmp_path, monkeypatch):
    _with_photos(db)
    need, _missing, _prev = backup_set.plan(
        db.path, tmp_path / "office", AttachmentStore.beside(db.path).root
    )
    assert need.reserve >= backup_set.RESERVE_MIN
    elsewhere, _m, _p = backup_set.plan(db.path, tmp_path / "office", tmp_path)  # same disk here
    assert elsewhere.total >= elsewhere.database + elsewhere.reserve


def test_a_disk_that_fills_up_mid_backup_leaves_no_partial_files(db, tmp_path, monkeypatch):
    _with_photos(db)

    def full(src, dst):
        open(dst, "wb").write(b"x" * 100)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_set.shutil, "copyfile", full)
    usb = tmp_path / "usb"
    with pytest.raises(backup_set.BackupNoSpace):
        backup_set.write_backup(db.path, usb)
    assert _entries(usb) == []


def test_a_read_only_or_missing_target_is_said_so(db, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(backup_set.BackupTargetReadOnly):
        backup_set.write_backup(db.path, blocker / "usb")

    def read_only(source, target, cancel):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(backup_set, "_copy_database", read_only)
    usb = tmp_path / "usb"
    with pytest.raises(backup_set.BackupTargetReadOnly):
        backup_set.write_backup(db.path, usb)
    assert _entries(usb) == []


D = dt.datetime


def _days(*dates):
    return [D(*d, 3, 0, tzinfo=dt.UTC) for d in dates]


@pytest.mark.parametrize(
    ("stamps", "kept", "policy"),
    [
        ([], [], {}),
        (_days((2026, 12, 3)), _days((2026, 12, 3)), {}),
        # two the same day: the newer of them stands for the day
        (
            [D(2026, 12, 3, 1, tzinfo=dt.UTC), D(2026, 12, 3, 9, tzinfo=dt.UTC)],
            [D(2026, 12, 3, 9, tzinfo=dt.UTC)],
            {},
        ),
        # ten daily backups, keep 3 days and nothing weekly or monthly
        (
            _days(*[(2026, 12, d) for d in range(1, 11)]),
            _days((2026, 12, 10), (2026, 12, 9), (2026, 12, 8)),
            {"daily": 3, "weekly": 0, "monthly": 0},
        ),
        # weekly: the newest of each ISO week (weeks of Nov 30 and Nov 23)
        (
            _days((2026, 12, 1), (2026, 11, 30), (2026, 11, 25), (2026, 11, 24)),
            _days((2026, 12, 1), (2026, 11, 25)),
            {"daily": 1, "weekly": 2, "monthly": 0},
        ),
        # monthly: the newest of each month, 12 months back at most
        (
            _days(*[(2025, m, 15) for m in range(1, 13)], (2026, 1, 15), (2026, 2, 15)),
            _days((2026, 2, 15), (2026, 1, 15), (2025, 12, 15)),
            {"daily": 1, "weekly": 0, "monthly": 3},
        ),
        # the default 7/4/12 over a year of daily backups keeps at most 7 + 4 + 12
        (
            [D(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=i) for i in range(365)],
            None,
            {},
        ),
    ],
)
def test_thinning(stamps, kept, policy):
    result = backup_set.thin(stamps, **policy)
    if kept is None:
        assert len(result) <= 7 + 4 + 12 and max(stamps) in result
        assert min(result) >= max(stamps) - dt.timedelta(days=366)
        assert len(result) >= 12
    else:
        assert result == set(kept)


def test_apply_thinning_deletes_the_backups_thin_drops(db, tmp_path):
    usb = tmp_path / "usb"
    for day in range(1, 6):
        backup_set.write_backup(db.path, usb, now=D(2026, 12, day, tzinfo=dt.UTC))
    removed = backup_set.apply_thinning(usb, db.path.stem, daily=2, weekly=0, monthly=0)
    assert len(removed) == 3
    assert [p.name[-25:-9] for p in backup_set.backups_in(usb, db.path.stem)] == [
        "20261204T000000Z",
        "20261205T000000Z",
    ]


# Automatic backups: off unless the GUI turns them on; at most one a day; never waited for.


def test_opening_and_editing_make_no_backup_unless_the_gui_asks(tmp_path):
    url = f"sqlite:///{tmp_path / 'auditdesk.sqlite3'}"
    database = open_database(url, create=True)
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    database.close()
    for _ in range(2):  # a CLI run or a benchmark child after a change
        again = open_database(url)
        with again.session() as s:
            create_organisation(s, OrganisationData(name_zh=f"公司{_}"))
        assert not again.backups.running
        again.close()
    assert _entries(tmp_path / "backups") == []


def test_the_daily_backup_runs_once_a_day_into_the_chosen_folder(db, tmp_path):
    _with_photos(db)
    usb = tmp_path / "usb"
    db.auto_backup = AutoBackup(enabled=True, folder=usb)
    db.backups.schedule()
    assert db.wait_for_backups(60)
    assert db.backups.last_error is None
    made = backup_set.backups_in(usb, db.path.stem)
    assert len(made) == 1
    with db.session() as s:
        create_organisation(s, OrganisationData(name_zh="乙公司"))
    db.backups.schedule()  # changed, but the last backup is from today
    assert db.wait_for_backups(60)
    assert backup_set.backups_in(usb, db.path.stem) == made
    assert not backup.backup_due(db)
    assert backup.backup_due(db, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1))


def test_an_unchanged_database_adds_no_daily_copy(db, tmp_path):
    usb = tmp_path / "usb"
    db.auto_backup = AutoBackup(enabled=True, folder=usb)
    backup_set.write_backup(db.path, usb, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    assert not backup.backup_due(db)  # old, but the change log did not move since


def test_old_whole_file_copies_go_once_a_full_backup_exists(db, tmp_path):
    old = backup.backup_dir(db.path) / f"{db.path.stem}-auto-20260101T000000000000Z.sqlite3"
    backup_file(db.path, old)
    db.auto_backup = AutoBackup(enabled=True, folder=tmp_path / "usb")
    assert backup.automatic_backup(db) is not None
    assert not old.exists()


def test_closing_cancels_a_running_backup_and_leaves_nothing_partial(db, tmp_path, monkeypatch):
    _with_photos(db)
    usb = tmp_path / "usb"
    started = threading.Event()
    real = backup_set._copy_database

    def slow(source, target, cancel):
        started.set()
        assert cancel is not None
        cancel.wait(30)  # a long copy: runs until the app closes
        real(source, target, cancel)

    monkeypatch.setattr(backup_set, "_copy_database", slow)
    db.auto_backup = AutoBackup(enabled=True, folder=usb)
    db.backups.schedule()
    assert started.wait(30)
    db.close()  # returns although the copy had not finished
    assert not db.backups.running
    assert isinstance(db.backups.last_error, backup_set.BackupCancelled)
    assert _entries(usb) == []


def test_restore_of_a_plain_file_keeps_the_current_file_aside(db, tmp_path):
    with db.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    saved = backup_file(db.path, tmp_path / "saved.sqlite3")
    with db.session() as s:
        create_organisation(s, OrganisationData(name_zh="乙公司"))
    db.close()
    kept = restore(saved, db.path)
    assert _names(db.path) == ["甲公司"]
    assert kept is not None and _names(kept) == ["乙公司", "甲公司"]
    open_database(f"sqlite:///{db.path}").close()  # the restored file opens normally


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all")
    db.close()
    with pytest.raises(errors.NotAnAuditDeskDatabase):
        restore(junk, db.path)


def test_restore_checks_free_space_first(db, tmp_path, monkeypatch):
    _with_photos(db)
    result = backup_set.write_backup(db.path, tmp_path / "usb")
    db.close()
    monkeypatch.setattr(backup_set, "free_bytes", lambda folder: 10)
    target = tmp_path / "elsewhere" / "auditdesk.sqlite3"
    with pytest.raises(backup_set.BackupNoSpace):
        restore(result.path, target)
    assert not target.exists()


def test_cli_backup_to_a_folder_and_restore_it(db, tmp_path, capsys):
    from auditdesk.cli import main

    _with_photos(db)
    path = db.path
    db.close()
    usb = tmp_path / "usb"
    assert main(["backup", "--db", str(path), "--to", str(usb), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["attachments"] == 2 and out["missing_attachments"] == []
    target = tmp_path / "other" / "restored.sqlite3"
    assert main(["restore", out["backup"], "--db", str(target)]) == 0
    assert check_database(f"sqlite:///{target}").ok


def test_cli_says_a_full_disk_in_one_line(db, tmp_path, capsys, monkeypatch):
    from auditdesk.cli import main

    path = db.path
    db.close()
    monkeypatch.setattr(backup_set, "free_bytes", lambda folder: 0)
    assert main(["backup", "--db", str(path), "--to", str(tmp_path / "usb")]) != 0
    err = capsys.readouterr().err.strip()
    assert "free space" in err and "\n" not in err and "damaged" not in err
