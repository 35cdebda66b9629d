"""The import the desktop app and the CLI run (``excel_import.import_workbook_in``): the whole
workbook is checked with no write lock held, then written in short transactions.

- a bad cell in row 9 000 of 10 000 leaves the database exactly as before (every table,
  the change log included), on SQLite and PostgreSQL;
- a writer process saving at typing rate while a workbook imports: none of its saves is
  refused, none lost, every row imported, ``check`` clean after (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from auditdesk.exchange.errors import ImportRejected
from auditdesk.exchange.excel_import import import_workbook_in
from auditdesk.model import ChangeLogEntry, Organisation, Role
from auditdesk.services.users import create_user
from auditdesk.storage.integrity import check_database

REPO = Path(__file__).resolve().parents[2]


def clients_workbook(path: Path, rows: int, bad_row: int | None = None) -> Path:
    """``rows`` clients; spreadsheet row ``bad_row`` (the header is row 1) has a bad e-mail."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["组织名称", "地址", "邮箱"])
    for i in range(rows):
        email = "no-at-sign" if bad_row is not None and i + 2 == bad_row else f"qa{i}@example.cn"
        ws.append([f"导入测试有限公司{i:05d}", f"深圳市南山区科技园{i}号", email])
    wb.save(path)
    return path


def dump(engine) -> dict[str, list[str]]:
    """Every row of every table, as text, sorted: equal dumps mean the same database."""
    out = {}
    with engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            out[table] = sorted(repr(tuple(r)) for r in rows)
    return out


@pytest.mark.slow
def test_a_bad_row_9000_of_10000_leaves_the_database_exactly_as_before(database, tmp_path):
    with database.session() as s:
        create_user(s, "importer", "importer-password-1", Role.ADMIN)
    book = clients_workbook(tmp_path / "clients.xlsx", 10_000, bad_row=9000)
    before = dump(database.engine)
    with pytest.raises(ImportRejected) as info:
        import_workbook_in(database, "importer", book, "clients")
    assert [(e.row, e.field, e.reason) for e in info.value.errors] == [
        (9000, "contact_email", "email")
    ]
    assert info.value.report.imported_rows == 0
    assert dump(database.engine) == before
    # the check (dry run) of the corrected file writes nothing either
    good = clients_workbook(tmp_path / "good.xlsx", 10_000)
    report = import_workbook_in(database, "importer", good, "clients", dry_run=True)
    assert report.created == {"organisation": 10_000}
    assert dump(database.engine) == before


def _writer(db_url: str, name: str, stop: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.storage.concurrent_writer", db_url, name, str(stop)]
        + [str(out), "0.15"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def writers_during(database, db_url, tmp_path, names, run_import):
    """Start a writer process per name, let them save, run ``run_import()``, stop them;
    returns (import result, {name: writer result})."""
    stop = tmp_path / "stop"
    writers = [_writer(db_url, n, stop, tmp_path / f"{n}.json") for n in names]
    try:
        time.sleep(2)  # the writers are saving
        result = run_import()
        time.sleep(1)
    finally:
        stop.touch()
        for w in writers:
            assert w.wait(timeout=60) == 0
    return result, {n: json.loads((tmp_path / f"{n}.json").read_text()) for n in names}


def assert_none_refused_none_lost(database, results):
    refused = [r for res in results.values() for r in res["refused"]]
    assert refused == [], refused
    with database.session(readonly=True) as s:
        for name, res in results.items():
            assert res["saved"] >= 10
            stored = s.scalar(
                select(Organisation.address).where(Organisation.name_zh == f"{name} 并发测试公司")
            )
            assert stored == res["last"]  # the last acknowledged save is what the table holds
            logged = s.scalar(
                select(text("count(*)"))
                .select_from(ChangeLogEntry)
                .where(
                    ChangeLogEntry.user == name,
                    ChangeLogEntry.entity == "organisation",
                    (ChangeLogEntry.action == "create") | (ChangeLogEntry.field == "address"),
                )
            )
            assert logged == res["saved"]  # one log row per acknowledged save


@pytest.mark.slow
def test_a_writer_keeps_saving_while_a_workbook_imports(database, db_url, tmp_path):
    rows = 3000
    with database.session() as s:
        for name in ("importer", "wang", "li"):
            create_user(s, name, f"{name}-password-1", Role.ADMIN)
    book = clients_workbook(tmp_path / "clients.xlsx", rows)
    report, results = writers_during(
        database,
        db_url,
        tmp_path,
        ("wang", "li"),
        lambda: import_workbook_in(database, "importer", book, "clients"),
    )
    assert report.created == {"organisation": rows}
    assert_none_refused_none_lost(database, results)
    with database.session(readonly=True) as s:
        assert (
            s.scalar(
                select(text("count(*)"))
                .select_from(Organisation)
                .where(Organisation.name_zh.like("导入测试有限公司%"))
            )
            == rows
        )
    print(
        f"longest import transaction {report.write_s:.2f} s;",
        {n: (r["saved"], r["longest_save_s"]) for n, r in results.items()},
        "(saves, longest save in s), 0 refused",
    )
    assert check_database(db_url).ok
