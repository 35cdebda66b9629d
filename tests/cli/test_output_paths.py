"""``--out`` never destroys what is not an earlier export: the open database, its -wal/-shm
and lock files, a device node, a folder — each refused with one line, the target untouched."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from auditdesk.cli import main


@pytest.fixture
def db_path(database):
    path = database.path
    if path is None:
        pytest.skip("a database file is what this protects")
    with database.session() as s:  # leave a -wal and a lock file beside it, as a running app does
        from auditdesk.services.clients import OrganisationData, create_organisation

        create_organisation(s, OrganisationData(name_zh="输出测试有限公司"))
    database.close()
    for companion in ("-wal", "-shm", ".lock"):
        p = path.with_name(path.name + companion)
        if not p.exists():
            p.write_bytes(b"")
    return path


def _targets(db: Path, tmp_path: Path) -> list[Path]:
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()
    return [
        db,
        db.with_name(db.name + "-wal"),
        db.with_name(db.name + "-shm"),
        db.with_name(db.name + ".lock"),
        Path("/dev/null"),
        folder,
    ]


def test_writing_refuses_the_database_its_files_devices_and_folders(db_path, tmp_path):
    from auditdesk.exports.files import UnsafeOutput, write_atomically

    targets = _targets(db_path, tmp_path)
    refused = 0
    for target in targets:
        before = target.read_bytes() if target.is_file() else None
        mtime = os.stat(target).st_mtime_ns
        with pytest.raises(UnsafeOutput) as info:
            write_atomically(target, lambda fh: fh.write(b"PK export"))
        assert "refused" in str(info.value)
        if before is not None:
            assert target.read_bytes() == before
        assert os.stat(target).st_mtime_ns == mtime
        refused += 1
    assert refused == len(targets) == 6
    assert not list(db_path.parent.glob(".*.part")), "a temporary file was left behind"
    # an ordinary file, and one that merely ends like a lock file, are written
    for fine in (tmp_path / "schedule.xlsx", tmp_path / "plan.lock"):
        write_atomically(fine, lambda fh: fh.write(b"PK export"))
        assert fine.read_bytes() == b"PK export"


def test_the_cli_refuses_with_one_line(db_path, tmp_path, capsys):
    import shutil

    copy = tmp_path / "register.xlsx"  # a database someone named like a workbook
    shutil.copy(db_path, copy)
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    for target in (copy, folder):
        before = copy.read_bytes()
        code = main(
            ["export", "schedule", "--year", "2027", "--db", str(db_path), "--out", str(target)]
        )
        err = capsys.readouterr().err
        assert code != 0 and err.count("\n") == 1 and "refused" in err, err
        assert copy.read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_written_file_has_the_users_normal_permissions(tmp_path):
    """Issue 20, point 9: exported files were created 0600 (mkstemp's mode), unreadable by
    colleagues on a shared folder; they get 0666 less the umask, like any saved file."""
    import os

    from auditdesk.exports.files import write_atomically

    old = os.umask(0o022)
    try:
        target = tmp_path / "schedule.xlsx"
        write_atomically(target, lambda fh: fh.write(b"PK"))
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
