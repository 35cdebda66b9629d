"""Previous NCs in the next audit's workspace: re-verify each one there (DOMAIN §4; 17021-1 9.6.2.2)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.services import nonconformities as ncs
from auditdesk.services.errors import ServiceError
from auditdesk.ui import palette
from auditdesk.ui.nc.texts import NCTexts

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
shown: list[tuple[str, str]] | None = None


class ReverificationDialog(QDialog):
    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Re-verify %1").replace("%1", number))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("What was checked at this audit, and is the corrective action effective?")
            )
        )
        self.note = QPlainTextEdit()
        layout.addWidget(self.note)
        self.effective = QCheckBox(self.tr("Corrective action effective"))
        self.effective.setChecked(True)
        layout.addWidget(self.effective)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class PreviousNCsWidget(QWidget):
    """Open and recently closed NCs of earlier audits of the same certificate(s)."""

    changed = Signal()

    def __init__(
        self,
        database: Any,
        audit_id: uuid.UUID,
        parent: QWidget | None = None,
        user: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        if hasattr(database, "db") and hasattr(database, "user"):
            database, user = database.db, user or database.user
        self.database, self.user, self.audit_id = database, user, audit_id
        self.today = today or dt.date.today()
        self.texts = NCTexts(self)
        self.ask: Callable[[str], tuple[bool, str] | None] = self._ask
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("Previous nonconformities to re-verify at this audit"))
        self.heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("NC"),
                self.tr("Audit"),
                self.tr("Grade"),
                self.tr("Clause"),
                self.tr("State"),
                self.tr("Corrective action"),
                self.tr("Re-verified here"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.reverify_button = QPushButton(self.tr("Record re-verification…"))
        self.reverify_button.clicked.connect(lambda: self.reverify_selected())
        row.addWidget(self.reverify_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        with self.database.session(self.user) as session:
            rows = []
            for nc in ncs.previous_ncs(session, self.audit_id):
                here = nc.reverified_in_audit_id == self.audit_id
                done = ""
                if here:
                    verdict = (
                        self.tr("effective")
                        if nc.reverification_effective
                        else self.tr("not effective")
                    )
                    done = f"{nc.reverified_on} · {verdict} · {nc.reverification_note}"
                rows.append(
                    (
                        nc.id,
                        nc.number,
                        nc.audit.number,
                        self.texts.grade(nc.grade.value),
                        nc.clause.number if nc.clause else "",
                        self.texts.state(nc.state),
                        nc.corrective_action,
                        done,
                        bool(ncs.overdue_flags(nc, self.today)),
                    )
                )
        self.table.setRowCount(len(rows))
        for r, (nc_id, *cells, overdue) in enumerate(rows):
            for c, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                item.setData(_ID_ROLE, str(nc_id))
                if overdue:
                    item.setBackground(QBrush(palette.color("overdue_bg")))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        missing = sum(1 for row in rows if not row[7])
        self.heading.setText(
            self.tr("Previous nonconformities to re-verify at this audit")
            + (" · " + self.tr("%n not yet re-verified", "", missing) if missing else "")
        )

    def selected_nc(self) -> tuple[uuid.UUID, str] | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return (uuid.UUID(item.data(_ID_ROLE)), item.text()) if item else None

    def reverify_selected(self, effective: bool | None = None, note: str | None = None) -> bool:
        chosen = self.selected_nc()
        if chosen is None:
            return False
        nc_id, number = chosen
        if effective is None or note is None:
            answer = self.ask(number)
            if answer is None:
                return False
            effective, note = answer
        try:
            with self.database.session(self.user) as session:
                ncs.record_reverification(session, nc_id, self.audit_id, effective, note)
        except ServiceError as exc:
            if shown is not None:
                shown.append((self.tr("Not possible"), self.texts.error(exc)))
            else:
                QMessageBox.warning(self, self.tr("Not possible"), self.texts.error(exc))
            return False
        self.refresh()
        self.changed.emit()
        return True

    def _ask(self, number: str) -> tuple[bool, str] | None:
        dialog = ReverificationDialog(number, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.effective.isChecked(), dialog.note.toPlainText()
