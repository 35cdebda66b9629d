"""Workspace dialogs: termination (撤组), check-in photos (认证到), coverage heatmap."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditdesk.services.termination import (
    Agreement,
    AgreementRole,
    TerminationData,
    TerminationReason,
)
from auditdesk.ui import palette
from auditdesk.ui.workspace.editor import from_qdatetime
from auditdesk.ui.workspace.words import word


class TerminationDialog(QDialog):
    """Reasons of DOMAIN.md §8, a note, the date, who agreed and when, optional re-audit date."""

    def __init__(
        self, audit_label: str, start: dt.date | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Terminate audit (撤组) — %1").replace("%1", audit_label))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Reasons (the team leader proposes, the CB decides):")))
        self.reasons = QListWidget()
        for r in TerminationReason:
            item = QListWidgetItem(word("reason", r.value))
            item.setData(Qt.ItemDataRole.UserRole, r.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.reasons.addItem(item)
        layout.addWidget(self.reasons)
        form = QFormLayout()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(60)
        form.addRow(self.tr("Note"), self.note)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        form.addRow(self.tr("Terminated on"), self.on)
        self.reaudit_set = QCheckBox(self.tr("CB sets the re-audit date"))
        self.reaudit = QDateEdit(QDate.currentDate().addMonths(1))
        self.reaudit.setEnabled(False)
        self.reaudit_set.toggled.connect(self.reaudit.setEnabled)
        form.addRow(self.reaudit_set, self.reaudit)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Agreed by:")))
        self.agreed = QTableWidget(len(AgreementRole), 3)
        self.agreed.setHorizontalHeaderLabels([self.tr("Role"), self.tr("Name"), self.tr("When")])
        self._when: list[QDateTimeEdit] = []
        for row, role in enumerate(AgreementRole):
            cell = QTableWidgetItem(word("agreement", role.value))
            cell.setData(Qt.ItemDataRole.UserRole, role.value)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.agreed.setItem(row, 0, cell)
            self.agreed.setItem(row, 1, QTableWidgetItem(""))
            when = QDateTimeEdit(QDateTime.currentDateTime())
            when.setDisplayFormat("yyyy-MM-dd HH:mm")
            self.agreed.setCellWidget(row, 2, when)
            self._when.append(when)
        self.agreed.horizontalHeader().setStretchLastSection(True)
        self.agreed.setColumnWidth(1, 160)
        layout.addWidget(self.agreed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 640)

    def data(self) -> TerminationData:
        reasons = [
            TerminationReason(self.reasons.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.reasons.count())
            if self.reasons.item(i).checkState() == Qt.CheckState.Checked
        ]
        agreed = []
        for row in range(self.agreed.rowCount()):
            name_cell, role_cell = self.agreed.item(row, 1), self.agreed.item(row, 0)
            name = name_cell.text().strip() if name_cell is not None else ""
            if name and role_cell is not None:
                agreed.append(
                    Agreement(
                        AgreementRole(role_cell.data(Qt.ItemDataRole.UserRole)),
                        name,
                        from_qdatetime(self._when[row].dateTime()),
                    )
                )
        return TerminationData(
            reasons=reasons,
            terminated_on=_date(self.on.date()),
            agreed_by=agreed,
            note=self.note.toPlainText(),
            reaudit_due=_date(self.reaudit.date()) if self.reaudit_set.isChecked() else None,
        )


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def heat_colour(count: int, peak: int) -> QColor:
    if count <= 0:
        return palette.color("unsampled_bg")  # never sampled: soft red
    strength = min(1.0, count / max(peak, 1))
    if palette.is_dark():  # light text on it: dark greens, darker with more samples
        return QColor.fromHsvF(0.33, 0.45 + 0.3 * strength, 0.42 - 0.17 * strength)
    return QColor.fromHsvF(0.33, 0.25 + 0.6 * strength, 0.92 - 0.25 * strength)


class HeatCellDelegate(QStyledItemDelegate):
    """The current cell gets a frame, not the selection colour, so its heat colour stays visible."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state = plain.state & ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            painter.setPen(QPen(palette.color("mark"), 3))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class CoverageDialog(QDialog):
    """Heatmaps: this audit's clause × site counts, and each certificate's clause × audit cycle.

    The cells act: a click, or Enter on the current cell (arrows move it), emits ``clauseChosen``
    with the clause number and the site (None: all sites) and closes the dialog — its counts are a
    snapshot, and the auditor is now going to add evidence there; the Coverage button reopens it fresh."""

    clauseChosen = Signal(str, object)  # clause number, site id (None: all sites)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Coverage"))
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.hint = QLabel(
            self.tr(
                "Click a cell, or move with the arrow keys and press Enter, "
                "to open that clause in the workspace."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color:{palette.css('muted')}")
        layout.addWidget(self.hint)
        layout.addWidget(self.tabs)
        self.resize(1000, 760)

    def _count_words(self, count: int) -> str:
        if count == 1:
            return self.tr("1 evidence item")
        return (
            self.tr("%1 evidence items").replace("%1", str(count))
            if count
            else self.tr("No evidence yet")
        )

    def add_site_table(
        self,
        title: str,
        rows: list[tuple[str, str]],
        sites: list[tuple[object, str]],
        counts: list[list[int]],
        must_cover_rows: set[int] | None = None,
    ) -> QTableWidget:
        """This audit: one row per clause, one column per site (site id None = evidence with no site)."""
        must_cover_rows = must_cover_rows or set()

        def cell(r: int, c: int, count: int) -> tuple[str, object]:
            (number, name), (site, site_name) = rows[r], sites[c]
            lines = [
                self.tr("Clause %1 %2").replace("%1", number).replace("%2", name),
                self.tr("Site: %1").replace("%1", site_name)
                if site is not None
                else self.tr("Site: none given"),
                self._count_words(count),
            ]
            if r in must_cover_rows:
                lines.append(self.tr("Every surveillance must cover this clause"))
            lines.append(
                self.tr("Click or press Enter to open this clause at this site.")
                if site is not None
                else self.tr("Click or press Enter to open this clause (all sites).")
            )
            return "\n".join(lines), (number, site)

        return self._add_table(title, rows, [n for _s, n in sites], counts, must_cover_rows, cell)

    def add_cycle_table(
        self,
        title: str,
        rows: list[tuple[str, str]],
        audits: list[tuple[str, str, bool]],
        counts: list[list[int]],
        never_sampled_rows: set[int] | None = None,
        openable: set[str] | None = None,
    ) -> QTableWidget:
        """A certificate's cycle: one row per clause, one column per audit (number, start date, is this audit).

        A cell of a clause this workspace has (``openable``) opens it here, over all sites."""
        never_sampled_rows = never_sampled_rows or set()
        openable = openable if openable is not None else {n for n, _t in rows}

        def cell(r: int, c: int, count: int) -> tuple[str, object]:
            (number, name), (audit, start, this) = rows[r], audits[c]
            audit_line = (
                (self.tr("This audit: %1 (%2)") if this else self.tr("Audit: %1 (%2)"))
                .replace("%1", audit)
                .replace("%2", start or "—")
            )
            lines = [
                self.tr("Clause %1 %2").replace("%1", number).replace("%2", name),
                audit_line,
                self._count_words(count),
            ]
            if r in never_sampled_rows:
                lines.append(self.tr("Not sampled in any audit of this cycle"))
            if number in openable:
                lines.append(
                    self.tr("Click or press Enter to open this clause in this audit (all sites).")
                )
                return "\n".join(lines), (number, None)
            return "\n".join(lines), None

        columns = [f"{audit}\n{start}" for audit, start, _this in audits]
        table = self._add_table(title, rows, columns, counts, never_sampled_rows, cell)
        for c, (_a, _s, this) in enumerate(audits):
            head = table.horizontalHeaderItem(c)
            if this and head is not None:
                bold = QFont(head.font())
                bold.setBold(True)
                head.setFont(bold)
        return table

    def _add_table(
        self,
        title: str,
        rows: list[tuple[str, str]],
        columns: list[str],
        counts: list[list[int]],
        highlight_rows: set[int],
        cell,
    ) -> QTableWidget:
        table = QTableWidget(len(rows), len(columns))
        table.setHorizontalHeaderLabels(columns)
        table.setVerticalHeaderLabels([f"{n} {t}" for n, t in rows])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)  # Tab leaves the heatmap; arrows move between its cells
        table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        table.setItemDelegate(HeatCellDelegate(table))
        peak = max((c for r in counts for c in r), default=1)
        for r, line in enumerate(counts):
            for c, value in enumerate(line):
                tip, target = cell(r, c, value)
                item = QTableWidgetItem(str(value) if value else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QBrush(heat_colour(value, peak)))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(tip)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, tip.replace("\n", "; "))
                item.setData(Qt.ItemDataRole.UserRole, target)
                table.setItem(r, c, item)
            if r in highlight_rows:
                head = table.verticalHeaderItem(r)
                if head is not None:
                    head.setForeground(QBrush(palette.color("error")))
                    head.setText("⚠ " + head.text())
        table.horizontalHeader().setDefaultSectionSize(110)
        table.verticalHeader().setDefaultSectionSize(22)
        # A click opens at once; Enter (and a double-click) arrive as activated. Choosing twice is harmless.
        table.cellClicked.connect(lambda r, c, t=table: self.choose(t, r, c))
        table.activated.connect(lambda index, t=table: self.choose(t, index.row(), index.column()))
        if rows and columns:
            table.setCurrentCell(0, 0)
        self.tabs.addTab(table, title)
        return table

    def showEvent(self, event) -> None:
        super().showEvent(event)
        current = self.tabs.currentWidget()
        if current is not None:
            current.setFocus()  # the keyboard starts on the first heatmap's first cell

    def choose(self, table: QTableWidget, row: int, column: int) -> bool:
        """Open the clause of a cell in the workspace (and close the dialog); False if the cell opens nothing."""
        item = table.item(row, column)
        target = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not target:
            return False
        number, site = target
        self.clauseChosen.emit(number, site)
        self.accept()
        return True


