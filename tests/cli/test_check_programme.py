"""``auditdesk check`` recomputes every certificate's programme and status and names the
certificate whose stored value was edited behind AuditDesk's back (issue 21, point 5)."""

from __future__ import annotations

import sqlite3

from auditdesk.cli import main
from tests.samples import make_sample


def test_check_names_the_certificate_whose_stored_status_was_edited(database, capsys):
    with database.session() as s:
        make_sample(s)
    path = database.path
    database.close()
    assert main(["check", "--db", str(path)]) == 0
    capsys.readouterr()
    con = sqlite3.connect(path)
    con.execute(
        "UPDATE certificate_state SET status = 'withdrawn' WHERE certificate_id = "
        "(SELECT id FROM certificate WHERE number = 'CN-Q-0002')"
    )
    con.commit()
    con.close()
    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "programme: stored_value_differs at certificate CN-Q-0002 field status" in out
    assert "CN-Q-0001" not in out
