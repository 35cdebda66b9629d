"""One NC on screen: statement, deadlines with their rule, response, verification, history."""

from __future__ import annotations

import datetime as dt
import html
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from auditdesk.services import nonconformities as ncs
from auditdesk.services.audits import get_audit
from auditdesk.ui import palette
from auditdesk.ui.nc.texts import NCTexts


def _esc(text: object) -> str:
    return html.escape(str(text or "")).replace("\n", "<br>")


class NCDetailWidget(QWidget):
    """Read-only view of one NC; ``load(nc_id)`` opens its own short session."""

    def __init__(self, database, parent: QWidget | None = None, user: str | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.user = user
        self.texts = NCTexts(self)
        self.nc_id: uuid.UUID | None = None
        self.today = dt.date.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("ncTitle")
        self.title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        layout.addWidget(self.title)
        split = QSplitter(Qt.Orientation.Vertical)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        split.addWidget(self.body)
        history_box = QWidget()
        hl = QVBoxLayout(history_box)
        hl.setContentsMargins(0, 0, 0, 0)
        self.history_label = QLabel()
        hl.addWidget(self.history_label)
        self.history = QTableWidget(0, 5)
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.history.horizontalHeader()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history.setWordWrap(True)
        hl.addWidget(self.history)
        split.addWidget(history_box)
        split.setSizes([320, 180])
        layout.addWidget(split)
        self.retranslate()

    def retranslate(self) -> None:
        self.history_label.setText(self.tr("History"))
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("When (UTC)"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("State"),
                self.tr("Note"),
            ]
        )
        if self.nc_id is None:
            self.title.setText(self.tr("Select a nonconformity"))
        else:
            self.load(self.nc_id)

    def clear(self) -> None:
        self.nc_id = None
        self.title.setText(self.tr("Select a nonconformity"))
        self.body.clear()
        self.history.setRowCount(0)

    def load(self, nc_id: uuid.UUID) -> None:
        t = self.texts
        with self.database.session(self.user) as session:
            nc = ncs.get_nc(session, nc_id)
            flags = ncs.overdue_flags(nc, self.today)
            deadlines = ncs.deadlines(session, nc)
            steps = [
                (s.at, s.by_user, s.action, s.from_state, s.to_state, s.note)
                for s in ncs.history(session, nc.id)
            ]
            clause = nc.clause
            audit = nc.audit
            client = audit.organisation.name_zh
            evidence = [(e.description, e.references) for e in nc.evidence]
            files = [a.filename for a in ncs.response_attachments(session, nc.id)]
            reverified_in = (
                get_audit(session, nc.reverified_in_audit_id).number
                if nc.reverified_in_audit_id
                else ""
            )
            n = nc
            self.nc_id = nc.id
            self.title.setText(f"{n.number} · {t.grade(n.grade.value)} · {t.state(n.state)}")
            rows: list[str] = []

            def row(label: str, value: object, warn: bool = False) -> None:
                style = f' style="color:{palette.css("error")};font-weight:bold"' if warn else ""
                rows.append(
                    f"<tr><td valign=top><b>{_esc(label)}</b></td><td{style}>{value}</td></tr>"
                )

            row(self.tr("Client"), _esc(client))
            row(self.tr("Audit"), _esc(audit.number))
            if clause is not None:
                row(self.tr("Clause"), _esc(f"{clause.number} {clause.title_zh} {clause.title_en}"))
            row(self.tr("Requirement"), _esc(n.requirement))
            row(self.tr("Objective evidence"), _esc(n.evidence_text))
            row(self.tr("Why it does not conform"), _esc(n.reason))
            row(
                self.tr("Linked evidence"),
                "<br>".join(_esc(f"• {d} [{r}]" if r else f"• {d}") for d, r in evidence),
            )
            resp = deadlines.response_due
            row(
                self.tr("Response due"),
                _esc(f"{n.response_due or resp.date} — {t.basis(resp.basis)}"),
                warn=ncs.Overdue.RESPONSE in flags,
            )
            if deadlines.verification_due is not None:
                ver = deadlines.verification_due
                row(
                    self.tr("Verification due"),
                    _esc(f"{n.verification_due or ver.date} — {t.basis(ver.basis)}"),
                    warn=ncs.Overdue.VERIFICATION in flags,
                )
            elif deadlines.verification_at_next_audit:
                row(
                    self.tr("Verification due"),
                    _esc(self.tr("effectiveness checked at the next audit")),
                )
            if deadlines.stage2_repeat_after is not None:
                s2 = deadlines.stage2_repeat_after
                row(
                    self.tr("Stage 2 repeated if not verified by"),
                    _esc(f"{s2.date} — {t.basis(s2.basis)}"),
                )
            if flags:
                row(
                    self.tr("Overdue"),
                    _esc(", ".join(t.overdue(f) for f in sorted(flags))),
                    warn=True,
                )
            if n.response_received_on:
                row(self.tr("Response received on"), _esc(n.response_received_on))
                row(self.tr("Correction"), _esc(n.correction))
                row(self.tr("Root cause"), _esc(n.root_cause))
                row(self.tr("Corrective action"), _esc(n.corrective_action))
                row(self.tr("Owners"), _esc(n.owners))
                row(
                    self.tr("Planned / done"),
                    _esc(f"{n.planned_date or '—'} / {n.done_date or '—'}"),
                )
                if files:
                    row(self.tr("Attachments"), _esc(", ".join(files)))
            if n.review_reason:
                row(self.tr("Review note"), _esc(n.review_reason))
            if n.verified_on:
                row(
                    self.tr("Verification"),
                    _esc(
                        f"{t.method(n.verification_method)} · {n.verified_by} · {n.verified_on}\n{n.effectiveness}"
                    ),
                )
            if n.closed_on:
                row(self.tr("Closed on"), _esc(n.closed_on))
            if reverified_in:
                verdict = (
                    self.tr("effective") if n.reverification_effective else self.tr("not effective")
                )
                row(
                    self.tr("Re-verified at audit"),
                    _esc(
                        f"{reverified_in} · {n.reverified_on} · {n.reverified_by} · {verdict}\n{n.reverification_note}"
                    ),
                )
        self.body.setHtml("<table cellspacing=4>" + "".join(rows) + "</table>")
        self.history.setRowCount(len(steps))
        for i, (at, who, action, before, after, note) in enumerate(steps):
            state = t.state(after) if before is None else f"{t.state(before)} → {t.state(after)}"
            for col, value in enumerate(
                (at.strftime("%Y-%m-%d %H:%M"), who, t.action(action), state, note)
            ):
                self.history.setItem(i, col, QTableWidgetItem(str(value)))
        self.history.resizeRowsToContents()
