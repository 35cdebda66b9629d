"""The Schedule page's "CNCA monthly file…" action: check a month's upload data, list every
problem (sheet, row, column, in words), and write the workbook only when it is clean, or when
the admin explicitly chooses "Write anyway" (DOMAIN.md §10, issue 19)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditdesk.ui import i18n
from auditdesk.ui.i18n import plural
from auditdesk.ui.jobs import run_job
from auditdesk.ui.retranslate import follow_language


def _follow(button: QPushButton, text: Callable[[], str], tip: Callable[[], str]) -> None:
    """The button's text and tooltip, now and after every language switch."""

    def apply() -> None:
        button.setText(text())
        button.setToolTip(tip())

    follow_language(button, apply)


def cnca_actions(ctx: Any, register: Any) -> list[QWidget]:
    button = QPushButton()
    button.setObjectName("cncaMonthlyButton")
    _follow(
        button,
        lambda: QCoreApplication.translate("CncaExportDialog", "CNCA monthly file…"),
        lambda: QCoreApplication.translate(
            "CncaExportDialog",
            "The monthly upload workbook for CNCA's reporting platform (due by the 10th)",
        ),
    )
    button.setVisible(ctx.can("plan_audit"))

    def open_dialog() -> None:
        dlg = CncaExportDialog(ctx, register.window())
        register.cnca_dialog = dlg
        dlg.show()

    button.clicked.connect(open_dialog)
    register.cnca_button = button
    return [button]


def _lang() -> str:
    return "zh" if i18n.current_language() == "zh_CN" else "en"


