"""Migration 0130 (the fingerprint format of a report revision) on a 0115 database: the
revisions already issued get format 0 — the first format, checked the way it was made — the
records stay and ``check`` stays clean."""

from __future__ import annotations

import hashlib

from alembic import command
from sqlalchemy import func, select, text

from auditdesk.model import ReportRevision, Role
from auditdesk.services import report_issue
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from auditdesk.storage.database import make_engine
from auditdesk.storage.integrity import check_database
from auditdesk.storage.migrations import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    upgrade_to_head,
)
from tests.exports.conftest import build_demo_audit


def test_upgrade_from_0115_gives_issued_revisions_the_first_format(database, tmp_path):
    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=4, photos=1)
        create_user(s, "lead", "lead-password-1", Role.LEAD)
    with database.session(user="lead") as s:
        rev = report_issue.issue_report(s, demo.audit_id, override_reason="测试")
        # As an AuditDesk before 0130 issued it: the first format's payload (clause ids, no
        # marker); format 0 is an empty value, as the column's default.
        payload = report_issue.fingerprint_payload(
            s, rev.audit_id, rev.chain_head, report_issue.FINGERPRINT_IDS
        )
        rev.fingerprint = hashlib.sha256(report_issue.canonical_json(payload)).hexdigest()
        rev.records_sha256 = ""
        rev.fingerprint_format = report_issue.FINGERPRINT_IDS
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
    with engine.connect() as conn:
        columns = conn.execute(text("SELECT * FROM report_revision")).keys()
        assert "fingerprint_format" not in columns

    upgrade_to_head(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ReportRevision)) == 1
        assert set(conn.scalars(select(ReportRevision.fingerprint_format))) == {0}
    engine.dispose()
    after = check_database(url)
    assert after.ok, after.problems
    assert after.records_checked == before.records_checked
    # The revision of the first format still verifies, by that format.
    db = open_database(url)
    try:
        with db.session(user="lead") as s:
            rev = s.scalars(select(ReportRevision)).one()
            assert report_issue.verify_revision(s, rev)
    finally:
        db.close()
