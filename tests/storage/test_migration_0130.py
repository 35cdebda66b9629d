"""Migration 0130 (the fingerprint format of a report revision) on a 0115 database: the
revisions already issued get format 0 — the first format, checked the way it was made — the
records stay and ``check`` stays clean."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select, text

from auditdesk.model import ReportRevision, Role
from auditdesk.services import report_issue
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from tests.storage.migration_steps import (
    check_is_unchanged,
    demo_downgraded_to,
    upgrade_keeping_the_records,
)


def _issued_before_0130(database, demo):
    """A report issued as an AuditDesk before 0130 issued it: the first format's payload
    (clause ids, no marker); format 0 is an empty value, as the column's default."""
    with database.session() as s:
        create_user(s, "lead", "lead-password-1", Role.LEAD)
    with database.session(user="lead") as s:
        rev = report_issue.issue_report(s, demo.audit_id, override_reason="测试")
        payload = report_issue.fingerprint_payload(
            s, rev.audit_id, rev.chain_head, report_issue.FINGERPRINT_IDS
        )
        rev.fingerprint = hashlib.sha256(report_issue.canonical_json(payload)).hexdigest()
        rev.records_sha256 = ""
        rev.fingerprint_format = report_issue.FINGERPRINT_IDS


def test_upgrade_from_0115_gives_issued_revisions_the_first_format(database, tmp_path):
    url, engine, before = demo_downgraded_to(
        database, tmp_path, "0115", photos=1, evidence=4, then=_issued_before_0130
    )
    with engine.connect() as conn:
        columns = conn.execute(text("SELECT * FROM report_revision")).keys()
        assert "fingerprint_format" not in columns

    upgrade_keeping_the_records(engine, evidence=4)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ReportRevision)) == 1
        assert set(conn.scalars(select(ReportRevision.fingerprint_format))) == {0}
    engine.dispose()
    check_is_unchanged(url, before)
    # The revision of the first format still verifies, by that format.
    db = open_database(url)
    try:
        with db.session(user="lead") as s:
            rev = s.scalars(select(ReportRevision)).one()
            assert report_issue.verify_revision(s, rev)
    finally:
        db.close()
