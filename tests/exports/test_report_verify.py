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
def issued_file(database, tmp_path):
    from tests.exports.conftest import issue_demo_report

    return issue_demo_report(database, tmp_path)


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


def test_the_issued_word_copy_verifies(capsys, database, db_url, issued_file, tmp_path):
    from auditdesk.exports import api

    demo, _pdf = issued_file
    out = tmp_path / "copy.docx"
    with database.session() as s, out.open("wb") as fh:
        api.export_report(s, demo.number, "docx", "zh", fh)
    code, data = verify(capsys, db_url, out)
    assert code == 0 and data["ok"] and data["format"] == "docx"
    assert data["code"] == data["expected_code"]  # read back from the Word properties


def _audit_key(database, audit_id):
    return audit_id.hex if database.engine.dialect.name == "sqlite" else audit_id


def test_a_fingerprint_edited_to_cover_a_change_fails(capsys, database, db_url, issued_file):
    """Changing the records AND writing their new fingerprint into the revision row is caught:
    the copy's printed code and the snapshot kept at issue no longer agree with the row."""
    demo, path = issued_file
    key = _audit_key(database, demo.audit_id)
    with database.engine.begin() as conn:
        conn.execute(
            text("UPDATE evidence_item SET description = 'x' WHERE seq = 2 AND audit_id = :a"),
            {"a": key},
        )
    with database.session() as s:
        rev = report_issue.latest_revision(s, demo.audit_id)
        forged = report_issue.records_fingerprint(s, demo.audit_id, rev.chain_head)
    with database.engine.begin() as conn:
        conn.execute(
            text("UPDATE report_revision SET fingerprint = :f WHERE audit_id = :a"),
            {"f": forged, "a": key},
        )
    code, data = verify(capsys, db_url, path)
    assert code == 1 and data["records_match"]  # the forged fingerprint matches the records...
    assert not data["revision_intact"]  # ...but not the copy, nor the snapshot kept at issue
    assert any("revision record was changed after issue" in p for p in data["problems"])
    assert {"table": "evidence", "kind": "changed", "record": "E2", "fields": ["description"]} in (
        data["changes"]
    )


def test_a_damaged_archive_fails_verify_and_is_never_handed_out(
    capsys, database, db_url, issued_file
):
    import io

    from auditdesk.exports import api

    demo, path = issued_file
    with database.session() as s:
        rev = report_issue.latest_revision(s, demo.audit_id)
        sha = report_issue.archived_file(rev, "pdf", "zh")["sha256"]
        stored = report_issue._store(s).path_of(sha)
    stored.write_bytes(stored.read_bytes().replace(b"/Producer", b"/Producex", 1))
    code, data = verify(capsys, db_url, path)  # the client's good copy, the store's bad one
    assert code == 1 and data["issued"] and data["damaged_files"] == [sha]
    with database.session() as s, pytest.raises(report_issue.ArchiveDamaged, match="hash"):
        api.export_report(s, demo.number, "pdf", "zh", io.BytesIO())


def test_verify_in_words_says_issued_copy_and_records(capsys, db_url, issued_file):
    _demo, path = issued_file
    assert main(["verify", str(path), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "the issued file of audit" in out and "records: still match" in out
    assert out.strip().endswith("OK: the copy is the issued revision and its records are unchanged")


def test_the_issued_pdf_is_pdfa_2b_unless_the_cb_setting_says_no(database, tmp_path):
    """The archived PDF is the PDF/A-2b variant by default (exports.common.report_pdfa);
    a CB that sets report_pdfa=false gets and archives the plain PDF."""
    from auditdesk.exports import api
    from auditdesk.model import CBSetting
    from auditdesk.services.users import create_user
    from tests.exports.conftest import build_demo_audit
    from tests.exports.pdfa_helpers import pdfa_problems

    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=6, photos=2)
        create_user(s, "lead", "lead-password-1", Role.LEAD, display_name="李主任")
    kept = {}
    for setting in (None, "false"):
        with database.session(user="lead") as s:
            if setting is not None:
                s.add(CBSetting(key="report_pdfa", value=setting))
                report_issue.open_correction(s, demo.audit_id)
            rev = api.issue_report(
                s,
                demo.number,
                "R2: plain PDF" if setting else "",
                override_reason="演示",
                langs=("zh",),
            )
            sha = report_issue.archived_file(rev, "pdf", "zh")["sha256"]
            out = tmp_path / f"r{rev.revision}.pdf"
            out.write_bytes(report_issue.archived_bytes(s, sha))
            kept[rev.revision] = out
    assert pdfa_problems(kept[1]) == []
    assert any("PDF/A-2b" in p for p in pdfa_problems(kept[2]))
