"""Certificates at risk because of overdue NCs, with the proposed action and its rule — for the
dashboard, and (``certificate_id`` given) for one certificate's view."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.services import clients
from auditdesk.services import nonconformities as ncs
from auditdesk.ui import palette
from auditdesk.ui.nc.texts import NCTexts

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CertificatesAtRiskWidget(QWidget):
    """``open_certificate(certificate_id)`` fires on double-click."""

    open_certificate = Signal(object)

    def __init__(
        self,
        database: Any,
        parent: QWidget | None = None,
        user: str | None = None,
        certificate_id: uuid.UUID | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        if hasattr(database, "db") and hasattr(database, "user"):
            database, user = database.db, user or database.user
        self.database, self.user, self.certificate_id = database, user, certificate_id
        self.today = today or dt.date.today()
        self.texts = NCTexts(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Certificate"),
                self.tr("Client"),
                self.tr("Overdue NCs"),
                self.tr("Proposed action"),
                self.tr("Rule"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        with self.database.session(self.user) as session:
            ids = [self.certificate_id] if self.certificate_id else None
            risks = ncs.certificates_at_risk(session, self.today, ids)
            names = clients.names_zh(session, {r.organisation_id for r in risks})
        self.risks = risks
        self.table.setRowCount(len(risks))
        for row, risk in enumerate(risks):
            ncs_text = "; ".join(
                f"{n.number} ({self.texts.grade(n.grade.value)}, "
                f"{', '.join(self.texts.overdue(f) for f in sorted(n.flags))} {n.due or ''})"
                for n in risk.ncs
            )
            action = self.texts.proposed_action(risk.action)
            if risk.suspension_ends is not None:
                action += " · " + self.tr("withdrawal after %1").replace(
                    "%1", risk.suspension_ends.date.isoformat()
                )
            cells = (
                risk.certificate_number,
                names.get(risk.organisation_id, ""),
                ncs_text,
                action,
                self.texts.basis(risk.basis),
            )
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(_ID_ROLE, str(risk.certificate_id))
                item.setBackground(QBrush(palette.color("overdue_bg")))
                if col == 3:
                    item.setForeground(QBrush(palette.color("overdue")))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.heading.setText(
            self.tr("Certificates at risk: %n", "", len(risks))
            if risks
            else self.tr("No certificate at risk from overdue nonconformities")
        )

    def _open(self, index: Any) -> None:
        item = self.table.item(index.row(), 0)
        if item is not None:
            self.open_certificate.emit(uuid.UUID(item.data(_ID_ROLE)))
