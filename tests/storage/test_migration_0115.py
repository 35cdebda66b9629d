"""Migration 0115 (the search table made by a migration on every backend, issue 18 pt 3) on a
demo database an AuditDesk at 0095 filled: the upgrade keeps every record, ``auditdesk check``
stays clean, and after opening, search finds the demo's evidence again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import func, select, text

from auditdesk.model import EvidenceItem, Nonconformity
from auditdesk.services.search import TABLE, search
from auditdesk.services.setup import open_database
from auditdesk.storage.database import make_engine
from auditdesk.storage.integrity import check_database
from auditdesk.storage.migrations import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    upgrade_to_head,
)
from tests.exports.conftest import build_demo_audit


def _has_search_table(engine) -> bool:
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            return conn.scalar(text("SELECT to_regclass(:t)"), {"t": TABLE}) is not None
        return bool(
            conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE name = ?", (TABLE,)
            ).scalar()
        )


def test_upgrade_from_0095_makes_the_search_table_and_check_stays_clean(database, tmp_path):
    assert HEAD_REVISION >= "0115"  # later migrations leave 0115's work in place
    with database.session() as s:
        build_demo_audit(s, tmp_path / "photos", evidence_count=8, photos=2)
    url = database.url
    database.close()
    before = check_database(url)
    assert before.ok, before.problems

    engine = make_engine(url)
    cfg = alembic_config(engine)
    with engine.begin() as conn:  # back to the schema an AuditDesk of 0095 left
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0095")
    assert current_revision(engine) == "0095"
    # At 0095 PostgreSQL's table was made by opening, not by a migration.
    assert _has_search_table(engine) is (engine.dialect.name == "sqlite")

    upgrade_to_head(engine)  # the migration alone makes the table, empty on PostgreSQL
    assert current_revision(engine) == HEAD_REVISION and _has_search_table(engine)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(EvidenceItem)) == 8
        assert conn.scalar(select(func.count()).select_from(Nonconformity)) == 5
    engine.dispose()

    after = check_database(url)
    assert after.ok, after.problems
    assert after.records_checked == before.records_checked

    db = open_database(url)  # fills an empty index
    try:
        with db.session() as s:
            description = s.scalars(select(EvidenceItem.description)).first()
            word = description.split()[0][:4]
            assert any(h.kind == "evidence" for h in search(s, word))
    finally:
        db.close()
    assert check_database(url).ok
