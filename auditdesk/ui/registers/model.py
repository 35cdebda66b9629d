"""A thin, lazy ``QAbstractTableModel`` over :mod:`auditdesk.services.registers`.

It holds (id, row) tuples a service returned, counts once per query and fetches further
pages only when the view scrolls (``canFetchMore``/``fetchMore``), so 100 000 rows cost one
COUNT and a page of 200. Queries run through the job runner, never on the GUI thread, so a
slow search at 100 000 rows does not freeze the window. ``data()`` never raises: a value it
cannot show is shown as ``⚠`` with the reason in its tooltip (and logged once), never as a
blank cell; a row that cannot be reloaded sets ``error``, which the widget shows.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from auditdesk.ui import labels, palette
from auditdesk.ui.qt_none import returns_to_qt

IdRole = Qt.ItemDataRole.UserRole
RawRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
UNSHOWABLE = "⚠"  # in a cell whose value could not be formatted (its tooltip says why)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Query:
    sort: str | None = None
    descending: bool = False
    filters: dict[str, Any] = field(default_factory=dict)
    search: str = ""
    include_archived: bool = False


class RegisterSource:
    """Where the rows come from: the database through the register service."""

    def __init__(self, session_factory: Callable[[], Any], register: str) -> None:
        self.session_factory = session_factory
        self.register = register

    def count(self, q: Query) -> int:
        from auditdesk.services import registers

        with self.session_factory() as s:
            return registers.count_rows(
                s,
                self.register,
                filters=q.filters,
                search=q.search,
                include_archived=q.include_archived,
            )

    def page(
        self,
        q: Query,
        offset: int,
        limit: int,
        after: tuple[uuid.UUID, tuple[Any, ...]] | None = None,
    ) -> list[tuple[uuid.UUID, tuple[Any, ...]]]:
        """The page at ``offset``; given ``after`` (the previous page's last row), the page that
        follows that row, sought by its sort value and id (keyset paging: a page deep in a
        100 000-row register costs what the first one does)."""
        from auditdesk.services import registers

        seek = None
        if after is not None:
            sort = q.sort or registers.spec(self.register).default_sort
            seek = (after[1][registers.spec(self.register).keys.index(sort)], after[0])
        with self.session_factory() as s:
            return registers.fetch_rows(
                s,
                self.register,
                offset=0 if seek is not None else offset,
                limit=limit,
                after=seek,
                sort=q.sort,
                descending=q.descending,
                filters=q.filters,
                search=q.search,
                include_archived=q.include_archived,
            )


class RegisterModel(QAbstractTableModel):
    PAGE = 200
    loaded = Signal()  # a (re)query's first page arrived

    def __init__(
        self,
        source: RegisterSource,
        register: str,
        columns: tuple[str, ...],
        parent: Any = None,
        query: Query | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.register = register
        self.columns = columns
        # Rows come in the register's own column order; a view may show fewer, reordered.
        from auditdesk.services import registers

        keys = registers.spec(register).keys
        self._value_index = [keys.index(k) for k in columns]
        self.query = query or Query()
        self.today: Callable[[], dt.date] = dt.date.today  # the day overdue rows are judged by
        self._rows: list[tuple[uuid.UUID, tuple[Any, ...]]] = []
        self._total = 0
        self._generation = 0  # results of an older query are dropped
        self._fetching = False
        self.loading = False
        self.error: BaseException | None = None
        self._cell_errors: set[tuple[str, str]] = set()  # (column, error type) logged once
        self.refresh()

    # -- queries -----------------------------------------------------------------------------
    def set_query(self, **changes: Any) -> None:
        self.query = replace(self.query, **changes)
        self.refresh()

    def refresh(self) -> None:
        """Count again and load the first page (after an edit, a filter change, a sort).

        The queries run through the job runner, off the GUI thread; the old rows stay on
        screen until the new ones arrive, then ``loaded`` fires. (With the synchronous
        executor of the tests this all happens before ``refresh`` returns.)
        """
        from auditdesk.ui.jobs import run_job

        self._generation += 1
        generation, query, source, page_size = self._generation, self.query, self.source, self.PAGE
        self.loading = True

        def work(_job: Any) -> tuple[list[tuple[uuid.UUID, tuple[Any, ...]]], int]:
            rows = source.page(query, 0, page_size)
            # A short first page is the whole result: no COUNT scan needed.
            return rows, (len(rows) if len(rows) < page_size else source.count(query))

        def done(result: tuple[list[tuple[uuid.UUID, tuple[Any, ...]]], int]) -> None:
            self._apply(generation, result[0], result[1], None)

        def failed(exc: BaseException) -> None:  # shown by the widget; the model stays usable
            self._apply(generation, [], 0, exc)

        run_job(work, done, failed, None)

    def _apply(
        self,
        generation: int,
        rows: list[tuple[uuid.UUID, tuple[Any, ...]]],
        total: int,
        error: BaseException | None,
    ) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows, self._total, self.error = rows, total, error
        self._fetching = False
        self.endResetModel()
        self.loading = False
        self.loaded.emit()

    @property
    def total(self) -> int:
        return self._total

    def id_at(self, row: int) -> uuid.UUID | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: uuid.UUID) -> int:
        for i, (rid, _values) in enumerate(self._rows):
            if rid == record_id:
                return i
        return -1

    def reload_row(self, record_id: uuid.UUID) -> None:
        """Refresh one loaded row in place (after an edit or an undo), off the GUI thread.

        When that fails, the row keeps its old values and ``error`` says why: ``loaded``
        fires so the widget shows it (never a silent give-up)."""
        from auditdesk.ui.jobs import run_job

        if self.row_of(record_id) < 0:
            return
        generation, source = self._generation, self.source
        query = replace(self.query, filters={**self.query.filters, "ids": [record_id]})

        def done(fresh: list[tuple[uuid.UUID, tuple[Any, ...]]]) -> None:
            row = self.row_of(record_id)
            if generation != self._generation or row < 0 or not fresh:
                return
            self._rows[row] = fresh[0]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

        def failed(exc: BaseException) -> None:
            log.warning("could not reload %s row %s", self.register, record_id, exc_info=exc)
            if generation == self._generation:
                self.error = exc
                self.loaded.emit()

        run_job(lambda _job: source.page(query, 0, 1), done, failed, None)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The next page, in the background; the rows are appended when they arrive."""
        from auditdesk.ui.jobs import run_job

        if parent.isValid() or self._fetching or len(self._rows) >= self._total:
            return
        self._fetching = True
        generation, query, source, offset, size, last = (
            self._generation,
            self.query,
            self.source,
            len(self._rows),
            self.PAGE,
            self._rows[-1] if self._rows else None,
        )

        def done(page: list[tuple[uuid.UUID, tuple[Any, ...]]]) -> None:
            if generation != self._generation or offset != len(self._rows):
                return
            self._fetching = False
            if not page:  # rows vanished meanwhile: stop asking
                self._total = len(self._rows)
                return
            self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._fetching = False
                self.error = exc
                self._total = len(self._rows)

        run_job(lambda _job: source.page(query, offset, size, last), done, failed, None)

    @returns_to_qt
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return labels.column(self.columns[section])
            if role == IdRole:
                return self.columns[section]
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @returns_to_qt
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or index.row() >= len(self._rows)
            or index.column() >= len(self.columns)
        ):
            return None
        try:
            record_id, values = self._rows[index.row()]
            value = values[self._value_index[index.column()]]
            key = self.columns[index.column()]
            if role == Qt.ItemDataRole.DisplayRole:
                return self.format(key, value)
            if role == Qt.ItemDataRole.ToolTipRole:
                text = self.format(key, value)
                return text if len(text) > 30 else None
            if role == IdRole:
                return str(record_id)
            if role == RawRole:
                return value.isoformat() if isinstance(value, dt.date) else value
            if (
                role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)
                and self.register == "ncs"
            ):
                return self._overdue_brush(values, role)
            if (
                role == Qt.ItemDataRole.TextAlignmentRole
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        except Exception as exc:  # noqa: BLE001 — a Qt model must not raise: shown as ⚠ + why
            return self._unshowable(index, role, exc)
        return None

    def _unshowable(self, index: Index, role: int, exc: Exception) -> Any:
        key = self.columns[index.column()]
        if (key, type(exc).__name__) not in self._cell_errors:
            self._cell_errors.add((key, type(exc).__name__))
            log.warning("cannot show %s.%s", self.register, key, exc_info=exc)
        if role == Qt.ItemDataRole.DisplayRole:
            return UNSHOWABLE
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{labels.column(key)}: {type(exc).__name__}: {exc}"
        return None

    def _overdue_brush(self, values: tuple[Any, ...], role: int) -> Any:
        """Overdue NCs stand out in the register as in the review queue (issue 6: everywhere)."""
        from PySide6.QtGui import QBrush

        from auditdesk.services.registers import nc_row_overdue

        if not nc_row_overdue(values, self.today()):
            return None
        background = role == Qt.ItemDataRole.BackgroundRole
        return QBrush(palette.color("overdue_bg" if background else "overdue"))

    def format(self, key: str, value: Any) -> str:
        if value is None:
            return ""
        group = labels.ENUM_GROUPS.get((self.register, key))
        if group:
            return labels.label(group, value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    # Sorting happens in SQL: the view's header click lands here.
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            self.set_query(
                sort=self.columns[column], descending=order == Qt.SortOrder.DescendingOrder
            )
