"""The generic register widget: search, column filters, lazy table, detail beside it."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from auditdesk.services import changes, registers
from auditdesk.services.changes import OpChanges
from auditdesk.ui import labels
from auditdesk.ui.context import AppContext
from auditdesk.ui.flow_layout import FlowLayout
from auditdesk.ui.i18n import plural
from auditdesk.ui.registers import export_view
from auditdesk.ui.registers.configs import RegisterConfig
from auditdesk.ui.registers.editor import DetailEditor
from auditdesk.ui.registers.model import Query, RegisterModel, RegisterSource

SEARCH_DELAY_MS = 250


class RegisterWidget(QWidget):
    record_selected = Signal(object)

    def __init__(
        self, ctx: AppContext, config: RegisterConfig, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.config = ctx, config
        self.setObjectName(f"register_{config.name}")
        self.undo_stack = QUndoStack(self)
        first = Query(sort=config.sort[0], descending=config.sort[1]) if config.sort else None
        self.model = RegisterModel(
            RegisterSource(ctx.session, config.name), config.name, config.columns, self, first
        )
        self._filters: dict[str, Any] = {}
        # (record id, show it alone if it is not on the first page) to select once rows arrive.
        self._pending_select: tuple[uuid.UUID, bool] | None = None
        self.model.loaded.connect(self._on_loaded)
        self.can_edit = ctx.can("edit_registers")

        layout = QVBoxLayout(self)
        # Search, filters and actions wrap onto a second line on a narrow (laptop) window.
        bar = FlowLayout()
        self.search = QLineEdit()
        self.search.setMinimumWidth(220)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        bar.addWidget(self.search, 2)

        self.filter_boxes: dict[str, QComboBox] = {}
        for key in config.filter_columns:
            box = QComboBox()
            box.setObjectName(f"filter_{key}")
            box.addItem("", None)
            for code in registers.enum_choices(config.name, key):
                box.addItem(code, code)
            box.currentIndexChanged.connect(lambda _i, k=key: self._on_filter(k))
            self.filter_boxes[key] = box
            bar.addWidget(box)
        self.preset_box: QComboBox | None = None
        if config.presets:
            self.preset_box = QComboBox()
            self.preset_box.setObjectName("filter_preset")
            self.preset_box.addItem("", None)
            for p in config.presets:
                self.preset_box.addItem(p, p)
            self.preset_box.currentIndexChanged.connect(lambda _i: self._on_filter("preset"))
            bar.addWidget(self.preset_box)
        self.archived_box = QCheckBox()
        self.archived_box.setVisible(config.archivable)
        self.archived_box.toggled.connect(
            lambda on: self.model.set_query(include_archived=on) or self._after_query()
        )
        bar.addWidget(self.archived_box)
        self.action_widgets = config.actions(ctx, self) if config.actions is not None else []
        for w in self.action_widgets:
            bar.addWidget(w)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newButton")
        self.new_button.clicked.connect(self.new_record)
        self.new_button.setVisible(
            self.can_edit
            and (
                bool(config.editor and config.editor.create)
                or config.create_editor is not None
                or config.new_action is not None
            )
        )
        bar.addWidget(self.new_button)
        self.archive_button = QPushButton()
        self.archive_button.setObjectName("archiveButton")
        self.archive_button.clicked.connect(self.archive_selected)
        self.archive_button.setVisible(config.archivable and self.can_edit)
        bar.addWidget(self.archive_button)
        self.export_button = export_view.make_button(self)  # the view as Excel (export_view.py)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        chip_row = QHBoxLayout()
        self.chip = QLabel()
        self.chip.setObjectName("filterChip")
        self.chip_clear = QToolButton()
        self.chip_clear.setText("✕")
        self.chip_clear.clicked.connect(self.clear_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        chip_row.addWidget(self.chip)
        chip_row.addWidget(self.chip_clear)
        chip_row.addStretch(1)
        chip_row.addWidget(self.count_label)
        layout.addLayout(chip_row)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.view = QTableView()
        self.view.setObjectName("registerView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        if config.sort and config.sort[0] in config.columns:
            header.setSortIndicator(
                config.columns.index(config.sort[0]),
                Qt.SortOrder.DescendingOrder if config.sort[1] else Qt.SortOrder.AscendingOrder,
            )
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.model.sort)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.doubleClicked.connect(self._on_double)
        self.view.installEventFilter(self)  # Enter opens the current row
        self.splitter.addWidget(self.view)

        self.detail: Any = None
        self.editor: DetailEditor | None = None
        if config.editor is not None:
            editor_config = (
                config.editor
                if self.can_edit
                else dataclasses.replace(config.editor, create=None, update=None)
            )
            self.editor = DetailEditor(ctx, editor_config, self.undo_stack)
            self.editor.created.connect(self._on_created)
            self.detail = self.editor
        elif config.detail_factory is not None:
            self.detail = config.detail_factory(ctx, self)
        if self.detail is not None:
            from auditdesk.ui.fit import scrolled

            # Scrolls on a short screen: the certificate view alone needs 435 px (fit.py).
            self.splitter.addWidget(scrolled(self.detail, "detailScroll"))
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self._after_query()
        # Every write anywhere (this register's editor, a dialog, a job, another window) comes
        # back as one OpChanges: the rows follow what they show (ui/context.py).
        self._shows = changes.register_kinds(config.name)
        self._own_kind = changes.kind_of(registers.spec(config.name).entity.__tablename__)
        ctx.changed.connect(self._on_changes)

    # -- text ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search (Chinese or English)…  Ctrl+F"))
        for key, box in self.filter_boxes.items():
            group = labels.ENUM_GROUPS.get((self.config.name, key), "")
            box.setItemText(0, self.tr("All: %1").replace("%1", labels.column(key)))
            for i in range(1, box.count()):
                box.setItemText(i, labels.label(group, box.itemData(i)))
        if self.preset_box is not None:
            self.preset_box.setItemText(0, self.tr("All records"))
            for i in range(1, self.preset_box.count()):
                self.preset_box.setItemText(i, labels.label("preset", self.preset_box.itemData(i)))
        self.archived_box.setText(self.tr("Show archived"))
        self.new_button.setText(self.tr("New") + "  (Ctrl+N)")
        self.archive_button.setText(self.tr("Archive"))
        export_view.retranslate(self.export_button)
        self.chip_clear.setToolTip(self.tr("Show all records"))
        self.chip_clear.setAccessibleName(self.tr("Show all records"))
        self.view.setAccessibleName(self.tr("Records"))
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, len(self.config.columns) - 1
        )
        self._update_labels()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.layoutChanged.emit()
        super().changeEvent(e)

    def _update_labels(self) -> None:
        n = self.model.total
        self.count_label.setText(plural(n, self.tr("{n} record"), self.tr("{n} records")))
        special = {
            k: v
            for k, v in self._filters.items()
            if k in ("ids",)
            or (k == "preset" and self.preset_box is None)
            or k in self._column_filter_keys()
        }
        if special:
            names = []
            for k, v in special.items():
                if k in ("ids", "preset"):
                    names.append(labels.label("preset", v if k == "preset" else k))
                elif isinstance(v, tuple | list):
                    names.append(f"{labels.column(k)} {v[0] or ''}–{v[1] or ''}")
                else:
                    names.append(f"{labels.column(k)} ∋ “{v}”")
            self.chip.setText(self.tr("Filtered: %1").replace("%1", ", ".join(names)))
        self.chip.setVisible(bool(special))
        self.chip_clear.setVisible(bool(special))
        if self.model.error is not None:
            from auditdesk.ui.errors import message_for

            known = message_for(self.model.error)
            self.count_label.setText(known[1].split("\n")[0] if known else str(self.model.error))

    # -- querying --------------------------------------------------------------------------------
    def apply_search(self) -> None:
        self._search_timer.stop()
        if self.search.text() != self.model.query.search:
            self.model.set_query(search=self.search.text())
            self._after_query()

    def set_search(self, text: str) -> None:
        self.search.setText(text)
        self.apply_search()

    def _on_filter(self, key: str) -> None:
        if key == "preset":
            assert self.preset_box is not None
            self._filters["preset"] = self.preset_box.currentData()
        else:
            self._filters[key] = self.filter_boxes[key].currentData()
        self._filters = {k: v for k, v in self._filters.items() if v not in (None, "")}
        self.model.set_query(filters=dict(self._filters))
        self._after_query()

    def set_filters(self, filters: dict[str, Any]) -> None:
        """Replace the filters (the dashboard opens a register this way)."""
        self._filters = {k: v for k, v in filters.items() if v not in (None, "")}
        for key, box in self.filter_boxes.items():
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(self._filters.get(key))))
            box.blockSignals(False)
        if self.preset_box is not None:
            self.preset_box.blockSignals(True)
            self.preset_box.setCurrentIndex(
                max(0, self.preset_box.findData(self._filters.get("preset")))
            )
            self.preset_box.blockSignals(False)
        self.model.set_query(filters=dict(self._filters))
        self._after_query()

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.query = type(self.model.query)(
            sort=self.model.query.sort,
            descending=self.model.query.descending,
            include_archived=self.model.query.include_archived,
        )
        self.set_filters({})

    def _header_menu(self, pos: Any) -> None:
        """Right-click a column header: filter that column by text (any text column)."""
        section = self.view.horizontalHeader().logicalIndexAt(pos)
        if section < 0:
            return
        key = self.config.columns[section]
        col = registers.spec(self.config.name).column(key)
        menu = QMenu(self)
        if col.kind == "text":
            menu.addAction(
                self.tr("Filter “%1”…").replace("%1", labels.column(key)),
                lambda: self._ask_column_filter(key),
            )
        if any(k in self._filters for k in self._column_filter_keys()):
            menu.addAction(self.tr("Clear column filters"), self._clear_column_filters)
        if not menu.isEmpty():
            menu.exec(self.view.horizontalHeader().mapToGlobal(pos))

    def _column_filter_keys(self) -> list[str]:
        return [k for k in self.config.columns if k not in self.filter_boxes]

    def _ask_column_filter(self, key: str) -> None:
        text, ok = QInputDialog.getText(
            self,
            labels.column(key),
            self.tr("Show rows containing:"),
            text=str(self._filters.get(key, "")),
        )
        if ok:
            self.set_column_filter(key, text.strip())

    def set_column_filter(self, key: str, text: str) -> None:
        filters = dict(self._filters)
        filters[key] = text
        self.set_filters(filters)

    def _clear_column_filters(self) -> None:
        self.set_filters(
            {k: v for k, v in self._filters.items() if k not in self._column_filter_keys()}
        )

    def refresh(self) -> None:
        current = self.current_id()
        self._pending_select = (current, False) if current is not None else None
        self.model.refresh()

    def _on_loaded(self) -> None:
        self._update_labels()
        pending, self._pending_select = self._pending_select, None
        if pending is None:
            self._sync_detail()
            return
        record_id, alone = pending
        if not self.select_id(record_id) and alone:  # not on the first page: show just this record
            self._pending_select = (record_id, False)
            self.set_filters({"ids": [record_id]})

    def _after_query(self) -> None:
        self._update_labels()
        self._sync_detail()

    def _detail_id(self) -> uuid.UUID | None:
        return getattr(self.detail, "record_id", None) or getattr(self.detail, "cert_id", None)

    def _sync_detail(self) -> None:
        """The detail pane shows the current row, or nothing: after a search or filter that
        left no current row it must not go on showing (and offering to open) another record."""
        if self.detail is None:
            return
        shown, current = self._detail_id(), self.current_id()
        if current == shown or shown is None:
            return  # unchanged, or nothing shown (a new record being typed stays)
        if current is not None and hasattr(self.detail, "load"):
            self._load_detail(current)
        elif hasattr(self.detail, "unload"):
            self.detail.unload()
        elif hasattr(self.detail, "clear"):
            self.detail.clear()

    def eventFilter(self, obj: Any, event: QEvent) -> bool:
        if (
            obj is self.view
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and self.view.currentIndex().isValid()
        ):
            self._on_double(self.view.currentIndex())
            return True
        return super().eventFilter(obj, event)

    # -- selection and records -------------------------------------------------------------------
    def current_id(self) -> uuid.UUID | None:
        idx = self.view.currentIndex()
        return self.model.id_at(idx.row()) if idx.isValid() else None

    def select_id(self, record_id: uuid.UUID) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def _on_current(self, current: Any, _previous: Any) -> None:
        rid = self.model.id_at(current.row()) if current.isValid() else None
        if rid is None:
            self._sync_detail()
            return
        self._load_detail(rid)
        self.record_selected.emit(rid)

    def _load_detail(self, rid: uuid.UUID) -> None:
        if self.detail is not None and hasattr(self.detail, "load"):
            try:
                self.detail.load(rid)
            except Exception as exc:  # noqa: BLE001 — shown to the user; the list stays usable
                from auditdesk.ui.errors import show_error

                show_error(exc, self)

    def _on_double(self, index: Any) -> None:
        rid = self.model.id_at(index.row())
        if rid is not None and self.config.open_action is not None:
            self.config.open_action(self, rid)

    def _on_changes(self, op: OpChanges) -> None:
        """Refresh from what changed: edits of shown rows of this register's own table are
        reloaded in place (the view keeps its place); anything else it shows → a new query."""
        if not op.touches(self._shows):
            return
        only_own_rows = op.touches([self._own_kind]) and not op.touches(
            self._shows - {self._own_kind}
        )
        ids = op.ids_of(self._own_kind)
        if only_own_rows and ids and op.rows_only([self._own_kind]):
            for record_id in ids:
                self.model.reload_row(record_id)
            return
        self.refresh()

    def _on_created(self, record_id: uuid.UUID) -> None:
        self._pending_select = (record_id, True)
        self.model.refresh()

    def new_record(self) -> None:
        if not self.can_edit:
            return
        if self.config.new_action is not None:
            self.config.new_action(self)
        elif self.editor is not None and self.config.editor and self.config.editor.create:
            self.view.clearSelection()
            self.editor.clear()
            first = next(iter(self.editor.inputs.values()))
            first.setFocus()
        elif self.config.create_editor is not None:
            self._create_in_dialog()

    def _create_in_dialog(self) -> None:
        assert self.config.create_editor is not None
        dialog = QDialog(self)
        dialog.setObjectName("createDialog")
        dialog.setWindowTitle(self.tr("New record"))
        lay = QVBoxLayout(dialog)
        editor = DetailEditor(self.ctx, self.config.create_editor, self.undo_stack, dialog)
        lay.addWidget(editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        lay.addWidget(buttons)

        def created(rid: uuid.UUID) -> None:
            dialog.accept()
            self._on_created(rid)

        editor.created.connect(created)
        dialog.resize(520, 560)
        dialog.open()
        self._create_dialog = dialog

    def archive_selected(self) -> None:
        rid = self.current_id()
        if rid is None:
            return
        try:
            with self.ctx.session() as s:
                registers.set_archived(
                    s, self.config.name, rid, not self.model.query.include_archived
                )
        except Exception as exc:  # noqa: BLE001 — shown to the user; the list stays usable
            from auditdesk.ui.errors import show_error

            show_error(exc, self)
            return
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- remembered layout -----------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        prefix = f"registers/{self.config.name}"
        settings.setValue(f"{prefix}/header", self.view.horizontalHeader().saveState())
        settings.setValue(f"{prefix}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        prefix = f"registers/{self.config.name}"
        header = settings.value(f"{prefix}/header")
        if header is not None:
            self.view.horizontalHeader().restoreState(header)
        else:
            wide = {
                "name_zh": 260,
                "client": 260,
                "scope_zh": 320,
                "title_zh": 260,
                "title_en": 260,
                "name_en": 220,
                "credit_code": 180,
                "technical_codes": 150,
                "ccaa_no": 180,
                "national_code": 150,
            }
            for i, key in enumerate(self.config.columns):
                self.view.setColumnWidth(i, wide.get(key, 110))
        splitter = settings.value(f"{prefix}/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([640, 520])
