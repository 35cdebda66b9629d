"""Helpers for the Excel-import tests (tests/storage/test_import_all_or_nothing.py and
tests/ui/test_import_dialog_writers.py): a clients workbook, a whole-database dump, writer
processes saving at typing rate (tests/storage/concurrent_writer.py) during an import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import inspect, select, text

from auditdesk.model import ChangeLogEntry, Organisation

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
