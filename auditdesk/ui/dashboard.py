"""The dashboard: figures that open the filtered register when clicked, and charts."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.services import changes
from auditdesk.services.changes import OpChanges
from auditdesk.services.dashboard import Dashboard
from auditdesk.ui import labels, palette
from auditdesk.ui.charts import BarChart
from auditdesk.ui.context import AppContext


class FigureButton(QPushButton):
    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName(f"figure_{code}")
        self.setMinimumHeight(84)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.value = 0

    def show_value(self, value: int, caption: str, alarm: bool) -> None:
        self.value = value
        self.setText(f"{value}\n{caption}")
        color = palette.css("error" if alarm and value else "figure")
        self.setStyleSheet(
            f"QPushButton {{ font-size: 15px; color: {color}; text-align: center; padding: 8px; }}"
        )


class DashboardPage(QWidget):
    # register name, filters
    open_register = Signal(str, dict)

    ALARMS = {"overdue_ncs", "certificates_at_risk", "suspension_required", "withdrawal_required"}
    # What the figures are computed from: a write to any of these makes them old.
    SHOWS = frozenset(
        {
            changes.CLIENTS,
            changes.CERTIFICATES,
            changes.AUDITS,
            changes.PLAN,
            changes.NONCONFORMITIES,
            changes.AUDITORS,
            changes.SETTINGS,
        }
    )
    COLUMNS = 4

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.setObjectName("dashboard")
        self.data: Dashboard | None = None
        self._computing = False
        self._computed_at = 0.0
        self._again = False  # a write came while computing: compute once more after
        ctx.changed.connect(self._on_changes)
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("dashboardHeading")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        head.addWidget(self.heading, 1)
        head.addWidget(self.refresh_button)
        outer.addLayout(head)
        self._build_cnca_block(outer)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.grid = QGridLayout(body)
        self.figures: dict[str, FigureButton] = {}
        codes = (
            "overdue_ncs",
            "certificates_at_risk",
            "suspension_required",
            "withdrawal_required",
            "audits_due_30",
            "audits_due_60",
            "audits_due_90",
        )
        cols = self.COLUMNS
        for i, code in enumerate(codes):
            b = FigureButton(code)
            b.clicked.connect(lambda _c=False, k=code: self._open(k))
            self.figures[code] = b
            self.grid.addWidget(b, i // cols, i % cols)
        charts = (len(codes) + cols - 1) // cols  # first row below the figures
        self.month_chart = BarChart()
        self.month_chart.setObjectName("chartAuditsPerMonth")
        self.closure_chart = BarChart()
        self.closure_chart.setObjectName("chartNcClosure")
        self.closure_chart.role = "chart_closure"
        self.load_chart = BarChart()
        self.load_chart.setObjectName("chartAuditorLoad")
        self.load_chart.role = "chart_load"
        self.month_chart.bar_clicked.connect(self._open_month)
        self.load_chart.bar_clicked.connect(self._open_auditor)
        self.grid.addWidget(self.month_chart, charts, 0, 1, 2)
        self.grid.addWidget(self.closure_chart, charts, 2, 1, 2)
        self.grid.addWidget(self.load_chart, charts + 1, 0, 1, cols)
        self._build_breach_block(charts + 2, cols)
        for col in range(cols):
            self.grid.setColumnStretch(col, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.retranslate()

    # ---- unhandled surveillance breaches (DOMAIN §3, CNCA-QMS-01:2025 §5.4.1.4) ----

    def _build_breach_block(self, row: int, cols: int) -> None:
        """A list of late or missed surveillances whose required suspension is not recorded;
        clicking a row opens its certificate in the register."""
        self.breach_box = QGroupBox()
        self.breach_box.setObjectName("breachBox")
        layout = QVBoxLayout(self.breach_box)
        self.breach_table = QTableWidget(0, 7)
        self.breach_table.setObjectName("breachTable")
        self.breach_table.verticalHeader().setVisible(False)
        self.breach_table.horizontalHeader().setStretchLastSection(True)
        self.breach_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.breach_table.cellClicked.connect(self._open_breach)
        layout.addWidget(self.breach_table)
        self.grid.addWidget(self.breach_box, row, 0, 1, cols)

    def _show_breaches(self) -> None:
        from auditdesk.services.basis_words import basis_words
        from auditdesk.ui.i18n import current_language

        self.breach_box.setTitle(self.tr("Unhandled breaches: suspension and report required"))
        self.breach_table.setHorizontalHeaderLabels(
            [
                self.tr("Certificate"),
                self.tr("Audit"),
                self.tr("Latest date"),
                self.tr("Days in breach"),
                self.tr("Rule"),
                self.tr("Suspension"),
                self.tr("Report to the regulator"),
            ]
        )
        found = self.data.unhandled_breaches if self.data else ()
        self.breach_table.setRowCount(len(found))
        for row, b in enumerate(found):
            br = b.breach
            audit = labels.label("entry", br.entry)
            if br.done_date is not None:
                audit += " — " + self.tr("done late %1").replace("%1", br.done_date.isoformat())
            cells = [
                b.number,
                audit,
                br.latest.isoformat(),
                str(br.days),
                basis_words(br.basis, current_language()),
                b.suspension_recorded_on.isoformat()
                if b.suspension_recorded_on
                else self.tr("not recorded"),
                f"{b.report.reported_on.isoformat()} ({b.report.reference})"
                if b.report
                else self.tr("not recorded"),
            ]
            for col, text in enumerate(cells):
                self.breach_table.setItem(row, col, QTableWidgetItem(text))

    def _open_breach(self, row: int, _col: int) -> None:
        if self.data is not None and row < len(self.data.unhandled_breaches):
            cert = self.data.unhandled_breaches[row].certificate_id
            self.open_register.emit("certificates", {"ids": [str(cert)]})

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        self._show()
        self._show_cnca()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    STALE_AFTER_S = 300

    def refresh_if_stale(self) -> None:
        """Showing the page recomputes only old figures (Refresh or F5 always recompute)."""
        if self._computing or (
            self.data is not None
            and time.monotonic() - self._computed_at < self.STALE_AFTER_S
            and self.data.on == self.today()
        ):
            return
        self.refresh()

    def _on_changes(self, op: OpChanges) -> None:
        """A write changed what the figures come from: recompute now if the page is shown,
        else when it is shown next (each computation is seconds of work in a worker process)."""
        if not op.touches(self.SHOWS):
            return
        self._computed_at = float("-inf")  # old: the next refresh_if_stale recomputes
        if self._computing:
            self._again = True
        elif self.isVisible():
            self.refresh()

    def _compute_again(self) -> None:
        if self._again:
            self._again = False
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        """Recompute in the background: every certificate's programme goes through the rules."""
        from auditdesk.ui.jobs import run_in_process

        on = self.today()
        self._computing = True
        self._computed_at = time.monotonic()

        # Seconds of CPU-bound Python: in a worker process, so the window stays responsive.
        run_in_process(
            "auditdesk.ui.worker_process:dashboard",
            (on,),
            self._set_data,
            self._failed,
            None,
            url=self.ctx.db.url,
            user=self.ctx.user,
            parent=self,
            session_factory=self.ctx.session,
        )
        self._refresh_cnca(on)

    # --- CNCA monthly upload deadline (issue 19) ------------------------------------------------
    MONTHS = (
        QT_TRANSLATE_NOOP("DashboardPage", "January"),
        QT_TRANSLATE_NOOP("DashboardPage", "February"),
        QT_TRANSLATE_NOOP("DashboardPage", "March"),
        QT_TRANSLATE_NOOP("DashboardPage", "April"),
        QT_TRANSLATE_NOOP("DashboardPage", "May"),
        QT_TRANSLATE_NOOP("DashboardPage", "June"),
        QT_TRANSLATE_NOOP("DashboardPage", "July"),
        QT_TRANSLATE_NOOP("DashboardPage", "August"),
        QT_TRANSLATE_NOOP("DashboardPage", "September"),
        QT_TRANSLATE_NOOP("DashboardPage", "October"),
        QT_TRANSLATE_NOOP("DashboardPage", "November"),
        QT_TRANSLATE_NOOP("DashboardPage", "December"),
    )

    def _build_cnca_block(self, outer: QVBoxLayout) -> None:
        self.cnca_due = None
        self.cnca_label = QLabel()
        self.cnca_label.setObjectName("cncaDue")
        self.cnca_label.setWordWrap(True)
        outer.addWidget(self.cnca_label)
        self.cnca_label.hide()

    def _refresh_cnca(self, on: dt.date) -> None:
        from auditdesk.ui.jobs import run_in_process

        run_in_process(
            "auditdesk.services.cnca_reporting:due_on",
            (on,),
            self._set_cnca,
            lambda exc: None,  # the deadline line is a hint; the main figures report errors
            None,
            url=self.ctx.db.url,
            user=self.ctx.user,
            parent=self,
            session_factory=self.ctx.session,
        )

    def _set_cnca(self, due: Any) -> None:
        self.cnca_due = due
        self._show_cnca()

    def cnca_text(self) -> str:
        due = self.cnca_due
        if due is None:
            return ""
        month = int(due.month[5:7])
        tr = lambda t: QCoreApplication.translate("DashboardPage", t)  # noqa: E731
        day = (
            self.tr("%1 %2")
            .replace("%1", str(due.due.day))
            .replace("%2", tr(self.MONTHS[due.due.month - 1]))
        )
        if not due.pending:
            text = self.tr("%1 data due %2: everything reported")
        else:
            text = self.tr("%1 data due %2: %3 plans, %4 certificates, %5 results not yet reported")
        text = (
            text.replace("%1", tr(self.MONTHS[month - 1]))
            .replace("%2", day)
            .replace("%3", str(due.plans))
            .replace("%4", str(due.certificates))
            .replace("%5", str(due.results))
        )
        if due.overdue:
            text += " — " + self.tr("overdue")
        return text

    def _show_cnca(self) -> None:
        text = self.cnca_text()
        self.cnca_label.setVisible(bool(text))
        overdue = self.cnca_due is not None and self.cnca_due.overdue
        color = palette.css("error" if overdue else "figure")
        self.cnca_label.setStyleSheet(
            f"QLabel {{ color: {color}; font-size: 14px; padding: 4px; }}"
        )
        self.cnca_label.setText(text)

    def _set_data(self, data: Dashboard) -> None:
        self._computing = False
        self.data = data
        self._show()
        self._compute_again()

    def _failed(self, exc: BaseException) -> None:
        from auditdesk.ui.errors import show_error

        self._computing = False
        show_error(exc, self)
        self._compute_again()

    def _show(self) -> None:
        on = self.data.on if self.data else self.today()
        self.heading.setText(
            "<h2>"
            + self.tr("Dashboard")
            + "</h2>"
            + self.tr("As of %1").replace("%1", on.isoformat())
        )
        self._show_breaches()
        if self.data is None:
            return
        for f in self.data.figures:
            b = self.figures.get(f.code)
            if b is None:
                continue
            b.show_value(f.value, labels.label("figure", f.code), f.code in self.ALARMS)
            b.setToolTip(
                labels.basis_text(f.basis) if f.basis else self.tr("Click to open the list")
            )
        months = [
            self.tr("Jan"),
            self.tr("Feb"),
            self.tr("Mar"),
            self.tr("Apr"),
            self.tr("May"),
            self.tr("Jun"),
            self.tr("Jul"),
            self.tr("Aug"),
            self.tr("Sep"),
            self.tr("Oct"),
            self.tr("Nov"),
            self.tr("Dec"),
        ]
        self.month_chart.set_data(
            self.tr("Audits per month, %1").replace("%1", str(on.year)),
            months,
            [float(v) for v in self.data.audits_per_month],
        )
        self.closure_chart.set_data(
            self.tr("NC closure time (days from issue to closure)"),
            [b for b, _n in self.data.closure_buckets],
            [float(n) for _b, n in self.data.closure_buckets],
        )
        load = self.data.auditor_load[:12]
        limit = load[0].limit if load else None
        self.load_chart.set_data(
            self.tr("Auditor on-site days this year (limit %1)").replace(
                "%1", f"{limit:g}" if limit else "—"
            ),
            [a.name_zh or a.name_en for a in load],
            [a.onsite_days for a in load],
            limit,
        )
        if load:
            self.load_chart.setToolTip(
                self.load_chart.toolTip() + "\n" + labels.basis_text(load[0].basis)
            )

    def _open(self, code: str) -> None:
        if self.data is None:
            return
        for f in self.data.figures:
            if f.code == code:
                self.open_register.emit(f.register, dict(f.filters))

    def _open_month(self, month_index: int) -> None:
        on = self.data.on if self.data else self.today()
        first = dt.date(on.year, month_index + 1, 1)
        last = dt.date(on.year + (month_index == 11), (month_index + 1) % 12 + 1, 1) - dt.timedelta(
            days=1
        )
        self.open_register.emit("audits", {"start_date": (first, last)})

    def _open_auditor(self, index: int) -> None:
        if self.data is not None and index < len(self.data.auditor_load):
            self.open_register.emit(
                "auditors", {"ids": [str(self.data.auditor_load[index].auditor_id)]}
            )

    def figure_values(self) -> dict[str, Any]:
        return {code: b.value for code, b in self.figures.items()}
