"""The coverage heatmaps act: a cell of clause × site opens that clause at that site in the workspace,
by mouse or by keyboard; every cell says in words what it counts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from auditdesk.services import evidence as ev
from tests.services.workspace_data import clause_id, make_audit
from tests.ui.conftest import show_workspace


@pytest.fixture
def facts(database):
    with database.session() as s:
        facts = make_audit(s)
        # One item at the second site (二厂) for 8.5.1; none anywhere for 7.1.5.
        ev.add_evidence(
            s,
            facts.audit_id,
            ev.EvidenceData(
                clause_ids=[clause_id(s, facts.audit_id, "8.5.1")],
                site_id=facts.site_ids[1],
                description="作业指导书",
            ),
        )
        return facts


@pytest.fixture
def ws(ctx, database, facts, qtbot):
    return show_workspace(ctx, facts.audit_id, qtbot)


def open_heatmap(ws, qtbot):
    qtbot.mouseClick(ws.btn_coverage, Qt.MouseButton.LeftButton)
    dlg = ws.coverage_dialog
    qtbot.addWidget(dlg)
    qtbot.waitExposed(dlg)
    return dlg, dlg.tabs.widget(0)


def row_of(ws, number):
    return list(ws.rows).index(number)


def test_clicking_a_clause_site_cell_opens_that_clause_with_that_site(ws, qtbot, facts):
    ws.select_clause("4.1")
    assert ws.current.number == "4.1" and ws.site_filter.currentData() is None
    dlg, table = open_heatmap(ws, qtbot)
    index = table.model().index(row_of(ws, "7.1.5"), 1)  # column 1: the second site
    table.scrollTo(index)
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    assert ws.current.number == "7.1.5"
    assert ws.tree.currentItem() is ws.tree_items["7.1.5"]
    assert ws.site_filter.currentData() == facts.site_ids[1]
    assert (
        not dlg.isVisible()
    )  # the counts are a snapshot: the dialog closes once the auditor goes there


def test_each_cell_names_clause_title_site_and_count_in_words(ws, qtbot, facts):
    _dlg, table = open_heatmap(ws, qtbot)
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == [
        "总部工厂",
        "二厂",
        "(no site)",
    ]
    found = table.item(row_of(ws, "8.5.1"), 1).toolTip()
    assert "8.5.1" in found and ws.rows["8.5.1"].title in found
    assert "Site: 二厂" in found and "1 evidence item" in found
    empty = table.item(row_of(ws, "8.5.1"), 0).toolTip()
    assert "Site: 总部工厂" in empty and "No evidence yet" in empty
    assert "Site: none given" in table.item(row_of(ws, "8.5.1"), 2).toolTip()
    assert (
        table.item(row_of(ws, "8.5.1"), 1).text() == "1"
        and table.item(row_of(ws, "8.5.1"), 0).text() == ""
    )


def test_arrows_move_between_cells_and_enter_opens_the_clause(ws, qtbot, facts):
    ws.select_clause("4.1")
    dlg, table = open_heatmap(ws, qtbot)
    assert table.focusPolicy() & Qt.FocusPolicy.TabFocus
    table.setFocus()
    assert (table.currentRow(), table.currentColumn()) == (0, 0)
    QTest.keyClick(table, Qt.Key.Key_Right)
    for _ in range(row_of(ws, "4.2")):
        QTest.keyClick(table, Qt.Key.Key_Down)
    assert (table.currentRow(), table.currentColumn()) == (row_of(ws, "4.2"), 1)
    assert ws.current.number == "4.1"  # moving does not jump
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert ws.current.number == "4.2"
    assert ws.site_filter.currentData() == facts.site_ids[1]
    assert not dlg.isVisible()


def test_the_no_site_column_opens_the_clause_over_all_sites(ws, qtbot):
    ws.site_filter.setCurrentIndex(1)
    _dlg, table = open_heatmap(ws, qtbot)
    table.setFocus()
    table.setCurrentCell(row_of(ws, "9.1.2"), 2)
    QTest.keyClick(table, Qt.Key.Key_Enter)
    assert ws.current.number == "9.1.2" and ws.site_filter.currentData() is None


def test_cycle_heatmap_cells_tell_the_audit_and_open_the_clause_here(ws, qtbot, database, facts):
    from auditdesk.model import Audit

    with database.session() as s:
        number = s.get(Audit, facts.audit_id).number
    ws.site_filter.setCurrentIndex(2)
    dlg, _table = open_heatmap(ws, qtbot)
    assert dlg.tabs.count() == 2
    cycle = dlg.tabs.widget(1)
    rows = [cycle.verticalHeaderItem(r).text() for r in range(cycle.rowCount())]
    r = rows.index(next(text for text in rows if text.removeprefix("⚠ ").split()[0] == "8.5.1"))
    column = next(
        c
        for c in range(cycle.columnCount())
        if cycle.horizontalHeaderItem(c).text().startswith(number)
    )
    tip = cycle.item(r, column).toolTip()
    assert (
        "8.5.1" in tip
        and number in tip
        and "This audit: " + number in tip
        and "1 evidence item" in tip
    )
    index = cycle.model().index(r, column)
    cycle.scrollTo(index)
    QTest.mouseClick(
        cycle.viewport(), Qt.MouseButton.LeftButton, pos=cycle.visualRect(index).center()
    )
    assert ws.current.number == "8.5.1" and ws.site_filter.currentData() is None


def test_tooltips_are_chinese_in_zh_cn(ctx, database, facts, qtbot):
    from auditdesk.ui import i18n
    from auditdesk.ui.workspace import AuditWorkspace

    i18n.install_language("zh_CN")
    widget = AuditWorkspace(ctx, facts.audit_id)
    qtbot.addWidget(widget)
    widget.show()
    _dlg, table = open_heatmap(widget, qtbot)
    tip = table.item(row_of(widget, "8.5.1"), 1).toolTip()
    assert "二厂" in tip and "8.5.1" in tip
    assert "Site" not in tip and "evidence" not in tip
