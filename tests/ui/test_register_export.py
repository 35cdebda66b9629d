"""A register view exported to Excel (issue 20, point 9; ui/registers/export_view.py): every
record of the view with its search and filters — not only the rows on screen — headers and
codes in the user's language, dates as dates, credit codes as text, and what was exported on
an About sheet. Jobs run synchronously (tests/ui/conftest.py)."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.ui.conftest import show_main_window


def _sheet_rows(path):
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    return wb, [[c.value for c in row] for row in ws.iter_rows()]


def test_the_search_applies_and_every_page_is_read(ctx, sample, qtbot, tmp_path, monkeypatch):
    from auditdesk.ui import i18n
    from auditdesk.ui.registers import export_view

    monkeypatch.setattr(export_view, "PAGE", 1)  # three pages for two rows: paging is exercised
    i18n.install_language("zh_CN")
    window = show_main_window(ctx, qtbot)
    window.retranslate()
    register = window.registers["clients"]
    register.search.setText("华强")
    register.apply_search()
    assert register.model.total == 1
    target = tmp_path / "客户.xlsx"
    export_view.export_view(register, target)
    assert ctx.shown[-1][1] == f"已将 1 条记录写入 {target}。"
    wb, rows = _sheet_rows(target)
    assert rows[0][:3] == [
        register.model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)
    ]  # zh headers
    assert len(rows) == 2 and rows[1][0] == "深圳华强电子有限公司"
    code = wb.worksheets[0].cell(row=2, column=3)
    assert code.value == "914403001922038216" and code.data_type == "s"  # text, not a number
    about = dict((r[0].value, r[1].value) for r in wb["About"].iter_rows())
    assert about["搜索"] == "华强" and about["登记表"] == window.page_titles()["clients"]


def test_all_records_with_dates_kept_as_dates(ctx, sample, qtbot, tmp_path, monkeypatch):
    from auditdesk.ui.registers import export_view

    monkeypatch.setattr(export_view, "PAGE", 1)  # more records than one page

    window = show_main_window(ctx, qtbot)
    register = window.registers["certificates"]
    target = tmp_path / "certificates.xlsx"
    export_view.export_view(register, target)
    wb, rows = _sheet_rows(target)
    assert len(rows) - 1 == register.model.total == 2
    header = rows[0]
    issue = header.index(register.model.headerData(3, Qt.Orientation.Horizontal))
    assert all(isinstance(r[issue], dt.datetime | dt.date) for r in rows[1:])
    status = header.index(register.model.headerData(5, Qt.Orientation.Horizontal))
    shown = {register.model.data(register.model.index(i, 5)) for i in range(2)}
    assert {r[status] for r in rows[1:]} == shown  # the status in words, as on screen


def test_a_failed_write_keeps_the_earlier_file(ctx, sample, qtbot, tmp_path, monkeypatch):
    from auditdesk.exports import register_xlsx
    from auditdesk.ui.registers import export_view

    window = show_main_window(ctx, qtbot)
    register = window.registers["clients"]
    target = tmp_path / "clients.xlsx"
    target.write_bytes(b"earlier export")

    def broken(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(register_xlsx, "_width", broken)
    export_view.export_view(register, target)
    assert target.read_bytes() == b"earlier export"
    assert not list(tmp_path.glob(".clients.xlsx.*.part"))
