"""A 0-byte, damaged or schema-damaged database is refused with one line when opened: never
re-created, never written to."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from auditdesk.cli import main
from auditdesk.storage import errors
from auditdesk.storage.database import Database


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cli_refuses(path, capsys, *command):
    before = (_digest(path), path.stat().st_size)
    code = main([*command, "--db", str(path)])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1, err
    assert (_digest(path), path.stat().st_size) == before, "the refused file was written"
    assert (
        not path.with_name(path.name + "-wal").exists()
        or path.with_name(path.name + "-wal").stat().st_size == 0
    )
    return err


@pytest.mark.parametrize(
    "command",
    [("list", "certificates"), ("import", "clients", "/nonexistent.xlsx")],
)
def test_a_zero_byte_file_is_not_made_a_new_database(tmp_path, capsys, command):
    path = tmp_path / "auditdesk.sqlite3"
    path.write_bytes(b"")
    err = _cli_refuses(path, capsys, *command)
    assert path.stat().st_size == 0
    assert "0 bytes" in err


def _damage(path):
    """Flip bytes inside a b-tree page of the organisation table (not the header)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'organisation'").fetchone()[
        0
    ]
    con.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page
    data[start + 8 : start + 40] = b"\xff" * 32
    path.write_bytes(bytes(data))


def test_a_file_failing_quick_check_is_refused_and_not_written(database, tmp_path, capsys):
    from auditdesk.services.clients import OrganisationData, create_organisation

    with database.session() as s:
        for i in range(30):
            create_organisation(s, OrganisationData(name_zh=f"损坏测试{i}有限公司"))
    path = database.path
    database.close()
    _damage(path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        pass
    finally:
        con.close()
    with pytest.raises(errors.CorruptDatabase):
        Database.open(f"sqlite:///{path}")
    err = _cli_refuses(path, capsys, "list", "clients")
    assert "damaged" in err


def test_a_database_missing_a_table_is_refused_in_one_line(database, capsys):
    path = database.path
    database.close()
    con = sqlite3.connect(path)
    con.execute("DROP TABLE nc_evidence")
    con.commit()
    con.close()
    err = _cli_refuses(path, capsys, "list", "certificates")
    assert "nc_evidence" in err and "damaged" in err
