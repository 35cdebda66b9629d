"""Merge conflicts for leads: a field changed here and on a laptop, with both values side by
side; keep ours, take theirs, or write a combined text. Nothing is resolved silently.

``show_conflicts(database, user, parent=None) -> int`` opens the dialog and returns how many
conflicts were resolved; ``unresolved_count(database)`` is for a badge in the main window.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
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
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditdesk.exchange import conflicts as service
from auditdesk.ui.errors import show_error
from auditdesk.ui.qt_none import returns_to_qt

_Index = QModelIndex | QPersistentModelIndex


def _shown(text: str | None) -> str:
    value = service.decoded(text)
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class ConflictModel(QAbstractTableModel):
    """Rows of plain dicts (what the service returned), never ORM objects."""

    COLUMNS = ("entity", "field", "local", "incoming", "incoming_by", "at")

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
            self.tr("From the laptop"),
            self.tr("Laptop user"),
            self.tr("Merged at"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    @returns_to_qt
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()]
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


# What kind of record a conflict is in, in the auditor's words (the table's name is a code).
KINDS = {
    "evidence_item": QT_TRANSLATE_NOOP("Conflicts", "Evidence"),
    "nonconformity": QT_TRANSLATE_NOOP("Conflicts", "Nonconformity"),
    "audit": QT_TRANSLATE_NOOP("Conflicts", "Audit"),
    "clause_judgement": QT_TRANSLATE_NOOP("Conflicts", "Clause judgement"),
    "organisation": QT_TRANSLATE_NOOP("Conflicts", "Client"),
    "certificate": QT_TRANSLATE_NOOP("Conflicts", "Certificate"),
    "site": QT_TRANSLATE_NOOP("Conflicts", "Site"),
    "attachment": QT_TRANSLATE_NOOP("Conflicts", "Attachment"),
}
FIELDS = {
    "description": QT_TRANSLATE_NOOP("Conflicts", "Description"),
    "references": QT_TRANSLATE_NOOP("Conflicts", "References"),
    "interviewee_role": QT_TRANSLATE_NOOP("Conflicts", "Interviewee"),
    "department": QT_TRANSLATE_NOOP("Conflicts", "Department"),
    "observed_at": QT_TRANSLATE_NOOP("Conflicts", "Observed at"),
    "evidence_type": QT_TRANSLATE_NOOP("Conflicts", "Evidence type"),
    "judgement": QT_TRANSLATE_NOOP("Conflicts", "Judgement"),
    "note": QT_TRANSLATE_NOOP("Conflicts", "Judgement note"),
    "statement": QT_TRANSLATE_NOOP("Conflicts", "Finding"),
    "requirement": QT_TRANSLATE_NOOP("Conflicts", "Requirement"),
    "evidence_text": QT_TRANSLATE_NOOP("Conflicts", "Objective evidence"),
    "number": QT_TRANSLATE_NOOP("Conflicts", "Number"),
    "state": QT_TRANSLATE_NOOP("Conflicts", "State"),
    "grade": QT_TRANSLATE_NOOP("Conflicts", "Grade"),
    "caption": QT_TRANSLATE_NOOP("Conflicts", "Caption"),
    "archived": QT_TRANSLATE_NOOP("Conflicts", "Archived"),
    "name_zh": QT_TRANSLATE_NOOP("Conflicts", "Name (Chinese)"),
    "name_en": QT_TRANSLATE_NOOP("Conflicts", "Name (English)"),
    "expiry_date": QT_TRANSLATE_NOOP("Conflicts", "Expiry date"),
    "closed_on": QT_TRANSLATE_NOOP("Conflicts", "Closed on"),
}


def _words(table: dict[str, str], code: str) -> str:
    text = table.get(code)
    return QCoreApplication.translate("Conflicts", text) if text else code


def place_text(place: service.ConflictPlace) -> str:
    """ "Evidence E12 · clause 7.1.5 · audit 2026-0075 · 保定康益医疗器械有限公司" """
    parts = [f"{_words(KINDS, place.kind)} {place.label}".strip()]
    if place.clauses:
        parts.append(
            QCoreApplication.translate("Conflicts", "clause %1").replace(
                "%1", ", ".join(place.clauses)
            )
        )
    if place.audit_number:
        parts.append(
            QCoreApplication.translate("Conflicts", "audit %1").replace("%1", place.audit_number)
        )
    if place.client:
        parts.append(place.client)
    return " · ".join(parts)


def load_rows(database: Any) -> list[dict[str, Any]]:
    with database.session() as s:
        rows = []
        for c in service.list_conflicts(s):
            place = service.describe(s, c)
            rows.append(
                {
                    "seq": c.seq,
                    "entity": place_text(place),
                    "field": _words(FIELDS, c.field),
                    "local": _shown(c.local_value),
                    "incoming": _shown(c.incoming_value),
                    "incoming_by": place.incoming_by_name,
                    "at": c.at.astimezone().strftime("%Y-%m-%d %H:%M") if c.at else "",
                }
            )
        return rows


def load_refused(database: Any) -> list[dict[str, Any]]:
    """The held refused changes as rows (one per key; its values joined)."""
    from auditdesk.exchange.sync_db import list_refused
    from auditdesk.model import MergeConflict

    with database.session() as s:
        rows = []
        for held in list_refused(s):
            by = held.values[0][1] if held.values else ""
            place = service.describe(
                s,
                MergeConflict(
                    entity=held.entity, entity_id=held.record, field=held.field, incoming_by=by
                ),
            )
            rows.append(
                {
                    "ref": held.ref,
                    "entity": place_text(place),
                    "field": _words(FIELDS, held.field),
                    "value": " | ".join(
                        v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                        for v, *_ in held.values
                    ),
                    "by": place.incoming_by_name,
                    "at": ", ".join(at[:16].replace("T", " ") for _v, _b, at, _r in held.values),
                }
            )
        return rows


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
                "These fields were changed both here and on a laptop. The value here is kept "
                "until you decide; the laptop's value is kept beside it."
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
        for title, edit in (
            (self.tr("Here"), self.local_text),
            (self.tr("From the laptop"), self.incoming_text),
        ):
            edit.setReadOnly(True)
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(edit)
            side.addLayout(box)
        splitter.addWidget(panes)
        layout.addWidget(splitter)
        row = QHBoxLayout()
        self.keep_button = QPushButton(self.tr("Keep the value here"))
        self.take_button = QPushButton(self.tr("Take the laptop's value"))
        self.edit_button = QPushButton(self.tr("Write a combined value…"))
        for b in (self.keep_button, self.take_button, self.edit_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.keep_button.clicked.connect(lambda: self.resolve("local"))
        self.take_button.clicked.connect(lambda: self.resolve("incoming"))
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
        self.incoming_text.setPlainText(row["incoming"] if row else "")
        for b in (self.keep_button, self.take_button, self.edit_button):
            b.setEnabled(row is not None)

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
        start = (
            row["local"]
            if row["local"] == row["incoming"]
            else f"{row['local']}\n{row['incoming']}"
        )
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Combined value"), row["field"], start
        )
        if ok:
            self.resolve("edited", text)


def show_conflicts(database: Any, user: str, parent: QWidget | None = None) -> int:
    dialog = ConflictsDialog(database, user, parent)
    dialog.exec()
    return dialog.resolved
