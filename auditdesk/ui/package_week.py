"""One package for an auditor's week (issue 14 point 4): the GUI side of
``auditdesk export package --auditor NAME --from DATE --to DATE``.

The Audits register's "Export an auditor's audits…" button opens :class:`AuditorWeekDialog`:
the auditor is picked from the users linked to an auditor, the window from two date fields
(this week by default), and the dialog lists the open audits that fall in it as it changes.
OK goes on exactly as a one-audit export (``package_actions.export_audit_package``): the file,
the password, the job, the same result dialog.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from auditdesk.exchange.package import audits_of_auditor
from auditdesk.services import users
from auditdesk.services.audits import get_audit
from auditdesk.services.errors import ValidationFailed
from auditdesk.ui import palette


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class AuditorWeekDialog(QDialog):
    """Which auditor and which days; ``audit_ids`` are the audits the package will hold."""

    def __init__(
        self,
        ctx: Any,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditorWeekDialog")
        self.audit_ids: list[uuid.UUID] = []
        form = QFormLayout(self)
        self.auditor = QComboBox()
        self.auditor.setObjectName("weekAuditor")
        with ctx.session() as s:
            for person in users.auditor_accounts(s):
                label = person.display_name
                if person.auditor_name and person.auditor_name != label:
                    label += f" ({person.auditor_name})"
                self.auditor.addItem(label, person.auditor_name)
        monday = today() - dt.timedelta(days=today().weekday())
        self.first, self.last = QDateEdit(_qdate(monday)), QDateEdit(_qdate(monday))
        self.last.setDate(_qdate(monday + dt.timedelta(days=6)))
        self.first.setObjectName("weekFrom")
        self.last.setObjectName("weekTo")
        days = QHBoxLayout()
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.update_audits())
        days.addWidget(self.first)
        days.addWidget(QLabel("–"))
        days.addWidget(self.last)
        self.found = QLabel()
        self.found.setObjectName("weekAudits")
        self.found.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("weekProblem")
        self.problem.setStyleSheet(f"color: {palette.css('error')};")
        self.problem.setWordWrap(True)
        self.auditor_caption, self.days_caption = QLabel(), QLabel()
        form.addRow(self.auditor_caption, self.auditor)
        form.addRow(self.days_caption, days)
        form.addRow(self.found)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.auditor.currentIndexChanged.connect(lambda _i: self.update_audits())
        self.retranslate()

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def days(self) -> tuple[dt.date, dt.date]:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)
        return first, last

    def update_audits(self) -> None:
        """The open audits of the chosen auditor in the window, listed by number."""
        self.audit_ids, numbers = [], []
        self.problem.clear()
        name = self.auditor.currentData()
        if not name:
            self.found.setText(
                self.tr("No user is linked to an auditor: link one on the Auditors register.")
            )
            self.ok_button().setEnabled(False)
            return
        first, last = self.days()
        try:
            with self.ctx.session() as s:
                self.audit_ids = audits_of_auditor(s, str(name), first, last)
                numbers = [get_audit(s, a).number for a in self.audit_ids]
        except ValidationFailed:
            self.problem.setText(self.tr("The last day is before the first day."))
        if self.audit_ids:
            self.found.setText(
                self.tr("%1 open audit(s) in the package: %2")
                .replace("%1", str(len(numbers)))
                .replace("%2", ", ".join(numbers))
            )
        else:
            self.found.setText(self.tr("No open audit of this auditor in these days."))
        self.ok_button().setEnabled(bool(self.audit_ids))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Package of an auditor's audits"))
        self.auditor_caption.setText(self.tr("Auditor"))
        self.days_caption.setText(self.tr("In these days"))
        self.update_audits()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange and hasattr(self, "buttons"):
            self.retranslate()
        super().changeEvent(e)


def export_auditor_week(
    ctx: Any,
    parent: QWidget,
    export_audits: Callable[..., Any],
    ask: Callable[[AuditorWeekDialog], bool] | None = None,
    **export: Any,
) -> Any:
    """Ask whose audits and which days, then export them as one package through
    ``export_audits`` (package_actions.export_audit_package: the same file, password and result
    dialogs as one audit). ``ask``: shows the dialog (tests answer it)."""
    dialog = AuditorWeekDialog(ctx, parent)
    chosen = ask(dialog) if ask is not None else dialog.exec() == QDialog.DialogCode.Accepted
    ids = list(dialog.audit_ids)
    dialog.deleteLater()
    if not chosen or not ids:
        return None
    return export_audits(ctx, parent, ids, **export)
