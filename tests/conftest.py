"""Shared fixtures: a fresh migrated AuditDesk database per test (real SQLite file)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'auditdesk.sqlite3'}"


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
