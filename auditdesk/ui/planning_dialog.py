"""Planning an audit (admin): certificates, type, dates, mode, team and the plan document
(17021-1 9.2.3); the MD5 days, MD1 sites and programme window are proposed, the rules' team
checks and the plan's clashes show beside the team.

With ``audit_id`` the same dialog changes a planned audit: reschedule, re-team, edit the plan
document, or cancel the audit — each with a reason, kept in the history shown at the bottom.
A team without a team leader, or a person already on another audit at the same time, is
refused in words (which person, which audit).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.model import (
    Audit,
    AuditMode,
    AuditStatus,
    AuditType,
    Certificate,
    TeamRole,
)
from auditdesk.services import plan_agenda, plan_words, planning
from auditdesk.services.errors import Conflict, ValidationFailed
from auditdesk.ui import labels, palette
from auditdesk.ui.conflict_reload import (
    MERGE,
    ask_reload_or_merge,
    headline,
    name_conflict,
    resolve_conflict,
)
from auditdesk.ui.context import AppContext
from auditdesk.ui.i18n import current_language

PLANNABLE = (
    AuditType.SURVEILLANCE_1,
    AuditType.SURVEILLANCE_2,
    AuditType.RECERTIFICATION,
    AuditType.STAGE1,
    AuditType.STAGE2,
    AuditType.SPECIAL,
    AuditType.SHORT_NOTICE,
    AuditType.TRANSFER,
)
TEAM_ROLES = (
    TeamRole.TEAM_LEADER,
    TeamRole.AUDITOR,
    TeamRole.TECH_EXPERT,
    TeamRole.OBSERVER,
    TeamRole.TRAINEE,
)
LANGUAGES = ("zh", "en", "zh+en")
COL_ROLE, COL_NAME, COL_DAYS, COL_CODES = range(4)


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _plan_values(audit: Audit) -> dict[str, Any]:
    """The planned audit's fields as the dialog edits them (compared field by field when a
    colleague saved the plan meanwhile)."""
    doc = planning.document_of(audit)
    return {
        "start_date": audit.start_date,
        "end_date": audit.end_date,
        "mode": audit.mode.value,
        "planned_days": audit.planned_days,
        "team": tuple(sorted((str(m.auditor_id), m.role.value, m.days) for m in audit.team)),
        **{f.name: getattr(doc, f.name) for f in dataclasses.fields(doc)},
    }


def _parse_date(text: str) -> dt.date | None:
    """'' → None; raises ValueError (with the reason) for a wrong or impossible date."""
    text = text.strip()
    if not text:
        return None
    return dt.date.fromisoformat(text)


class PlanningDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        certificate_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        *,
        audit_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.audit_id = audit_id
        self.setObjectName("planningDialog")
        self.created_id: uuid.UUID | None = None
        self.changed = False
        self.version_seen: int | None = None
        self.loaded: dict[str, Any] = {}
        self.conflicts: list[Exception] = []
        self.ask_conflict: Callable[[BaseException, QWidget | None], str] = ask_reload_or_merge
        existing = None
        with ctx.session() as s:
            if audit_id is not None:
                audit = s.get(Audit, audit_id)
                assert audit is not None
                certificate_id = sorted(audit.certificates, key=lambda c: c.number)[0].id
                existing = {
                    "number": audit.number,
                    "status": audit.status,
                    "type": audit.audit_type,
                    "start": audit.start_date,
                    "end": audit.end_date,
                    "mode": audit.mode,
                    "days": audit.planned_days,
                    "certs": {c.id for c in audit.certificates},
                    "team": [(m.auditor_id, m.role, m.days) for m in audit.team],
                    "document": planning.document_of(audit),
                }
                self.version_seen, self.loaded = audit.version, _plan_values(audit)
            assert certificate_id is not None
            cert = s.get(Certificate, certificate_id)
            assert cert is not None
            self.client = cert.organisation.name_zh
            siblings = planning.client_certificates(s, certificate_id)
            self.cert_rows = [(c.id, f"{c.number}  {c.standard.code}") for c in siblings]
            self.cert_codes = {
                c.id: tuple(x.strip() for x in (c.technical_codes or "").split(",") if x.strip())
                for c in siblings
            }
            self.auditors = [
                (a.id, a.name_zh + (f" ({a.name_en})" if a.name_en else ""))
                for a in planning.auditors(s)
            ]
            self.auditor_codes = {
                a.id: tuple(x.strip() for x in a.technical_codes.split(",") if x.strip())
                for a in planning.auditors(s, include_archived=True)
            }
        self.existing = existing
        self.auditor_names = dict(self.auditors)
        checked = existing["certs"] if existing else {certificate_id}

        outer = QHBoxLayout(self)
        # -- left: what and when, and the plan document ------------------------------------
        left_widget = QWidget()
        left = QVBoxLayout(left_widget)
        left.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.heading = QLabel()
        self.heading.setObjectName("planHeading")
        self.heading.setWordWrap(True)
        left.addWidget(self.heading)
        self.client_label = QLabel(self.client)
        self.client_label.setWordWrap(True)
        form.addRow(labels.column("client"), self.client_label)
        self.certs = QListWidget()
        self.certs.setObjectName("planCertificates")
        self.certs.setMaximumHeight(70)
        self.certs.setAccessibleName(labels.column("certificates"))
        for cid, text in self.cert_rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(cid))
            item.setCheckState(Qt.CheckState.Checked if cid in checked else Qt.CheckState.Unchecked)
            self.certs.addItem(item)
        self.certs.itemChanged.connect(lambda _i: self.update_proposal())
        self.certs.setEnabled(existing is None)
        form.addRow(labels.column("certificates"), self.certs)
        self.audit_type = QComboBox()
        self.audit_type.setObjectName("planType")
        self.audit_type.setAccessibleName(labels.column("audit_type"))
        for t in PLANNABLE:
            self.audit_type.addItem(labels.label("audit_type", t), t.value)
        if existing:
            self.audit_type.setCurrentIndex(
                max(0, self.audit_type.findData(existing["type"].value))
            )
            self.audit_type.setEnabled(False)
        self.audit_type.currentIndexChanged.connect(lambda _i: self.update_proposal())
        form.addRow(labels.column("audit_type"), self.audit_type)
        today = dt.date.today()
        start0 = (existing or {}).get("start") or today + dt.timedelta(days=30)
        end0 = (existing or {}).get("end") or start0 + dt.timedelta(days=1)
        self.start = QDateEdit(_qdate(start0))
        self.end = QDateEdit(_qdate(end0))
        for d, key in ((self.start, "start_date"), (self.end, "end_date")):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.setAccessibleName(labels.column(key))
            d.dateChanged.connect(self._on_date)
        self.start.setObjectName("planStart")
        self.end.setObjectName("planEnd")
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.end)
        self.dates_caption = QLabel()
        form.addRow(self.dates_caption, dates)
        self.mode = QComboBox()
        self.mode.setObjectName("planMode")
        self.mode.setAccessibleName(labels.column("mode"))
        for m in AuditMode:
            self.mode.addItem(f"{m.value} {labels.label('audit_mode', m)}", m.value)
        if existing:
            self.mode.setCurrentIndex(max(0, self.mode.findData(existing["mode"].value)))
        form.addRow(labels.column("mode"), self.mode)
        self.days = QDoubleSpinBox()
        self.days.setObjectName("planDays")
        self.days.setAccessibleName(labels.column("planned_days"))
        self.days.setRange(0, 999)
        self.days.setSingleStep(0.5)
        self.days.setDecimals(1)
        if existing and existing["days"] is not None:
            self.days.setValue(existing["days"])
        form.addRow(labels.column("planned_days"), self.days)
        left.addLayout(form)

        self.document_box = QGroupBox()
        dl = QFormLayout(self.document_box)
        doc = existing["document"] if existing else planning.PlanDocument()
        self.plan_number = QLineEdit(doc.plan_number)
        self.plan_number.setObjectName("planNumber")
        self.plan_issued = QLineEdit(doc.plan_issued_on.isoformat() if doc.plan_issued_on else "")
        self.plan_issued.setObjectName("planIssuedOn")
        self.plan_approver = QLineEdit(doc.plan_approved_by)
        self.plan_approver.setObjectName("planApprovedBy")
        self.language = QComboBox()
        self.language.setObjectName("planLanguage")
        for code in LANGUAGES:
            self.language.addItem(code, code)
        self.language.setCurrentIndex(max(0, self.language.findData(doc.audit_language or "zh")))
        self.confidentiality = QLineEdit(doc.plan_confidentiality)
        self.confidentiality.setObjectName("planConfidentiality")
        self.accompanying = QLineEdit(doc.accompanying_persons)
        self.accompanying.setObjectName("planAccompanying")
        self.confirmed_by = QLineEdit(doc.client_confirmed_by)
        self.confirmed_by.setObjectName("planConfirmedBy")
        self.confirmed_on = QLineEdit(
            doc.client_confirmed_on.isoformat() if doc.client_confirmed_on else ""
        )
        self.confirmed_on.setObjectName("planConfirmedOn")
        for w in (self.plan_issued, self.confirmed_on):
            w.setPlaceholderText(self.tr("yyyy-mm-dd"))
        self.doc_captions = [QLabel() for _ in range(8)]
        for cap, w in zip(
            self.doc_captions,
            (
                self.plan_number,
                self.plan_issued,
                self.plan_approver,
                self.language,
                self.confidentiality,
                self.accompanying,
                self.confirmed_by,
                self.confirmed_on,
            ),
            strict=True,
        ):
            dl.addRow(cap, w)
        left.addWidget(self.document_box)

        self.proposal_box = QGroupBox()
        pl = QVBoxLayout(self.proposal_box)
        self.proposal = QLabel()
        self.proposal.setObjectName("planProposal")
        self.proposal.setWordWrap(True)
        pl.addWidget(self.proposal)
        left.addWidget(self.proposal_box)
        left.addStretch(1)
        # Scrolls when the screen is short (1280×720 at 125 %: 504 logical px); fit.scrolled
        # keeps the scroll bar beside the fields, never over their right edge.
        from auditdesk.ui.fit import scrolled

        outer.addWidget(scrolled(left_widget, "planLeftScroll"), 5)

        # -- right: team, checks, history, reason, buttons ---------------------------------
        right = QVBoxLayout()
        self.team_box = QGroupBox()
        tl = QVBoxLayout(self.team_box)
        self.team = QTableWidget(0, 4)
        self.team.setObjectName("planTeam")
        header = self.team.horizontalHeader()
        # Cell widgets do not count for ResizeToContents: the role and days columns are sized
        # from their widgets (_fit_columns), the name column takes the rest.
        header.setSectionResizeMode(COL_ROLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_DAYS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_CODES, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(60)
        self.team.verticalHeader().setVisible(False)
        tl.addWidget(self.team)
        row = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.setObjectName("planAddMember")
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("planRemoveMember")
        self.remove_button.clicked.connect(self.remove_member)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        tl.addLayout(row)
        right.addWidget(self.team_box, 3)
        self.warn_box = QGroupBox()
        wl = QVBoxLayout(self.warn_box)
        self.warnings = QListWidget()
        self.warnings.setObjectName("planWarnings")
        self.warnings.setWordWrap(True)
        wl.addWidget(self.warnings)
        right.addWidget(self.warn_box, 2)
        self.history_box = QGroupBox()
        hl = QVBoxLayout(self.history_box)
        self.history = QListWidget()
        self.history.setObjectName("planHistory")
        self.history.setWordWrap(True)
        hl.addWidget(self.history)
        right.addWidget(self.history_box, 1)
        self.history_box.setVisible(existing is not None)
        reason_row = QHBoxLayout()
        self.reason_caption = QLabel()
        self.reason = QLineEdit()
        self.reason.setObjectName("planReason")
        reason_row.addWidget(self.reason_caption)
        reason_row.addWidget(self.reason, 1)
        self.reason_widget = QWidget()
        self.reason_widget.setLayout(reason_row)
        self.reason_widget.setVisible(existing is not None)
        right.addWidget(self.reason_widget)
        self.error = QLabel()
        self.error.setObjectName("planError")
        self.error.setStyleSheet(f"color: {palette.css('error')};")
        self.error.setWordWrap(True)
        right.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.plan_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.plan_button.setObjectName("planButton")
        self.cancel_audit_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_audit_button.setObjectName("planCancelAudit")
        self.cancel_audit_button.setVisible(
            existing is not None and existing["status"] is AuditStatus.PLANNED
        )
        self.cancel_audit_button.clicked.connect(self.cancel_audit)
        buttons.accepted.connect(self.plan)
        buttons.rejected.connect(self.reject)
        right.addWidget(buttons)
        outer.addLayout(right, 6)
        self.resize(1280, 690)
        self._days_touched = existing is not None
        self._dates_touched = existing is not None
        self.days.valueChanged.connect(lambda _v: setattr(self, "_days_touched", True))
        self.retranslate()
        if existing:
            for auditor_id, role, days in existing["team"]:
                self.add_member(auditor_id, role, days)
            self.load_history()
        self.update_proposal()
        self._dates_touched = existing is not None

    # -- words -------------------------------------------------------------------------------
    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange and hasattr(self, "history"):
            self.retranslate()
            self.update_proposal()
            self.load_history()
        super().changeEvent(e)

    def retranslate(self) -> None:
        if self.existing:
            self.setWindowTitle(
                self.tr("Change audit plan %1").replace("%1", self.existing["number"])
            )
            status = labels.label("audit_status", self.existing["status"])
            self.heading.setText(
                "<b>"
                + self.existing["number"]
                + "</b> · "
                + labels.label("audit_type", self.existing["type"])
                + " · "
                + status
            )
            self.plan_button.setText(self.tr("Save changes"))
        else:
            self.setWindowTitle(self.tr("Plan an audit"))
            self.heading.setText("")
            self.plan_button.setText(self.tr("Plan audit"))
        self.heading.setVisible(bool(self.existing))
        self.cancel_audit_button.setText(self.tr("Cancel this audit…"))
        self.close_button.setText(self.tr("Close"))
        self.dates_caption.setText(self.tr("Dates"))
        self.document_box.setTitle(self.tr("Plan document (ISO/IEC 17021-1 9.2.3)"))
        for cap, text in zip(
            self.doc_captions,
            (
                self.tr("Plan number"),
                self.tr("Issued on"),
                self.tr("Approved by"),
                self.tr("Audit language"),
                self.tr("Confidentiality"),
                self.tr("Accompanying persons"),
                self.tr("Confirmed by (client)"),
                self.tr("Confirmed on"),
            ),
            strict=True,
        ):
            cap.setText(text)
        self.confidentiality.setPlaceholderText(self.tr("Standard confidentiality statement"))
        self.accompanying.setPlaceholderText(self.tr("Guides, interpreters, observers"))
        for i, code in enumerate(LANGUAGES):
            self.language.setItemText(
                i,
                {
                    "zh": self.tr("Chinese"),
                    "en": self.tr("English"),
                    "zh+en": self.tr("Chinese and English"),
                }[code],
            )
        self.proposal_box.setTitle(self.tr("Proposal from the rules"))
        self.team_box.setTitle(self.tr("Team"))
        self.team.setHorizontalHeaderLabels(
            [self.tr("Role"), self.tr("Auditor"), self.tr("Days"), self.tr("专业代码 covered")]
        )
        self._fit_columns()
        self.add_button.setText(self.tr("Add member"))
        self.remove_button.setText(self.tr("Remove"))
        self.warn_box.setTitle(self.tr("Team and plan checks"))
        self.history_box.setTitle(self.tr("History of this plan"))
        self.reason_caption.setText(self.tr("Reason for the change:"))
        self.reason.setPlaceholderText(self.tr("Required for any change"))

    # -- inputs ------------------------------------------------------------------------------
    def certificate_ids(self) -> list[uuid.UUID]:
        return [
            uuid.UUID(self.certs.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.certs.count())
            if self.certs.item(i).checkState() == Qt.CheckState.Checked
        ]

    def add_member(
        self,
        auditor_id: uuid.UUID | None = None,
        role: TeamRole | None = None,
        days: float | None = None,
    ) -> None:
        r = self.team.rowCount()
        self.team.insertRow(r)
        who = QComboBox()
        who.setAccessibleName(self.tr("Auditor"))
        for aid, name in self.auditors:
            who.addItem(name, str(aid))
        if auditor_id is not None:
            who.setCurrentIndex(max(0, who.findData(str(auditor_id))))
        what = QComboBox()
        what.setAccessibleName(self.tr("Role"))
        for tr_ in TEAM_ROLES:
            what.addItem(labels.label("team_role", tr_), tr_.value)
        what.setCurrentIndex(
            max(
                0,
                what.findData(
                    (role or (TeamRole.TEAM_LEADER if r == 0 else TeamRole.AUDITOR)).value
                ),
            )
        )
        spin = QDoubleSpinBox()
        spin.setAccessibleName(self.tr("Days"))
        spin.setRange(0, 99)
        spin.setSingleStep(0.5)
        spin.setDecimals(2)
        spin.setValue(days or 0)
        who.currentIndexChanged.connect(lambda _i: self.update_proposal())
        what.currentIndexChanged.connect(lambda _i: self.update_proposal())
        spin.valueChanged.connect(lambda _v: self.update_proposal())
        self.team.setCellWidget(r, COL_ROLE, what)
        self.team.setCellWidget(r, COL_NAME, who)
        self.team.setCellWidget(r, COL_DAYS, spin)
        self.team.setItem(r, COL_CODES, QTableWidgetItem(""))
        self._fit_columns()
        self.update_proposal()

    def _fit_columns(self) -> None:
        header = self.team.horizontalHeader()
        fm = header.fontMetrics()
        for col in (COL_ROLE, COL_DAYS):
            title = self.team.horizontalHeaderItem(col)
            width = fm.horizontalAdvance(title.text() if title else "") + 24
            for r in range(self.team.rowCount()):
                w = self.team.cellWidget(r, col)
                if w is not None:
                    width = max(width, w.sizeHint().width())
            header.resizeSection(col, max(width, 60))

    def _on_date(self, _d: QDate) -> None:
        self._dates_touched = True
        self.update_proposal()

    def remove_member(self) -> None:
        r = self.team.currentRow()
        if r < 0:
            r = self.team.rowCount() - 1
        if r >= 0:
            self.team.removeRow(r)
            self.update_proposal()

    def team_rows(self) -> list[tuple[uuid.UUID, TeamRole]]:
        out = []
        for r in range(self.team.rowCount()):
            who, what = self.team.cellWidget(r, COL_NAME), self.team.cellWidget(r, COL_ROLE)
            if (
                isinstance(who, QComboBox)
                and isinstance(what, QComboBox)
                and who.currentData() is not None
            ):
                out.append((uuid.UUID(who.currentData()), TeamRole(what.currentData())))
        return out

    def member_days(self) -> dict[uuid.UUID, float | None]:
        out: dict[uuid.UUID, float | None] = {}
        for r in range(self.team.rowCount()):
            who, spin = self.team.cellWidget(r, COL_NAME), self.team.cellWidget(r, COL_DAYS)
            if isinstance(who, QComboBox) and isinstance(spin, QDoubleSpinBox):
                if who.currentData() is not None:
                    out[uuid.UUID(who.currentData())] = spin.value() or None
        return out

    def dates(self) -> tuple[dt.date, dt.date]:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        assert isinstance(start, dt.date) and isinstance(end, dt.date)
        return start, end

    def document(self) -> planning.PlanDocument:
        """The plan document fields; ValueError naming the field for a date that is wrong."""
        values = {}
        for key, w in (
            ("plan_issued_on", self.plan_issued),
            ("client_confirmed_on", self.confirmed_on),
        ):
            try:
                values[key] = _parse_date(w.text())
            except ValueError:
                raise ValueError(key) from None
        return planning.PlanDocument(
            plan_number=self.plan_number.text(),
            plan_issued_on=values["plan_issued_on"],
            plan_approved_by=self.plan_approver.text(),
            audit_language=str(self.language.currentData() or ""),
            plan_confidentiality=self.confidentiality.text(),
            accompanying_persons=self.accompanying.text(),
            client_confirmed_by=self.confirmed_by.text(),
            client_confirmed_on=values["client_confirmed_on"],
        )

    # -- proposal ----------------------------------------------------------------------------
    def _show_codes(self) -> None:
        wanted = tuple(
            dict.fromkeys(c for cid in self.certificate_ids() for c in self.cert_codes.get(cid, ()))
        )
        for r in range(self.team.rowCount()):
            who = self.team.cellWidget(r, COL_NAME)
            if not isinstance(who, QComboBox) or who.currentData() is None:
                continue
            mine = self.auditor_codes.get(uuid.UUID(who.currentData()), ())
            hit = [w for w in wanted if any(w == c or w.startswith(c + ".") for c in mine)]
            missing = [w for w in wanted if w not in hit]
            text = ("✓ " + ", ".join(hit)) if hit else ""
            if missing:
                text = (text + "  " if text else "") + "✕ " + ", ".join(missing)
            item = self.team.item(r, COL_CODES)
            if item is None:
                item = QTableWidgetItem()
                self.team.setItem(r, COL_CODES, item)
            item.setText(text or "—")
            item.setToolTip(self.tr("Member's codes: %1").replace("%1", ", ".join(mine) or "—"))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)

    def update_proposal(self) -> None:
        ids = self.certificate_ids()
        self.warnings.clear()
        self._show_codes()
        if not ids:
            self.proposal.setText(self.tr("Choose at least one certificate."))
            return
        start, end = self.dates()
        lang = current_language()
        try:
            with self.ctx.session() as s:
                p = planning.propose(
                    s,
                    ids,
                    AuditType(self.audit_type.currentData()),
                    start,
                    end,
                    self.team_rows(),
                    exclude=self.audit_id,
                )
                saved = None
                if self.audit_id is not None:
                    audit = s.get(Audit, self.audit_id)
                    if audit is not None:
                        saved = plan_agenda.plan_checks(s, audit)
        except Exception as exc:  # noqa: BLE001 — the proposal could not be made: its reason is shown in the proposal line
            self.proposal.setText(str(exc))
            return
        if (
            not self._dates_touched
            and p.suggested_start is not None
            and p.suggested_end is not None
            and (p.suggested_start, p.suggested_end) != (start, end)
        ):
            # Propose dates inside the programme window rather than before or after it.
            for widget, day in ((self.start, p.suggested_start), (self.end, p.suggested_end)):
                widget.blockSignals(True)
                widget.setDate(_qdate(day))
                widget.blockSignals(False)
            self.update_proposal()  # again, with the new dates (team registrations depend on them)
            return
        lines = []
        for t in p.times:
            if t.time is not None and t.days is not None:
                lines.append(
                    self.tr("%1: %2 audit days (MD5 table %3 days for %4 persons)")
                    .replace("%1", t.scheme)
                    .replace("%2", f"{t.days:g}")
                    .replace("%3", f"{t.time.initial_days:g}")
                    .replace("%4", str(t.time.personnel))
                )
            else:
                lines.append(f"{t.scheme}: {labels.label('md5', t.problem)}")
        if p.sampling is not None:
            lines.append(
                self.tr("Sites: visit %1 of %2 (IAF MD1)")
                .replace("%1", str(p.sampling.sites))
                .replace("%2", str(p.site_count))
            )
        if p.window_latest is not None and p.window_start is not None:
            lines.append(
                self.tr("Programme window: %1 to %2")
                .replace("%1", p.window_start.isoformat())
                .replace("%2", p.window_latest.isoformat())
            )
            if start > p.window_latest or end > p.window_latest:
                lines.append(
                    f"<span style='color:{palette.css('error')}'>"
                    + self.tr("The audit ends after the latest date.")
                    + "</span>"
                )
            elif start < p.window_start:
                lines.append(
                    f"<span style='color:{palette.css('error')}'>"
                    + self.tr("The audit starts before the window opens.")
                    + "</span>"
                )
        self.proposal.setText("<br>".join(lines))
        tips = [labels.basis_text(t.time.basis) for t in p.times if t.time is not None]
        if p.window_basis is not None:
            tips.append(labels.basis_text(p.window_basis))
        self.proposal.setToolTip("\n".join(tips))
        if p.proposed_days is not None and not self._days_touched:
            self.days.blockSignals(True)
            self.days.setValue(p.proposed_days)
            self.days.blockSignals(False)
        team = self.team_rows()
        leaders = sum(1 for _a, r in team if r is TeamRole.TEAM_LEADER)
        if leaders > 1:
            self._add_check(
                "✕ " + plan_words.fill("plan_check", "several_team_leaders", lang), True
            )
        for c in p.clashes:
            self._add_check("✕ " + plan_words.clash_text(c, lang), True)
        if saved is not None:
            for c in saved.clashes:
                if c.code != "two_audits":  # those are in p.clashes for the dates on screen
                    self._add_check("✕ " + plan_words.clash_text(c, lang), True)
            for f in saved.days:
                self._add_check("⚠ " + plan_words.days_text(f, lang), False)
        for w in p.warnings:
            item = QListWidgetItem(
                ("✕ " if w.code == "no_team_leader" else "⚠ ")
                + labels.team_warning(
                    w, self.auditor_names.get(uuid.UUID(w.person_id)) if w.person_id else ""
                )
            )
            item.setToolTip(labels.basis_text(w.basis))
            self.warnings.addItem(item)
        if self.warnings.count() == 0 and team:
            self.warnings.addItem("✓ " + self.tr("No problems found with this team."))

    def _add_check(self, text: str, blocking: bool) -> None:
        item = QListWidgetItem(text)
        if blocking:
            item.setForeground(palette.color("error"))
        self.warnings.addItem(item)

    def warning_texts(self) -> list[str]:
        return [self.warnings.item(i).text() for i in range(self.warnings.count())]

    def history_texts(self) -> list[str]:
        return [self.history.item(i).text() for i in range(self.history.count())]

    def load_history(self) -> None:
        self.history.clear()
        if self.audit_id is None:
            return
        lang = current_language()
        with self.ctx.session() as s:
            for e in planning.history(s, self.audit_id):
                fields = ", ".join(c["field"] for c in e.changes if c.get("field"))
                when = e.at.astimezone().strftime("%Y-%m-%d %H:%M") if e.at else ""
                text = f"{when}  {e.by_user}  {plan_words.action_text(e.action, lang)}"
                if e.reason:
                    text += f" — {e.reason}"
                item = QListWidgetItem(text)
                item.setToolTip(
                    "\n".join(f"{c['field']}: {c['old']} → {c['new']}" for c in e.changes) or fields
                )
                self.history.addItem(item)

    # -- actions -----------------------------------------------------------------------------
    def _show_errors(self, exc: ValidationFailed) -> None:
        lang = current_language()
        lines = []
        clashes = exc.details.get("clashes" if lang.startswith("zh") else "clashes_en")
        for k, v in exc.errors.items():
            if v in ("no_team_leader", "several_team_leaders"):
                lines.append(plan_words.fill("plan_check", v, lang))
            elif v == "person_clash" and clashes:
                lines += list(clashes)
            elif k == "reason":
                lines.append(self.tr("Give a reason for the change."))
            else:
                lines.append(f"{labels.column(k)}: {labels.validation(v)}")
        self.error.setText("\n".join(lines))

    def plan(self, *, retry: bool = True) -> bool:
        start, end = self.dates()
        try:
            document = self.document()
        except ValueError as exc:
            self.error.setText(
                self.tr("%1: not a date that exists (use yyyy-mm-dd)").replace(
                    "%1",
                    self.tr("Issued on")
                    if str(exc) == "plan_issued_on"
                    else self.tr("Confirmed on"),
                )
            )
            return False
        try:
            with self.ctx.session() as s:
                if self.audit_id is None:
                    audit = planning.plan_audit(
                        s,
                        self.certificate_ids(),
                        AuditType(self.audit_type.currentData()),
                        start,
                        end,
                        self.team_rows(),
                        mode=AuditMode(self.mode.currentData()),
                        planned_days=self.days.value() or None,
                        document=document,
                        member_days={k: v for k, v in self.member_days().items() if v},
                    )
                    self.created_id = audit.id
                else:
                    planning.change_plan(
                        s,
                        self.audit_id,
                        reason=self.reason.text(),
                        start=start,
                        end=end,
                        team=self.team_rows(),
                        member_days=self.member_days(),
                        mode=AuditMode(self.mode.currentData()),
                        planned_days=self.days.value() or None,
                        document=document,
                        expected_version=self.version_seen,
                    )
                    self.changed = True
        except Conflict as exc:
            return self._on_conflict(exc, retry)
        except ValidationFailed as exc:
            self._show_errors(exc)
            return False
        except Exception as exc:  # noqa: BLE001 — shown to the user; the dialog stays open
            from auditdesk.ui.errors import show_error

            show_error(exc, self)
            return False
        self.accept()
        return True

    # -- a colleague saved the plan meanwhile (issue 14 point 7) ------------------------------
    def plan_values(self) -> dict[str, Any]:
        """What the dialog shows now, in the fields of :func:`_plan_values`."""
        start, end = self.dates()
        days = self.member_days()
        doc = self.document()
        return {
            "start_date": start,
            "end_date": end,
            "mode": str(self.mode.currentData()),
            "planned_days": self.days.value() or None,
            "team": tuple(sorted((str(a), r.value, days.get(a)) for a, r in self.team_rows())),
            **{f.name: getattr(doc, f.name) for f in dataclasses.fields(doc)},
        }

    def show_plan(self, values: dict[str, Any]) -> None:
        """Put a plan's values into the fields (the reason typed stays)."""
        self.start.setDate(_qdate(values["start_date"]))
        self.end.setDate(_qdate(values["end_date"] or values["start_date"]))
        self.mode.setCurrentIndex(max(0, self.mode.findData(values["mode"])))
        self.days.setValue(values["planned_days"] or 0)
        self.team.setRowCount(0)
        for auditor_id, role, days in values["team"]:
            self.add_member(uuid.UUID(auditor_id), TeamRole(role), days)
        for w, key in (
            (self.plan_number, "plan_number"),
            (self.plan_approver, "plan_approved_by"),
            (self.confidentiality, "plan_confidentiality"),
            (self.accompanying, "accompanying_persons"),
            (self.confirmed_by, "client_confirmed_by"),
        ):
            w.setText(values[key])
        for w, key in (
            (self.plan_issued, "plan_issued_on"),
            (self.confirmed_on, "client_confirmed_on"),
        ):
            w.setText(values[key].isoformat() if values[key] else "")
        self.language.setCurrentIndex(
            max(0, self.language.findData(values["audit_language"] or "zh"))
        )
        self.update_proposal()

    def _read(self) -> tuple[dict[str, Any], int]:
        assert self.audit_id is not None
        with self.ctx.session() as s:
            audit = s.get(Audit, self.audit_id)
            assert audit is not None
            return _plan_values(audit), audit.version

    def _on_conflict(self, exc: Conflict, retry: bool) -> bool:
        """Reload theirs, merge mine on top (fields both changed are shown, not saved), or
        keep mine unsaved: the plan another planner saved is never overwritten silently."""
        self.conflicts.append(exc)
        name_conflict(exc, self.ctx.session)
        outcome = resolve_conflict(
            exc,
            base=self.loaded,
            mine=self.plan_values(),
            reload=self._read,
            parent=self,
            ask=self.ask_conflict,
        )
        self.error.setText(headline(exc))
        if outcome is None:  # keep mine: everything typed stays, unsaved
            return False
        self.loaded, self.version_seen = self._read()
        self.show_plan(outcome.values)
        self.load_history()
        if outcome.choice != MERGE or not retry:
            return False
        if outcome.both_changed:
            self.error.setText(
                headline(exc)
                + " "
                + self.tr("You both changed: %1. Yours is shown; check it and save again.").replace(
                    "%1", ", ".join(labels.column(k) for k in outcome.both_changed)
                )
            )
            return False
        return self.plan(retry=False)

    def cancel_audit(self) -> None:
        if self.audit_id is None:
            return
        if not self.reason.text().strip():
            self.error.setText(self.tr("Give a reason for cancelling the audit."))
            self.reason.setFocus()
            return
        from auditdesk.ui import errors

        if not errors.confirm(
            self,
            self.tr("Cancel this audit"),
            self.tr(
                "Cancel audit %1? It stays in the register as cancelled, with your reason."
            ).replace("%1", self.existing["number"] if self.existing else ""),
        ):
            return
        try:
            with self.ctx.session() as s:
                planning.cancel_audit(
                    s, self.audit_id, self.reason.text(), expected_version=self.version_seen
                )
        except Conflict as exc:  # someone changed the plan meanwhile: show theirs, ask again
            self.conflicts.append(exc)
            name_conflict(exc, self.ctx.session)
            self.loaded, self.version_seen = self._read()
            self.show_plan(self.loaded)
            self.load_history()
            self.error.setText(headline(exc))
            return
        except ValidationFailed as exc:
            self._show_errors(exc)
            return
        except Exception as exc:  # noqa: BLE001 — shown to the user; the dialog stays open
            from auditdesk.ui.errors import show_error

            show_error(exc, self)
            return
        self.changed = True
        self.accept()


