"""Planning an audit (admin): certificates, type, dates, mode and team; the MD5 days, MD1
sites and programme window are proposed, the rules' team checks show beside the team."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, Qt
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
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from auditdesk.model import AuditMode, Auditor, AuditType, Certificate, TeamRole
from auditdesk.services import planning
from auditdesk.services.errors import ValidationFailed
from auditdesk.ui import labels, palette
from auditdesk.ui.context import AppContext

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


class PlanningDialog(QDialog):
    def __init__(
        self, ctx: AppContext, certificate_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("planningDialog")
        self.setWindowTitle(self.tr("Plan an audit"))
        self.created_id: uuid.UUID | None = None
        with ctx.session() as s:
            cert = s.get(Certificate, certificate_id)
            assert cert is not None
            self.client = cert.organisation.name_zh
            siblings = s.scalars(
                select(Certificate).where(
                    Certificate.organisation_id == cert.organisation_id,
                    Certificate.archived.is_(False),
                )
            ).all()
            self.cert_rows = [(c.id, f"{c.number}  {c.standard.code}") for c in siblings]
            self.auditors = [
                (a.id, a.name_zh + (f" ({a.name_en})" if a.name_en else ""))
                for a in s.scalars(
                    select(Auditor).where(Auditor.archived.is_(False)).order_by(Auditor.name_zh)
                )
            ]
        self.auditor_names = dict(self.auditors)

        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        form = QFormLayout()
        form.addRow(labels.column("client"), QLabel(self.client))
        self.certs = QListWidget()
        self.certs.setObjectName("planCertificates")
        self.certs.setMaximumHeight(90)
        for cid, text in self.cert_rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(cid))
            item.setCheckState(
                Qt.CheckState.Checked if cid == certificate_id else Qt.CheckState.Unchecked
            )
            self.certs.addItem(item)
        self.certs.itemChanged.connect(lambda _i: self.update_proposal())
        form.addRow(labels.column("certificates"), self.certs)
        self.audit_type = QComboBox()
        self.audit_type.setObjectName("planType")
        for t in PLANNABLE:
            self.audit_type.addItem(labels.label("audit_type", t), t.value)
        self.audit_type.currentIndexChanged.connect(lambda _i: self.update_proposal())
        form.addRow(labels.column("audit_type"), self.audit_type)
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(30))
        self.end = QDateEdit(today.addDays(31))
        for d in (self.start, self.end):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.dateChanged.connect(self._on_date)
        self.start.setObjectName("planStart")
        self.end.setObjectName("planEnd")
        form.addRow(labels.column("start_date"), self.start)
        form.addRow(labels.column("end_date"), self.end)
        self.mode = QComboBox()
        for m in AuditMode:
            self.mode.addItem(labels.label("audit_mode", m), m.value)
        form.addRow(labels.column("mode"), self.mode)
        self.days = QDoubleSpinBox()
        self.days.setObjectName("planDays")
        self.days.setRange(0, 999)
        self.days.setSingleStep(0.5)
        self.days.setDecimals(1)
        form.addRow(labels.column("planned_days"), self.days)
        left.addLayout(form)

        self.proposal_box = QGroupBox(self.tr("Proposal from the rules"))
        pl = QVBoxLayout(self.proposal_box)
        self.proposal = QLabel()
        self.proposal.setObjectName("planProposal")
        self.proposal.setWordWrap(True)
        pl.addWidget(self.proposal)
        left.addWidget(self.proposal_box)
        left.addStretch(1)
        outer.addLayout(left, 3)

        right = QVBoxLayout()
        team_box = QGroupBox(self.tr("Team"))
        tl = QVBoxLayout(team_box)
        self.team = QTableWidget(0, 2)
        self.team.setObjectName("planTeam")
        self.team.setHorizontalHeaderLabels([self.tr("Auditor"), self.tr("Role")])
        self.team.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.team.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.team.verticalHeader().setVisible(False)
        tl.addWidget(self.team)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add member"))
        add.clicked.connect(lambda: self.add_member())
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_member)
        row.addWidget(add)
        row.addWidget(remove)
        tl.addLayout(row)
        right.addWidget(team_box, 2)
        warn_box = QGroupBox(self.tr("Team checks"))
        wl = QVBoxLayout(warn_box)
        self.warnings = QListWidget()
        self.warnings.setObjectName("planWarnings")
        wl.addWidget(self.warnings)
        right.addWidget(warn_box, 1)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {palette.css('error')};")
        self.error.setWordWrap(True)
        right.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.plan_button = buttons.addButton(
            self.tr("Plan audit"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.plan_button.setObjectName("planButton")
        buttons.accepted.connect(self.plan)
        buttons.rejected.connect(self.reject)
        right.addWidget(buttons)
        outer.addLayout(right, 2)
        self.resize(980, 560)
        self._days_touched = False
        self._dates_touched = False
        self.days.valueChanged.connect(lambda _v: setattr(self, "_days_touched", True))
        self.update_proposal()
        self._dates_touched = False

    # -- inputs ------------------------------------------------------------------------------
    def certificate_ids(self) -> list[uuid.UUID]:
        return [
            uuid.UUID(self.certs.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.certs.count())
            if self.certs.item(i).checkState() == Qt.CheckState.Checked
        ]

    def add_member(self, auditor_id: uuid.UUID | None = None, role: TeamRole | None = None) -> None:
        r = self.team.rowCount()
        self.team.insertRow(r)
        who = QComboBox()
        for aid, name in self.auditors:
            who.addItem(name, str(aid))
        if auditor_id is not None:
            who.setCurrentIndex(max(0, who.findData(str(auditor_id))))
        what = QComboBox()
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
        who.currentIndexChanged.connect(lambda _i: self.update_proposal())
        what.currentIndexChanged.connect(lambda _i: self.update_proposal())
        self.team.setCellWidget(r, 0, who)
        self.team.setCellWidget(r, 1, what)
        self.update_proposal()

    def _on_date(self, _d: QDate) -> None:
        self._dates_touched = True
        self.update_proposal()

    def remove_member(self) -> None:
        r = self.team.currentRow()
        if r >= 0:
            self.team.removeRow(r)
            self.update_proposal()

    def team_rows(self) -> list[tuple[uuid.UUID, TeamRole]]:
        out = []
        for r in range(self.team.rowCount()):
            who, what = self.team.cellWidget(r, 0), self.team.cellWidget(r, 1)
            if (
                isinstance(who, QComboBox)
                and isinstance(what, QComboBox)
                and who.currentData() is not None
            ):
                out.append((uuid.UUID(who.currentData()), TeamRole(what.currentData())))
        return out

    def dates(self) -> tuple[dt.date, dt.date]:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        assert isinstance(start, dt.date) and isinstance(end, dt.date)
        return start, end

    # -- proposal ----------------------------------------------------------------------------
    def update_proposal(self) -> None:
        ids = self.certificate_ids()
        self.warnings.clear()
        if not ids:
            self.proposal.setText(self.tr("Choose at least one certificate."))
            return
        start, end = self.dates()
        try:
            with self.ctx.session() as s:
                p = planning.propose(
                    s, ids, AuditType(self.audit_type.currentData()), start, end, self.team_rows()
                )
        except Exception as exc:
            self.proposal.setText(str(exc))
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
        if p.window_start is not None and not self._dates_touched and start < p.window_start:
            # Propose the programme window's first day rather than a date before the window opens.
            length = (end - start).days
            for widget, day in (
                (self.start, p.window_start),
                (self.end, p.window_start + dt.timedelta(days=length)),
            ):
                widget.blockSignals(True)
                widget.setDate(QDate(day.year, day.month, day.day))
                widget.blockSignals(False)
            self.update_proposal()  # again, with the new dates (team registrations depend on them)
            return
        if p.window_latest is not None and p.window_start is not None:
            lines.append(
                self.tr("Programme window: %1 to %2")
                .replace("%1", p.window_start.isoformat())
                .replace("%2", p.window_latest.isoformat())
            )
            if start > p.window_latest:
                lines.append(
                    f"<span style='color:{palette.css('error')}'>"
                    + self.tr("The start date is after the latest date.")
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
        for w in p.warnings:
            item = QListWidgetItem(
                "⚠ "
                + labels.team_warning(
                    w, self.auditor_names.get(uuid.UUID(w.person_id)) if w.person_id else ""
                )
            )
            item.setToolTip(labels.basis_text(w.basis))
            self.warnings.addItem(item)
        if not p.warnings and self.team_rows():
            self.warnings.addItem("✓ " + self.tr("No problems found with this team."))

    def warning_texts(self) -> list[str]:
        return [self.warnings.item(i).text() for i in range(self.warnings.count())]

    def plan(self) -> None:
        start, end = self.dates()
        try:
            with self.ctx.session() as s:
                audit = planning.plan_audit(
                    s,
                    self.certificate_ids(),
                    AuditType(self.audit_type.currentData()),
                    start,
                    end,
                    self.team_rows(),
                    mode=AuditMode(self.mode.currentData()),
                    planned_days=self.days.value() or None,
                )
                self.created_id = audit.id
        except ValidationFailed as exc:
            self.error.setText(
                "\n".join(
                    f"{labels.column(k)}: {labels.validation(v)}" for k, v in exc.errors.items()
                )
            )
            return
        except Exception as exc:
            from auditdesk.ui.errors import show_error

            show_error(exc, self)
            return
        self.accept()
