"""Small dialogs for the lead's and auditor's NC actions: verify, reason, client response."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditdesk.model import VerificationMethod
from auditdesk.services.nonconformities import NCResponse, Verification
from auditdesk.ui.nc.texts import NCTexts


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class VerifyDialog(QDialog):
    """Method (document review or follow-up visit; the next audit for a minor), who, when, effectiveness."""

    def __init__(
        self,
        parent: QWidget | None = None,
        verified_by: str = "",
        bulk_count: int = 0,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.texts = NCTexts(self)
        self.setWindowTitle(
            self.tr("Verify nonconformities") if bulk_count else self.tr("Verify nonconformity")
        )
        form = QFormLayout(self)
        if bulk_count:
            form.addRow(
                QLabel(
                    self.tr(
                        "%n selected NC(s) will be verified by document review.", "", bulk_count
                    )
                )
            )
        self.method = QComboBox()
        methods = [VerificationMethod.DOCUMENT_REVIEW] if bulk_count else list(VerificationMethod)
        for m in methods:
            self.method.addItem(self.texts.method(m), m.value)
        form.addRow(self.tr("Method"), self.method)
        self.verified_by = QLineEdit(verified_by)
        form.addRow(self.tr("Verified by"), self.verified_by)
        self.verified_on = _date_edit(today or dt.date.today())
        form.addRow(self.tr("Verified on"), self.verified_on)
        self.effectiveness = QPlainTextEdit()
        self.effectiveness.setPlaceholderText(
            self.tr("What was checked and whether the corrective action is effective")
        )
        form.addRow(self.tr("Effectiveness"), self.effectiveness)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def verification(self) -> Verification:
        return Verification(
            VerificationMethod(self.method.currentData()),
            self.effectiveness.toPlainText(),
            _pydate(self.verified_on.date()),
            self.verified_by.text(),
        )


class ReasonDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        self.text = QPlainTextEdit()
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reason(self) -> str:
        return self.text.toPlainText()


class ResponseDialog(QDialog):
    """The auditor enters the client's reply (the client has no login)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        current: NCResponse | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        today = today or dt.date.today()
        self.setWindowTitle(self.tr("Client response"))
        form = QFormLayout(self)
        self.correction = QPlainTextEdit(current.correction if current else "")
        self.root_cause = QPlainTextEdit(current.root_cause if current else "")
        self.corrective_action = QPlainTextEdit(current.corrective_action if current else "")
        self.owners = QLineEdit(current.owners if current else "")
        self.planned = _date_edit(
            current.planned_date if current and current.planned_date else today
        )
        self.done_date = _date_edit(current.done_date if current and current.done_date else today)
        self.done_date.setSpecialValueText(self.tr("not yet"))
        self.done_date.setMinimumDate(QDate(2000, 1, 1))
        if not (current and current.done_date):
            self.done_date.setDate(self.done_date.minimumDate())
        self.received = _date_edit(
            current.received_on if current and current.received_on else today
        )
        form.addRow(self.tr("Correction"), self.correction)
        form.addRow(self.tr("Root cause"), self.root_cause)
        form.addRow(self.tr("Corrective action"), self.corrective_action)
        form.addRow(self.tr("Owners"), self.owners)
        form.addRow(self.tr("Planned date"), self.planned)
        form.addRow(self.tr("Done date"), self.done_date)
        form.addRow(self.tr("Received on"), self.received)
        self.files = QListWidget()
        add = QPushButton(self.tr("Add attachment…"))
        add.clicked.connect(self._add_file)
        form.addRow(self.tr("Attachments"), self.files)
        form.addRow("", add)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _add_file(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach files of the client's response")
        )
        for name in names:
            self.files.addItem(name)

    def attachments(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def response(self) -> NCResponse:
        done = (
            None
            if self.done_date.date() == self.done_date.minimumDate()
            else _pydate(self.done_date.date())
        )
        return NCResponse(
            self.correction.toPlainText(),
            self.root_cause.toPlainText(),
            self.corrective_action.toPlainText(),
            self.owners.text(),
            _pydate(self.planned.date()),
            _pydate(self.received.date()),
            done,
        )


def ask_verification(parent: Any, database: Any, user: str, bulk_count: int, today: Any) -> Any:
    """Ask the signed-in lead how an NC (or ``bulk_count`` NCs) was verified; None = cancelled.

    The verifier defaults to the signed-in user's display name.
    """
    from auditdesk.services.users import current_user

    with database.session(user) as session:
        signed_in = current_user(session)
        name = signed_in.display_name or signed_in.username
    dialog = VerifyDialog(parent, name, bulk_count, today)
    return dialog.verification() if dialog.exec() == QDialog.DialogCode.Accepted else None
