"""A certificate beside the register: its data, its audit programme from the rules engine
(window, latest date, state; rule and clause in the tooltip), its events, and the status-event
dialogs (suspend, restore, withdraw, cancel, reduce/extend scope)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.model import CertificateEventKind
from auditdesk.services import certificate_events
from auditdesk.services.errors import IllegalTransition, ValidationFailed
from auditdesk.ui import labels, palette
from auditdesk.ui.context import AppContext


class StatusEventDialog(QDialog):
    """Asks the reason and date (and the new scope for a scope change), then records the event."""

    def __init__(
        self,
        ctx: AppContext,
        cert_id: uuid.UUID,
        kind: CertificateEventKind,
        scope: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.cert_id, self.kind = ctx, cert_id, kind
        self.setObjectName("statusEventDialog")
        self.setWindowTitle(labels.label("event", kind))
        form = QFormLayout(self)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setObjectName("eventDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("eventReason")
        self.reason.setFixedHeight(80)
        self.scope = QPlainTextEdit(scope)
        self.scope.setObjectName("eventScope")
        self.scope.setFixedHeight(80)
        self.errors = {k: QLabel() for k in ("date", "reason", "scope_after", "kind")}
        for lab in self.errors.values():
            lab.setStyleSheet(f"color: {palette.css('error')};")
            lab.setWordWrap(True)
            lab.hide()
        form.addRow(labels.column("date"), self.date)
        form.addRow("", self.errors["date"])
        form.addRow(labels.column("reason") + " *", self.reason)
        form.addRow("", self.errors["reason"])
        if kind in certificate_events.SCOPE_EVENTS:
            form.addRow(labels.column("scope_after") + " *", self.scope)
            form.addRow("", self.errors["scope_after"])
        form.addRow(self.errors["kind"])
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def record(self) -> bool:
        on = self.date.date().toPython()
        assert isinstance(on, dt.date)
        for lab in self.errors.values():
            lab.hide()
        try:
            with self.ctx.session() as s:
                certificate_events.record_event(
                    s,
                    self.cert_id,
                    self.kind,
                    on,
                    self.reason.toPlainText(),
                    self.scope.toPlainText()
                    if self.kind in certificate_events.SCOPE_EVENTS
                    else None,
                )
        except ValidationFailed as exc:
            for field, code in exc.errors.items():
                lab = self.errors.get(field, self.errors["kind"])
                lab.setText(labels.validation(code))
                lab.show()
            return False
        except IllegalTransition as exc:
            reason = exc.details.get("reason")
            self.errors["kind"].setText(
                f"{labels.label('refusal', reason)} ({exc.details.get('rule', '')} "
                f"{exc.details.get('clause', '')})"
            )
            self.errors["kind"].show()
            return False
        self.accept()
        return True


class CertificateView(QWidget):
    changed = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.setObjectName("certificateView")
        self.cert_id: uuid.UUID | None = None
        self._scope = ""
        outer = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("certTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.title)
        self.status = QLabel()
        self.status.setObjectName("certStatus")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        # At risk from overdue NCs (nc_schedule.certificate_risk): proposed action and its rule.
        self.risk = QLabel()
        self.risk.setObjectName("certRisk")
        self.risk.setWordWrap(True)
        self.risk.setStyleSheet(
            f"color: {palette.css('error')}; background: {palette.css('risk_bg')}; padding: 4px;"
        )
        self.risk.hide()
        outer.addWidget(self.risk)

        self.programme_box = QGroupBox()
        pl = QVBoxLayout(self.programme_box)
        self.programme = QTableWidget(0, 6)
        self.programme.setObjectName("programmeTable")
        self.programme.verticalHeader().setVisible(False)
        self.programme.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.programme.horizontalHeader().setStretchLastSection(True)
        self.programme.setWordWrap(False)
        self.programme.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.programme.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        pl.addWidget(self.programme)
        self.application = QLabel()
        self.application.setObjectName("applicationDue")
        pl.addWidget(self.application)
        outer.addWidget(self.programme_box)

        self.actions_box = QGroupBox()
        grid = QGridLayout(self.actions_box)
        self.event_buttons: dict[CertificateEventKind, QPushButton] = {}
        for i, kind in enumerate(certificate_events.USER_EVENTS):
            b = QPushButton()
            b.setObjectName(f"event_{kind.value}")
            b.clicked.connect(lambda _c=False, k=kind: self.open_event_dialog(k))
            grid.addWidget(b, i // 3, i % 3)
            self.event_buttons[kind] = b
        self.plan_button = QPushButton()
        self.plan_button.setObjectName("planAuditButton")
        self.plan_button.clicked.connect(self.plan_audit)
        grid.addWidget(self.plan_button, 2, 0, 1, 3)
        outer.addWidget(self.actions_box)

        self.events_box = QGroupBox()
        el = QVBoxLayout(self.events_box)
        self.events = QTableWidget(0, 4)
        self.events.setObjectName("eventsTable")
        self.events.verticalHeader().setVisible(False)
        self.events.horizontalHeader().setStretchLastSection(True)
        self.events.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        el.addWidget(self.events)
        outer.addWidget(self.events_box, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.programme_box.setTitle(self.tr("Audit programme"))
        self.programme.setHorizontalHeaderLabels(
            [
                self.tr("Audit"),
                self.tr("Window opens"),
                self.tr("Latest date"),
                self.tr("State"),
                self.tr("Planned audit"),
                self.tr("Done on"),
            ]
        )
        self.actions_box.setTitle(self.tr("Status and scope"))
        for kind, b in self.event_buttons.items():
            b.setText(labels.label("event", kind) + "…")
        self.plan_button.setText(self.tr("Plan an audit…"))
        self.events_box.setTitle(self.tr("History"))
        self.events.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Event"), self.tr("Reason"), self.tr("By")]
        )
        if self.cert_id is not None:
            self.load(self.cert_id)
        else:
            self.title.setText(self.tr("Select a certificate."))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def unload(self) -> None:
        """Show no certificate (the register's current row went away)."""
        self.cert_id = None
        self._scope = ""
        for label in (self.status, self.risk, self.application):
            label.clear()
        self.programme.setRowCount(0)
        self.events.setRowCount(0)
        for b in self.event_buttons.values():
            b.setEnabled(False)
        self.plan_button.setEnabled(False)
        self.title.setText(self.tr("Select a certificate."))

    def load(self, cert_id: uuid.UUID) -> None:
        from auditdesk.services.certificates import get_certificate
        from auditdesk.services.nc_schedule import certificate_risk
        from auditdesk.services.programme import certificate_programme

        self.cert_id = cert_id
        with self.ctx.session() as s:
            cert = get_certificate(s, cert_id)
            cp = certificate_programme(s, cert_id, self.today())
            allowed = {
                k: certificate_events.check_event(s, cert, k)
                for k in certificate_events.USER_EVENTS
            }
            risk = certificate_risk(s, cert_id, self.today())
            org, std = cert.organisation, cert.standard
            self._scope = cert.scope_zh
            self.title.setText(
                f"<b>{cert.number}</b> — {org.name_zh}<br>{std.code} {std.national_code}<br>"
                + self.tr("Issued %1, expires %2")
                .replace("%1", cert.issue_date.isoformat())
                .replace("%2", cert.expiry_date.isoformat())
                + f"<br>{labels.column('scope_zh')}: {cert.scope_zh}"
            )
            events = [(e.event_date, e.kind, e.reason, e.by_user) for e in cert.events]
            owed = certificate_events.breach_history(s, cert_id, self.today())
            planned: dict[str, tuple[str, dt.date | None]] = {}
            for a in sorted(cert.audits, key=lambda a: a.start_date or dt.date.max):
                if a.status.value in ("planned", "in_progress") and not a.archived:
                    when = a.start_date.isoformat() if a.start_date else ""
                    planned.setdefault(a.audit_type.value, (f"{when} ({a.number})", a.start_date))
        status = cp.status
        text = self.tr("Status: %1").replace("%1", labels.label("status_code", status.code))
        if status.deadline:
            text += "  —  " + self.tr("next date %1").replace("%1", status.deadline.isoformat())
        self.status.setText(text)
        self.status.setToolTip(self._basis_text(status.basis))
        warn = status.code.value in ("suspension_required", "withdrawal_required")
        self.status.setStyleSheet(
            f"color: {palette.css('error')}; font-weight: bold;" if warn else "font-weight: bold;"
        )
        self._show_risk(risk)

        entries = cp.programme.entries
        self.programme.setRowCount(len(entries))
        row_h = self.programme.verticalHeader().defaultSectionSize()
        self.programme.setFixedHeight(
            self.programme.horizontalHeader().sizeHint().height()
            + row_h * len(entries)
            + 2 * self.programme.frameWidth()
            + 2
        )
        for row, e in enumerate(entries):
            cells = [
                labels.label("entry", e.kind),
                e.window_start.isoformat(),
                e.latest.isoformat(),
                self.tr("done late (%1 days)").replace("%1", str(e.late_days))
                if e.late_days
                else labels.label("entry_state", e.state),
                planned.get(e.kind.value, ("", None))[0],
                e.done_date.isoformat() if e.done_date else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    self.tr("Latest: %1\nWindow: %2")
                    .replace("%1", self._basis_text(e.basis))
                    .replace("%2", labels.basis_text(e.window_basis))
                )
                planned_on = planned.get(e.kind.value, ("", None))[1]
                late_plan = col == 4 and planned_on is not None and planned_on > e.latest
                if e.state.value == "overdue" or late_plan or e.late_days:
                    item.setForeground(palette.color("error"))
                if late_plan:
                    item.setToolTip(
                        self.tr("Planned after the latest date %1.").replace(
                            "%1", e.latest.isoformat()
                        )
                    )
                self.programme.setItem(row, col, item)
        app = cp.programme.recertification_application_due
        self.application.setText(
            self.tr("Recertification application due: %1").replace("%1", app.date.isoformat())
        )
        self.application.setToolTip(labels.basis_text(app.basis))
        may_edit = self.ctx.can("edit_registers")
        self.plan_button.setEnabled(self.ctx.can("plan_audit"))
        for kind, b in self.event_buttons.items():
            t = allowed[kind]
            b.setEnabled(t.allowed and may_edit)
            b.setToolTip(
                ""
                if t.allowed
                else f"{labels.label('refusal', t.reason)}\n{labels.basis_text(t.basis)}"
            )
        rows = [
            (on, [on.isoformat(), labels.label("event", kind), reason, by], False)
            for on, kind, reason, by in events
        ] + [(b.breach.suspension_from, self._breach_cells(b), not b.handled) for b in owed]
        rows.sort(key=lambda r: r[0])
        self.events.setRowCount(len(rows))
        for row, (_on, cells, alarm) in enumerate(rows):
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if alarm:
                    item.setForeground(palette.color("error"))
                self.events.setItem(row, col, item)

    def _breach_cells(self, b: Any) -> list[str]:
        """A late or missed surveillance in the history: the suspension and report it required
        (CNCA-QMS-01:2025 §5.4.1.4) and whether the suspension was recorded."""
        br = b.breach
        what = (
            self.tr("%1 done late (%2 days): suspension and report required")
            if br.done_date
            else self.tr("%1 missed (%2 days so far): suspension and report required")
        )
        event = what.replace("%1", labels.label("entry", br.entry)).replace("%2", str(br.days))
        recorded = (
            self.tr("suspension recorded %1").replace("%1", b.suspension_recorded_on.isoformat())
            if b.suspension_recorded_on
            else self.tr("suspension not recorded")
        )
        return [
            br.suspension_from.isoformat(),
            event,
            self._basis_text(br.basis),
            recorded + "; " + self.tr("report to the regulator not tracked"),
        ]

    def _basis_text(self, basis: Any) -> str:
        """The rule behind a date, with the rule-set transition or the admin's override
        ("CNCA-QMS-01:2025 §5.4.1.4, in force from 2026-01-01; issued under CNCA-QMS-2016")."""
        text = labels.basis_text(basis)
        if basis is None:
            return text
        if getattr(basis, "in_force_from", None) is not None:
            text += (
                self.tr(", in force from %1; issued under %2")
                .replace("%1", basis.in_force_from.isoformat())
                .replace("%2", basis.issued_under or "")
            )
        if getattr(basis, "override", False):
            text += self.tr(" (rule set set by hand)")
        return text

    def _show_risk(self, risk: Any) -> None:
        from auditdesk.ui.nc.texts import NCTexts

        self.risk.setVisible(risk is not None)
        if risk is None:
            self.risk.clear()
            return
        texts = NCTexts(self)
        overdue = "; ".join(
            f"{n.number} ({', '.join(texts.overdue(f) for f in sorted(n.flags))} {n.due or ''})"
            for n in risk.ncs
        )
        text = (
            self.tr("At risk: %1 proposed (%2).")
            .replace("%1", texts.proposed_action(risk.action))
            .replace("%2", texts.basis(risk.basis))
            + " "
            + self.tr("Overdue nonconformities: %1").replace("%1", overdue)
        )
        if risk.suspension_ends is not None:
            text += " " + self.tr("Withdrawal after %1.").replace(
                "%1", risk.suspension_ends.date.isoformat()
            )
        self.risk.setText(text)
        self.risk.setToolTip(
            "\n".join(
                f"{n.number}: {texts.proposed_action(n.action)} — {texts.basis(n.basis)}"
                for n in risk.ncs
            )
        )

    def risk_text(self) -> str:
        return self.risk.text()

    def plan_audit(self) -> None:
        if self.cert_id is not None and self.ctx.navigate is not None:
            self.ctx.navigate("plan_audit", {"id": self.cert_id})

    def programme_rows(self) -> list[list[str]]:
        return [
            [self.programme.item(r, c).text() for c in range(self.programme.columnCount())]
            for r in range(self.programme.rowCount())
        ]

    def event_dialog(self, kind: CertificateEventKind) -> StatusEventDialog:
        assert self.cert_id is not None
        return StatusEventDialog(self.ctx, self.cert_id, kind, self._scope, self)

    def open_event_dialog(self, kind: CertificateEventKind) -> None:
        if self.cert_id is None:
            return
        dialog = self.event_dialog(kind)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load(self.cert_id)
            self.changed.emit(self.cert_id)
