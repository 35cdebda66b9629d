"""Excel import from the GUI: pick clients or certificates and a workbook, check it (a dry
run), see every bad cell in a table (row, column, value, reason), then import — all or nothing.
A button saves the matching template.

``show_import_dialog(database, user, parent=None, kind="certificates") -> bool`` (True when
something was imported).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.exchange.errors import ImportRejected, RowError, WorkbookUnreadable
from auditdesk.exchange.excel_import import ImportReport, import_workbook
from auditdesk.exchange.template import write_template
from auditdesk.ui import date_input
from auditdesk.ui.errors import show_error


def reason_text(reason: str) -> str:
    """A row error's reason code in the user's language."""
    tr = QCoreApplication.translate
    code, _, extra = reason.partition(":")
    texts = {
        "required": tr("Import", "a value is required"),
        "invalid_date": tr("Import", "not a date (use 2026-03-15, 2026/3/15 or 2026年3月15日)"),
        "implausible_date": tr("Import", "the year is implausible"),
        "not_a_number": tr("Import", "not a number"),
        "not_a_whole_number": tr("Import", "not a whole number"),
        "negative": tr("Import", "cannot be negative"),
        "implausible_number": tr("Import", "implausibly large"),
        "invalid_technical_code": tr("Import", "technical codes look like 19.05.01"),
        "unknown_status": tr("Import", "unknown status (有效/暂停/撤销/过期/注销)"),
        "unknown_standard": tr("Import", "unknown standard"),
        "unknown_rule_set": tr("Import", "unknown rule set"),
        "duplicate_in_file": tr("Import", "duplicate of row {0}").format(extra.replace("row ", "")),
        "expiry_before_issue": tr("Import", "expiry is not after the issue date"),
        "before_issue": tr("Import", "before the issue date"),
        "before_surveillance_1": tr("Import", "not after the first surveillance"),
        "without_surveillance_1": tr("Import", "a second surveillance needs the first"),
        "belongs_to_another_organisation": tr(
            "Import", "this certificate number belongs to another organisation"
        ),
        "credit_code.checksum": tr("Import", "credit code check character is wrong"),
        "credit_code.length": tr("Import", "credit code must have 18 characters"),
        "credit_code.character": tr("Import", "credit code has a character that is not allowed"),
        "email": tr("Import", "not an e-mail address"),
        "duplicate": tr("Import", "already exists"),
    }
    return texts.get(code, reason)


class ImportDialog(QDialog):
    def __init__(
        self, database: Any, user: str, parent: QWidget | None = None, kind: str = "certificates"
    ) -> None:
        super().__init__(parent)
        self.database, self.user = database, user
        self.imported = False
        self.last_report: ImportReport | None = None
        self.setWindowTitle(self.tr("Import from Excel"))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("Certificates"), "certificates")
        self.kind_box.addItem(self.tr("Clients"), "clients")
        self.kind_box.setCurrentIndex(0 if kind == "certificates" else 1)
        top.addWidget(self.kind_box)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Workbook (.xlsx)"))
        top.addWidget(self.path_edit, 1)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_file)
        top.addWidget(browse)
        template = QPushButton(self.tr("Save template…"))
        template.clicked.connect(self.save_template)
        top.addWidget(template)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.errors_table = QTableWidget(0, 4)
        self.errors_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Problem")]
        )
        self.errors_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.errors_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.errors_table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = buttons.addButton(
            self.tr("Check"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        buttons.rejected.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Workbook to import"), "", self.tr("Excel (*.xlsx)")
        )
        if path:
            self.path_edit.setText(path)

    def save_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save template"),
            f"auditdesk-{self.kind()}.xlsx",
            self.tr("Excel (*.xlsx)"),
        )
        if path:
            try:
                write_template(self.kind(), Path(path), "zh")
            except OSError as exc:
                show_error(exc, self)

    def show_errors(self, errors: list[RowError]) -> None:
        self.errors_table.setRowCount(len(errors))
        for i, e in enumerate(errors):
            problem = date_input.import_problem(e.value, e.reason) or reason_text(e.reason)
            for j, text in enumerate((str(e.row), e.column, e.value, problem)):
                self.errors_table.setItem(i, j, QTableWidgetItem(text))

    def describe(self, report: ImportReport) -> str:
        def part(counts: dict[str, int]) -> str:
            return ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "0"

        head = (
            self.tr("Check passed: nothing written yet.")
            if report.dry_run
            else self.tr("Imported.")
        )
        return f"{head} " + self.tr("{0} row(s); new: {1}; changed: {2}; unchanged: {3}").format(
            report.rows_read, part(report.created), part(report.updated), part(report.unchanged)
        )

    def run(self, dry_run: bool) -> ImportReport | None:
        """Check (dry run) or import in the background writer; returns the report when the job
        ran synchronously (tests), else None and the dialog updates when it finishes."""
        from auditdesk.ui.jobs import run_job

        path = self.path_edit.text().strip()
        self.last_report = None
        if not path:
            self.summary.setText(self.tr("Choose a workbook first."))
            return None
        kind = self.kind()

        def work(job: Any) -> ImportReport:
            with job.session() as s:
                return import_workbook(
                    s, Path(path), kind, dry_run=dry_run, progress=lambda d, t: job.progress(d, t)
                )

        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        run_job(
            work,
            self._finished,
            self._failed,
            self.tr("Importing…"),
            parent=self,
            write=not dry_run,
            session_factory=lambda: self.database.session(self.user),
        )
        return self.last_report

    def _enable(self) -> None:
        self.check_button.setEnabled(True)
        self.import_button.setEnabled(True)

    def _finished(self, report: ImportReport) -> None:
        self._enable()
        self.last_report = report
        self.show_errors([])
        self.summary.setText(self.describe(report))
        if not report.dry_run:
            self.imported = True

    def _failed(self, exc: BaseException) -> None:
        self._enable()
        if isinstance(exc, ImportRejected):
            self.show_errors(exc.errors)
            self.summary.setText(
                self.tr(
                    "{0} problem(s) in {1} row(s). Nothing was imported; correct the "
                    "workbook and check again."
                ).format(len(exc.errors), len({e.row for e in exc.errors}))
            )
        elif isinstance(exc, WorkbookUnreadable):
            self.show_errors([])
            self.summary.setText(self.tr("The workbook cannot be imported: {0}").format(str(exc)))
        else:
            show_error(exc, self)


def show_import_dialog(
    database: Any, user: str, parent: QWidget | None = None, kind: str = "certificates"
) -> bool:
    dialog = ImportDialog(database, user, parent, kind)
    dialog.exec()
    return dialog.imported
