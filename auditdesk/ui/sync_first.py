"""A new laptop's first "Sync now": which audits to bring from the office.

A laptop that holds no audit has nothing to sync, so ``exchange.online.sync`` refuses it
(``no_audits``) before writing anything. The sync job then lists the office's open audits
(``services.planning.open_audits``) while it is still signed in there, and this dialog lets the
user tick the audits to bring — or their own audits in a date window (this week by default),
as ``auditdesk sync --audit … / --auditor NAME --from --to`` does — and the sync runs again
with them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass
class NeedsAudits:
    """What a first sync found at the office instead of syncing: the open audits, and the
    signed-in person's auditor name there ("" when their account is not linked to one)."""

    audits: Sequence[Any]  # services.planning.OpenAudit
    auditor_name: str


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _in_window(audit: Any, first: dt.date, last: dt.date) -> bool:
    """As exchange.package.audits_of_auditor: an audit without dates is in every window."""
    if audit.start is None:
        return True
    return audit.start <= last and (audit.end or audit.start) >= first


class FirstSyncDialog(QDialog):
    def __init__(
        self,
        found: NeedsAudits,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.found = found
        self.setObjectName("firstSyncDialog")
        self.setWindowTitle(self.tr("First sync: choose the audits"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This laptop holds no audit yet. Tick the audits to bring from the office, "
                "or choose your own audits in a date window."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.audits = QListWidget()
        self.audits.setObjectName("firstSyncAudits")
        for audit in found.audits:
            days = (
                f"{audit.start.isoformat()}–{(audit.end or audit.start).isoformat()}"
                if audit.start
                else self.tr("no dates yet")
            )
            item = QListWidgetItem(
                " · ".join(
                    p for p in (audit.number, audit.client, days, ", ".join(audit.team)) if p
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, str(audit.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.audits.addItem(item)
        self.audits.itemChanged.connect(lambda _i: self._update())
        layout.addWidget(self.audits)
        row = QHBoxLayout()
        monday = today() - dt.timedelta(days=today().weekday())
        self.first = QDateEdit(_qdate(monday))
        self.last = QDateEdit(_qdate(monday + dt.timedelta(days=6)))
        for edit, name in ((self.first, "firstSyncFrom"), (self.last, "firstSyncTo")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.mine_button = QPushButton(self.tr("Tick my audits in these days"))
        self.mine_button.setObjectName("firstSyncMine")
        self.mine_button.clicked.connect(self.choose_mine)
        self.mine_button.setEnabled(bool(found.auditor_name))
        if not found.auditor_name:
            self.mine_button.setToolTip(self.tr("Your office account is not linked to an auditor."))
        row.addWidget(self.first)
        row.addWidget(QLabel("–"))
        row.addWidget(self.last)
        row.addWidget(self.mine_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.note = QLabel()
        self.note.setObjectName("firstSyncNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if not found.audits:
            self.note.setText(self.tr("The office has no open audit to bring."))
        self._update()

    def chosen(self) -> list[uuid.UUID]:
        return [
            uuid.UUID(self.audits.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.audits.count())
            if self.audits.item(i).checkState() == Qt.CheckState.Checked
        ]

    def choose_mine(self) -> list[uuid.UUID]:
        """Tick exactly the audits with me in the team that meet the date window."""
        first, last = self.first.date().toPython(), self.last.date().toPython()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)
        me = self.found.auditor_name
        for i, audit in enumerate(self.found.audits):
            mine = bool(me) and me in audit.team and _in_window(audit, first, last)
            self.audits.item(i).setCheckState(
                Qt.CheckState.Checked if mine else Qt.CheckState.Unchecked
            )
        if not self.chosen():
            self.note.setText(self.tr("None of the open audits is yours in these days."))
        return self.chosen()

    def _update(self) -> None:
        chosen = self.chosen()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(chosen))
        if chosen:
            self.note.setText(
                self.tr("%1 audit(s) will be brought to this laptop.").replace(
                    "%1", str(len(chosen))
                )
            )
