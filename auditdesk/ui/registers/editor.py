"""The detail editor beside a register's list: one form, validation next to each field,
save-free editing (a field is saved when you leave it) with undo/redo on a QUndoStack."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from auditdesk.services.errors import ValidationFailed
from auditdesk.ui import date_input, labels, palette
from auditdesk.ui.context import AppContext


@dataclass(frozen=True)
class FieldSpec:
    key: str
    kind: str = "text"  # text | multiline | int | float | date | choice
    required: bool = False
    choices: tuple[str, ...] = ()  # codes for a choice field
    group: str = ""  # label group translating the codes
    create_only: bool = False  # shown and editable only while creating


@dataclass(frozen=True)
class EditorConfig:
    fields: tuple[FieldSpec, ...]
    load: Callable[[Any, uuid.UUID], dict[str, Any]]
    create: Callable[[Any, dict[str, Any]], uuid.UUID] | None = None
    update: Callable[[Any, uuid.UUID, dict[str, Any]], None] | None = None
    validate: Callable[[dict[str, Any]], dict[str, str]] = field(default=lambda values: {})
    # The ORM class edited: its ``version`` says which version the user saw, so a save over
    # someone else's newer change is refused ("changed meanwhile": reload or merge).
    entity: Any = None
    # A panel under the fields for what the record holds besides them (``load(id)``,
    # ``clear()``), e.g. a client's §5.1.2 conditions; built with the app context.
    extra: Callable[[Any], Any] | None = None


def parse_value(spec: FieldSpec, text: str) -> tuple[Any, str | None]:
    """(value, problem code) of a field's text."""
    text = text.strip()
    if not text:
        return (None if spec.kind in ("date", "float") else 0 if spec.kind == "int" else ""), (
            "required" if spec.required else None
        )
    if spec.kind == "int":
        try:
            return int(text), None
        except ValueError:
            return text, "not_a_number"
    if spec.kind == "float":
        try:
            return float(text), None
        except ValueError:
            return text, "not_a_number"
    if spec.kind == "date":  # "30 February does not exist", not "wrong format"
        day, problem = date_input.parse(text)
        return (day, None) if problem is None else (text, problem)
    return text, None


def _problem_text(code: str) -> str:
    return (
        date_input.problem_text(code)
        if date_input.is_date_problem(code)
        else (labels.validation(code))
    )


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(getattr(value, "value", value))


class _FieldEdit(QUndoCommand):
    """One saved field change; undo writes the old value back through the same service."""

    def __init__(
        self, editor: DetailEditor, record_id: uuid.UUID, key: str, old: Any, new: Any
    ) -> None:
        super().__init__(f"{labels.column(key)}: {format_value(new)}")
        self.editor, self.record_id, self.key, self.old, self.new = editor, record_id, key, old, new

    def redo(self) -> None:
        if not self.editor.write(self.record_id, {self.key: self.new}):
            self.setObsolete(True)

    def undo(self) -> None:
        self.editor.write(self.record_id, {self.key: self.old})


