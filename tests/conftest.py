"""Shared fixtures: a fresh migrated AuditDesk database per test (real SQLite file)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Hypothesis: CI must be reproducible, so a random fuzz find can never decide whether a
# submission lands. Under CI=true the "ci" profile is derandomized (the same examples on every
# run, no example database) and explores more; locally the "dev" profile stays random, which is
# where new failures are meant to be found. HYPOTHESIS_PROFILE picks one explicitly.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    print_blob=True,
    deadline=None,
    max_examples=200,
)
settings.register_profile("dev", deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "dev")
)


# The storage, services, exchange and change-log tests run on both backends: every test there
# that uses ``db_url`` (directly or through ``database``/``session``) runs as [sqlite] and
# [postgres]. The PostgreSQL server is a throwaway one (tests/pg_server.py), one per session.
BOTH_BACKENDS = ("storage", "services", "exchange", "postgres")
# Tests about SQLite files themselves (file backups, PRAGMAs, tampering with the file);
# tests/postgres has the PostgreSQL counterparts.
SQLITE_ONLY_FILES = {
    "test_backup.py",
    "test_integrity.py",
    "test_tamper.py",
    "test_damaged_open.py",
}
SQLITE_ONLY_TESTS = {
    "test_changelog.py::test_a_changed_byte_is_found_at_its_row",
    "test_changelog.py::test_a_removed_row_breaks_the_link",
}


def pytest_generate_tests(metafunc):
    if "db_url" not in metafunc.fixturenames:
        return
    path = metafunc.definition.path
    layer = path.parent.name
    sqlite_only = (
        path.name in SQLITE_ONLY_FILES
        or f"{path.name}::{metafunc.definition.name}" in SQLITE_ONLY_TESTS
    )
    if path.parent.parent.name == "tests" and layer in BOTH_BACKENDS and not sqlite_only:
        backends = ["postgres"] if layer == "postgres" else ["sqlite", "postgres"]
        metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request):
    """'sqlite' or 'postgres' (parametrised for the layers in BOTH_BACKENDS)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server():
    """One throwaway PostgreSQL server for the whole run, with a template database at head."""
    from tests.pg_server import NoPostgres, PgServer, in_ci

    try:
        server = PgServer()
    except NoPostgres as exc:
        if in_ci():
            pytest.fail(f"CI=true but {exc}", pytrace=False)
        pytest.skip(str(exc))
    try:
        server.build_template()
        yield server
    finally:
        server.stop()


@pytest.fixture
def db_url(request, backend, tmp_path, monkeypatch):
    if backend == "postgres":
        server = request.getfixturevalue("pg_server")
        name = server.fresh_database()
        # A server database keeps attachment files in a configured folder, not beside a file.
        monkeypatch.setenv("AUDITDESK_FILES", str(tmp_path / "files"))
        yield server.url(name)
        server.drop_database(name)
        return
    yield f"sqlite:///{tmp_path / 'auditdesk.sqlite3'}"


@pytest.fixture
def database(db_url):
    """A new database with the standards library and the system user, as the app creates it."""
    from auditdesk.services.setup import open_database

    db = open_database(db_url, create=True)
    yield db
    db.close()


@pytest.fixture
def session(database):
    """A session acting as the built-in system (admin) user, committed at the end of the test."""
    with database.session() as s:
        yield s
