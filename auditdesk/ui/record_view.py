"""A read-only detail pane for registers without an inline editor (audits, NCs, standards):
the record's register row as a form, plus the actions that open it elsewhere."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from auditdesk.services import registers
from auditdesk.ui import labels
from auditdesk.ui.context import AppContext


class RecordView(QWidget):
    def __init__(self, ctx: AppContext, register: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.register = ctx, register
        self.record_id: uuid.UUID | None = None
        self.values: tuple[Any, ...] = ()
        outer = QVBoxLayout(self)
        self.heading = QLabel()
        outer.addWidget(self.heading)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        self.value_labels: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for key in registers.spec(register).keys:
            cap, val = QLabel(), QLabel()
            val.setWordWrap(True)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            val.setObjectName(f"value_{key}")
            self.form.addRow(cap, val)
            self.captions[key], self.value_labels[key] = cap, val
        buttons = QHBoxLayout()
        self.open_button = QPushButton()
        self.open_button.setObjectName("openButton")
        self.open_button.clicked.connect(self.open_record)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        outer.addStretch(1)
        self.open_button.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        for key, cap in self.captions.items():
            cap.setText(labels.column(key))
        self.heading.setText("<b>" + self.tr("Details") + "</b>")
        self.open_button.setText(
            self.tr("Open audit workspace")
            if self.register == "audits"
            else self.tr("Open in NC review")
        )
        self._show()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def load(self, record_id: uuid.UUID) -> None:
        with self.ctx.session() as s:
            rows = registers.fetch_rows(
                s, self.register, filters={"ids": [record_id]}, include_archived=True
            )
        self.record_id = record_id
        self.values = rows[0][1] if rows else ()
        self._show()
        target = "audit" if self.register == "audits" else "nc" if self.register == "ncs" else None
        self.open_button.setVisible(target is not None and self.ctx.navigate is not None)

    def unload(self) -> None:
        """Show no record (the register's current row went away)."""
        self.record_id = None
        self.values = ()
        self._show()
        self.open_button.setVisible(False)

    def _show(self) -> None:
        keys = registers.spec(self.register).keys
        for i, key in enumerate(keys):
            value = self.values[i] if i < len(self.values) else None
            group = labels.ENUM_GROUPS.get((self.register, key))
            text = (
                labels.label(group, value)
                if group and value is not None
                else (
                    value.isoformat()
                    if hasattr(value, "isoformat")
                    else ""
                    if value is None
                    else str(value)
                )
            )
            self.value_labels[key].setText(text)

    def open_record(self) -> None:
        if self.record_id is None or self.ctx.navigate is None:
            return
        self.ctx.navigate(
            "open_audit" if self.register == "audits" else "open_nc", {"id": self.record_id}
        )
