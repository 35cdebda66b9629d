"""An import reports its progress batch by batch (the import dialog shows a determinate bar):
``import_workbook_in`` calls ``progress(done, total)`` after each committed batch of rows."""

from __future__ import annotations

import pytest

from auditdesk.exchange.errors import ImportRejected
from auditdesk.exchange.excel_import import import_workbook_in
from auditdesk.model import Role
from auditdesk.services.users import create_user

HEAD = ["certificate_no", "organisation", "standard", "issue_date", "status"]


def _rows(n, bad=None):
    rows = [HEAD]
    for i in range(n):
        date = "2026-02-30" if i == bad else "2026-01-05"
        rows.append([f"Q-{i:04d}", f"上海示例{i}有限公司", "ISO 9001", date, "valid"])
    return rows


@pytest.fixture
def importer(database):
    with database.session() as s:
        create_user(s, "importer", "importer-password-1", Role.ADMIN)
    return "importer"


def test_each_batch_written_is_counted_up_to_the_total(database, importer, xlsx):
    seen: list[tuple[int, int]] = []
    report = import_workbook_in(
        database,
        importer,
        xlsx(_rows(25)),
        "certificates",
        progress=lambda d, t: seen.append((d, t)),
        batch_s=0.0,  # 20 rows first (BATCH_FIRST_ROWS), then one a batch: 6 batches
        pause_s=0.0,
    )
    assert report.created["certificate"] == 25
    assert len(seen) == 6
    assert {t for _d, t in seen} == {25}
    done = [d for d, _t in seen]
    assert done == sorted(set(done)) and done[-1] == 25  # rising, ends at 25/25


def test_a_dry_run_and_a_refused_file_write_and_count_nothing(database, importer, xlsx):
    seen: list[tuple[int, int]] = []
    report = import_workbook_in(
        database,
        importer,
        xlsx(_rows(3)),
        "certificates",
        dry_run=True,
        progress=lambda *a: seen.append(a),
    )
    assert report.created["certificate"] == 3 and seen == []  # checked, nothing written
    with pytest.raises(ImportRejected):  # checked before anything is written: no progress
        import_workbook_in(
            database,
            importer,
            xlsx(_rows(3, bad=1)),
            "certificates",
            progress=lambda *a: seen.append(a),
        )
    assert seen == []