class CheckInDialog(QDialog):
    """Check-in photos of the audit: moment, time and place of each; what the 认证到 rules say
    about them; the team as a checklist the leader ticks; the site's coordinates."""

    tick = Signal(str, bool)  # auditor id, ticked
    site_entered = Signal(float, float)
    site_from_photo = Signal()
    meetings_entered = Signal(object, object, object)  # aware datetimes: opening, closing start/end

    def __init__(
        self,
        rows: list[tuple],
        parent: QWidget | None = None,
        *,
        team: list[tuple] | None = None,
        site: tuple[float, float] | None = None,
        notes: list[str] | None = None,
        meetings: tuple[dt.datetime, dt.datetime, dt.datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check-in photos (认证到)"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Moment"), self.tr("Time"), self.tr("Place"), self.tr("File")]
        )
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QIcon

        from auditdesk.ui.workspace.attachments_view import thumbnail

        self.table.setIconSize(QSize(64, 64))
        self.table.verticalHeader().setDefaultSectionSize(70)
        for r, (_id, moment, when, place, name, path, sha) in enumerate(rows):
            for c, text in enumerate((moment, when, place, name)):
                self.table.setItem(r, c, QTableWidgetItem(text))
            first = self.table.item(r, 0)
            if first is not None:
                first.setIcon(QIcon(thumbnail(path, sha, 64)))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.notes = QListWidget()
        self.notes.setObjectName("checkInNotes")
        self.notes.addItems(notes or [])
        self.notes.setVisible(bool(notes))
        self.notes.setMaximumHeight(110)
        layout.addWidget(self.notes)
        layout.addWidget(
            QLabel(
                self.tr("Team on the photos (tick each member, incl. experts, trainees, remote):")
            )
        )
        self.team = QListWidget()
        self.team.setObjectName("checkInTeam")
        self.team.setMaximumHeight(130)
        for ref, name, role, ticked in team or []:
            item = QListWidgetItem(f"{name}  ({role})")
            item.setData(Qt.ItemDataRole.UserRole, ref)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.team.addItem(item)
        self.team.itemChanged.connect(
            lambda it: self.tick.emit(
                str(it.data(Qt.ItemDataRole.UserRole)), it.checkState() == Qt.CheckState.Checked
            )
        )
        layout.addWidget(self.team)
        site_row = QFormLayout()
        self.site = QLineEdit("" if site is None else f"{site[0]:.6f}, {site[1]:.6f}")
        self.site.setObjectName("checkInSite")
        self.site.setPlaceholderText(self.tr("latitude, longitude (e.g. 31.2304, 121.4737)"))
        self.site.editingFinished.connect(self._site_typed)
        site_row.addRow(self.tr("Site coordinates"), self.site)
        self.meeting_edits: list[QDateTimeEdit] = []
        for label, value in zip(
            (
                self.tr("Opening meeting starts"),
                self.tr("Closing meeting starts"),
                self.tr("Closing meeting ends"),
            ),
            meetings or (None, None, None),
            strict=True,
        ):
            edit = QDateTimeEdit()
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
            if value is not None:
                edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(value.timestamp())))
            edit.editingFinished.connect(self._meetings_typed)
            self.meeting_edits.append(edit)
            site_row.addRow(label, edit)
        layout.addLayout(site_row)
        buttons = QDialogButtonBox()
        self.use_photo = buttons.addButton(
            self.tr("Use first geotagged photo"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.use_photo.clicked.connect(self.site_from_photo.emit)
        self.add_opening = buttons.addButton(
            self.tr("Add opening-meeting photo…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.add_closing = buttons.addButton(
            self.tr("Add closing-meeting photo…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(860, 620)

    def _meetings_typed(self) -> None:
        values = [from_qdatetime(e.dateTime()) for e in self.meeting_edits]
        if values[2] >= values[1] >= values[0]:
            self.meetings_entered.emit(*values)

    def _site_typed(self) -> None:
        text = self.site.text().replace("，", ",").strip()
        if not text:
            return
        try:
            lat, lon = (float(p) for p in text.split(","))
        except ValueError:
            self.site.setStyleSheet(f"QLineEdit {{ border: 1px solid {palette.css('error')}; }}")
            return
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.site.setStyleSheet(f"QLineEdit {{ border: 1px solid {palette.css('error')}; }}")
            return
        self.site.setStyleSheet("")
        self.site_entered.emit(lat, lon)


class PlaceDialog(QDialog):
    """Where a check-in photo was taken (and when, prefilled from EXIF)."""

    def __init__(self, when: dt.datetime | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check-in photo"))
        form = QFormLayout(self)
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("e.g. 2nd floor meeting room, main plant"))
        self.when = QDateTimeEdit(
            QDateTime.currentDateTime()
            if when is None
            else QDateTime.fromSecsSinceEpoch(int(when.timestamp()))
        )
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Time"), self.when)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, dt.datetime]:
        return self.place.text().strip(), from_qdatetime(self.when.dateTime())
