"""Thin table model over the rows ``services.review_queue.review_queue`` returned (STYLE habit 1)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from auditdesk.services.review_queue import QueueItem
from auditdesk.ui import palette
from auditdesk.ui.nc.texts import NCTexts
from auditdesk.ui.qt_none import returns_to_qt

NC_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class ReviewQueueModel(QAbstractTableModel):
    COLUMNS = ("number", "kind", "grade", "client", "standard", "clause", "audit", "due", "overdue")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.texts = NCTexts(self)
        self.items: list[QueueItem] = []
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = [
            self.tr("NC"),
            self.tr("Waiting for"),
            self.tr("Grade"),
            self.tr("Client"),
            self.tr("Standard"),
            self.tr("Clause"),
            self.tr("Audit"),
            self.tr("Due date"),
            self.tr("Overdue"),
        ]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.items:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.items) - 1, len(self.COLUMNS) - 1)
            )

    def set_items(self, items: list[QueueItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def item(self, row: int) -> QueueItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, nc_id: uuid.UUID) -> int:
        return next((i for i, it in enumerate(self.items) if it.nc_id == nc_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    @returns_to_qt
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    @returns_to_qt
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not (0 <= index.row() < len(self.items))
            or not (0 <= index.column() < len(self.COLUMNS))
        ):
            return None
        it = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(it, column)
        if role == NC_ID_ROLE:
            return str(it.nc_id)
        if role == Qt.ItemDataRole.BackgroundRole and it.overdue:
            return QBrush(palette.color("overdue_bg"))
        if role == Qt.ItemDataRole.ForegroundRole and it.overdue:
            return QBrush(palette.color("overdue"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "overdue" and it.risk is not None:
                return (
                    self.tr("Certificate at risk: %1 (%2)")
                    .replace("%1", self.texts.proposed_action(it.risk))
                    .replace("%2", self.texts.basis(it.risk_basis))
                )
            return f"{it.requirement}\n\n{it.reason}"
        return None

    def _display(self, it: QueueItem, column: str) -> str:
        t = self.texts
        if column == "number":
            return it.number
        if column == "kind":
            return t.kind(it.kind)
        if column == "grade":
            return t.grade(it.grade.value)
        if column == "client":
            return it.client
        if column == "standard":
            return ", ".join(it.standards)
        if column == "clause":
            return it.clause
        if column == "audit":
            return it.audit_number
        if column == "due":
            return it.due.isoformat() if isinstance(it.due, dt.date) else ""
        if column == "overdue":
            text = ", ".join(t.overdue(f) for f in sorted(it.overdue))
            if it.risk is not None:
                text += " → " + t.proposed_action(it.risk)
            return text
        return ""
