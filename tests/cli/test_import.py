"""``auditdesk import certificates|clients`` and ``auditdesk export template``."""

from __future__ import annotations

import json

from auditdesk.cli import main
from tests.cli.conftest import ADMIN_PASSWORD, add_admin
from tests.exchange.conftest import write_xlsx

HEAD = ["证书编号", "组织名称", "认证标准", "颁证日期", "监督一完成日期"]


def _db(database):
    path = database.path
    database.close()
    return str(path)


def test_import_certificates_then_again_changes_nothing(database, admin, tmp_path, capsys):
    db = _db(database)
    book = write_xlsx(
        tmp_path / "c.xlsx",
        [HEAD, ["Q-1", "甲公司", "GB/T 19001-2016", "2026年3月15日", "2027-02-01"]],
    )
    assert main(["import", "certificates", str(book), "--db", db, *admin]) == 0
    assert "created 1 audit, 1 certificate, 1 organisation" in capsys.readouterr().out
    assert main(["import", "certificates", str(book), "--db", db, "--json", *admin]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["created"] == {} and data["unchanged"]["certificate"] == 1


def test_errors_are_listed_per_row_and_column_and_exit_1(database, admin, tmp_path, capsys):
    db = _db(database)
    book = write_xlsx(
        tmp_path / "c.xlsx",
        [
            HEAD,
            ["Q-1", "甲公司", "ISO 9001", "2026-13-01", ""],
            ["Q-2", "乙公司", "ISO 12345", "2026-03-01", ""],
        ],
    )
    assert main(["import", "certificates", str(book), "--db", db, *admin]) == 1
    captured = capsys.readouterr()
    assert "row 2\t颁证日期\t2026-13-01\tinvalid_date" in captured.out
    assert "row 3\t认证标准\tISO 12345\tunknown_standard" in captured.out
    assert "nothing was imported" in captured.err
    assert main(["list", "certificates", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_dry_run_writes_nothing(database, admin, tmp_path, capsys):
    db = _db(database)
    book = write_xlsx(
        tmp_path / "c.xlsx", [["组织名称", "统一社会信用代码"], ["甲公司", "914403001922038216"]]
    )
    assert main(["import", "clients", str(book), "--dry-run", "--db", db, *admin]) == 0
    assert capsys.readouterr().out.startswith("would import 1 row(s)")
    assert main(["import", "clients", str(book), "--db", db, *admin]) == 0
    assert "created 1 organisation" in capsys.readouterr().out


def test_unreadable_workbook_exit_1(database, admin, tmp_path, capsys):
    db = _db(database)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert main(["import", "certificates", str(bad), "--db", db, *admin]) == 1
    assert "not an .xlsx workbook" in capsys.readouterr().err


def test_export_template(tmp_path, capsys):
    # export.py (documents) mounts these; exercise them through a bare parser as well.
    import argparse

    import openpyxl

    from auditdesk.commands import export_exchange

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db")
    common.add_argument("--json", action="store_true")
    common.add_argument("--user")
    parser = argparse.ArgumentParser()
    export_exchange.register(parser.add_subparsers(dest="what"), common)
    out = tmp_path / "tpl.xlsx"
    args = parser.parse_args(["template", "certificates", "--out", str(out), "--lang", "en"])
    assert args.func(args) == 0
    headers = [c.value for c in openpyxl.load_workbook(out).worksheets[0][1]]
    assert headers[:3] == ["certificate_no", "organisation", "credit_code"]


def test_export_and_import_package_through_the_cli(tmp_path, capsys, monkeypatch):
    from auditdesk.services.setup import open_database
    from tests.exchange.package_helpers import build_office

    office = open_database(f"sqlite:///{tmp_path / 'office.sqlite3'}", create=True)
    _, audit_id, _ = build_office(office)
    as_office = add_admin(office, "office-admin")
    office.close()
    laptop = open_database(f"sqlite:///{tmp_path / 'laptop.sqlite3'}", create=True)
    as_laptop = add_admin(laptop, "laptop-admin")
    laptop.close()
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    pkg = tmp_path / "a.adpkg"
    monkeypatch.setenv("PKG_PW", "密码-123456")
    assert (
        main(
            [
                "export",
                "package",
                "--audit",
                str(audit_id),
                "--out",
                str(pkg),
                "--password-env",
                "PKG_PW",
                "--db",
                str(tmp_path / "office.sqlite3"),
                *as_office,
            ]
        )
        == 0
    )
    assert "encrypted" in capsys.readouterr().out
    laptop_db = ["--db", str(tmp_path / "laptop.sqlite3"), *as_laptop]
    assert main(["import", "package", str(pkg), *laptop_db]) == 1
    assert "encrypted: give its password" in capsys.readouterr().err
    assert (
        main(
            [
                "import",
                "package",
                str(pkg),
                "--password-env",
                "PKG_PW",
                *laptop_db,
                "--json",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["attachments"] == 1 and result["conflicts"] == 0 and result["created"] > 5
    assert (
        main(
            [
                "export",
                "package",
                "--team-leader",
                "张伟",
                "--out",
                str(tmp_path / "b.adpkg"),
                *laptop_db,
            ]
        )
        == 0
    )
    assert main(["check", "--db", str(tmp_path / "laptop.sqlite3")]) == 0


def test_a_hostile_package_exits_1_with_the_reason(database, admin, tmp_path, capsys):
    import zipfile

    db = _db(database)
    bad = tmp_path / "evil.adpkg"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("../../outside.txt", "x")
    assert main(["import", "package", str(bad), "--db", db, *admin]) == 1
    assert "leaves the package" in capsys.readouterr().err
