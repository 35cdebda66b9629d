"""Merge conflicts for leads: a field changed here and on laptops, with every concurrent value
(who wrote it, when, on which replica) — two or ten; keep the value here, keep any one of the
others, or write a combined text. Nothing is resolved silently.

``show_conflicts(database, user, parent=None) -> int`` opens the dialog and returns how many
conflicts were resolved; ``unresolved_count(database)`` is for a badge in the main window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditdesk.exchange import conflicts as service
from auditdesk.ui.conflict_values import load_refused, load_rows
from auditdesk.ui.errors import show_error
from auditdesk.ui.qt_none import returns_to_qt

_Index = QModelIndex | QPersistentModelIndex


class ConflictModel(QAbstractTableModel):
    """Rows of plain dicts (what the service returned), never ORM objects."""

    COLUMNS = ("entity", "field", "local", "values", "writers", "at")

    def __init__(self, rows: list[dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.rows = rows or []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    @returns_to_qt
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (
            self.tr("Record"),
            self.tr("Field"),
            self.tr("Here"),
            self.tr("Concurrent values"),
            self.tr("Written by"),
            self.tr("Merged at"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    @returns_to_qt
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()]
        if key == "values":
            key = "values_text"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row.get(key, "")
            text = "" if value is None else str(value)
            return (
                text if role == Qt.ItemDataRole.ToolTipRole or len(text) <= 80 else text[:79] + "…"
            )
        return None


class RefusedModel(ConflictModel):
    """Changes a merge refused (role, issued report, NC lifecycle), held for a lead/admin."""

    COLUMNS = ("entity", "field", "value", "by", "at")

    @returns_to_qt
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (
            self.tr("Record"),
            self.tr("Field"),
            self.tr("Refused value"),
            self.tr("Written by"),
            self.tr("Written at"),
        )
        return titles[section] if 0 <= section < len(titles) else None


def unresolved_count(database: Any) -> int:
    with database.session() as s:
        return service.count_unresolved(s)


class ConflictsDialog(QDialog):
    def __init__(self, database: Any, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.user = database, user
        self.resolved = 0
        self.setWindowTitle(self.tr("Merge conflicts"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "These fields were changed here and on laptops at the same time. The value "
                "here is kept until you decide; every other value is kept beside it, with who "
                "wrote it, when and where."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = ConflictModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        panes = QWidget()
        side = QHBoxLayout(panes)
        self.local_text, self.incoming_text = QPlainTextEdit(), QPlainTextEdit()
        self.local_text.setObjectName("conflictHere")
        self.incoming_text.setObjectName("conflictChosen")
        self.values_list = QListWidget()
        self.values_list.setObjectName("conflictValues")
        self.values_list.setWordWrap(True)
        self.values_list.setAlternatingRowColors(True)
        self.values_list.setSpacing(2)
        self.values_list.currentRowChanged.connect(self._show_value)
        for title, edit in (
            (self.tr("Here"), self.local_text),
            (self.tr("Every concurrent value"), self.values_list),
            (self.tr("The chosen value"), self.incoming_text),
        ):
            if isinstance(edit, QPlainTextEdit):
                edit.setReadOnly(True)
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(edit)
            side.addLayout(box, 2 if edit is self.values_list else 1)
        splitter.addWidget(panes)
        layout.addWidget(splitter)
        row = QHBoxLayout()
        self.keep_button = QPushButton(self.tr("Keep the value here"))
        self.take_button = QPushButton(self.tr("Keep the chosen value"))
        self.edit_button = QPushButton(self.tr("Write a combined value…"))
        for b in (self.keep_button, self.take_button, self.edit_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.keep_button.clicked.connect(lambda: self.resolve("local"))
        self.take_button.clicked.connect(self.keep_chosen)
        self.edit_button.clicked.connect(self.resolve_edited)
        refused_intro = QLabel(
            self.tr(
                "Refused changes: a package brought them, but their author's role, an issued "
                "report or the NC lifecycle does not allow them. They are not applied and not "
                "lost: accept or drop each one."
            )
        )
        refused_intro.setWordWrap(True)
        layout.addWidget(refused_intro)
        self.refused_model = RefusedModel()
        self.refused_table = QTableView()
        self.refused_table.setModel(self.refused_model)
        self.refused_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.refused_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.refused_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.refused_table)
        held_row = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("Accept the change"))
        self.drop_button = QPushButton(self.tr("Drop the change"))
        for b in (self.accept_button, self.drop_button):
            held_row.addWidget(b)
        layout.addLayout(held_row)
        self.accept_button.clicked.connect(lambda: self.decide_refused(True))
        self.drop_button.clicked.connect(lambda: self.decide_refused(False))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.resize(900, 560)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(load_rows(self.database))
        if self.model.rows:
            self.table.selectRow(0)
        self._show_selected()
        self.refused_model.set_rows(load_refused(self.database))
        if self.refused_model.rows:
            self.refused_table.selectRow(0)
        for b in (self.accept_button, self.drop_button):
            b.setEnabled(bool(self.refused_model.rows))

    def decide_refused(self, accept: bool) -> bool:
        """Accept (apply as it came) or drop the selected refused change."""
        from auditdesk.exchange.sync_db import decide_refused

        rows = self.refused_table.selectionModel().selectedRows()
        if not rows:
            return False
        ref = self.refused_model.rows[rows[0].row()]["ref"]
        try:
            with self.database.session(self.user) as s:
                decide_refused(s, ref, accept)
        except Exception as exc:  # noqa: BLE001 — permission, conflict: shown to the user, the row stays unresolved
            show_error(exc, self)
            return False
        self.resolved += 1
        self.refresh()
        return True

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _show_selected(self, *_: Any) -> None:
        row = self.selected()
        self.local_text.setPlainText(row["local"] if row else "")
        self.values_list.clear()
        first_other = 0
        for i, v in enumerate(row["values"] if row else []):
            head = " · ".join(p for p in (v.by, v.at, v.where) if p)
            if v.live:
                head += " · " + self.tr("in the record now")
            elif not first_other:
                first_other = i
            item = QListWidgetItem(f"{head}\n{v.text}")
            item.setToolTip(v.text)
            self.values_list.addItem(item)
        if row:
            self.values_list.setCurrentRow(first_other)
        else:
            self.incoming_text.clear()
        for b in (self.keep_button, self.take_button, self.edit_button):
            b.setEnabled(row is not None)

    def _show_value(self, index: int) -> None:
        value = self.chosen_value()
        self.incoming_text.setPlainText(value.text if value is not None else "")

    def chosen_value(self) -> Any:
        """The concurrent value picked in the list (a ``ConcurrentValue``), or None."""
        row = self.selected()
        index = self.values_list.currentRow()
        if row is None or not 0 <= index < len(row["values"]):
            return None
        return row["values"][index]

    def keep_chosen(self) -> bool:
        """Resolve with the value picked in the list: the value here, the row's incoming value,
        or any other concurrent value (stored as the lead's written value)."""
        row, value = self.selected(), self.chosen_value()
        if row is None or value is None:
            return False
        if value.live:
            return self.resolve("local")
        if value.value == row["incoming_value"]:
            return self.resolve("incoming")
        return self.resolve("edited", value.value)

    def resolve(self, resolution: str, value: Any = None) -> bool:
        row = self.selected()
        if row is None:
            return False
        try:
            with self.database.session(self.user) as s:
                service.resolve_conflict(s, row["seq"], resolution, value)
        except Exception as exc:  # noqa: BLE001 — permission, validation, storage: shown to the user, the row stays unresolved
            show_error(exc, self)
            return False
        self.resolved += 1
        self.refresh()
        return True

    def resolve_edited(self) -> None:
        row = self.selected()
        if row is None:
            return
        texts = list(dict.fromkeys(v.text for v in row["values"])) or [row["local"]]
        start = "\n".join(texts)
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Combined value"), row["field"], start
        )
        if ok:
            self.resolve("edited", text)


def show_conflicts(database: Any, user: str, parent: QWidget | None = None) -> int:
    dialog = ConflictsDialog(database, user, parent)
    dialog.exec()
    return dialog.resolved
