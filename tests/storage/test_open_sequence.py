"""One opening sequence for both backends (issue 18 point 3): a SQLite file and a PostgreSQL
server go through the same steps of ``storage.database._open``, in the same order, and differ
only in what each step does there (``_SqliteFile``, ``postgres.PostgresServer``).

Every test here runs as [sqlite] and [postgres] (tests/conftest.py, ``db_url``)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text

from auditdesk.storage import database as database_module
from auditdesk.storage import errors, migrations
from auditdesk.storage.database import Database
from auditdesk.storage.migrations import current_revision, head_revision


class Recording:
    """A backend that writes down each step the sequence asks of it, then does it."""

    def __init__(self, inner: Any, steps: list[str]) -> None:
        self._inner = inner
        self._steps = steps

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if not callable(value):
            return value

        def step(*args: Any, **kw: Any) -> Any:
            self._steps.append(name)
            return value(*args, **kw)

        return step


@pytest.fixture
def steps(monkeypatch) -> list[str]:
    recorded: list[str] = []
    real = database_module._backend_for
    monkeypatch.setattr(database_module, "_backend_for", lambda url: Recording(real(url), recorded))
    return recorded


@pytest.fixture
def existing_url(db_url) -> str:
    """A database at head, closed (SQLite: made now; PostgreSQL: the template's copy)."""
    Database.open(db_url, create=True).close()
    return db_url


@pytest.fixture
def empty_url(backend, request, tmp_path, monkeypatch) -> Any:
    """Where a new database goes: a new file, or an empty database an administrator made."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'new' / 'auditdesk.sqlite3'}"
        return
    server = request.getfixturevalue("pg_server")
    name = f"e_{uuid.uuid4().hex[:16]}"
    server.admin(f'CREATE DATABASE "{name}"')
    monkeypatch.setenv("AUDITDESK_FILES", str(tmp_path / "files"))
    yield server.url(name)
    server.drop_database(name)


def test_a_new_database_is_made_by_the_same_steps(db_url, empty_url, steps):
    filled: list[str] = []
    db = Database.open(empty_url, create=True, on_create=lambda s: filled.append("filled"))
    try:
        assert db.created and filled == ["filled"]
        assert current_revision(db.engine) == head_revision()
    finally:
        db.close()
    assert steps == ["connect", "install", "migrate", "mark", "ensure_guards"]


def test_a_database_at_head_is_opened_by_the_same_steps(existing_url, steps):
    filled: list[str] = []
    db = Database.open(existing_url, on_create=lambda s: filled.append("filled"))
    db.close()
    assert not db.created and filled == []
    assert steps == ["connect", "install", "check_structure", "mark", "ensure_guards"]


def test_an_older_database_is_prepared_then_upgraded_by_the_same_steps(
    existing_url, steps, monkeypatch
):
    # "behind" when opening; "current" when PostgreSQL looks again under its migration lock.
    states = iter(["behind"])
    real = migrations.check_revision
    monkeypatch.setattr(migrations, "check_revision", lambda e: next(states, None) or real(e))
    db = Database.open(existing_url)
    try:
        # Before the upgrade a file is copied, a server's user is told to take a pg_dump.
        assert (db.backup_path is not None and db.backup_path.is_file()) or (
            db.path is None and "pg_dump" in db.upgrade_note
        )
        assert not db.created
    finally:
        db.close()
    assert steps == ["connect", "install", "before_upgrade", "migrate", "mark", "ensure_guards"]


def test_a_newer_database_is_refused_untouched_on_both(existing_url, steps):
    db = Database.open(existing_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    db.close()
    steps.clear()
    with pytest.raises(errors.NewerDatabase, match="newer AuditDesk"):
        Database.open(existing_url)
    assert steps == ["connect", "install"]  # nothing after the refusal: nothing written
    probe = Database.open(existing_url, migrate=False)
    try:
        assert current_revision(probe.engine) == "ffff_from_the_future"
    finally:
        probe.close()


def test_a_database_without_its_revision_is_refused_on_both(existing_url, steps):
    db = Database.open(existing_url)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    db.close()
    steps.clear()
    with pytest.raises(errors.NotAnAuditDeskDatabase):
        Database.open(existing_url)
    assert steps == ["connect", "install"]


def test_a_missing_database_is_not_made_without_create_on_both(db_url, empty_url, backend, steps):
    if backend == "postgres":  # a database the administrator has not made
        empty_url = empty_url.replace("/e_", "/absent_")
    with pytest.raises(errors.DatabaseMissing):
        Database.open(empty_url)
    assert steps == ["connect"]


def test_a_driver_error_while_opening_becomes_a_storage_error_on_both(
    existing_url, backend, monkeypatch
):
    """The backend maps what the driver raised to the environment error it is."""
    from sqlalchemy.exc import OperationalError

    said = "database or disk is full" if backend == "sqlite" else "server closed the connection"

    def fails(_engine: Any) -> str:
        raise OperationalError("SELECT", {}, Exception(said))

    monkeypatch.setattr(migrations, "check_revision", fails)
    expected = errors.DiskFull if backend == "sqlite" else errors.ServerUnreachable
    with pytest.raises(expected):
        Database.open(existing_url)
