"""Migration 0120 (register keyset indexes, issue 21 point 5) on a demo database an AuditDesk
at 0115 filled: the upgrade adds the (sort column, id) indexes and keeps every record,
``auditdesk check`` stays clean, the downgrade removes them, and a keyset page is the page
OFFSET gives."""

from __future__ import annotations

from sqlalchemy import inspect

from auditdesk.services import registers
from auditdesk.services.setup import open_database
from tests.storage.migration_steps import (
    check_is_unchanged,
    demo_downgraded_to,
    upgrade_keeping_the_records,
)

NEW = {
    "organisation": "ix_organisation_name_zh_id",
    "audit": "ix_audit_start_date_id",
    "nonconformity": "ix_nonconformity_issued_on_id",
}


def _indexes(engine) -> dict[str, set[str]]:
    found = inspect(engine)
    return {t: {i["name"] for i in found.get_indexes(t)} for t in NEW}


def test_upgrade_from_0115_adds_the_keyset_indexes(database, tmp_path):
    url, engine, before = demo_downgraded_to(database, tmp_path, "0115", photos=2)
    assert all(NEW[t] not in names for t, names in _indexes(engine).items())
    upgrade_keeping_the_records(engine)
    assert all(NEW[t] in names for t, names in _indexes(engine).items())
    engine.dispose()
    check_is_unchanged(url, before)

    db = open_database(url)
    try:
        with db.session() as s:
            full = registers.fetch_rows(s, "ncs", sort="issued_on", limit=1000)
            index = registers.spec("ncs").keys.index("issued_on")
            after_first = (full[1][1][index], full[1][0])
            assert registers.fetch_rows(s, "ncs", sort="issued_on", after=after_first) == full[2:]
    finally:
        db.close()
