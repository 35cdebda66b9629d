"""Signing in on the command line, ``auditdesk users …`` and ``auditdesk init``."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from auditdesk.cli import main
from tests.cli.conftest import ADMIN_PASSWORD


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(database, admin):
    path = str(database.path)
    database.close()
    return path


def test_a_write_without_credentials_is_refused_in_one_line(db, tmp_path, capsys, monkeypatch):
    from tests.exchange.conftest import write_xlsx

    monkeypatch.delenv("AUDITDESK_PASSWORD")
    book = write_xlsx(
        tmp_path / "c.xlsx", [["组织名称", "统一社会信用代码"], ["甲公司", "914403001922038216"]]
    )
    code, out, err = run(capsys, "import", "clients", str(book), "--db", db)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--user NAME" in err and "AUDITDESK_TOKEN" in err
    code, out, _err = run(capsys, "list", "clients", "--db", db, "--json")  # the reader reads
    assert code == 0 and json.loads(out) == []
    code, _out, _err = run(capsys, "check", "--db", db)
    assert code == 0


def test_the_reader_cannot_write_even_through_a_read_command(db, capsys):
    from auditdesk.commands.base import CommandError, open_session
    from auditdesk.model import CBSetting

    class Args:
        pass

    args = Args()
    args.db = db
    args.user = None
    with pytest.raises(CommandError) as info:
        with open_session(args, mode="read") as session:
            assert session.info["user"] == "reader"
            session.add(CBSetting(key="x", value="y"))
            session.flush()
    assert info.value.exit_code == 2
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM cb_setting WHERE key = 'x'").fetchone() == (0,)
    con.close()


def test_password_is_asked_without_echo_and_a_wrong_one_is_logged(db, capsys, monkeypatch):
    import getpass

    monkeypatch.delenv("AUDITDESK_PASSWORD")
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return ADMIN_PASSWORD if len(prompts) == 1 else "wrong-password"

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    code, out, err = run(capsys, "users", "list", "--db", db, "--user", "wang")
    assert code == 0, err
    assert prompts == ["password for wang: "] and "wang" in out and "admin" in out
    code, _out, err = run(capsys, "users", "list", "--db", db, "--user", "wang")
    assert code == 1 and err == "auditdesk: sign-in refused: wrong user name or password\n"
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    code, out, err = run(capsys, "users", "signins", "--db", db, "--user", "wang", "--json")
    log = json.loads(out)
    assert [(r["username"], r["channel"], r["outcome"]) for r in log[:3]] == [
        ("wang", "cli", "success"),
        ("wang", "cli", "failure"),
        ("wang", "cli", "success"),
    ]


def test_the_system_user_cannot_sign_in(db, capsys):
    code, _out, err = run(capsys, "users", "list", "--db", db, "--user", "system")
    assert code == 1 and "sign-in refused" in err


def test_admin_manages_users_from_the_cli(db, admin, capsys, monkeypatch):
    monkeypatch.setenv("AUDITDESK_NEW_PASSWORD", "lead-pass-1")
    code, out, err = run(capsys, "users", "add", "li", "--role", "lead", "--db", db, *admin)
    assert code == 0 and "li added" in out, err
    code, _out, err = run(capsys, "users", "add", "li", "--db", db, *admin)
    assert code == 1 and err == "auditdesk: that user name is taken\n"
    code, _out, err = run(capsys, "users", "set-role", "wang", "auditor", "--db", db, *admin)
    assert code == 1 and "last active admin" in err
    assert run(capsys, "users", "set-role", "li", "admin", "--db", db, *admin)[0] == 0
    monkeypatch.setenv("AUDITDESK_NEW_PASSWORD", "fresh-pass-1")
    assert run(capsys, "users", "reset-password", "li", "--db", db, *admin)[0] == 0
    monkeypatch.setenv("AUDITDESK_PASSWORD", "fresh-pass-1")
    code, out, err = run(capsys, "users", "list", "--db", db, "--user", "li", "--json")
    assert code == 0, err
    rows = {r["username"]: r for r in json.loads(out)}
    assert rows["li"]["role"] == "admin" and rows["li"]["active"]
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    assert run(capsys, "users", "deactivate", "li", "--db", db, *admin)[0] == 0
    monkeypatch.setenv("AUDITDESK_PASSWORD", "fresh-pass-1")
    code, _out, err = run(capsys, "users", "list", "--db", db, "--user", "li")
    assert code == 1 and "sign-in refused" in err  # deactivated: no more sign-ins


def test_a_lead_cannot_manage_users(db, admin, capsys, monkeypatch):
    monkeypatch.setenv("AUDITDESK_NEW_PASSWORD", "lead-pass-1")
    assert run(capsys, "users", "add", "li", "--role", "lead", "--db", db, *admin)[0] == 0
    monkeypatch.setenv("AUDITDESK_PASSWORD", "lead-pass-1")
    monkeypatch.setenv("AUDITDESK_NEW_PASSWORD", "taken-over-1")
    code, _out, err = run(capsys, "users", "reset-password", "wang", "--db", db, "--user", "li")
    assert code == 1 and "needs the admin role" in err


def test_api_token_signs_scripts_in_until_revoked(db, admin, capsys, monkeypatch):
    from tests.exchange.conftest import write_xlsx

    code, out, err = run(
        capsys, "users", "token", "wang", "--label", "cron", "--db", db, *admin, "--json"
    )
    assert code == 0, err
    token = json.loads(out)["token"]
    monkeypatch.delenv("AUDITDESK_PASSWORD")
    monkeypatch.setenv("AUDITDESK_TOKEN", token)
    book = write_xlsx(
        tmp_xlsx := db + ".xlsx",
        [["组织名称", "统一社会信用代码"], ["甲公司", "914403001922038216"]],
    )
    assert book
    code, out, err = run(capsys, "import", "clients", tmp_xlsx, "--db", db)
    assert code == 0, err
    code, out, err = run(capsys, "users", "tokens", "--db", db, "--json")
    (row,) = json.loads(out)
    assert row["label"] == "cron" and row["last_used_at"] and row["revoked_at"] is None
    assert run(capsys, "users", "revoke", row["id"], "--db", db)[0] == 0
    code, _out, err = run(capsys, "import", "clients", tmp_xlsx, "--db", db)
    assert code == 1 and "not a valid token" in err
    monkeypatch.setenv("AUDITDESK_TOKEN", "wang")  # a user name is not a token
    assert run(capsys, "users", "list", "--db", db)[0] == 1


def test_five_wrong_passwords_lock_the_name(db, capsys, monkeypatch):
    monkeypatch.setenv("AUDITDESK_PASSWORD", "guess-guess")
    for _ in range(5):
        assert run(capsys, "users", "list", "--db", db, "--user", "wang")[0] == 1
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    code, _out, err = run(capsys, "users", "list", "--db", db, "--user", "wang")
    assert code == 1 and "too many failed sign-ins" in err


# --------------------------------------------------------------------------- init


def test_init_makes_an_empty_database_with_its_first_admin(tmp_path, capsys, monkeypatch):
    db = tmp_path / "cb.sqlite3"
    monkeypatch.setenv("AUDITDESK_PASSWORD", "first-admin-1")
    code, out, err = run(capsys, "init", "--db", str(db), "--admin", "wang", "--json")
    assert code == 0, err
    assert json.loads(out)["standards"] >= 4
    code, out, err = run(capsys, "users", "list", "--db", str(db), "--user", "wang", "--json")
    assert code == 0, err
    assert [(r["username"], r["role"]) for r in json.loads(out)] == [("wang", "admin")]
    assert run(capsys, "list", "clients", "--db", str(db), "--json")[1].strip() == "[]"
    before = db.read_bytes()
    code, _out, err = run(capsys, "init", "--db", str(db), "--admin", "li")
    assert code == 1 and "already exists" in err and err.count("\n") == 1
    assert db.read_bytes() == before


def test_init_asks_the_password_twice_and_leaves_nothing_when_they_differ(
    tmp_path, capsys, monkeypatch
):
    import getpass

    monkeypatch.delenv("AUDITDESK_PASSWORD", raising=False)
    answers = iter(["first-admin-1", "first-admin-2"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    db = tmp_path / "cb.sqlite3"
    code, _out, err = run(capsys, "init", "--db", str(db), "--admin", "wang")
    assert code == 2 and "differ" in err
    assert not db.exists()
    monkeypatch.setenv("AUDITDESK_PASSWORD", "short")
    code, _out, err = run(capsys, "init", "--db", str(db), "--admin", "wang")
    assert code == 2 and "8 characters" in err and not db.exists()
    code, _out, err = run(capsys, "init", "--db", str(db), "--admin", "system")
    assert code == 2 and not db.exists()


def test_init_then_a_day_one_in_a_real_process(tmp_path):
    """The real entry point, as an admin types it: init, add a user, the user signs in."""
    import os

    db = str(tmp_path / "cb.sqlite3")
    env = {**os.environ, "AUDITDESK_PASSWORD": "first-admin-1"}
    env.pop("AUDITDESK_TOKEN", None)

    def cli(*args, **extra):
        return subprocess.run(
            [sys.executable, "-m", "auditdesk.cli", *args],
            capture_output=True,
            text=True,
            env={**env, **extra},
        )

    assert cli("init", "--db", db, "--admin", "wang").returncode == 0
    added = cli(
        "users", "add", "zhao", "--db", db, "--user", "wang", AUDITDESK_NEW_PASSWORD="zhao-pass-1"
    )
    assert added.returncode == 0, added.stderr
    as_zhao = cli("list", "audits", "--db", db, "--user", "zhao", AUDITDESK_PASSWORD="zhao-pass-1")
    assert as_zhao.returncode == 0, as_zhao.stderr
    refused = cli("users", "add", "x", "--db", db, AUDITDESK_NEW_PASSWORD="whatever-1")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1


def test_restore_over_a_database_with_people_needs_its_admin(db, tmp_path, capsys, monkeypatch):
    out = str(tmp_path / "b.sqlite3")
    assert run(capsys, "backup", "--db", db, "--out", out)[0] == 0  # reading the file: anyone
    monkeypatch.delenv("AUDITDESK_PASSWORD")
    code, _out, err = run(capsys, "restore", out, "--db", db)
    assert code == 2 and "--user NAME" in err
    monkeypatch.setenv("AUDITDESK_PASSWORD", "guess-guess")
    code, _out, err = run(capsys, "restore", out, "--db", db, "--user", "wang")
    assert code == 1 and "sign-in refused" in err
    assert not list((tmp_path).glob("**/*before-restore*"))  # nothing was replaced
    monkeypatch.setenv("AUDITDESK_PASSWORD", ADMIN_PASSWORD)
    code, out_text, err = run(capsys, "restore", out, "--db", db, "--user", "wang")
    assert code == 0, err


def test_demo_into_a_database_with_people_needs_an_admin(db, capsys, monkeypatch):
    monkeypatch.delenv("AUDITDESK_PASSWORD")
    code, _out, err = run(capsys, "demo", "--db", db)
    assert code == 2 and "--user NAME" in err
    code, _out, _err = run(capsys, "list", "clients", "--db", db, "--json")
    assert _out.strip() == "[]"


def test_demo_into_a_new_file_needs_no_one_and_prints_the_demo_passwords(tmp_path, capsys):
    code, out, err = run(capsys, "demo", "--db", str(tmp_path / "demo.sqlite3"))
    assert code == 0, err
    assert "admin / lead / auditor, password 'auditdesk-demo'" in out


def test_an_import_under_a_name_without_its_password_is_refused(db, tmp_path, capsys, monkeypatch):
    """The batched import opens the database itself: it must still sign in, never trust a
    bare --user name (found when the integrity and sign-in branches met)."""
    from tests.exchange.conftest import write_xlsx

    monkeypatch.setenv("AUDITDESK_PASSWORD", "not-the-password")
    book = write_xlsx(
        tmp_path / "c.xlsx", [["组织名称", "统一社会信用代码"], ["甲公司", "914403001922038216"]]
    )
    code, _out, err = run(capsys, "import", "clients", str(book), "--db", db, "--user", "wang")
    assert code != 0 and "sign-in refused" in err
    code, out, _err = run(capsys, "list", "clients", "--db", db, "--json")
    assert code == 0 and json.loads(out) == []
