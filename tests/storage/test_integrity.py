"""check_database: SQLite integrity, foreign keys, the change-log chain and attachment hashes,
reporting exactly what is wrong."""

from __future__ import annotations

import sqlite3

from auditdesk.model import Attachment
from auditdesk.services.clients import OrganisationData, create_organisation, update_organisation
from auditdesk.storage.attachments import AttachmentStore
from auditdesk.storage.integrity import check_database


def _with_records(database):
    store = AttachmentStore.beside(database.path)
    stored = store.put_bytes("现场观察记录：仓库温湿度记录完整。".encode(), "note.txt")
    with database.session() as s:
        org = create_organisation(s, OrganisationData(name_zh="深圳市测试有限公司"))
        update_organisation(s, org.id, {"address": "深圳市南山区"})
        s.add(Attachment(sha256=stored.sha256, filename="note.txt", size=stored.size))
    return stored


def test_a_fresh_database_is_clean(database, db_url):
    _with_records(database)
    database.close()
    report = check_database(db_url)
    assert report.ok, report.problems
    assert report.change_log_rows > 0 and len(report.chain_head) == 64
    assert report.attachments_checked == 1


def test_tampered_log_value_and_attachment_byte_are_both_reported(database, db_url):
    stored = _with_records(database)
    path = database.path
    database.close()
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER change_log_no_update")
    seq, new = con.execute("SELECT seq, new FROM change_log WHERE field = 'address'").fetchone()
    con.execute("UPDATE change_log SET new = ? WHERE seq = ?", (new.replace("南山", "福田"), seq))
    con.commit()
    con.close()
    data = bytearray(stored.path.read_bytes())
    data[0] ^= 0x01
    stored.path.write_bytes(bytes(data))

    report = check_database(db_url)
    found = {(p.check, p.code) for p in report.problems}
    assert found == {
        ("change_log", "append_only_trigger_missing"),
        ("change_log", "hash_mismatch"),
        ("attachment", "hash_mismatch"),
    }
    log_problem = next(
        p for p in report.problems if p.code == "hash_mismatch" and p.check == "change_log"
    )
    assert f"row {seq}" in log_problem.where and "address" in log_problem.where
    att_problem = next(p for p in report.problems if p.check == "attachment")
    assert "note.txt" in att_problem.where and stored.sha256 in att_problem.detail


def test_missing_attachment_file_is_reported(database, db_url):
    stored = _with_records(database)
    database.close()
    stored.path.unlink()
    report = check_database(db_url)
    assert [(p.check, p.code) for p in report.problems] == [("attachment", "missing_file")]


def test_dangling_foreign_key_is_reported(database, db_url):
    path = database.path
    database.close()
    con = sqlite3.connect(
        path
    )  # foreign keys are off in a bare connection: as a broken tool would write
    con.execute(
        "INSERT INTO site (id, organisation_id, name, address, is_central, is_temporary, personnel, "
        "activities, archived, created_at, updated_at, version) VALUES "
        "('0123456789abcdef0123456789abcdef', 'ffffffffffffffffffffffffffffffff', 'x', '', 0, 0, 0, '', 0, "
        "'2026-01-01', '2026-01-01', 1)"
    )
    con.commit()
    con.close()
    report = check_database(db_url)
    assert [(p.check, p.code) for p in report.problems] == [
        ("foreign_key", "dangling_reference"),
        ("record", "not_in_change_log"),  # and the site was added outside AuditDesk
    ]
    assert "site" in report.problems[0].where
    assert report.problems[1].where.startswith("site x ")


def test_a_damaged_file_is_reported_not_raised(tmp_path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    report = check_database(f"sqlite:///{path}")
    assert not report.ok and report.problems[0].check == "sqlite"
