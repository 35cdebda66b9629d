"""No copy of the database from CLI runs or the harness's child processes (issue 21, point 3):
only the GUI's own start turns automatic backups on. Both children are real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.setup import open_database
from auditdesk.storage import backup

ROOT = Path(__file__).resolve().parents[2]


def _change(url: str, name: str) -> None:
    db = open_database(url)
    try:
        with db.session() as s:
            create_organisation(s, OrganisationData(name_zh=name))
    finally:
        db.close()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _files_beside(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


@pytest.mark.slow  # two real child processes, one of them the GUI
def test_cli_and_bench_launcher_after_a_change_leave_no_backup(tmp_path):
    path = tmp_path / "office.sqlite3"
    url = f"sqlite:///{path}"
    open_database(url, create=True).close()
    _change(url, "甲公司")
    before = _files_beside(path)

    cli = _run("auditdesk.cli", "list", "clients", "--db", str(path))
    assert cli.returncode == 0, cli.stderr
    assert "甲公司" in cli.stdout
    _change(url, "乙公司")
    launched = _run("auditdesk.ui.bench_launcher", str(path))
    assert launched.returncode == 0, launched.stderr
    assert "SHOWN" in launched.stdout

    assert not backup.backup_dir(path).exists()
    assert backup.automatic_backups(path) == []
    new = _files_beside(path) - before - {"office.sqlite3-wal", "office.sqlite3-shm"}
    assert not [n for n in new if "backup" in n or n.endswith(".sqlite3")], new
