"""Nonconformities in the workspace: the clause's own (Enter or a double-click opens one) and
the tabs below the panels (completeness, search results, earlier audits' NCs)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from auditdesk.services.workspace_data import NCLine
from auditdesk.ui import palette
from auditdesk.ui.nc.texts import NCTexts


class ClauseNCs(QWidget):
    openRequested = Signal(uuid.UUID)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nc_heading = QLabel(self.tr("Nonconformities on this clause"))
        self.nc_list = QListWidget()
        self.nc_list.setAccessibleName(self.tr("Nonconformities on this clause"))
        self.nc_list.setMaximumHeight(70)
        self.nc_list.setToolTip(
            self.tr("Nonconformities raised on this clause. Enter or double-click opens one.")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nc_heading)
        layout.addWidget(self.nc_list)
        # Activated: Enter, or a double-click (once; itemDoubleClicked would open it twice).
        self.nc_list.itemActivated.connect(
            lambda it: self.openRequested.emit(it.data(Qt.ItemDataRole.UserRole))
        )

    def show_ncs(self, lines: list[NCLine]) -> None:
        texts = NCTexts(self)
        self.nc_list.clear()
        for n in lines:
            it = QListWidgetItem(
                f"{n.number}  [{texts.grade(n.grade)} · {texts.state(n.state)}]  {n.first_line[:80]}"
            )
            it.setData(Qt.ItemDataRole.UserRole, n.id)
            it.setForeground(QBrush(palette.color("error")))
            self.nc_list.addItem(it)
        self.nc_heading.setText(
            self.tr("Nonconformities on this clause (%1)").replace("%1", str(len(lines)))
        )

    def numbers(self) -> list[str]:
        return [self.nc_list.item(i).text().split()[0] for i in range(self.nc_list.count())]
