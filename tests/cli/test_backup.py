"""``auditdesk backup`` and ``auditdesk restore``."""

from __future__ import annotations

import sqlite3

from auditdesk.cli import main
from auditdesk.services.clients import OrganisationData, create_organisation


def test_backup_then_restore_round_trip(database, tmp_path, capsys):
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    path = database.path
    database.close()
    out = tmp_path / "b.sqlite3"
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 0
    con = sqlite3.connect(path)
    con.execute("DELETE FROM personnel_record")
    con.commit()
    con.close()
    assert main(["restore", str(out), "--db", str(path)]) == 0
    assert "previous file is kept" in capsys.readouterr().out
    assert main(["check", "--db", str(path)]) == 0


def test_restore_of_a_missing_file_exits_1(database, tmp_path, capsys):
    database.close()
    assert main(["restore", str(tmp_path / "nope.sqlite3"), "--db", str(database.path)]) == 1
    assert "no backup file" in capsys.readouterr().err
