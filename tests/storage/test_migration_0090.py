"""Migration 0090 (photos out of the report, evidence of changes, NC department and 举一反三) on a
database an older AuditDesk filled: the upgrade keeps every record and ``check`` stays clean
(the per-record state hashes of 0070 do not cover the new empty columns)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import func, select

from auditdesk.model import Attachment, EvidenceItem, Nonconformity
from auditdesk.storage.database import make_engine
from auditdesk.storage.integrity import check_database
from auditdesk.storage.migrations import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    upgrade_to_head,
)
from tests.exports.conftest import build_demo_audit


def test_upgrade_from_0070_keeps_the_records_and_check_clean(database, tmp_path):
    with database.session() as s:
        build_demo_audit(s, tmp_path / "photos", evidence_count=8, photos=3)
    url = database.url
    database.close()
    # check knows today's schema, so it runs at the head, before and after the round trip
    before = check_database(url)
    assert before.ok, before.problems
    engine = make_engine(url)
    cfg = alembic_config(engine)
    with engine.begin() as conn:  # back to the schema an AuditDesk of 0070 left
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0070")
    assert current_revision(engine) == "0070"

    upgrade_to_head(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(EvidenceItem)) == 8
        assert conn.scalar(select(func.count()).select_from(Nonconformity)) == 5
        assert set(conn.scalars(select(Attachment.report_excluded))) == {False}
        assert set(conn.scalars(select(EvidenceItem.significant_change))) == {False}
        assert set(conn.scalars(select(Nonconformity.similar_check))) == {""}
    engine.dispose()
    after = check_database(url)
    assert after.ok, after.problems
    assert after.records_checked == before.records_checked
