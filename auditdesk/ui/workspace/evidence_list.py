"""The clause's evidence items: one line each (number, type, first words, files)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from auditdesk.services.workspace_data import EvidenceSnapshot
from auditdesk.ui.workspace.words import word


class EvidenceList(QListWidget):
    itemChosen = Signal(object)  # item id, None: no item

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snaps: dict[uuid.UUID, EvidenceSnapshot] = {}
        self.setAccessibleName(self.tr("Evidence items"))
        self.setMaximumHeight(150)
        self.currentItemChanged.connect(self._moved)

    def show_items(self, snaps: list[EvidenceSnapshot]) -> None:
        """Fill the list without choosing an item (the caller selects one)."""
        self.blockSignals(True)
        self.clear()
        self.snaps = {sn.id: sn for sn in snaps}
        for sn in snaps:
            li = QListWidgetItem(self.item_text(sn))
            li.setData(Qt.ItemDataRole.UserRole, sn.id)
            self.addItem(li)
        self.blockSignals(False)

    def item_text(self, sn: EvidenceSnapshot) -> str:
        first = (sn.description.strip().splitlines() or [self.tr("(empty)")])[0]
        clip = (
            "  " + self.tr("(%1 files)").replace("%1", str(sn.attachments))
            if sn.attachments
            else ""
        )
        return f"{sn.seq}. [{word('evidence_type', sn.evidence_type)}] {first[:90]}{clip}"

    def update_item(self, sn: EvidenceSnapshot) -> None:
        """An item saved (or reloaded): keep its snapshot and its line."""
        self.snaps[sn.id] = sn
        for i in range(self.count()):
            li = self.item(i)
            if li.data(Qt.ItemDataRole.UserRole) == sn.id:
                li.setText(self.item_text(sn))

    def select(self, item_id: uuid.UUID) -> bool:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == item_id:
                self.setCurrentRow(i)
                return True
        return False

    def step(self, delta: int) -> bool:
        i = self.currentRow() + delta
        if 0 <= i < self.count():
            self.setCurrentRow(i)
            return True
        return False

    def _moved(self, li: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.itemChosen.emit(li.data(Qt.ItemDataRole.UserRole) if li is not None else None)
