"""``auditdesk check``: exit 0 when intact, 1 with exactly what is wrong."""

from __future__ import annotations

import json
import sqlite3

from auditdesk.cli import main
from auditdesk.model import Attachment
from auditdesk.services.clients import OrganisationData, create_organisation, update_organisation
from auditdesk.storage.attachments import AttachmentStore


def _prepare(database):
    stored = AttachmentStore.beside(database.path).put_bytes(b"%PDF-1.4 evidence scan", "scan.pdf")
    with database.session() as s:
        org = create_organisation(s, OrganisationData(name_zh="东莞市示例电子有限公司"))
        update_organisation(s, org.id, {"effective_personnel": 120})
        s.add(Attachment(sha256=stored.sha256, filename="scan.pdf", size=stored.size))
    path = database.path
    database.close()
    return path, stored


def test_clean_database_exits_0(database, capsys):
    path, _ = _prepare(database)
    assert main(["check", "--db", str(path)]) == 0
    assert capsys.readouterr().out.startswith("OK:")


def test_one_changed_byte_in_the_log_and_in_a_file_exit_1_naming_both(database, capsys):
    path, stored = _prepare(database)
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER change_log_no_update")
    con.execute("UPDATE change_log SET new = '121' WHERE field = 'effective_personnel'")
    con.commit()
    con.close()
    data = bytearray(stored.path.read_bytes())
    data[-1] ^= 0x20
    stored.path.write_bytes(bytes(data))

    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "change_log: hash_mismatch" in out and "effective_personnel" in out
    assert "attachment: hash_mismatch" in out and "scan.pdf" in out

    assert main(["check", "--db", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert {(p["check"], p["code"]) for p in data["problems"]} >= {
        ("change_log", "hash_mismatch"),
        ("attachment", "hash_mismatch"),
    }


def test_missing_database_is_an_error(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "none.sqlite3")]) == 1
    assert "no database" in capsys.readouterr().err
