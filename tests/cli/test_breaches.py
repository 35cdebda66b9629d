"""``auditdesk breaches``: surveillance breaches and the report to the regulator (issue 16
point 2; CNCA-QMS-01:2025 §5.4.1.4 "suspend and report", DOMAIN §3)."""

from __future__ import annotations

import datetime as dt
import json

from auditdesk.cli import main
from tests.cli.conftest import ADMIN_PASSWORD, add_admin


def _world(tmp_path):
    from auditdesk.model import AuditStatus, AuditType, CertificateEventKind
    from auditdesk.services.audits import AuditData, create_audit
    from auditdesk.services.certificate_events import record_event
    from auditdesk.services.certificates import CertificateData, create_certificate
    from auditdesk.services.clients import OrganisationData, create_organisation
    from auditdesk.services.setup import open_database

    db = str(tmp_path / "breaches.sqlite3")
    database = open_database(f"sqlite:///{db}", create=True)
    with database.session() as s:
        org = create_organisation(s, OrganisationData(name_zh="客户"))
        cert = create_certificate(
            s,
            CertificateData(
                number="Q-9",
                organisation_id=org.id,
                standard_key="ISO9001:2015",
                issue_date=dt.date(2026, 3, 15),
            ),
        )
        create_audit(
            s,
            AuditData(
                certificate_ids=[cert.id],
                audit_type=AuditType.SURVEILLANCE_1,
                start_date=dt.date(2027, 4, 13),
                end_date=dt.date(2027, 4, 14),
                status=AuditStatus.COMPLETED,
            ),
        )
        record_event(s, cert.id, CertificateEventKind.SUSPEND, dt.date(2027, 3, 16), "监督超期")
    user = add_admin(database)
    database.close()
    return db, user


def test_list_then_report_then_handled(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    db, user = _world(tmp_path)
    on = ["--on", "2027-06-01"]
    assert main(["breaches", "list", "--db", db, *on, "--json", "--lang", "zh"]) == 1
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["certificate"], row["entry"], row["days"], row["handled"]) == (
        "Q-9",
        "surveillance_1",
        30,
        False,
    )
    assert row["suspension_recorded_on"] == "2027-03-16" and row["reported_on"] is None
    assert row["basis"] == "CNCA-QMS-01:2025 §5.4.1.4 监督超期：应暂停证书并上报"
    report = ["breaches", "report", "Q-9", "--db", db, *user, "--today", "2027-06-01"]
    # refused in words naming the reason; nothing written
    code = main(
        [*report, "--entry", "surveillance_1", "--reported-on", "2027-03-01", "--reference", "R"]
    )
    assert code == 1 and "reported_on: before_breach" in capsys.readouterr().err
    code = main(
        [*report, "--entry", "surveillance_2", "--reported-on", "2027-03-20", "--reference", "R"]
    )
    assert code == 1 and "entry: no_breach" in capsys.readouterr().err
    code = main(
        [
            *report,
            "--entry",
            "surveillance_1",
            "--reported-on",
            "2027-03-18",
            "--reference",
            "粤认〔2027〕7号",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out.strip() == (
        "Q-9 surveillance_1: reported on 2027-03-18 (粤认〔2027〕7号)"
    )
    assert main(["breaches", "list", "--db", db, *on, "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["handled"], row["reported_on"], row["report_source"]) == (
        True,
        "2027-03-18",
        "recorded",
    )
    assert row["basis"] == (
        "CNCA-QMS-01:2025 §5.4.1.4 surveillance overdue: suspend the certificate and report"
    )