class DetailEditor(QWidget):
    created = Signal(object)  # record id
    changed = Signal(object)  # record id

    def __init__(
        self,
        ctx: AppContext,
        config: EditorConfig,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.config, self.undo_stack = ctx, config, undo_stack
        self.record_id: uuid.UUID | None = None
        self.saved: dict[str, Any] = {}
        self.version_seen: int | None = None
        # Replaceable in tests: how a "changed meanwhile" conflict is resolved.
        self.resolve_conflict: Callable[..., Any] | None = None
        self.inputs: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        self._loading = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("editorHeading")
        outer.addWidget(self.heading)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        self.form = QFormLayout()
        body_layout.addLayout(self.form)
        self.extra = config.extra(ctx) if config.extra is not None else None
        if self.extra is not None:
            body_layout.addWidget(self.extra)
        body_layout.addStretch(1)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in config.fields:
            self._add_field(spec)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.create_button = QPushButton()
        self.create_button.setObjectName("createButton")
        self.create_button.clicked.connect(self.create_record)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.create_button)
        outer.addLayout(buttons)
        self.retranslate()
        self.clear()

    def _add_field(self, spec: FieldSpec) -> None:
        w: QLineEdit | QPlainTextEdit | QComboBox
        if spec.kind == "multiline":
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setFixedHeight(70)
            w.textChanged.connect(lambda k=spec.key: self._on_changed(k))
            w.installEventFilter(self)
        elif spec.kind == "choice":
            w = QComboBox()
            for code in spec.choices:
                w.addItem(labels.label(spec.group, code) if spec.group else code, code)
            w.activated.connect(lambda _i, k=spec.key: self._commit(k))
        else:
            w = QLineEdit()
            if spec.kind == "date":
                w.setPlaceholderText("YYYY-MM-DD")
            w.textEdited.connect(lambda _t, k=spec.key: self._on_changed(k))
            w.editingFinished.connect(lambda k=spec.key: self._commit(k))
        w.setObjectName(f"field_{spec.key}")
        err = QLabel()
        err.setObjectName(f"error_{spec.key}")
        err.setStyleSheet(f"color: {palette.css('error')};")
        err.setWordWrap(True)
        err.hide()
        cell = QWidget()
        lay = QVBoxLayout(cell)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(w)
        lay.addWidget(err)
        caption = QLabel()
        caption.setBuddy(w)
        self.form.addRow(caption, cell)
        self.inputs[spec.key], self.errors[spec.key], self.captions[spec.key] = w, err, caption

    def retranslate(self) -> None:
        for spec in self.config.fields:
            self.captions[spec.key].setText(
                labels.column(spec.key) + (" *" if spec.required else "")
            )
            w = self.inputs[spec.key]
            if isinstance(w, QComboBox) and spec.group:
                for i in range(w.count()):
                    w.setItemText(i, labels.label(spec.group, w.itemData(i)))
        self.create_button.setText(self.tr("Create"))
        self._update_heading()

    def _update_heading(self) -> None:
        if self.record_id is None:
            self.heading.setText("<b>" + self.tr("New record") + "</b>")
            self.hint.setText(self.tr("Fill in the fields marked * and press Create."))
        else:
            self.heading.setText("<b>" + self.tr("Details") + "</b>")
            self.hint.setText(self.tr("Changes are saved when you leave a field (Ctrl+Z undoes)."))

    # -- values ------------------------------------------------------------------------------
    def text_of(self, key: str) -> str:
        w = self.inputs[key]
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return str(w.currentData() or "")
        return w.text()

    def set_text(self, key: str, value: Any) -> None:
        w = self.inputs[key]
        text = format_value(value)
        if isinstance(w, QPlainTextEdit):
            w.setPlainText(text)
        elif isinstance(w, QComboBox):
            i = w.findData(text)
            w.setCurrentIndex(max(i, 0))
        else:
            w.setText(text)
            w.setCursorPosition(0)

    def values(self) -> dict[str, Any]:
        return {s.key: parse_value(s, self.text_of(s.key))[0] for s in self.config.fields}

    def problems(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for spec in self.config.fields:
            _v, problem = parse_value(spec, self.text_of(spec.key))
            if problem:
                out[spec.key] = problem
        values = {k: v for k, v in self.values().items() if k not in out}
        for k, code in self.config.validate(values).items():
            out.setdefault(k, code)
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            code = errors.get(key)
            label.setText(_problem_text(code) if code else "")
            label.setVisible(bool(code))
        unplaced = [
            f"{labels.column(k)}: {_problem_text(c)}"
            for k, c in errors.items()
            if k not in self.errors
        ]
        if unplaced:
            self.hint.setText("\n".join(unplaced))

    def error_text(self, key: str) -> str:
        return self.errors[key].text() if not self.errors[key].isHidden() else ""

    def _on_changed(self, key: str) -> None:
        if self._loading:
            return
        problems = self.problems()
        # Only show problems for fields the user has touched or already showed.
        shown = {k: v for k, v in problems.items() if k == key or self.errors[k].isVisible()}
        self.show_errors(shown)
        if self.record_id is None:
            self.create_button.setEnabled(not problems)

    def _commit(self, key: str) -> None:
        """Leaving a field of an existing record saves it (if valid and changed)."""
        if self._loading or self.record_id is None:
            return
        spec = next(s for s in self.config.fields if s.key == key)
        value, problem = parse_value(spec, self.text_of(key))
        problem = problem or self.config.validate({key: value}).get(key)
        if problem:
            self.show_errors({key: problem})
            return
        if format_value(value) == format_value(self.saved.get(key)):
            return
        self.undo_stack.push(_FieldEdit(self, self.record_id, key, self.saved.get(key), value))

    def eventFilter(self, obj: Any, e: Any) -> bool:
        # A multi-line field is saved when it loses focus (one undo step, not one per key).
        if e.type() == e.Type.FocusOut and isinstance(obj, QPlainTextEdit):
            for key, w in self.inputs.items():
                if w is obj:
                    self._commit(key)
        return super().eventFilter(obj, e)

    # -- records -----------------------------------------------------------------------------
    def clear(self) -> None:
        """An empty form for a new record."""
        self._loading = True
        self.record_id = None
        self.saved = {}
        for spec in self.config.fields:
            self.set_text(spec.key, "")
            self.inputs[spec.key].setEnabled(self.config.create is not None)
        self._loading = False
        self.show_errors({})
        self.create_button.setVisible(self.config.create is not None)
        self.create_button.setEnabled(False)
        if self.extra is not None:
            self.extra.clear()
        self._update_heading()

    def _read(self, record_id: uuid.UUID) -> tuple[dict[str, Any], int | None]:
        with self.ctx.session() as s:
            values = self.config.load(s, record_id)
            record = (
                s.get(self.config.entity, record_id) if self.config.entity is not None else None
            )
            return values, (record.version if record is not None else None)

    def load(self, record_id: uuid.UUID) -> None:
        values, version = self._read(record_id)
        self._show_record(record_id, values, version)

    def _show_record(
        self, record_id: uuid.UUID, values: dict[str, Any], version: int | None
    ) -> None:
        self._loading = True
        self.record_id = record_id
        self.saved = dict(values)
        if self.extra is not None:
            self.extra.load(record_id)
        self.version_seen = version
        editable = self.config.update is not None
        for spec in self.config.fields:
            self.set_text(spec.key, values.get(spec.key))
            self.inputs[spec.key].setEnabled(editable and not spec.create_only)
        self._loading = False
        self.show_errors({})
        self.create_button.setVisible(False)
        self._update_heading()

    def write(self, record_id: uuid.UUID, changes: dict[str, Any], retry: bool = True) -> bool:
        """Save through the service; show its validation codes next to the fields."""
        from auditdesk.services.errors import Conflict

        assert self.config.update is not None
        seen = self.version_seen if self.record_id == record_id else None
        try:
            with self.ctx.session() as s:
                if seen is not None and self.config.entity is not None:
                    from auditdesk.storage.concurrency import expect_version

                    expect_version(s, self.config.entity, record_id, seen)
                self.config.update(s, record_id, changes)
                s.flush()
                record = (
                    s.get(self.config.entity, record_id) if self.config.entity is not None else None
                )
                new_version = record.version if record is not None else None
        except ValidationFailed as exc:
            self.show_errors(exc.errors)
            return False
        except Conflict as exc:
            return self._on_conflict(exc, record_id, changes, retry)
        except Exception as exc:  # noqa: BLE001 — shown to the user; the edit stays in the form
            from auditdesk.ui.errors import show_error

            show_error(exc, self)
            return False
        if self.record_id == record_id:
            self._loading = True
            for k, v in changes.items():
                self.saved[k] = v
                self.set_text(k, v)
            self._loading = False
            self.version_seen = new_version
            self.show_errors({})
        self.changed.emit(record_id)
        return True

    def _on_conflict(
        self, exc: Exception, record_id: uuid.UUID, changes: dict[str, Any], retry: bool
    ) -> bool:
        """Someone saved this record since it was loaded: reload theirs, or merge mine on top."""
        from auditdesk.ui.conflict_reload import MERGE, resolve_conflict

        resolve = self.resolve_conflict or resolve_conflict
        base = dict(self.saved)
        outcome = resolve(
            exc,
            base=base,
            mine={**base, **changes},
            reload=lambda: self._read(record_id),
            parent=self,
        )
        if outcome is None:  # cancel: keep my text in the field, nothing saved
            return False
        theirs, version = self._read(record_id)
        self._show_record(record_id, theirs, version)
        if outcome.choice != MERGE or not retry:
            self.changed.emit(record_id)
            return False
        mine = {k: v for k, v in outcome.values.items() if k in changes}
        ok = self.write(record_id, mine, retry=False)
        if ok and outcome.both_changed:
            self.hint.setText(
                self.tr("Both of you changed: %1. Yours was kept; check it.").replace(
                    "%1", ", ".join(labels.column(k) for k in outcome.both_changed)
                )
            )
        return ok

    def create_record(self) -> uuid.UUID | None:
        problems = self.problems()
        if problems:
            self.show_errors(problems)
            return None
        assert self.config.create is not None
        try:
            with self.ctx.session() as s:
                new_id = self.config.create(s, self.values())
        except ValidationFailed as exc:
            self.show_errors(exc.errors)
            return None
        except Exception as exc:  # noqa: BLE001 — shown to the user; the edit stays in the form
            from auditdesk.ui.errors import show_error

            show_error(exc, self)
            return None
        self.created.emit(new_id)
        self.load(new_id)
        return new_id

    def event(self, e: Any) -> bool:
        if e.type() == e.Type.LanguageChange:
            self.retranslate()
        return super().event(e)
