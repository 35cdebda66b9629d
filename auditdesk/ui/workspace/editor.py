"""The evidence editor: keyboard-first, autosaving.

Every change is saved by the workspace in its own short transaction: choices (type, site,
remote, time) at once, typed text 400 ms after the last keystroke, and whenever focus leaves
the field or the auditor moves on (Ctrl+Enter, another item, another clause). An auditor who
types without pausing is still saved: the first unsaved keystroke starts a deadline, and the
text is saved at most ``MAX_UNSAVED_MS`` after it however the typing goes on. A crash or a
power cut therefore loses at most the last second of typing in one field.

The save itself runs on the job runner's writer thread (the workspace hands it over and
answers with ``save_finished``): typing never waits for the database. One save per editor is
in flight at a time; what is typed meanwhile stays pending and follows it. Until the answer
comes the changes are kept: a save that fails (the service refused it, the central database
was unreachable) puts them back as pending (newer typing wins over them); they are tried again
with the next keystroke, pause or focus change, and when the auditor moves to another item they
stay parked for that item and are merged back when it is shown again. Nothing typed is dropped
before the workspace confirms the save. There is no save button.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from PySide6.QtCore import QDateTime, QEvent, QObject, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from auditdesk.model import EvidenceType
from auditdesk.services.workspace_data import SNAPSHOT_FIELDS, Changes, EvidenceSnapshot
from auditdesk.ui.workspace.words import word

__all__ = [
    "MAX_UNSAVED_MS",
    "SAVE_DELAY_MS",
    "SNAPSHOT_FIELDS",
    "EvidenceEditor",
    "EvidenceSnapshot",
]

SAVE_DELAY_MS = 400  # a pause in typing this long saves
MAX_UNSAVED_MS = 1000  # typed text is never older than this unsaved, pause or not


def to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.systemTimeZone())


def from_qdatetime(value: QDateTime) -> dt.datetime:
    return dt.datetime.fromtimestamp(value.toSecsSinceEpoch(), dt.UTC)


# The workspace's save: True/False is the answer now; None means the save was handed to the job
# runner and the answer comes through ``EvidenceEditor.save_finished``.
SaveFn = Callable[[uuid.UUID, Changes], bool | None]


class EvidenceEditor(QWidget):
    clausesEdited = Signal(uuid.UUID, list)  # item id, clause numbers typed

    def __init__(self, save: SaveFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.item_id: uuid.UUID | None = None
        self._loading = False
        self._clause_text: str | None = None
        self._pending: Changes = {}
        # The save handed over and not answered yet: (item id, its changes).
        self._in_flight: tuple[uuid.UUID, Changes] | None = None
        self._last_ok = True
        # Changes whose save failed, parked per item until that item is shown again.
        self._unsaved: dict[uuid.UUID, Changes] = {}
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        # Started by the first pending change and not restarted by later ones: continuous
        # typing is saved at least once a second.
        self._deadline = QTimer(self, singleShot=True, interval=MAX_UNSAVED_MS)
        self._deadline.timeout.connect(self.flush)

        self.type_box = QComboBox()
        for t in EvidenceType:
            self.type_box.addItem(word("evidence_type", t.value), t.value)
        self.site_box = QComboBox()
        self.department = QLineEdit()
        self.remote = QCheckBox(self.tr("Remote"))
        self.observed_at = QDateTimeEdit()
        self.observed_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.observed_at.setCalendarPopup(True)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(
            self.tr("What you saw, read or heard: objective, verifiable")
        )
        self.references = QLineEdit()
        self.references.setPlaceholderText(self.tr("Record ids, document numbers"))
        self.clauses = QLineEdit()
        self.clauses.setPlaceholderText(self.tr("Clause numbers, e.g. 9.2, 10.2"))
        self.clauses.setToolTip(self.tr("The clauses this evidence supports; separate with commas"))
        self.interviewee = QLineEdit()
        self.interviewee.setPlaceholderText(self.tr("Role of the person interviewed"))
        self.change = QCheckBox(self.tr("Significant change since the last audit"))
        self.change.setToolTip(
            self.tr("The report lists this evidence under the changes since the last audit")
        )

        row = QHBoxLayout()
        row.addWidget(self.type_box, 2)
        row.addWidget(self.site_box, 2)
        row.addWidget(self.department, 2)
        row.addWidget(self.remote)
        row.addWidget(self.observed_at, 1)
        self.department.setPlaceholderText(self.tr("Department"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Evidence"), row)
        # The row's widgets share one form label: each says what it is.
        self.type_box.setAccessibleName(self.tr("Evidence type"))
        self.site_box.setAccessibleName(self.tr("Site"))
        self.observed_at.setAccessibleName(self.tr("Observed at"))
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("References"), self.references)
        form.addRow(self.tr("Interviewee"), self.interviewee)
        form.addRow(self.tr("Clauses"), self.clauses)
        form.addRow("", self.change)
        # Tab goes where the eye goes: description first, then the details.
        QWidget.setTabOrder(self.description, self.references)
        QWidget.setTabOrder(self.references, self.interviewee)
        QWidget.setTabOrder(self.interviewee, self.clauses)
        QWidget.setTabOrder(self.clauses, self.type_box)
        QWidget.setTabOrder(self.type_box, self.site_box)
        QWidget.setTabOrder(self.site_box, self.department)
        QWidget.setTabOrder(self.department, self.remote)
        QWidget.setTabOrder(self.remote, self.observed_at)
        QWidget.setTabOrder(self.observed_at, self.change)

        self.type_box.currentIndexChanged.connect(
            lambda _i: self._now("evidence_type", self.type_box.currentData())
        )
        # Combo data are strings: QComboBox.findData cannot match a Python UUID object.
        self.site_box.currentIndexChanged.connect(
            lambda _i: self._now("site_id", self.selected_site())
        )
        self.remote.toggled.connect(lambda on: self._now("remote", on))
        self.change.toggled.connect(lambda on: self._now("significant_change", on))
        self.observed_at.dateTimeChanged.connect(
            lambda v: self._later("observed_at", from_qdatetime(v))
        )
        self.description.textChanged.connect(
            lambda: self._later("description", self.description.toPlainText())
        )
        self.references.textEdited.connect(lambda v: self._later("references", v))
        self.interviewee.textEdited.connect(lambda v: self._later("interviewee_role", v))
        self.department.textEdited.connect(lambda v: self._later("department", v))
        self.clauses.editingFinished.connect(self._clauses_done)
        for w in (
            self.description,
            self.references,
            self.interviewee,
            self.department,
            self.observed_at,
        ):
            w.installEventFilter(self)
        self.setEnabled(False)

    def set_sites(self, sites: list[tuple[uuid.UUID, str]]) -> None:
        self._loading = True
        self.site_box.clear()
        self.site_box.addItem(self.tr("(no site)"), None)
        for sid, name in sites:
            self.site_box.addItem(name, str(sid))
        self._loading = False

    def selected_site(self) -> uuid.UUID | None:
        data = self.site_box.currentData()
        return uuid.UUID(data) if data else None

    def load(self, snap: EvidenceSnapshot | None) -> None:
        self.flush()
        if self._pending and self.item_id is not None:
            self._unsaved.setdefault(self.item_id, {}).update(self._pending)
        self._pending = {}
        self._loading = True
        try:
            self.item_id = snap.id if snap else None
            self.setEnabled(snap is not None)
            if snap is None:
                self.description.setPlainText("")
                self.references.clear()
                self.interviewee.clear()
                self.department.clear()
                self.clauses.clear()
                return
            self.type_box.setCurrentIndex(max(0, self.type_box.findData(snap.evidence_type)))
            self.site_box.setCurrentIndex(
                max(0, self.site_box.findData(str(snap.site_id)) if snap.site_id else 0)
            )
            self.department.setText(snap.department)
            self.remote.setChecked(snap.remote)
            self.change.setChecked(snap.significant_change)
            self.observed_at.setDateTime(to_qdatetime(snap.observed_at))
            self.description.setPlainText(snap.description)
            self.references.setText(snap.references)
            self.interviewee.setText(snap.interviewee_role)
            self.clauses.setText(
                ", ".join(dict.fromkeys(snap.clause_numbers))
            )  # shared clauses once
            self._clause_text = self.clauses.text()
            if self._in_flight is not None and self._in_flight[0] == snap.id:
                self._show_values(self._in_flight[1])  # read before its save landed
        finally:
            self._loading = False
        parked = self._unsaved.pop(snap.id, None) if snap else None
        if parked:
            self._restore_parked(parked)

    def _clauses_done(self) -> None:
        text = self.clauses.text()
        if self._loading or self.item_id is None or text == self._clause_text:
            return
        self._clause_text = text
        numbers = [
            n.strip() for n in text.replace("，", ",").replace(";", ",").split(",") if n.strip()
        ]
        self.clausesEdited.emit(self.item_id, numbers)

    def _now(self, name: str, value: object) -> None:
        if self._loading or self.item_id is None:
            return
        self._pending[name] = value
        self.flush()

    def _later(self, name: str, value: object) -> None:
        if self._loading or self.item_id is None:
            return
        self._pending[name] = value
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def _restore_parked(self, parked: Changes) -> None:
        """Show an item's unsaved text again (its earlier save failed) and try once more."""
        self._loading = True
        try:
            self._show_values(parked)
        finally:
            self._loading = False
        self._pending.update(parked)
        self.flush()

    def _show_values(self, values: Changes) -> None:
        for name, value in values.items():
            widget = {
                "description": self.description,
                "references": self.references,
                "interviewee_role": self.interviewee,
                "department": self.department,
            }.get(name)
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))

    def flush(self) -> bool:
        """Save what is pending now (the workspace calls this before moving on).

        Returns whether nothing is left unsaved: no change pending and no save waiting for its
        answer. While a save is in flight nothing more is handed over; what is typed meanwhile
        follows when its answer comes. On a failed save the changes stay pending (newer typing
        wins over them) and are tried again at the next trigger.
        """
        self._timer.stop()
        self._deadline.stop()
        if self.item_id is None:
            self._pending.clear()
            return self._in_flight is None
        if self._in_flight is not None:
            return False
        if not self._pending:
            return True
        item_id = self.item_id
        changes, self._pending = self._pending, {}
        flight = self._in_flight = (item_id, changes)
        answer: bool | None = False
        try:
            answer = self._save(item_id, changes)
        finally:  # refused, or an error nobody expected: the typed text stays pending
            if answer is not None and self._in_flight is flight:
                self.save_finished(bool(answer))
        return self._in_flight is None and not self._pending and self._last_ok

    def save_finished(self, ok: bool) -> None:
        """The answer to the save in flight: confirmed (its changes are stored), or not (they
        are pending again, or parked for their item when the editor shows another one now)."""
        if self._in_flight is None:
            return
        item_id, changes = self._in_flight
        self._in_flight = None
        self._last_ok = ok
        if not ok:
            if item_id == self.item_id:
                self._pending = {**changes, **self._pending}
            else:
                self._unsaved[item_id] = {**changes, **self._unsaved.get(item_id, {})}
        elif self._pending and not self._timer.isActive():
            self._timer.start()  # typed while it was saving: saved after the usual pause

    @property
    def last_save_ok(self) -> bool:
        return self._last_ok

    @property
    def saving(self) -> bool:
        """Whether a save was handed over and its answer has not come yet."""
        return self._in_flight is not None

    @property
    def unsaved_items(self) -> list[uuid.UUID]:
        """Items whose typed changes could not be saved yet (shown, or parked)."""
        ids = list(self._unsaved)
        if self._pending and self.item_id is not None and self.item_id not in ids:
            ids.append(self.item_id)
        if self._in_flight is not None and self._in_flight[0] not in ids:
            ids.append(self._in_flight[0])
        return ids

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def take_unsaved(self) -> dict[uuid.UUID, Changes]:
        """Every change not saved yet, per item (a rebuilt workspace parks them again)."""
        unsaved = {k: dict(v) for k, v in self._unsaved.items()}
        if self._pending and self.item_id is not None:
            unsaved.setdefault(self.item_id, {}).update(self._pending)
        return unsaved

    def park(self, unsaved: dict[uuid.UUID, Changes]) -> None:
        self._unsaved = unsaved

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False
