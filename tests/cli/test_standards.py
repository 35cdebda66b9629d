"""``auditdesk standards load|list``: an admin adds or updates a standard from a file."""

from __future__ import annotations

import json

import pytest

from auditdesk.cli import main
from tests.samples import modified_standard


@pytest.fixture
def db(database, db_url, admin):
    database.close()
    return db_url.removeprefix("sqlite:///")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["standards", *args])
    out, err = capsys.readouterr()
    return code, out, err


def keys(capsys, db) -> list[str]:
    code, out, err = run(capsys, "list", "--db", db, "--json")
    assert code == 0, err
    return [row["key"] for row in json.loads(out)]


def test_list_shows_the_builtin_standards(capsys, db):
    code, out, err = run(capsys, "list", "--db", db)
    assert code == 0, err
    assert "ISO9001:2015" in out and "GB/T 19001-2016" in out
    assert keys(capsys, db) == ["ISO14001:2015", "ISO27001:2022", "ISO45001:2018", "ISO9001:2015"]


def test_load_a_good_file_adds_the_standard(capsys, db, admin, tmp_path):
    path = modified_standard(tmp_path)
    code, out, err = run(capsys, "load", str(path), "--db", db, *admin)
    assert code == 0, err
    assert out.startswith("loaded: ISO9001:2099")
    assert "ISO9001:2099" in keys(capsys, db)
    # Loading it again updates in place: still one standard with that key.
    code, out, err = run(capsys, "load", str(path), "--db", db, "--json", *admin)
    assert code == 0 and json.loads(out)["key"] == "ISO9001:2099"
    assert keys(capsys, db).count("ISO9001:2099") == 1


@pytest.mark.parametrize(
    "content, reason",
    [
        ("{ not json", "not valid JSON"),
        (json.dumps({"format": "auditdesk-standard/1", "key": "X"}), ""),
    ],
)
def test_a_malformed_file_is_refused_in_one_line_and_nothing_is_written(
    capsys, db, admin, tmp_path, content, reason
):
    before = keys(capsys, db)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "load", str(bad), "--db", db, *admin)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("auditdesk: bad.json: ")
    assert reason in err and "nothing was changed" in err
    assert "Traceback" not in err
    assert keys(capsys, db) == before


def test_a_lead_may_not_load_a_standard(capsys, database, db_url, tmp_path, monkeypatch):
    from auditdesk.model import Role
    from auditdesk.services.users import create_user

    with database.session() as s:
        create_user(s, "lead", "lead-password-1", Role.LEAD)
    database.close()
    db = db_url.removeprefix("sqlite:///")
    monkeypatch.setenv("AUDITDESK_PASSWORD", "lead-password-1")
    code, out, err = run(
        capsys, "load", str(modified_standard(tmp_path)), "--db", db, "--user", "lead"
    )
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert "needs the admin role" in err  # signed in, but not an admin
    assert "ISO9001:2099" not in keys(capsys, db)
