"""``auditdesk verify FILE --db``: the issued copy passes; a tampered database, a tampered
attachment or a modified copy fails, saying what."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from auditdesk.cli import main
from auditdesk.model import Attachment, Role
from auditdesk.services import report_issue


@pytest.fixture
def issued_file(database, db_url, tmp_path):
    from auditdesk.exports import api
    from auditdesk.services.users import create_user
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=6, photos=2)
        create_user(s, "lead", "lead-password-1", Role.LEAD, display_name="李主任")
    with database.session(user="lead") as s:
        api.issue_report(s, demo.number, override_reason="演示：出具", langs=("zh",))
        out = tmp_path / "copy.pdf"
        with out.open("wb") as fh:
            api.export_report(s, demo.number, "pdf", "zh", fh)
    return demo, out


def verify(capsys, db_url, path):
    code = main(["verify", str(path), "--db", db_url, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_the_issued_copy_verifies(capsys, db_url, issued_file):
    demo, path = issued_file
    code, data = verify(capsys, db_url, path)
    assert code == 0 and data["ok"] and data["issued"] and data["revision"] == 1
    assert data["audit"] == demo.number and data["records_match"]
    assert data["code"].startswith(f"{demo.number}-R1-")  # read back from the file's metadata


def test_a_tampered_database_fails_and_says_what_changed(capsys, database, db_url, issued_file):
    demo, path = issued_file
    with database.engine.begin() as conn:  # behind AuditDesk's back: no service, no change log
        conn.execute(
            text("UPDATE evidence_item SET description = 'x' WHERE seq = 2 AND audit_id = :a"),
            {"a": demo.audit_id.hex if database.engine.dialect.name == "sqlite" else demo.audit_id},
        )
    code, data = verify(capsys, db_url, path)
    assert code == 1 and not data["records_match"]
    assert {"table": "evidence", "kind": "changed", "record": "E2", "fields": ["description"]} in (
        data["changes"]
    )


def test_a_tampered_attachment_fails(capsys, database, db_url, issued_file):
    _demo, path = issued_file
    with database.session() as s:
        sha = s.query(Attachment).filter(Attachment.evidence_id.is_not(None)).first().sha256
        stored = report_issue._store(s).path_of(sha)
    stored.write_bytes(stored.read_bytes()[:-10] + b"0123456789")
    code, data = verify(capsys, db_url, path)
    assert code == 1 and data["records_match"] and data["damaged_files"] == [sha]


def test_a_modified_copy_fails(capsys, db_url, issued_file):
    _demo, path = issued_file
    changed = path.with_name("changed.pdf")
    changed.write_bytes(path.read_bytes().replace(b"/Producer", b"/Producex"))
    code, data = verify(capsys, db_url, changed)
    assert code == 1 and not data["issued"]
    assert "modified or re-made copy" in data["problems"][0]
