"""An import reports its progress row by row (the import dialog shows a determinate bar)."""

from __future__ import annotations

import pytest

from auditdesk.exchange.errors import ImportRejected
from auditdesk.exchange.excel_import import import_workbook

HEAD = ["certificate_no", "organisation", "standard", "issue_date", "status"]


def _rows(n, bad=None):
    rows = [HEAD]
    for i in range(n):
        date = "2026-02-30" if i == bad else "2026-01-05"
        rows.append([f"Q-{i:04d}", f"上海示例{i}有限公司", "ISO 9001", date, "valid"])
    return rows


def test_each_row_written_is_counted_up_to_the_total(session, xlsx):
    seen: list[tuple[int, int]] = []
    report = import_workbook(
        session, xlsx(_rows(7)), "certificates", progress=lambda d, t: seen.append((d, t))
    )
    assert report.created["certificate"] == 7
    assert seen == [(i, 7) for i in range(8)]  # 0/7 … 7/7, in order


def test_a_dry_run_counts_too_and_a_refused_file_counts_nothing(session, xlsx):
    seen: list[tuple[int, int]] = []
    import_workbook(
        session, xlsx(_rows(3)), "certificates", dry_run=True, progress=lambda *a: seen.append(a)
    )
    assert seen[-1] == (3, 3)
    seen.clear()
    with pytest.raises(ImportRejected):  # checked before anything is written: no progress
        import_workbook(
            session, xlsx(_rows(3, bad=1)), "certificates", progress=lambda *a: seen.append(a)
        )
    assert seen == []
