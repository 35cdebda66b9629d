"""The command line: subcommands listed, exit codes 0/1/2, one-line errors, JSON output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from auditdesk.cli import main


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "auditdesk.cli", *args], capture_output=True, text=True, env=env
    )


def test_help_lists_the_subcommands():
    out = run("--help").stdout
    for name in ("demo", "list", "calc", "import", "export", "check", "backup", "restore"):
        assert name in out, name


def test_bad_usage_exits_2_with_one_line():
    result = run("list", "spaceships")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3  # argparse usage + one error line


def test_missing_database_is_a_problem_not_a_traceback(tmp_path):
    result = run("list", "clients", "--db", str(tmp_path / "missing.sqlite3"))
    assert result.returncode == 1
    assert result.stderr.startswith("auditdesk: ") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "missing.sqlite3").exists()


def test_foreign_file_is_refused_with_one_line(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("not a database")
    result = run("list", "clients", "--db", str(path))
    assert result.returncode == 1
    assert "not a database" in result.stderr
    assert path.read_text() == "not a database"


def test_list_json_gives_numbers_and_uuids(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite3")
    from auditdesk.services.clients import OrganisationData, create_organisation
    from auditdesk.services.setup import open_database

    database = open_database(f"sqlite:///{db}", create=True)
    with database.session() as s:
        create_organisation(
            s, OrganisationData(name_zh="杭州西湖制药有限公司", credit_code="91110000600037341L")
        )
    database.close()
    assert main(["list", "clients", "--db", db, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["name_zh"] == "杭州西湖制药有限公司"
    assert rows[0]["credit_code"] == "91110000600037341L"
    assert len(rows[0]["id"]) == 36


def test_env_variable_names_the_database(tmp_path, monkeypatch, capsys):
    db = tmp_path / "env.sqlite3"
    from auditdesk.services.setup import open_database

    open_database(f"sqlite:///{db}", create=True).close()
    monkeypatch.setenv("AUDITDESK_DB", str(db))
    assert main(["list", "certificates", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("cli") / "demo.sqlite3")
    assert main(["demo", "--db", db, "--today", "2026-11-21"]) == 0
    return db


@pytest.mark.parametrize("kind", ["clients", "certificates", "audits", "ncs"])
def test_every_register_lists_from_the_demo(demo_db, kind, capsys):
    capsys.readouterr()
    assert main(["list", kind, "--db", demo_db, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("id" in r for r in rows)
