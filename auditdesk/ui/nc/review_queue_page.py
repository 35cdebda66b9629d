"""The lead's review queue: filter, read the NC, accept / reject / verify / close in place."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditdesk.model import NCGrade
from auditdesk.services import changes
from auditdesk.services import nonconformities as ncs
from auditdesk.services import review_queue as rq
from auditdesk.services.changes import OpChanges
from auditdesk.services.errors import ServiceError
from auditdesk.ui import palette
from auditdesk.ui.context import ChangeHub
from auditdesk.ui.i18n import plural
from auditdesk.ui.jobs import Job
from auditdesk.ui.nc.action_dialogs import ReasonDialog, ask_verification
from auditdesk.ui.nc.detail import NCDetailWidget
from auditdesk.ui.nc.queue_model import ReviewQueueModel
from auditdesk.ui.nc.texts import NCTexts

# Tests set this to a list to collect (title, text) instead of opening message boxes.
shown: list[tuple[str, str]] | None = None


def _database_and_user(database: Any, user: str | None) -> tuple[Any, str | None]:
    """Accept a ``Database`` or the main window's ``AppContext`` (``.db`` and ``.user``)."""
    if hasattr(database, "db") and hasattr(database, "user"):
        return database.db, user or database.user
    return database, user


@dataclass(frozen=True, slots=True)
class _Loaded:
    """One load of the queue: its rows, how many more wait in audits led by others, and (on the
    first load) the filter choices."""

    items: list[rq.QueueItem]
    others: int
    choices: rq.FilterChoices | None


def _load(
    session: Any, filters: rq.QueueFilter, today: dt.date, everyone: bool, with_choices: bool
) -> _Loaded:
    items = rq.review_queue(session, filters, today, everyone=everyone)
    others = 0 if everyone else rq.review_queue_count(session, filters, everyone=True) - len(items)
    return _Loaded(items, others, rq.filter_choices(session) if with_choices else None)


