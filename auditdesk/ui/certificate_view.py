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
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.model import CertificateEventKind
from auditdesk.services import certificate_events, changes
from auditdesk.services.certificates import get_certificate
from auditdesk.services.changes import OpChanges
from auditdesk.services.errors import Conflict, IllegalTransition, ServiceError, ValidationFailed
from auditdesk.ui import labels, palette
from auditdesk.ui.conflict_reload import (
    MERGE,
    ask_reload_or_merge,
    headline,
    name_conflict,
    resolve_conflict,
)
from auditdesk.ui.context import AppContext
from auditdesk.ui.documents import export_certificate


class StatusEventDialog(QDialog):
    """Asks the reason and date (and the new scope for a scope change), then records the event."""

    def __init__(
        self,
        ctx: AppContext,
        cert_id: uuid.UUID,
        kind: CertificateEventKind,
        scope: str,
        parent: QWidget | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.cert_id, self.kind = ctx, cert_id, kind
        # What the dialog showed: the save is checked against it (issue 14 point 7).
        self.version_seen, self.loaded = version, {"scope": scope}
        self.conflicts: list[Exception] = []
        self.ask_conflict: Callable[[BaseException, QWidget | None], str] = ask_reload_or_merge
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
        self.conflict_note = QLabel()
        self.conflict_note.setObjectName("eventConflict")
        self.conflict_note.setStyleSheet(f"color: {palette.css('error')};")
        self.conflict_note.setWordWrap(True)
        self.conflict_note.hide()
        form.addRow(self.conflict_note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _read(self) -> tuple[dict[str, Any], int]:
        with self.ctx.session() as s:
            cert = get_certificate(s, self.cert_id)
            return {"scope": cert.scope_zh}, cert.version

    def record(self, *, retry: bool = True) -> bool:
        """Record the event; a certificate someone else changed since this dialog showed it
        is never overwritten: reload theirs, merge (my scope on top of theirs) or keep mine."""
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
                    expected_version=self.version_seen,
                )
        except Conflict as exc:
            return self._on_conflict(exc, retry)
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
        self.conflict_note.hide()
        self.accept()
        return True

    def _on_conflict(self, exc: Conflict, retry: bool) -> bool:
        self.conflicts.append(exc)
        name_conflict(exc, self.ctx.session)
        mine = {"scope": self.scope.toPlainText()}
        outcome = resolve_conflict(
            exc, base=self.loaded, mine=mine, reload=self._read, parent=self, ask=self.ask_conflict
        )
        self.conflict_note.setText(headline(exc))
        self.conflict_note.show()
        if outcome is None:  # keep mine: the typed reason and scope stay, unsaved
            return False
        self.loaded, self.version_seen = self._read()
        # The reason and date are this event's own, never the record's: they stay as typed.
        self.scope.setPlainText(str(outcome.values["scope"]))
        if outcome.choice != MERGE or not retry:
            return False
        if outcome.both_changed:
            # Both changed the scope: mine is shown on top of theirs, to look at before OK.
            self.conflict_note.setText(
                headline(exc)
                + " "
                + self.tr("You both changed the scope; yours is shown: check it and press OK.")
            )
            return False
        return self.record(retry=False)


class RegulatorReportDialog(QDialog):
    """Records that a breach's suspension was reported to the regulator: which breach (those
    of the current cycle without a report), the day and the reference (CNCA-QMS-01:2025
    §5.4.1.4: suspend and report)."""

    def __init__(
        self,
        ctx: AppContext,
        cert_id: uuid.UUID,
        owed: list[Any],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.cert_id, self.today = ctx, cert_id, today
        self.setObjectName("regulatorReportDialog")
        self.setWindowTitle(self.tr("Report to the regulator"))
        form = QFormLayout(self)
        self.entry = QComboBox()
        self.entry.setObjectName("reportEntry")
        for b in owed:
            br = b.breach
            self.entry.addItem(
                self.tr("%1: latest %2, %3 days in breach")
                .replace("%1", labels.label("entry", br.entry))
                .replace("%2", br.latest.isoformat())
                .replace("%3", str(br.days)),
                br.entry.value,
            )
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setObjectName("reportDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.reference = QLineEdit()
        self.reference.setObjectName("reportReference")
        self.note = QPlainTextEdit()
        self.note.setObjectName("reportNote")
        self.note.setFixedHeight(60)
        self.errors = {k: QLabel() for k in ("entry", "reported_on", "reference")}
        for lab in self.errors.values():
            lab.setStyleSheet(f"color: {palette.css('error')};")
            lab.setWordWrap(True)
            lab.hide()
        form.addRow(self.tr("Breach"), self.entry)
        form.addRow("", self.errors["entry"])
        form.addRow(self.tr("Reported on"), self.date)
        form.addRow("", self.errors["reported_on"])
        form.addRow(self.tr("Reference") + " *", self.reference)
        form.addRow("", self.errors["reference"])
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _message(self, code: str) -> str:
        return {
            "required": self.tr("Required."),
            "before_breach": self.tr("Before the breach began (the day after the latest date)."),
            "in_future": self.tr("A report cannot be dated after today."),
            "already_reported": self.tr("A report is already recorded for this breach."),
            "no_breach": self.tr("This surveillance is not in breach."),
            "unknown": self.tr("Not a surveillance."),
        }.get(code, code)

    def record(self) -> bool:
        on = self.date.date().toPython()
        assert isinstance(on, dt.date)
        for lab in self.errors.values():
            lab.hide()
        try:
            with self.ctx.session() as s:
                certificate_events.record_regulator_report(
                    s,
                    self.cert_id,
                    str(self.entry.currentData() or ""),
                    on,
                    self.reference.text(),
                    self.note.toPlainText(),
                    today=self.today,
                )
        except ValidationFailed as exc:
            for field, code in exc.errors.items():
                lab = self.errors.get(field, self.errors["entry"])
                lab.setText(self._message(code))
                lab.show()
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
        ctx.changed.connect(self._on_changes)
        self._scope = ""
        self._version: int | None = None
        self._number = ""
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
        # CNCA-QMS-01:2025 §5.1.2 conditions of the client and the IAF MD2 transfer review
        self.rules_note = QLabel()
        self.rules_note.setObjectName("certRulesNote")
        self.rules_note.setWordWrap(True)
        self.rules_note.hide()
        outer.addWidget(self.rules_note)

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
        grid.addWidget(self.plan_button, 2, 0)
        # The certificate document (17021-1 8.2.2) in Word or PDF, exports.certificate_document
        self.certificate_button = QPushButton()
        self.certificate_button.setObjectName("exportCertificateButton")
        self.certificate_button.setEnabled(False)  # until a certificate is shown
        self.certificate_button.clicked.connect(lambda: self.export_certificate())
        grid.addWidget(self.certificate_button, 2, 1)
        self.report_button = QPushButton()
        self.report_button.setObjectName("regulatorReportButton")
        self.report_button.clicked.connect(self.open_report_dialog)
        # beside "Plan an audit…": a row of its own would not fit a 1092×542 window
        grid.addWidget(self.report_button, 2, 2)
        self._owed: list[Any] = []
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
        self.certificate_button.setText(self.tr("Export certificate…"))
        self.certificate_button.setToolTip(
            self.tr("The certificate document in Word or PDF (ISO/IEC 17021-1 8.2.2)")
        )
        self.report_button.setText(self.tr("Record report to the regulator…"))
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

    # Its programme, risk and events come from these besides the certificate itself.
    SHOWS_ALSO = frozenset(
        {changes.CLIENTS, changes.AUDITS, changes.PLAN, changes.NONCONFORMITIES, changes.SETTINGS}
    )

    def _on_changes(self, op: OpChanges) -> None:
        """Reload the shown certificate when a write (anywhere) changed what it shows."""
        if self.cert_id is None:
            return
        ours = self.cert_id in op.ids_of(changes.CERTIFICATES) or (changes.CERTIFICATES in op.bulk)
        if ours or op.touches(self.SHOWS_ALSO):
            try:
                self.load(self.cert_id)
            except ServiceError:  # the certificate is gone (merged away): show none
                self.unload()

    def unload(self) -> None:
        """Show no certificate (the register's current row went away)."""
        self.cert_id = None
        self._scope, self._version = "", None
        for label in (self.status, self.risk, self.application, self.rules_note):
            label.clear()
        self.rules_note.hide()
        self.programme.setRowCount(0)
        self.events.setRowCount(0)
        for b in self.event_buttons.values():
            b.setEnabled(False)
        self.plan_button.setEnabled(False)
        self.certificate_button.setEnabled(False)
        self.report_button.setEnabled(False)
        self._owed = []
        self.title.setText(self.tr("Select a certificate."))

    def load(self, cert_id: uuid.UUID) -> None:
        from auditdesk.services.certificates import get_certificate
        from auditdesk.services.nc_schedule import certificate_risk
        from auditdesk.services.programme import certificate_programme

        self.cert_id = cert_id
        with self.ctx.session() as s:
            cert = get_certificate(s, cert_id)
            self._number = str(cert.number)
            cp = certificate_programme(s, cert_id, self.today())
            allowed = {
                k: certificate_events.check_event(s, cert, k)
                for k in certificate_events.USER_EVENTS
            }
            risk = certificate_risk(s, cert_id, self.today())
            from auditdesk.services.rules_checks import application_findings, transfer_check

            conditions = application_findings(s, cert.organisation_id, self.today())
            transfer = transfer_check(s, cert_id, self.today())
            transfer_facts = (
                (
                    transfer.record.issuing_cb,
                    transfer.record.previous_number,
                    transfer.record.review_on,
                    transfer.record.decision_on,
                )
                if transfer is not None
                else None
            )
            org, std = cert.organisation, cert.standard
            self._scope, self._version = cert.scope_zh, cert.version
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
        self._show_rules_note(conditions, transfer, transfer_facts)

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
        self.certificate_button.setEnabled(True)
        self._owed = [b for b in owed if b.report is None]
        self.report_button.setEnabled(bool(self._owed) and may_edit)
        self.report_button.setToolTip(
            ""
            if self._owed
            else self.tr("No breach of this cycle is waiting for its report to the regulator.")
        )
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
        rows += self._transfer_rows(transfer, transfer_facts)
        rows.sort(key=lambda r: r[0])
        self.events.setRowCount(len(rows))
        for row, (_on, cells, alarm) in enumerate(rows):
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the breach texts are longer than their columns
                if alarm:
                    item.setForeground(palette.color("error"))
                self.events.setItem(row, col, item)

    def _breach_cells(self, b: Any) -> list[str]:
        """A late or missed surveillance in the history: the suspension and report it required
        (CNCA-QMS-01:2025 §5.4.1.4) and whether each was recorded, with dates."""
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
        report = b.report
        if report is None:
            reported = self.tr("report to the regulator not recorded")
        elif report.source == "cnca_monthly":
            reported = (
                self.tr("reported %1 in the CNCA monthly file %2")
                .replace("%1", report.reported_on.isoformat())
                .replace("%2", report.reference)
            )
        else:
            reported = (
                self.tr("reported %1 (%2)")
                .replace("%1", report.reported_on.isoformat())
                .replace("%2", report.reference)
            )
        return [
            br.suspension_from.isoformat(),
            event,
            self._basis_text(br.basis),
            self.tr("%1; %2").replace("%1", recorded).replace("%2", reported),
        ]

    def _basis_text(self, basis: Any) -> str:
        """The rule behind a date, with the rule-set transition or the admin's override
        ("CNCA-QMS-01:2025 §5.4.1.4, in force from 2026-01-01; issued under CNCA-QMS-2016")."""
        from auditdesk.services.basis_words import basis_words
        from auditdesk.ui.i18n import current_language

        return basis_words(basis, current_language())

    def _show_rules_note(self, conditions: Any, transfer: Any, facts: Any) -> None:
        """The client's §5.1.2 findings on today (no recertification or new certificate while
        they stand) and a transferred certificate's MD2 review with its findings and deadline."""
        from auditdesk import catalogue
        from auditdesk.services.basis_words import basis_words
        from auditdesk.ui.i18n import current_language

        lang = current_language()

        def finding(f: Any) -> str:
            text = f"{catalogue.word('finding', f.code, lang)} — {basis_words(f.basis, lang)}"
            if f.date is not None:
                text += " (" + f.date.isoformat() + ")"
            return text

        lines = []
        alarm = bool(conditions)
        if conditions:
            lines.append(
                self.tr("Application conditions: %1").replace(
                    "%1", "; ".join(finding(f) for f in conditions)
                )
            )
        if transfer is not None:
            cb, number, review, decision = facts
            lines.append(
                self.tr("Transferred from %1 (%2): review %3, decision %4")
                .replace("%1", cb)
                .replace("%2", number or "-")
                .replace("%3", review.isoformat() if review else self.tr("not done"))
                .replace("%4", decision.isoformat() if decision else self.tr("not taken"))
            )
            if transfer.deadline is not None:
                lines.append(
                    self.tr("Transfer to be completed by %1 — %2")
                    .replace("%1", transfer.deadline.date.isoformat())
                    .replace("%2", basis_words(transfer.deadline.basis, lang))
                )
            lines += [finding(f) for f in transfer.findings]
            alarm = alarm or any(
                not f.code.endswith("as_recertification") for f in transfer.findings
            )
        self.rules_note.setText("\n".join(lines))
        self.rules_note.setVisible(bool(lines))
        self.rules_note.setStyleSheet(
            f"color: {palette.css('error')}; background: {palette.css('risk_bg')}; padding: 4px;"
            if alarm
            else "padding: 4px;"
        )

    def _transfer_rows(self, transfer: Any, facts: Any) -> list[tuple[dt.date, list[str], bool]]:
        """The IAF MD2 pre-transfer review and the transfer decision as history rows."""
        if transfer is None:
            return []
        cb, number, review, decision = facts
        alarm = any(not f.code.endswith("as_recertification") for f in transfer.findings)
        out = []
        if review is not None:
            out.append(
                (
                    review,
                    [
                        review.isoformat(),
                        self.tr("Pre-transfer review (IAF MD2)"),
                        f"{cb} {number}".strip(),
                        transfer.record.reviewer,
                    ],
                    alarm,
                )
            )
        if decision is not None:
            out.append(
                (
                    decision,
                    [decision.isoformat(), self.tr("Transfer decision"), cb, ""],
                    alarm,
                )
            )
        return out

    def rules_note_text(self) -> str:
        return self.rules_note.text()

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

    def report_dialog(self) -> RegulatorReportDialog | None:
        """The dialog recording the report of a breach still waiting for it (None if none)."""
        if self.cert_id is None or not self._owed:
            return None
        return RegulatorReportDialog(self.ctx, self.cert_id, self._owed, self.today(), self)

    def open_report_dialog(self) -> bool:
        """Record the report of one of the breaches still waiting for it; True if recorded."""
        dialog = self.report_dialog()
        if dialog is None or self.cert_id is None:
            return False
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load(self.cert_id)
            self.changed.emit(self.cert_id)
            return True
        return False

    def export_certificate(
        self, choice: tuple[str, str] | None = None, target: str | None = None
    ) -> Any:
        """Word or PDF of the certificate document (asks format, language and file)."""
        if self.cert_id is None:
            return None
        return export_certificate(
            self, self.ctx.db, self.ctx.user, self.cert_id, self._number, choice, target
        )

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
        return StatusEventDialog(
            self.ctx, self.cert_id, kind, self._scope, self, version=self._version
        )

    def open_event_dialog(self, kind: CertificateEventKind) -> None:
        if self.cert_id is None:
            return
        dialog = self.event_dialog(kind)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load(self.cert_id)
            self.changed.emit(self.cert_id)
