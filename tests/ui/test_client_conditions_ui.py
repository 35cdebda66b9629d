"""Issue 16 point 8 in the client's detail editor: the CNCA-QMS-01:2025 §5.1.2 conditions
recorded on the client, whether they bar it today, and recording one (refusals in words)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QGroupBox

from auditdesk.ui.registers.configs import build_configs
from auditdesk.ui.registers.widget import RegisterWidget


def test_client_editor_lists_and_records_conditions(qtbot, ctx, sample):
    w = RegisterWidget(ctx, build_configs(ctx)["clients"])
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    org_id = sample["clients"][0]
    assert w.select_id(org_id)
    panel = w.findChild(QGroupBox, "clientConditions")
    assert panel is not None and panel.isVisible()
    assert panel.table.rowCount() == 0
    assert panel.findings.text() == "No condition bars the client today."

    dialog = panel.dialog()
    dialog.kind.setCurrentIndex(dialog.kind.findData("production_stop"))
    dialog.since.setDate(QDate.currentDate().addDays(-10))
    dialog.until.setText("2000-01-01")
    assert not dialog.record()  # no reference, until before since: nothing written
    assert "The reference is required." in dialog.error.text()
    assert "Until is before since." in dialog.error.text()
    dialog.until.clear()
    dialog.reference.setText("浙市监〔2026〕5号")
    assert dialog.record()
    panel.load(org_id)
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 0).text() == "ordered to stop production"
    assert panel.table.item(0, 3).text() == "浙市监〔2026〕5号"
    assert panel.findings.text() == (
        "client ordered to stop production: no certification"
        " — CNCA-QMS-01:2025 §5.1.2 application conditions"
    )

    w.new_record()  # a new record has no conditions to show
    assert not panel.isVisible()
