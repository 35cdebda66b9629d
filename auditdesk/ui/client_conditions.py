"""A client's CNCA-QMS-01:2025 §5.1.2 application conditions in its detail editor (issue 16
point 8): the dated conditions recorded (serious-dishonesty list, ordered production stop,
failed national sampling), whether they bar the client today, and "Add condition…" for admins.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk import catalogue
from auditdesk.services.errors import ValidationFailed
from auditdesk.ui import palette
from auditdesk.ui.context import AppContext
from auditdesk.ui.i18n import current_language


class ConditionDialog(QDialog):
    """Kind, since, until (optional, YYYY-MM-DD) and the regulator's reference."""

    def __init__(self, ctx: AppContext, org_id: uuid.UUID, parent: QWidget | None = None):
        from auditdesk.services.rules_checks import CONDITION_KINDS

        super().__init__(parent)
        self.ctx, self.org_id = ctx, org_id
        self.setObjectName("clientConditionDialog")
        self.setWindowTitle(self.tr("Application condition (CNCA §5.1.2)"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.setObjectName("conditionKind")
        for k in CONDITION_KINDS:
            self.kind.addItem(catalogue.word("client_condition", k, current_language()), k)
        today = dt.date.today()
        self.since = QDateEdit(QDate(today.year, today.month, today.day))
        self.since.setObjectName("conditionSince")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.until = QLineEdit()
        self.until.setObjectName("conditionUntil")
        self.until.setPlaceholderText("YYYY-MM-DD")
        self.reference = QLineEdit()
        self.reference.setObjectName("conditionReference")
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {palette.css('error')};")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.tr("Condition"), self.kind)
        form.addRow(self.tr("Since"), self.since)
        form.addRow(self.tr("Until (if ended)"), self.until)
        form.addRow(self.tr("Reference") + " *", self.reference)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _message(self, field: str, code: str) -> str:
        return {
            ("reference", "required"): self.tr("The reference is required."),
            ("until", "before_since"): self.tr("Until is before since."),
            ("until", "not_a_date"): self.tr("Until: a date YYYY-MM-DD."),
        }.get((field, code), f"{field}: {code}")

    def record(self) -> bool:
        from auditdesk.services.rules_checks import record_client_condition

        since = self.since.date().toPython()
        assert isinstance(since, dt.date)
        until = None
        text = self.until.text().strip()
        if text:
            try:
                until = dt.date.fromisoformat(text)
            except ValueError:
                self.error.setText(self._message("until", "not_a_date"))
                self.error.show()
                return False
        try:
            with self.ctx.session() as s:
                record_client_condition(
                    s,
                    self.org_id,
                    str(self.kind.currentData()),
                    since,
                    until,
                    self.reference.text(),
                )
        except ValidationFailed as exc:
            self.error.setText(" ".join(self._message(f, c) for f, c in exc.errors.items()))
            self.error.show()
            return False
        self.accept()
        return True


class ClientConditionsPanel(QGroupBox):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.setObjectName("clientConditions")
        self.org_id: uuid.UUID | None = None
        lay = QVBoxLayout(self)
        self.findings = QLabel()
        self.findings.setObjectName("conditionFindings")
        self.findings.setWordWrap(True)
        lay.addWidget(self.findings)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("conditionsTable")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(120)
        lay.addWidget(self.table)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addConditionButton")
        self.add_button.clicked.connect(self.open_dialog)
        lay.addWidget(self.add_button)
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Application conditions (CNCA-QMS-01:2025 §5.1.2)"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Condition"), self.tr("Since"), self.tr("Until"), self.tr("Reference")]
        )
        self.add_button.setText(self.tr("Add condition…"))
        if self.org_id is not None:
            self.load(self.org_id)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def clear(self) -> None:
        self.org_id = None
        self.table.setRowCount(0)
        self.findings.clear()
        self.setVisible(False)

    def load(self, org_id: uuid.UUID) -> None:
        from auditdesk.services.basis_words import basis_words
        from auditdesk.services.rules_checks import application_findings, client_conditions

        self.org_id = org_id
        lang = current_language()
        with self.ctx.session() as s:
            rows = [(r.kind, r.since, r.until, r.reference) for r in client_conditions(s, org_id)]
            found = application_findings(s, org_id, self.today())
        self.table.setRowCount(len(rows))
        for i, (kind, since, until, ref) in enumerate(rows):
            cells = [
                catalogue.word("client_condition", kind, lang),
                since.isoformat(),
                until.isoformat() if until else "",
                ref,
            ]
            for col, text in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(text))
        if found:
            self.findings.setText(
                "; ".join(
                    catalogue.word("finding", f.code, lang)
                    + (f" ({f.date.isoformat()})" if f.date else "")
                    for f in found
                )
                + " — "
                + basis_words(found[0].basis, lang)
            )
            self.findings.setStyleSheet(f"color: {palette.css('error')}; font-weight: bold;")
        else:
            self.findings.setText(self.tr("No condition bars the client today."))
            self.findings.setStyleSheet("")
        self.add_button.setEnabled(self.ctx.can("edit_registers"))
        self.setVisible(True)

    def dialog(self) -> ConditionDialog | None:
        return ConditionDialog(self.ctx, self.org_id, self) if self.org_id else None

    def open_dialog(self) -> bool:
        d = self.dialog()
        if d is not None and d.exec() == QDialog.DialogCode.Accepted and self.org_id:
            self.load(self.org_id)
            return True
        return False
