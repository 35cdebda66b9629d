"""``auditdesk conditions`` / ``auditdesk transfer`` (issue 16 point 8): CNCA-QMS-01:2025
§5.1.2 conditions recorded on the client, IAF MD2:2017 transfer review (2.1.3: issuing CB
ceased → within 6 months or by expiry) from the command line."""

from __future__ import annotations

import datetime as dt
import json

from auditdesk.cli import main
from tests.cli.conftest import ADMIN_PASSWORD, add_admin


def _db(tmp_path):
    from auditdesk.services.certificates import CertificateData, create_certificate
    from auditdesk.services.clients import OrganisationData, create_organisation
    from auditdesk.services.setup import open_database

    db = str(tmp_path / "conditions.sqlite3")
    database = open_database(f"sqlite:///{db}", create=True)
    with database.session() as s:
        org = create_organisation(
            s, OrganisationData(name_zh="客户甲", credit_code="914403001922038216")
        )
        create_certificate(
            s,
            CertificateData(
                number="Q-T",
                organisation_id=org.id,
                standard_key="ISO9001:2015",
                issue_date=dt.date(2025, 9, 1),
                expiry_date=dt.date(2028, 8, 31),
            ),
        )
    user = add_admin(database)
    database.close()
    return db, user


def test_condition_add_and_check(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    db, user = _db(tmp_path)
    add = ["conditions", "add", "914403001922038216", "--db", db, *user]
    code = main([*add, "--kind", "production_stop", "--since", "2026-05-01", "--reference", " "])
    assert code == 1 and "reference: required" in capsys.readouterr().err
    code = main([*add, "--kind", "production_stop", "--since", "2026-05-01", "--reference", "R"])
    assert code == 0
    capsys.readouterr()
    check = ["conditions", "check", "客户甲", "--db", db, "--json", "--lang", "zh"]
    assert main([*check, "--on", "2026-06-01"]) == 1
    (row,) = json.loads(capsys.readouterr().out)
    assert row["code"] == "production_stop_ordered"
    assert row["words"] == "客户被责令停产停业：不得受理认证"
    assert row["basis"] == "CNCA-QMS-01:2025 §5.1.2 认证申请条件"
    assert main([*check, "--on", "2026-04-30"]) == 0


def test_transfer_record_and_check(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    db, user = _db(tmp_path)
    record = ["transfer", "record", "Q-T", "--db", db, *user, "--issuing-cb", "某认证有限公司"]
    code = main([*record, "--review-on", "2026-05-02", "--decision-on", "2026-05-01"])
    assert code == 1 and "decision_on: before_review" in capsys.readouterr().err
    assert main([*record, "--review-on", "2026-05-01", "--ceased-on", "2026-01-10"]) == 0
    capsys.readouterr()
    check = ["transfer", "check", "Q-T", "--db", db]
    assert main([*check, "--on", "2026-07-10"]) == 0
    assert "completed by 2026-07-10" in capsys.readouterr().out
    assert main([*check, "--on", "2026-07-11", "--json"]) == 1
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["code"], row["date"]) == ("transfer_deadline_passed", "2026-07-10")
    assert row["basis"].startswith("IAF MD2:2017 §2.1.3 ")
