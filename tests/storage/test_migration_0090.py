"""Migration 0090 (photos out of the report, evidence of changes, NC department and 举一反三) on a
database an older AuditDesk filled: the upgrade keeps every record and ``check`` stays clean
(the per-record state hashes of 0070 do not cover the new empty columns)."""

from __future__ import annotations

from sqlalchemy import select

from auditdesk.model import Attachment, EvidenceItem, Nonconformity
from tests.storage.migration_steps import (
    check_is_unchanged,
    demo_downgraded_to,
    upgrade_keeping_the_records,
)


def test_upgrade_from_0070_keeps_the_records_and_check_clean(database, tmp_path):
    url, engine, before = demo_downgraded_to(database, tmp_path, "0070", photos=3)
    upgrade_keeping_the_records(engine)
    with engine.connect() as conn:
        assert set(conn.scalars(select(Attachment.report_excluded))) == {False}
        assert set(conn.scalars(select(EvidenceItem.significant_change))) == {False}
        assert set(conn.scalars(select(Nonconformity.similar_check))) == {""}
    engine.dispose()
    check_is_unchanged(url, before)