def consistency_lines(ctx: AppContext, audit_id: uuid.UUID) -> tuple[str, list[str]]:
    """The evidence-against-plan check of one audit in the current language: (audit, lines)."""
    from auditdesk.services import plan_consistency

    lang = current_language()
    with ctx.session() as s:
        report = plan_consistency.check_audit(s, audit_id)
        audit = s.get(Audit, audit_id)
        plan = plan_agenda.plan_checks(s, audit) if audit is not None else None
    lines = [f.text(lang) for f in report.findings]
    if plan is not None:
        lines += [plan_words.clash_text(c, lang) for c in plan.clashes]
        lines += [plan_words.days_text(d, lang) for d in plan.days]
    return report.audit, lines


def show_consistency(ctx: AppContext, audit_id: uuid.UUID, parent: QWidget | None) -> None:
    from auditdesk.ui import errors

    number, lines = consistency_lines(ctx, audit_id)
    title = QCoreApplication.translate("PlanActions", "Evidence against the plan: %1").replace(
        "%1", number
    )
    text = (
        "\n".join("✕ " + line for line in lines)
        if lines
        else QCoreApplication.translate(
            "PlanActions", "The evidence is consistent with the audit plan."
        )
    )
    if errors.shown is not None:
        errors.shown.append((title, text))
        return
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setText(text)
    box.setIcon(QMessageBox.Icon.Warning if lines else QMessageBox.Icon.Information)
    box.exec()


