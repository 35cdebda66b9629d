"""Migration 0115 (the search table made by a migration on every backend, issue 18 pt 3) on a
demo database an AuditDesk at 0095 filled: the upgrade keeps every record, ``auditdesk check``
stays clean, and after opening, search finds the demo's evidence again."""

from __future__ import annotations

from sqlalchemy import select, text

from auditdesk.model import EvidenceItem
from auditdesk.services.search import TABLE, search
from auditdesk.services.setup import open_database
from auditdesk.storage.integrity import check_database
from tests.storage.migration_steps import (
    check_is_unchanged,
    demo_downgraded_to,
    upgrade_keeping_the_records,
)


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
    url, engine, before = demo_downgraded_to(database, tmp_path, "0095", photos=2)
    # At 0095 PostgreSQL's table was made by opening, not by a migration.
    assert _has_search_table(engine) is (engine.dialect.name == "sqlite")

    upgrade_keeping_the_records(engine)  # the migration alone makes the table
    assert _has_search_table(engine)
    engine.dispose()
    check_is_unchanged(url, before)

    db = open_database(url)  # fills an empty index
    try:
        with db.session() as s:
            description = s.scalars(select(EvidenceItem.description)).first()
            word = description.split()[0][:4]
            assert any(h.kind == "evidence" for h in search(s, word))
    finally:
        db.close()
    assert check_database(url).ok
