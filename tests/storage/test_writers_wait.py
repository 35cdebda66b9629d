"""Writers wait their turn instead of failing: SQLite transactions begin IMMEDIATE (so the
busy timeout applies), an import commits in batches, and opening a database writes nothing.

Three writer processes save at typing rate (and re-open the database every 10 saves) while a
5 000-row CLI import runs: every save goes through, none is lost, and check is clean after."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditdesk.model import Role
from auditdesk.services.users import create_user
from auditdesk.storage.integrity import check_database

REPO = Path(__file__).resolve().parents[2]
ROWS = 5000
WRITERS = ("wang", "li", "zhao")


def _workbook(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["组织名称", "地址"])
    for i in range(ROWS):
        ws.append([f"导入测试有限公司{i:05d}", f"深圳市南山区科技园{i}号"])
    wb.save(path)
    return path


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.mark.slow
def test_three_writers_and_an_import_none_refused_none_lost(database, db_url, tmp_path):
    if database.path is None:
        pytest.skip("SQLite's single writer is what this proves")
    with database.session() as s:
        for name in WRITERS:
            create_user(s, name, f"{name}-password-1", Role.ADMIN)
        create_user(s, "importer", "importer-password-1", Role.ADMIN)
    path = database.path
    database.close()
    book = _workbook(tmp_path / "clients.xlsx")
    stop = tmp_path / "stop"
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.storage.concurrent_writer",
                db_url,
                name,
                str(stop),
                str(tmp_path / f"{name}.json"),
                "0.15",
            ],
            cwd=REPO,
            env=_env(),
        )
        for name in WRITERS
    ]
    time.sleep(2)  # the writers are saving
    importer = subprocess.run(
        [sys.executable, "-m", "auditdesk.cli", "import", "clients", str(book), "--db", str(path)]
        + ["--user", "importer"],
        cwd=REPO,
        env={**_env(), "AUDITDESK_PASSWORD": "importer-password-1"},
        capture_output=True,
        text=True,
        timeout=280,
    )
    stop.touch()
    for w in writers:
        assert w.wait(timeout=60) == 0
    assert importer.returncode == 0, importer.stdout + importer.stderr
    assert f"imported {ROWS} row(s)" in importer.stdout

    results = {n: json.loads((tmp_path / f"{n}.json").read_text()) for n in WRITERS}
    refused = [r for res in results.values() for r in res["refused"]]
    assert refused == [], refused
    con = sqlite3.connect(path)
    try:
        imported = con.execute(
            "SELECT count(*) FROM organisation WHERE name_zh LIKE '导入测试有限公司%'"
        ).fetchone()[0]
        assert imported == ROWS
        for name, res in results.items():
            assert res["saved"] >= 20 and res["opened"] >= 2
            # not lost: the last acknowledged save is what the table holds, and the log has
            # one row per acknowledged save
            stored = con.execute(
                "SELECT address FROM organisation WHERE name_zh = ?", (f"{name} 并发测试公司",)
            ).fetchone()[0]
            assert stored == res["last"]
            logged = con.execute(
                "SELECT count(*) FROM change_log WHERE user = ? AND entity = 'organisation' "
                "AND (action = 'create' OR field = 'address')",
                (name,),
            ).fetchone()[0]
            assert logged == res["saved"]
    finally:
        con.close()
    print(
        {n: (r["saved"], r["longest_save_s"]) for n, r in results.items()},
        "(saves, longest save in s),",
        len(refused),
        "refused",
    )
    assert check_database(db_url).ok


def test_opening_a_database_writes_nothing(database, db_url):
    if database.path is None:
        pytest.skip("a file's modification is what this looks at")
    path = database.path
    database.close()
    before = (path.stat().st_mtime_ns, path.read_bytes())
    wal = path.with_name(path.name + "-wal")
    wal_before = wal.read_bytes() if wal.exists() else b""
    from auditdesk.services.setup import open_database

    for _ in range(2):
        db = open_database(db_url)
        with db.session(readonly=True) as s:
            s.execute(__import__("sqlalchemy").text("SELECT count(*) FROM organisation"))
        db.close()
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    assert (wal.read_bytes() if wal.exists() else b"") == wal_before


def test_a_writer_waits_for_another_instead_of_failing(database, db_url):
    """The deferred-BEGIN bug: a session that read first and then wrote failed at once while
    another connection held the write lock; IMMEDIATE makes it wait for the lock."""
    if database.path is None:
        pytest.skip("SQLite locking")
    from auditdesk.services.clients import OrganisationData, create_organisation

    holder = sqlite3.connect(database.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE cb_setting SET key = key WHERE 0")
    import threading

    released = threading.Event()

    def release_soon():
        time.sleep(0.5)
        holder.execute("COMMIT")
        released.set()

    threading.Thread(target=release_soon).start()
    with database.session() as s:
        s.execute(__import__("sqlalchemy").text("SELECT count(*) FROM organisation"))
        create_organisation(s, OrganisationData(name_zh="等一等有限公司"))
    assert released.is_set()
    holder.close()