def plan_actions(ctx: AppContext, register: object) -> list[QWidget]:
    """The Audits register's "Change plan…" and "Check against plan" buttons for the selected
    audit."""
    from auditdesk.ui.retranslate import follow_language

    button = QPushButton()
    button.setObjectName("changePlanButton")
    check = QPushButton()
    check.setObjectName("checkPlanButton")
    follow_language(
        button,
        lambda: (
            button.setText(QCoreApplication.translate("PlanActions", "Change plan…")),
            check.setText(QCoreApplication.translate("PlanActions", "Check against plan")),
            check.setToolTip(
                QCoreApplication.translate(
                    "PlanActions",
                    "Evidence times and sites, photo times and NC sites against the audit plan",
                )
            ),
        ),
    )

    def check_it() -> None:
        audit_id = register.current_id()  # type: ignore[attr-defined]
        if audit_id is not None:
            show_consistency(ctx, audit_id, register)  # type: ignore[arg-type]

    check.clicked.connect(check_it)

    def open_it() -> None:
        audit_id = register.current_id()  # type: ignore[attr-defined]
        if audit_id is None:
            return
        dialog = PlanningDialog(ctx, None, register, audit_id=audit_id)  # type: ignore[arg-type]
        dialog.exec()  # what it saved reaches the register as ctx.changed

    button.clicked.connect(open_it)
    return [button, check]
