"""Offline packages between laptops (SQLite) and the central database (PostgreSQL), through the
CLI as an office uses it: export from the server, work offline, merge back with a conflict.

(The package tests in tests/exchange run with the office database on both backends too.)
"""

from __future__ import annotations

from sqlalchemy import select

from auditdesk.cli import main
from auditdesk.exchange.conflicts import decoded, list_conflicts
from auditdesk.model import Audit, Nonconformity
from auditdesk.services.setup import open_database
from auditdesk.storage.integrity import check_database
from tests.cli.conftest import ADMIN_PASSWORD, add_admin
from tests.exchange.package_helpers import build_office


def test_laptop_package_merges_into_the_central_database_with_its_conflict(
    database, tmp_path, capsys, monkeypatch
):
    central, audit_id, _ = build_office(database)
    with central.session() as s:
        number = s.get(Audit, audit_id).number
    as_office = add_admin(central, "office-admin")
    laptop_url = f"sqlite:///{tmp_path / 'laptop.sqlite3'}"
    laptop = open_database(laptop_url, create=True)
    as_laptop = add_admin(laptop, "laptop-admin")
    laptop.close()
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)

    out, back = tmp_path / "out.adpkg", tmp_path / "back.adpkg"
    assert (
        main(
            [
                "export",
                "package",
                "--db",
                central.url,
                "--audit",
                number,
                "--out",
                str(out),
                *as_office,
            ]
        )
        == 0
    )
    assert main(["import", "package", str(out), "--db", laptop_url, *as_laptop]) == 0
    capsys.readouterr()

    laptop = open_database(laptop_url)
    with laptop.session() as s:  # offline, on the laptop
        s.scalar(select(Nonconformity)).evidence_text = "现场2把游标卡尺未校准"
    laptop.close()
    with central.session(user="system") as s:  # meanwhile, at the office
        s.scalar(select(Nonconformity)).evidence_text = "量具未按期校准"

    assert (
        main(
            [
                "export",
                "package",
                "--db",
                laptop_url,
                "--audit",
                number,
                "--out",
                str(back),
                *as_laptop,
            ]
        )
        == 0
    )
    assert main(["import", "package", str(back), "--db", central.url, *as_office]) == 0
    assert "conflicts 1" in capsys.readouterr().out
    with central.session() as s:
        (conflict,) = list_conflicts(s)
        assert decoded(conflict.incoming_value) == "现场2把游标卡尺未校准"
        assert s.scalar(select(Nonconformity)).evidence_text == "量具未按期校准"
    assert check_database(central.url).ok
