"""The harness on the tiny dataset: it runs an operation and writes the agreed JSON keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditdesk.cli import main


def test_bench_run_only_programme_writes_the_json_keys(
    tiny_dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.json"
    assert (
        main(
            [
                "bench",
                "run",
                "--db",
                str(tiny_dataset),
                "--only",
                "programme",
                "--repeat",
                "2",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    results = json.loads(out.read_text(encoding="utf-8"))
    assert [r["operation"] for r in results] == ["programme.all"]
    r = results[0]
    assert {"operation", "median_s", "floor_s", "ratio", "peak_rss_mb"} <= set(r)
    assert r["median_s"] > 0 and r["floor_s"] > 0 and r["peak_rss_mb"] > 0
    assert r["ratio"] == pytest.approx(r["median_s"] / r["floor_s"], rel=0.05)
    assert "programme.all" in capsys.readouterr().out


def test_an_unknown_operation_is_bad_usage(tiny_dataset: Path) -> None:
    assert main(["bench", "run", "--db", str(tiny_dataset), "--only", "no-such-operation"]) == 2


def test_every_issue_operation_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "run", "--db", "unused", "--list"]) == 0
    names = capsys.readouterr().out
    for name in (
        "cold_start",
        "register.",
        "search.zh2",
        "search.latin",
        "programme.all",
        "dashboard",
        "schedule.xlsx",
        "report.docx",
        "report.pdf",
        "package.export",
        "package.import",
        "check",
        "gui.max_stall",
    ):
        assert name in names


@pytest.mark.slow  # three laptop rounds of export and merge
def test_merge_of_an_edited_package_brings_the_laptops_edits_to_the_office(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    """``package.merge_300``: each timed run merges a package with fresh laptop edits (made
    untimed by ``run.prepare``), and the office ends with the last round's text."""
    import shutil

    from sqlalchemy import select

    from auditdesk.bench import harness
    from auditdesk.bench.model import Context
    from auditdesk.model import EvidenceItem
    from auditdesk.services.setup import open_database

    db = tmp_path / "office.sqlite3"
    shutil.copy(tiny_dataset, db)
    shutil.copy(str(tiny_dataset) + ".bench.json", str(db) + ".bench.json")
    shutil.copytree(tiny_dataset.parent / (tiny_dataset.stem + "-files"), tmp_path / "office-files")
    work = tmp_path / "work"
    work.mkdir()
    ctx = Context.load(db, work)
    out = harness.measure(harness.find("package.merge_300"), ctx, 2)
    assert out["status"] == "ok", out
    assert len(out["runs"]) == 2
    office = open_database(ctx.url)
    try:
        with office.session() as s:
            texts = s.scalars(select(EvidenceItem.description)).all()
    finally:
        office.close()
    merged = [t for t in texts if t.startswith("现场核查记录 第3轮")]  # warm-up 1, runs 2 and 3
    assert merged and not [t for t in texts if "第4轮" in t]
