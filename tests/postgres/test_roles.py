"""One login role per person on the central database: the schema owner migrates; a person's
role, given the README's GRANT set through a group role, opens and saves and is refused
migrating (issue 14 point 7)."""

from __future__ import annotations

import uuid

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from auditdesk.model import EvidenceItem, Role
from auditdesk.services.errors import Conflict
from auditdesk.services.evidence import update_evidence
from auditdesk.services.setup import open_database
from auditdesk.storage import errors
from auditdesk.storage.changelog import verify_chain
from auditdesk.storage.integrity import check_database
from auditdesk.storage.migrations import alembic_config
from tests.postgres.roles import grant_sql
from tests.services.nc_world import add_user, build


@pytest.fixture
def office(pg_server, tmp_path, monkeypatch):
    """A database owned by a schema-owner role, set up by its first start, and a group role
    with the GRANT set; yields (database name, owner, users group, make_person)."""
    tag = uuid.uuid4().hex[:8]
    name, owner, users = f"cb_{tag}", f"auditdesk_owner_{tag}", f"auditdesk_users_{tag}"
    monkeypatch.setenv("AUDITDESK_FILES", str(tmp_path / "files"))
    pg_server.admin(f"CREATE ROLE {owner} LOGIN PASSWORD 'owner-password'")
    pg_server.admin(f"CREATE ROLE {users} NOLOGIN")
    pg_server.admin(f'CREATE DATABASE "{name}" OWNER {owner}')
    pg_server.admin(f'REVOKE ALL ON DATABASE "{name}" FROM PUBLIC')
    superuser = create_engine(pg_server.url(name), isolation_level="AUTOCOMMIT")
    with superuser.connect() as conn:  # the owner's schema; nobody else may create in it
        conn.execute(text(f"ALTER SCHEMA public OWNER TO {owner}"))
        conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    superuser.dispose()
    db = open_database(pg_server.url(name, owner, "owner-password"))  # migrations: the owner
    with db.session() as s:
        build(s)
        add_user(s, "wang", Role.AUDITOR).display_name = "王建国"
    db.close()
    engine = create_engine(pg_server.url(name, owner, "owner-password"))
    with engine.begin() as conn:
        for sql in grant_sql(name, owner, users):
            conn.execute(text(sql))
    engine.dispose()
    people: list[str] = []

    def person(login: str) -> str:
        role = f"{login}_{tag}"
        pg_server.admin(f"CREATE ROLE {role} LOGIN PASSWORD 'person-password' IN ROLE {users}")
        people.append(role)
        return pg_server.url(name, role, "person-password")

    yield name, owner, users, person
    pg_server.drop_database(name)
    for role in [*people, users, owner]:
        pg_server.admin(f"DROP ROLE IF EXISTS {role}")


def test_a_persons_role_opens_and_saves_with_the_grant_set(office):
    name, owner, _users, person = office
    url = person("wang")
    db = open_database(url)
    try:
        with db.session("wang") as s:
            item = s.query(EvidenceItem).order_by(EvidenceItem.seq).first()
            item_id, version = item.id, item.version
        with db.session("wang") as s:
            update_evidence(
                s, item_id, {"description": "量具G-12校准记录缺失"}, expected_version=version
            )
        with pytest.raises(Conflict):  # the version check works for a person's role too
            with db.session("wang") as s:
                update_evidence(s, item_id, {"description": "旧版本"}, expected_version=version)
        with db.session("wang") as s:
            assert s.get(EvidenceItem, item_id).description == "量具G-12校准记录缺失"
            assert verify_chain(s) == []
            with pytest.raises(Exception, match="permission denied"):  # the log stays append-only
                s.execute(text("DELETE FROM change_log"))
    finally:
        db.close()
    assert check_database(url).ok


def test_a_persons_role_is_refused_migrating(office, pg_server):
    name, owner, _users, person = office
    url = person("li")
    engine = create_engine(pg_server.url(name, owner, "owner-password"))
    with engine.begin() as conn:  # as if an AuditDesk update arrived: the schema is one behind
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        previous = (
            ScriptDirectory.from_config(alembic_config(engine)).get_revision(head).down_revision
        )
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": previous})
    engine.dispose()
    with pytest.raises(errors.ServerPermission) as info:
        open_database(url)
    assert "schema owner role must open it once" in str(info.value)
    probe = create_engine(pg_server.url(name, owner, "owner-password"))
    with probe.connect() as conn:  # nothing half-done: still one behind, for the owner to upgrade
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == previous
    probe.dispose()
