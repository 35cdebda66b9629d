"""``auditdesk import package`` says which changes it refused and ``auditdesk export refused``
lists them and lets an admin accept or drop one (issue 14 point 3)."""

from __future__ import annotations

import json

from sqlalchemy import select

from auditdesk.cli import main
from auditdesk.model import Organisation, Role
from tests.cli.conftest import ADMIN_PASSWORD, add_admin


def test_refused_changes_are_printed_listed_and_accepted(tmp_path, capsys, monkeypatch):
    from auditdesk.exchange.package import export_package, import_package
    from auditdesk.services.setup import open_database
    from auditdesk.services.users import create_user
    from tests.exchange.package_helpers import build_office

    office_path = tmp_path / "office.sqlite3"
    office = open_database(f"sqlite:///{office_path}", create=True)
    _, audit_id, _ = build_office(office)
    as_office = add_admin(office, "office-admin")
    with office.session() as s:
        create_user(s, "wang", "auditor-pass-1", Role.AUDITOR)
        export_package(s, [audit_id], tmp_path / "to.adpkg")
    office.close()
    laptop = open_database(f"sqlite:///{tmp_path / 'laptop' / 'l.sqlite3'}", create=True)
    with laptop.session() as s:
        create_user(s, "wang", "auditor-pass-1", Role.AUDITOR)
    with laptop.session() as s:
        import_package(s, tmp_path / "to.adpkg")
    with laptop.session(user="wang") as s:
        s.scalar(select(Organisation)).name_zh = "改名后的公司"
        export_package(s, [audit_id], tmp_path / "back.adpkg")
    laptop.close()

    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    db = ["--db", str(office_path), *as_office]
    assert main(["import", "package", str(tmp_path / "back.adpkg"), *db]) == 0
    out = capsys.readouterr().out
    assert "refused (role): organisation" in out and "改名后的公司" in out and "by wang" in out

    assert main(["export", "refused", *db, "--json"]) == 0
    (held,) = json.loads(capsys.readouterr().out)
    assert (held["entity"], held["field"], held["values"][0]["value"]) == (
        "organisation",
        "name_zh",
        "改名后的公司",
    )
    assert main(["export", "refused", "--accept", held["ref"], *db]) == 0
    assert "no refused changes" in capsys.readouterr().out
    office = open_database(f"sqlite:///{office_path}")
    with office.session() as s:
        assert s.scalar(select(Organisation)).name_zh == "改名后的公司"
    office.close()
