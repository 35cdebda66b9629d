"""Migrations: models and migrations agree; opening refuses foreign or newer files untouched."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from auditdesk.model import Base
from auditdesk.storage import errors, migrations
from auditdesk.storage.database import APPLICATION_ID, Database
from auditdesk.storage.migrations import current_revision, head_revision

REPO = Path(__file__).resolve().parents[2]


def test_models_and_migrations_agree(tmp_path):
    db = Database.open(f"sqlite:///{tmp_path / 'a.sqlite3'}", create=True)

    def ours(obj, name, type_, reflected, compare_to):  # the search tables (0040) are not ORM ones
        return not (type_ == "table" and name.startswith("search_index"))

    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True, "include_object": ours}),
            Base.metadata,
        )
    db.close()
    assert diff == [], f"models and migrations disagree; run make_migration: {diff}"


def test_new_database_is_at_head_and_marked(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = Database.open(f"sqlite:///{path}", create=True)
    assert current_revision(db.engine) == head_revision()
    db.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_pragmas_on_every_connection(tmp_path):
    db = Database.open(f"sqlite:///{tmp_path / 'a.sqlite3'}", create=True)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    db.close()


def test_missing_file_is_not_created_without_permission(tmp_path):
    with pytest.raises(errors.DatabaseMissing):
        Database.open(f"sqlite:///{tmp_path / 'nope.sqlite3'}")
    assert not (tmp_path / "nope.sqlite3").exists()


def test_text_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(errors.NotAnAuditDeskDatabase):
        Database.open(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_other_programs_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.execute("INSERT INTO recipes VALUES ('dumplings')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(errors.NotAnAuditDeskDatabase):
        Database.open(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_newer_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    Database.open(f"sqlite:///{path}", create=True).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(errors.NewerDatabase):
        Database.open(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_older_database_is_backed_up_then_upgraded(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    Database.open(f"sqlite:///{path}", create=True).close()
    # Simulate a database one revision behind by pretending head is newer than its revision.
    from auditdesk.storage import migrations

    monkeypatch.setattr(migrations, "check_revision", lambda engine: "behind")
    db = Database.open(f"sqlite:///{path}")
    assert db.backup_path is not None and db.backup_path.exists()
    con = sqlite3.connect(db.backup_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    db.close()


def test_corrupt_file_is_reported_as_corrupt(tmp_path):
    path = tmp_path / "broken.sqlite3"
    Database.open(f"sqlite:///{path}", create=True).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page after the header
    path.write_bytes(bytes(data))
    with pytest.raises((errors.CorruptDatabase, errors.NotAnAuditDeskDatabase)):
        Database.open(f"sqlite:///{path}")


def test_head_revision_constant_is_alembics_head():
    # Adding a migration to db/versions without updating HEAD_REVISION fails here.
    assert migrations.HEAD_REVISION == head_revision()


def test_a_database_at_another_revision_is_judged_by_alembic(tmp_path, monkeypatch):
    path = tmp_path / "a.sqlite3"
    db = Database.open(f"sqlite:///{path}", create=True)
    try:
        assert migrations.check_revision(db.engine) == "current"
        # Were the constant stale, the script directory still has the last word.
        monkeypatch.setattr(migrations, "HEAD_REVISION", "0000_stale")
        assert migrations.check_revision(db.engine) == "current"
        with db.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
        assert migrations.check_revision(db.engine) == "newer"
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM alembic_version")
        assert migrations.check_revision(db.engine) == "foreign"
    finally:
        db.close()


OPEN_AND_LIST_MODULES = r"""
import sys
from auditdesk.services.setup import open_database
import auditdesk.storage.database, auditdesk.storage.migrations
assert "alembic" not in sys.modules, "importing the storage modules imported alembic"
db = open_database(sys.argv[1])
db.close()
print(" ".join(sorted(m for m in sys.modules if m == "alembic" or m.startswith("alembic."))))
"""


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    from auditdesk.services.setup import open_database

    open_database(url, create=True).close()
    out = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LIST_MODULES, url],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        check=True,
    ).stdout.split()
    assert "alembic.script" not in out
    assert out == []