class CncaExportDialog(QDialog):
    @staticmethod
    def tr_static(text: str) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("CncaExportDialog", text)

    def __init__(
        self, ctx: Any, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("cncaExportDialog")
        self.setWindowTitle(self.tr("CNCA monthly upload"))
        self.issues: list[Any] = []
        self.counts: dict[str, int] = {}
        today = today or dt.date.today()
        first = today.replace(day=1) - dt.timedelta(days=1)  # the previous month
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Month")))
        self.month = QDateEdit(QDate(first.year, first.month, 1))
        self.month.setObjectName("cncaMonth")
        self.month.setDisplayFormat("yyyy-MM")
        row.addWidget(self.month)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setObjectName("cncaCheck")
        self.check_button.clicked.connect(self.check)
        row.addWidget(self.check_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setObjectName("cncaSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QListWidget()
        self.problems.setObjectName("cncaProblems")
        layout.addWidget(self.problems, 1)
        buttons = QDialogButtonBox()
        self.write_button = buttons.addButton(
            self.tr("Write file…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.write_button.setObjectName("cncaWrite")
        self.anyway_button = buttons.addButton(
            self.tr("Write anyway…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.anyway_button.setObjectName("cncaWriteAnyway")
        self.anyway_button.setToolTip(
            self.tr(
                "Write the file although the data has problems; fix them in AuditDesk, "
                "not in Excel, and send corrected rows next month"
            )
        )
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.write_button.clicked.connect(lambda: self.write(anyway=False))
        self.anyway_button.clicked.connect(lambda: self.write(anyway=True))
        layout.addWidget(buttons)
        self.write_button.setEnabled(False)
        self.anyway_button.setEnabled(False)
        self.resize(900, 520)

    def month_text(self) -> str:
        d = self.month.date()
        return f"{d.year():04d}-{d.month():02d}"

    def check(self) -> None:
        month = self.month_text()
        lang = _lang()

        def work(job: Any) -> tuple[list[str], list[Any], dict[str, int]]:
            from auditdesk.exports import cnca_monthly as cm

            layout = cm.load_layout()
            with job.session() as s:
                data = cm.build_month(s, month, layout=layout)
                issues = cm.validate(data)
            return [cm.describe_issue(i, layout, lang) for i in issues], issues, data.counts()

        run_job(work, self._checked, None, self.tr("Checking the month…"), parent=self)

    def _checked(self, result: tuple[list[str], list[Any], dict[str, int]]) -> None:
        words, self.issues, self.counts = result
        self.problems.clear()
        self.problems.addItems(words)
        c = self.counts
        text = (
            self.tr("%1: %2 plan rows, %3 certificates, %4 results, %5 energy rows.")
            .replace("%1", self.month_text())
            .replace("%2", str(c.get("plan", 0)))
            .replace("%3", str(c.get("certificate", 0)))
            .replace("%4", str(c.get("result", 0)))
            .replace("%5", str(c.get("energy", 0)))
        )
        if self.issues:
            text += " " + plural(
                len(self.issues),
                self.tr("{n} problem: fix it in AuditDesk before uploading."),
                self.tr("{n} problems: fix them in AuditDesk before uploading."),
            )
        else:
            text += " " + self.tr("No problems found.")
        self.summary.setText(text)
        self.write_button.setEnabled(not self.issues)
        self.anyway_button.setEnabled(bool(self.issues))

    def write(self, anyway: bool, target: str | None = None) -> None:
        month = self.month_text()
        if target is None:
            target, _f = QFileDialog.getSaveFileName(
                self,
                self.tr("Save CNCA monthly file"),
                str(Path.home() / f"cnca-{month}.xlsx"),
                "Excel (*.xlsx)",
            )
            if not target:
                return
        out = Path(target)

        def work(job: Any) -> Any:
            from auditdesk.exports import cnca_monthly as cm

            with job.session() as s:
                return cm.export_month(s, month, out, write_anyway=anyway)

        run_job(
            work,
            self._written,
            None,
            self.tr("Writing the CNCA file…"),
            parent=self,
            write=True,
        )

    def _written(self, result: Any) -> None:
        self.written = result
        self.summary.setText(
            self.tr("Written: %1 (%2 rows recorded as reported).")
            .replace("%1", str(result.path))
            .replace("%2", str(result.recorded))
        )
        self.write_button.setEnabled(False)
        self.anyway_button.setEnabled(False)


# --- auditor 证件号码 (the CNCA plan sheet's ID document) -------------------------------------


def auditor_id_actions(ctx: Any, register: Any) -> list[QWidget]:
    """The Auditors register: set the selected auditor's ID document (shown masked)."""
    button = QPushButton()
    button.setObjectName("auditorIdButton")
    _follow(
        button,
        lambda: QCoreApplication.translate("CncaExportDialog", "ID document…"),
        lambda: QCoreApplication.translate(
            "CncaExportDialog",
            "The auditor's 证件号码 for the CNCA audit-plan upload (shown masked)",
        ),
    )
    button.setVisible(ctx.can("edit_registers"))

    def open_dialog() -> None:
        rid = register.current_id()
        if rid is None:
            return
        dlg = AuditorIdDialog(ctx, rid, register.window())
        register.auditor_id_dialog = dlg
        dlg.show()

    button.clicked.connect(open_dialog)
    register.auditor_id_button = button
    return [button]


class AuditorIdDialog(QDialog):
    TYPES = ("id_card", "passport", "other")

    def __init__(self, ctx: Any, auditor_id: Any, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

        from auditdesk.model import Auditor
        from auditdesk.rules.id_documents import masked

        super().__init__(parent)
        self.ctx, self.auditor_id = ctx, auditor_id
        self.setObjectName("auditorIdDialog")
        self.setWindowTitle(self.tr("ID document (证件号码)"))
        with ctx.session() as s:
            a = s.get(Auditor, auditor_id)
            name, doc_type, current = a.name_zh, a.id_doc_type, masked(a.id_doc_no)
        form = QFormLayout(self)
        form.addRow(self.tr("Auditor"), QLabel(name))
        self.kind = QComboBox()
        self.kind.setObjectName("auditorIdType")
        for code, text in zip(
            self.TYPES,
            (self.tr("Resident ID card (居民身份证)"), self.tr("Passport"), self.tr("Other")),
            strict=True,
        ):
            self.kind.addItem(text, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(doc_type)))
        form.addRow(self.tr("Type"), self.kind)
        self.current = QLabel(current or self.tr("(none)"))
        self.current.setObjectName("auditorIdCurrent")
        form.addRow(self.tr("Stored (masked)"), self.current)
        self.number = QLineEdit()
        self.number.setObjectName("auditorIdNumber")
        self.number.setPlaceholderText(self.tr("type the full number to replace it"))
        form.addRow(self.tr("New number"), self.number)
        self.message = QLabel()
        self.message.setObjectName("auditorIdMessage")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> bool:
        from auditdesk.exports.cnca_monthly import ISSUE_WORDS
        from auditdesk.rules.id_documents import masked
        from auditdesk.services.cnca_reporting import set_auditor_id_document
        from auditdesk.services.errors import ValidationFailed

        try:
            with self.ctx.session() as s:
                a = set_auditor_id_document(
                    s, self.auditor_id, self.kind.currentData(), self.number.text()
                )
                shown = masked(a.id_doc_no)
        except ValidationFailed as exc:
            code = next(iter(exc.errors.values()), "")
            pair = ISSUE_WORDS.get(code, (str(exc), str(exc)))
            self.message.setText(pair[0] if _lang() == "zh" else pair[1])
            return False
        self.current.setText(shown)
        self.number.clear()
        self.message.setText(self.tr("Saved."))
        self.accept()
        return True


# --- accreditation marks per certificate (the certificate sheet's 认可标志) ---------------------


def certificate_marks_actions(ctx: Any, register: Any) -> list[QWidget]:
    button = QPushButton()
    button.setObjectName("certificateMarksButton")
    _follow(
        button,
        lambda: QCoreApplication.translate("CncaExportDialog", "Accreditation marks…"),
        lambda: QCoreApplication.translate(
            "CncaExportDialog", "The accreditation marks the CNCA certificate sheet reports"
        ),
    )
    button.setVisible(ctx.can("edit_registers"))

    def open_dialog() -> None:
        rid = register.current_id()
        if rid is None:
            return
        dlg = MarksDialog(ctx, rid, register.window())
        register.marks_dialog = dlg
        dlg.show()

    button.clicked.connect(open_dialog)
    register.marks_button = button
    return [button]


class MarksDialog(QDialog):
    def __init__(self, ctx: Any, certificate_id: Any, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QCheckBox

        from auditdesk.exports.cnca_monthly import load_layout
        from auditdesk.model import Certificate
        from auditdesk.services.cnca_reporting import accreditation_marks

        super().__init__(parent)
        self.ctx, self.certificate_id = ctx, certificate_id
        self.setObjectName("marksDialog")
        self.setWindowTitle(self.tr("Accreditation marks"))
        layout = load_layout()
        lang = _lang()
        with ctx.session() as s:
            cert = s.get(Certificate, certificate_id)
            number, current = cert.number, set(accreditation_marks(s, cert))
        box = QVBoxLayout(self)
        box.addWidget(QLabel(number))
        self.boxes: dict[str, QCheckBox] = {}
        for code in layout.code_tables["accreditation_mark"]["map"]:
            cb = QCheckBox(layout.code_name("accreditation_mark", code, lang))
            cb.setObjectName(f"mark_{code}")
            cb.setChecked(code in current)
            self.boxes[code] = cb
            box.addWidget(cb)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def save(self) -> None:
        from auditdesk.services.cnca_reporting import set_certificate_reporting

        marks = [c for c, cb in self.boxes.items() if cb.isChecked()]
        with self.ctx.session() as s:
            set_certificate_reporting(s, self.certificate_id, accreditation_marks=marks)
        self.accept()
