"""Migration 0120 (register keyset indexes, issue 21 point 5) on a demo database an AuditDesk
at 0115 filled: the upgrade adds the (sort column, id) indexes and keeps every record,
``auditdesk check`` stays clean, the downgrade removes them, and a keyset page is the page
OFFSET gives."""

from __future__ import annotations

from alembic import command
from sqlalchemy import func, inspect, select

from auditdesk.model import EvidenceItem, Nonconformity
from auditdesk.services import registers
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

NEW = {
    "organisation": "ix_organisation_name_zh_id",
    "audit": "ix_audit_start_date_id",
    "nonconformity": "ix_nonconformity_issued_on_id",
}


def _indexes(engine) -> dict[str, set[str]]:
    found = inspect(engine)
    return {t: {i["name"] for i in found.get_indexes(t)} for t in NEW}


def test_upgrade_from_0115_adds_the_keyset_indexes(database, tmp_path):
    with database.session() as s:
        build_demo_audit(s, tmp_path / "photos", evidence_count=8, photos=2)
    url = database.url
    database.close()
    before = check_database(url)
    assert before.ok, before.problems

    engine = make_engine(url)
    cfg = alembic_config(engine)
    with engine.begin() as conn:  # back to the schema an AuditDesk of 0115 left
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0115")
    assert current_revision(engine) == "0115"
    assert all(NEW[t] not in names for t, names in _indexes(engine).items())

    upgrade_to_head(engine)
    assert current_revision(engine) == HEAD_REVISION
    assert all(NEW[t] in names for t, names in _indexes(engine).items())
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(EvidenceItem)) == 8
        assert conn.scalar(select(func.count()).select_from(Nonconformity)) == 5
    engine.dispose()

    after = check_database(url)
    assert after.ok, after.problems
    assert after.records_checked == before.records_checked

    db = open_database(url)
    try:
        with db.session() as s:
            full = registers.fetch_rows(s, "ncs", sort="issued_on", limit=1000)
            index = registers.spec("ncs").keys.index("issued_on")
            after_first = (full[1][1][index], full[1][0])
            assert registers.fetch_rows(s, "ncs", sort="issued_on", after=after_first) == full[2:]
    finally:
        db.close()