class ReviewQueuePage(QWidget):
    """NCs waiting for the signed-in lead. ``changed`` fires after every recorded action.

    ``deferred=True`` (the main window): nothing is read in the constructor; the queue loads
    through the job runner (off the GUI thread) when the page is first shown, and on every
    refresh after that. Standalone (the default) the page loads at once, in the calling thread.
    """

    changed = Signal()
    loaded = Signal()

    def __init__(
        self,
        database: Any,
        parent: QWidget | None = None,
        user: str | None = None,
        today: dt.date | None = None,
        *,
        deferred: bool = False,
    ) -> None:
        super().__init__(parent)
        self.database, self.user = _database_and_user(database, user)
        self.today = today or dt.date.today()
        self.deferred = deferred
        self.is_loaded = False
        self._choices: rq.FilterChoices | None = None
        self._job: Job | None = None
        self._loading = False
        self.texts = NCTexts(self)
        # Replaceable for tests: return None when the user cancels.
        self.ask_reason: Callable[[str, str], str | None] = self._ask_reason
        self.ask_verification: Callable[[int], ncs.Verification | None] = self._ask_verification

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 15pt;")
        head.addWidget(self.title)
        self.summary = QLabel()
        head.addWidget(self.summary, 1)
        layout.addLayout(head)

        filters = QHBoxLayout()
        self.client_filter = QComboBox()
        self.standard_filter = QComboBox()
        self.grade_filter = QComboBox()
        self.kind_filter = QComboBox()
        self.due_check = QCheckBox()
        self.due_date = QDateEdit(
            QDate(self.today.year, self.today.month, self.today.day).addDays(30)
        )
        self.due_date.setCalendarPopup(True)
        self.due_date.setDisplayFormat("yyyy-MM-dd")
        self.due_date.setEnabled(False)
        self.everyone = QCheckBox()
        self.filter_labels: list[QLabel] = []
        for widget in (
            self.client_filter,
            self.standard_filter,
            self.grade_filter,
            self.kind_filter,
        ):
            label = QLabel()
            self.filter_labels.append(label)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addWidget(self.due_check)
        filters.addWidget(self.due_date)
        filters.addWidget(self.everyone)
        filters.addStretch(1)
        layout.addLayout(filters)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = ReviewQueueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        split.addWidget(self.table)
        self.detail = NCDetailWidget(self.database, self, self.user)
        self.detail.today = self.today
        split.addWidget(self.detail)
        split.setSizes([760, 520])
        layout.addWidget(split, 1)

        buttons = QHBoxLayout()
        self.accept_button = QPushButton()
        self.reject_button = QPushButton()
        self.verify_button = QPushButton()
        self.bulk_button = QPushButton()
        self.close_button = QPushButton()
        self.refresh_button = QPushButton()
        for b in (
            self.accept_button,
            self.reject_button,
            self.verify_button,
            self.bulk_button,
            self.close_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout.addLayout(buttons)

        self.accept_button.clicked.connect(lambda: self.accept_selected())
        self.reject_button.clicked.connect(lambda: self.reject_current())
        self.verify_button.clicked.connect(lambda: self.verify_current())
        self.bulk_button.clicked.connect(lambda: self.bulk_verify_selected())
        self.close_button.clicked.connect(lambda: self.close_selected())
        self.refresh_button.clicked.connect(self.refresh)
        for combo in (
            self.client_filter,
            self.standard_filter,
            self.grade_filter,
            self.kind_filter,
        ):
            combo.currentIndexChanged.connect(self.refresh)
        self.due_check.toggled.connect(self.due_date.setEnabled)
        self.due_check.toggled.connect(self.refresh)
        self.due_date.dateChanged.connect(self.refresh)
        self.everyone.toggled.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda index: self.open_detail(index.row()))

        self.retranslate()
        # Every write (here, in an NC's dialog, in a workspace, a job) comes back as one
        # OpChanges (ui/context.py); standalone, the page keeps its own hub on the database.
        hub = getattr(database, "hub", None)
        self._hub = hub if isinstance(hub, ChangeHub) else ChangeHub(self.database)
        self._hub.changed.connect(self._on_changes)
        if not deferred:
            self.refresh()

    SHOWS = frozenset({changes.NONCONFORMITIES, changes.AUDITS, changes.CLIENTS, changes.USERS})

    def _on_changes(self, op: OpChanges) -> None:
        if op.touches(self.SHOWS) and (self.is_loaded or not self.deferred):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.is_loaded and not self._loading:
            self.refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Review queue"))
        self.due_check.setText(self.tr("Due by"))
        self.everyone.setText(self.tr("All audits"))
        self.everyone.setToolTip(self.tr("Show NCs of audits led by others too"))
        for label, text in zip(
            self.filter_labels,
            (self.tr("Client"), self.tr("Standard"), self.tr("Grade"), self.tr("Waiting for")),
            strict=True,
        ):
            label.setText(text)
        self.accept_button.setText(self.tr("Accept response"))
        self.reject_button.setText(self.tr("Reject response…"))
        self.verify_button.setText(self.tr("Verify…"))
        self.bulk_button.setText(self.tr("Bulk verify (document review)…"))
        self.close_button.setText(self.tr("Close"))
        self.refresh_button.setText(self.tr("Refresh"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "model"):
            self.retranslate()
            self.model.retranslate()
            if not self.is_loaded:  # nothing read yet: the first load fills the filters
                super().changeEvent(event)
                return
            chosen = [
                c.currentData()
                for c in (
                    self.client_filter,
                    self.standard_filter,
                    self.grade_filter,
                    self.kind_filter,
                )
            ]
            self._fill_filters()
            for combo, value in zip(
                (self.client_filter, self.standard_filter, self.grade_filter, self.kind_filter),
                chosen,
                strict=True,
            ):
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                combo.blockSignals(False)
            self.detail.retranslate()
            self.refresh()
        super().changeEvent(event)

    # ------------------------------------------------------------------ data

    def _fill_filters(self, choices: rq.FilterChoices | None = None) -> None:
        if choices is not None:
            self._choices = choices
        choices = self._choices or rq.FilterChoices((), ())
        for combo in (
            self.client_filter,
            self.standard_filter,
            self.grade_filter,
            self.kind_filter,
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), None)
        for oid, name in choices.clients:
            self.client_filter.addItem(name, str(oid))
        for sid, code in choices.standards:
            self.standard_filter.addItem(code, str(sid))
        for grade in NCGrade:
            self.grade_filter.addItem(self.texts.grade(grade.value), grade.value)
        for kind in rq.QueueKind:
            self.kind_filter.addItem(self.texts.kind(kind), kind.value)
        for combo in (
            self.client_filter,
            self.standard_filter,
            self.grade_filter,
            self.kind_filter,
        ):
            combo.blockSignals(False)

    def current_filter(self) -> rq.QueueFilter:
        def uid(combo: QComboBox) -> uuid.UUID | None:
            value = combo.currentData()
            return uuid.UUID(value) if value else None

        due = None
        if self.due_check.isChecked():
            q = self.due_date.date()
            due = dt.date(q.year(), q.month(), q.day())
        grade = self.grade_filter.currentData()
        kind = self.kind_filter.currentData()
        return rq.QueueFilter(
            organisation_id=uid(self.client_filter),
            standard_id=uid(self.standard_filter),
            grade=NCGrade(grade) if grade else None,
            due_before=due,
            kind=rq.QueueKind(kind) if kind else None,
        )

    def refresh(self) -> None:
        """Reload the queue: in the background when deferred (the main window), else at once."""
        filters, everyone, first = (
            self.current_filter(),
            self.everyone.isChecked(),
            not self.is_loaded,
        )
        if not self.deferred:
            try:
                with self.database.session(self.user) as session:
                    result = _load(session, filters, self.today, everyone, first)
            except ServiceError as exc:
                self._load_failed(exc)
                return
            self._apply(result)
            return
        from auditdesk.ui.jobs import run_job

        if self._job is not None:
            self._job.cancel()  # a newer load replaces it; its result is dropped
        self._loading = True
        today, database, user = self.today, self.database, self.user

        def work(job: Job) -> _Loaded:
            with job.session() as session:
                return _load(session, filters, today, everyone, first)

        def done(result: _Loaded) -> None:
            self._loading = False
            self._apply(result)

        def failed(exc: BaseException) -> None:
            self._loading = False
            if isinstance(exc, ServiceError):
                self._load_failed(exc)
                return
            from auditdesk.ui.errors import show_error

            show_error(exc, self)

        self._job = run_job(
            work, done, failed, None, parent=self, session_factory=lambda: database.session(user)
        )

    def _load_failed(self, exc: ServiceError) -> None:
        self.model.set_items([])
        self.summary.setText(self.texts.error(exc))
        self.summary.setStyleSheet("")
        self._update_buttons()

    def _apply(self, result: _Loaded) -> None:
        if result.choices is not None:
            self._fill_filters(result.choices)
        self.is_loaded = True
        items, others = result.items, result.others
        keep = set(self.selected_ids())
        self.model.set_items(items)
        overdue = sum(1 for i in items if i.overdue)
        text = plural(len(items), self.tr("{n} NC waiting"), self.tr("{n} NCs waiting"))
        if overdue:
            text += " · " + self.tr("%n overdue", "", overdue)
        if others:
            text += " · " + self.tr(
                '%n more in audits led by others (tick "All audits")', "", others
            )
        self.summary.setText(text)
        self.summary.setStyleSheet(
            f"color: {palette.css('overdue')}; font-weight: bold;" if overdue else ""
        )
        selection = self.table.selectionModel()
        for row, item in enumerate(items):
            if item.nc_id in keep:
                selection.select(
                    self.model.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
        if not self.selected_ids():
            self.detail.clear()
        self._update_buttons()
        self.loaded.emit()

    def selected_items(self) -> list[rq.QueueItem]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [it for it in (self.model.item(r) for r in rows) if it is not None]

    def selected_ids(self) -> list[uuid.UUID]:
        return [it.nc_id for it in self.selected_items()]

    def select_nc(self, nc_id: uuid.UUID) -> bool:
        row = self.model.row_of(nc_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def _selection_changed(self, *_args: Any) -> None:
        items = self.selected_items()
        if len(items) == 1:
            self.detail.load(items[0].nc_id)
        elif not items:
            self.detail.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        kinds = {it.kind for it in self.selected_items()}
        single = len(self.selected_items()) == 1
        self.accept_button.setEnabled(kinds == {rq.QueueKind.RESPONSE_TO_REVIEW})
        self.reject_button.setEnabled(single and kinds == {rq.QueueKind.RESPONSE_TO_REVIEW})
        self.verify_button.setEnabled(single and kinds == {rq.QueueKind.VERIFICATION_DUE})
        self.bulk_button.setEnabled(kinds == {rq.QueueKind.VERIFICATION_DUE})
        self.close_button.setEnabled(kinds == {rq.QueueKind.READY_TO_CLOSE})

    # ------------------------------------------------------------------ actions

    def _run(self, work: Callable[[Any], object]) -> bool:
        """One user action in one transaction; a refusal is shown with its reason."""
        try:
            with self.database.session(self.user) as session:
                work(session)
        except ServiceError as exc:
            self._show(self.tr("Not possible"), self.texts.error(exc))
            return False
        self.refresh()
        self.changed.emit()
        return True

    def accept_selected(self) -> bool:
        ids = self.selected_ids()
        return bool(ids) and self._run(lambda s: [ncs.accept_response(s, i) for i in ids])

    def reject_current(self, reason: str | None = None) -> bool:
        ids = self.selected_ids()
        if len(ids) != 1:
            return False
        if reason is None:
            reason = self.ask_reason(
                self.tr("Reject response"),
                self.tr("Why is the response not acceptable? The client will be told."),
            )
        if reason is None:
            return False
        return self._run(lambda s: ncs.reject_response(s, ids[0], reason))

    def verify_current(self, verification: ncs.Verification | None = None) -> bool:
        ids = self.selected_ids()
        if len(ids) != 1:
            return False
        verification = verification or self.ask_verification(0)
        if verification is None:
            return False
        return self._run(lambda s: ncs.verify_nc(s, ids[0], verification))

    def bulk_verify_selected(
        self, effectiveness: str | None = None, verified_on: dt.date | None = None
    ) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        if effectiveness is None:
            verification = self.ask_verification(len(ids))
            if verification is None:
                return False
            effectiveness, verified_on = verification.effectiveness, verification.verified_on
        return self._run(lambda s: rq.bulk_verify(s, ids, effectiveness, verified_on))

    def close_selected(self) -> bool:
        ids = self.selected_ids()
        return bool(ids) and self._run(lambda s: [ncs.close_nc(s, i, self.today) for i in ids])

    def open_detail(self, row: int) -> None:
        """The NC with all its actions and history (e.g. to reopen, or read the full response)."""
        from auditdesk.ui.nc.detail_dialog import NCDetailDialog

        item = self.model.item(row)
        if item is None:
            return
        dialog = NCDetailDialog(self.database, item.nc_id, self, self.user, self.today)
        dialog.exec()  # what it records comes back as OpChanges (_on_changes)

    # ------------------------------------------------------------------ dialogs

    def _ask_reason(self, title: str, prompt: str) -> str | None:
        dialog = ReasonDialog(title, prompt, self)
        return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _ask_verification(self, bulk_count: int) -> ncs.Verification | None:
        return ask_verification(self, self.database, self.user, bulk_count, self.today)

    def _show(self, title: str, text: str) -> None:
        if shown is not None:
            shown.append((title, text))
            return
        QMessageBox.warning(self, title, text)
