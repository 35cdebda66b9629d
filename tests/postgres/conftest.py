"""Fixtures for the PostgreSQL-only tests (every test here runs with ``backend == "postgres"``).

The server itself is ``pg_server`` in tests/conftest.py (tests/pg_server.py): one throwaway
cluster per run, skipped with its reason only when no PostgreSQL binaries exist, failing
under ``CI=true``.
"""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def empty_pg_url(pg_server, tmp_path, monkeypatch):
    """A new, empty database (no tables) on the test server, as an administrator creates one."""
    name = f"e_{uuid.uuid4().hex[:16]}"
    pg_server.admin(f'CREATE DATABASE "{name}"')
    monkeypatch.setenv("AUDITDESK_FILES", str(tmp_path / "central-files"))
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def pg_role(pg_server):
    """A login role with a password (the server trusts only its own superuser)."""
    name = f"clerk_{uuid.uuid4().hex[:8]}"
    pg_server.admin(f"CREATE ROLE {name} LOGIN PASSWORD 'right-password'")
    yield name
    pg_server.admin(f"DROP ROLE IF EXISTS {name}")
