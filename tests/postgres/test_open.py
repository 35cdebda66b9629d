"""Opening the central database: clear errors for the server's environment, revisions checked,
the change log append-only."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from auditdesk.services.setup import open_database
from auditdesk.storage import errors
from auditdesk.storage.database import Database
from auditdesk.storage.migrations import current_revision, head_revision


def test_an_empty_database_is_set_up_like_a_new_file(empty_pg_url):
    db = open_database(empty_pg_url)
    assert db.created and current_revision(db.engine) == head_revision()
    with db.session() as s:
        assert s.scalar(text("SELECT count(*) FROM app_user WHERE username = 'system'")) == 1
        assert s.scalar(text("SELECT count(*) FROM standard")) > 0
    db.close()
    again = open_database(empty_pg_url)
    assert not again.created
    again.close()


def test_unreachable_server_says_so(pg_server):
    url = pg_server.url("auditdesk").replace(f"port={pg_server.port}", "port=1")
    with pytest.raises(errors.ServerUnreachable, match="cannot reach the PostgreSQL server"):
        Database.open(url)


def test_wrong_password_says_so_without_showing_it(pg_server, pg_role):
    url = pg_server.url("postgres", user=pg_role, password="wrong-password")
    with pytest.raises(errors.AuthenticationFailed) as info:
        Database.open(url)
    assert pg_role in str(info.value) and "wrong-password" not in str(info.value)


def test_missing_database_is_not_created_without_permission(pg_server):
    with pytest.raises(errors.DatabaseMissing, match="createdb"):
        Database.open(pg_server.url("no_such_db"))


def test_missing_database_needs_a_role_allowed_to_create_it(pg_server, pg_role):
    url = pg_server.url("clerks_db", user=pg_role, password="right-password")
    with pytest.raises(errors.DatabaseMissing, match="may not create one"):
        Database.open(url, create=True)


def test_missing_database_is_created_when_allowed(pg_server):
    url = pg_server.url("made_by_auditdesk")
    db = open_database(url, create=True)
    assert db.created
    db.close()
    pg_server.drop_database("made_by_auditdesk")


def test_newer_database_is_refused_untouched(db_url):
    db = Database.open(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    db.close()
    with pytest.raises(errors.NewerDatabase):
        Database.open(db_url)
    probe = Database.open(db_url, migrate=False)
    assert current_revision(probe.engine) == "ffff_from_the_future"
    probe.close()


def test_another_programs_database_is_refused(pg_server, empty_pg_url):
    from sqlalchemy import create_engine

    engine = create_engine(empty_pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE recipes (name text)"))
    engine.dispose()
    with pytest.raises(errors.NotAnAuditDeskDatabase):
        Database.open(empty_pg_url, create=True)


def test_older_database_is_upgraded_with_pg_dump_advice(db_url, monkeypatch):
    from auditdesk.storage import migrations

    states = iter(["behind", "current"])
    monkeypatch.setattr(migrations, "check_revision", lambda engine: next(states, "current"))
    db = Database.open(db_url)
    assert "pg_dump" in db.upgrade_note and db.backup_path is None
    db.close()


def test_change_log_is_append_only_on_the_server(database):
    with database.engine.connect() as conn:
        for sql in (
            "UPDATE change_log SET \"user\" = 'mallory'",
            "DELETE FROM change_log",
            "TRUNCATE change_log",
        ):
            with pytest.raises(DBAPIError, match="append-only"):
                with conn.begin():
                    conn.execute(text(sql))


def test_a_connection_lost_mid_session_is_an_environment_error(database, pg_server):
    with database.engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        pg_server.admin(f"SELECT pg_terminate_backend({pid})")
        with pytest.raises(DBAPIError) as info:
            conn.execute(text("SELECT 1"))
    assert isinstance(errors.classify_sqlite_error(info.value), errors.ServerUnreachable)
    with database.session() as s:  # the pool notices and reconnects: the next action works
        assert s.scalar(text("SELECT 1")) == 1


def test_models_and_migrations_agree_on_postgresql(database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from auditdesk.model import Base

    def ours(obj, name, type_, reflected, compare_to):  # the search index is not an ORM table
        return not (type_ == "table" and name == "search_index") and not (
            type_ == "index" and name and name.startswith("ix_search_index")
        )

    with database.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": ours})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"models and migrations disagree on PostgreSQL: {diff}"


def test_check_finds_a_removed_guard_and_an_edited_log_row(database):
    from auditdesk.storage.integrity import check_database

    assert check_database(database.url).ok
    with database.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER change_log_append_only ON change_log"))
        conn.execute(text("UPDATE change_log SET \"user\" = 'mallory' WHERE seq = 3"))
    database.close()
    codes = {(p.code, p.where.split(" ")[0]) for p in check_database(database.url).problems}
    assert ("append_only_trigger_missing", "change_log_append_only") in codes
    assert ("hash_mismatch", "change_log") in codes


def _guard_oids(engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT tgname, oid FROM pg_trigger WHERE tgrelid = to_regclass('change_log')")
        ).all()
    return {name: int(oid) for name, oid in rows}


def test_opening_leaves_guards_in_place_alone_and_puts_back_a_removed_one(database):
    """Every open used to drop and re-create the guards: an exclusive lock on the change log
    per open, and concurrent opens refused with "tuple concurrently updated"."""
    url = database.url
    before = _guard_oids(database.engine)
    assert set(before) == {"change_log_append_only", "change_log_no_truncate"}
    database.close()
    again = open_database(url)
    assert _guard_oids(again.engine) == before  # untouched: same trigger rows
    with again.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER change_log_no_truncate ON change_log"))
    again.close()
    third = open_database(url)
    assert set(_guard_oids(third.engine)) == set(before)  # the missing one is back
    third.close()


@pytest.mark.slow
def test_thirty_editors_open_the_central_database_at_once(database):
    """Thirty editors starting together (a CB's office on Monday morning): every open succeeds.
    Twelve at once used to fail with "tuple concurrently updated" (stop 22); issue 14 measured
    5 of 30 failed starts."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    url = database.url
    database.close()
    opens = 30
    together = threading.Barrier(opens, timeout=120)

    def open_and_close(_i: int) -> str:
        together.wait()  # all thirty call open at the same moment
        db = open_database(url)
        try:
            with db.session() as s:
                return str(s.scalar(text("SELECT count(*) FROM app_user")))
        finally:
            db.close()

    with ThreadPoolExecutor(max_workers=opens) as pool:
        results = list(pool.map(open_and_close, range(opens)))
    print(f"opens attempted={opens} succeeded={len(results)}")
    assert len(results) == opens and all(int(r) >= 1 for r in results)
