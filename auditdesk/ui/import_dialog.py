"""Excel import from the GUI: pick clients or certificates and a workbook, check it (a dry
run), see every bad cell in a table (row, column, value, reason), then import. A button saves
the matching template.

Check and import are ``exchange.excel_import.import_workbook_in``, as on the command line: the
whole workbook is checked with no write lock held (a bad cell anywhere: nothing written), then
written in short transactions, so this and other windows and processes keep saving meanwhile
(they wait a fraction of a second at most, never fail). The job does not take the app's
one-writer slot for the whole import for the same reason.

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
from auditdesk.exchange.excel_import import ImportReport, import_workbook_in
from auditdesk.exchange.template import write_template
from auditdesk.ui import date_input
from auditdesk.ui.errors import show_error
from auditdesk.ui.exchange_words import workbook_text
from auditdesk.ui.i18n import current_language, plural


def reason_text(reason: str) -> str:
    """A row error's reason code in the user's language."""
    code, _, extra = reason.partition(":")
    texts = {
        "required": QCoreApplication.translate("Import", "a value is required"),
        "invalid_date": QCoreApplication.translate(
            "Import", "not a date (use 2026-03-15, 2026/3/15 or 2026年3月15日)"
        ),
        "implausible_date": QCoreApplication.translate("Import", "the year is implausible"),
        "not_a_number": QCoreApplication.translate("Import", "not a number"),
        "not_a_whole_number": QCoreApplication.translate("Import", "not a whole number"),
        "negative": QCoreApplication.translate("Import", "cannot be negative"),
        "implausible_number": QCoreApplication.translate("Import", "implausibly large"),
        "invalid_technical_code": QCoreApplication.translate(
            "Import", "technical codes look like 19.05.01"
        ),
        "unknown_status": QCoreApplication.translate(
            "Import", "unknown status (有效/暂停/撤销/过期/注销)"
        ),
        "unknown_standard": QCoreApplication.translate("Import", "unknown standard"),
        "unknown_rule_set": QCoreApplication.translate("Import", "unknown rule set"),
        "duplicate_in_file": QCoreApplication.translate("Import", "duplicate of row {0}").format(
            extra.replace("row ", "")
        ),
        "expiry_before_issue": QCoreApplication.translate(
            "Import", "expiry is not after the issue date"
        ),
        "before_issue": QCoreApplication.translate("Import", "before the issue date"),
        "before_surveillance_1": QCoreApplication.translate(
            "Import", "not after the first surveillance"
        ),
        "without_surveillance_1": QCoreApplication.translate(
            "Import", "a second surveillance needs the first"
        ),
        "belongs_to_another_organisation": QCoreApplication.translate(
            "Import", "this certificate number belongs to another organisation"
        ),
        "credit_code.checksum": QCoreApplication.translate(
            "Import", "credit code check character is wrong"
        ),
        "credit_code.length": QCoreApplication.translate(
            "Import", "credit code must have 18 characters"
        ),
        "credit_code.character": QCoreApplication.translate(
            "Import", "credit code has a character that is not allowed"
        ),
        "email": QCoreApplication.translate("Import", "not an e-mail address"),
        "duplicate": QCoreApplication.translate("Import", "already exists"),
        "changed_meanwhile": QCoreApplication.translate(
            "Import", "someone saved this record while it was being imported; import again"
        ),
        "not_a_date": QCoreApplication.translate("Import", "not a date"),
        "not_found": QCoreApplication.translate("Import", "not found"),
        "before_start": QCoreApplication.translate("Import", "the end is before the start"),
        "different_organisations": QCoreApplication.translate(
            "Import", "certificates of different organisations"
        ),
    }
    if code in texts:
        return texts[code]
    from auditdesk.ui import labels

    # a code only the services know: the services' words for it, never the bare code
    if labels.has_label("validation", code):
        return labels.validation(code)
    return QCoreApplication.translate("Import", "this value is refused ({0})").format(code)


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

    def entity_count(self, entity: str, n: int) -> str:
        if entity == "organisation":
            return plural(n, self.tr("{n} organisation"), self.tr("{n} organisations"))
        if entity == "certificate":
            return plural(n, self.tr("{n} certificate"), self.tr("{n} certificates"))
        if entity == "audit":
            return plural(n, self.tr("{n} audit"), self.tr("{n} audits"))
        return f"{n} {entity}"

    def describe(self, report: ImportReport) -> str:
        def part(counts: dict[str, int]) -> str:
            sep = "，" if current_language() == "zh_CN" else ", "
            return sep.join(self.entity_count(k, n) for k, n in sorted(counts.items())) or "0"

        head = (
            self.tr("Check passed: nothing written yet.")
            if report.dry_run
            else self.tr("Imported.")
        )
        rows = plural(report.rows_read, self.tr("{n} row"), self.tr("{n} rows"))
        return f"{head} " + self.tr("{0}; new: {1}; changed: {2}; unchanged: {3}").format(
            rows, part(report.created), part(report.updated), part(report.unchanged)
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

        database, user = self.database, self.user

        def work(job: Any) -> ImportReport:
            def progress(done: int, total: int) -> None:
                job.progress(done, total)
                job.check()  # Cancel: the batches written so far stay (re-import completes)

            return import_workbook_in(
                database, user, Path(path), kind, dry_run=dry_run, progress=progress
            )

        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        run_job(
            work,
            self._finished,
            self._failed,
            self.tr("Importing…"),
            parent=self,
            # Not the app's one-writer slot: the import takes the database's write lock only
            # a fraction of a second at a time, and autosave must go on meanwhile.
            write=False,
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
            n_rows = len({e.row for e in exc.errors})
            problems = plural(len(exc.errors), self.tr("{n} problem"), self.tr("{n} problems"))
            rows = plural(n_rows, self.tr("in {n} row"), self.tr("in {n} rows"))
            done = getattr(exc.report, "imported_rows", 0) if exc.report is not None else 0
            outcome = (
                plural(
                    done,
                    self.tr(
                        "The first {n} row was imported before the import stopped; import the "
                        "workbook again to complete it."
                    ),
                    self.tr(
                        "The first {n} rows were imported before the import stopped; import "
                        "the workbook again to complete it."
                    ),
                )
                if done
                else self.tr("Nothing was imported; correct the workbook and check again.")
            )
            self.summary.setText(self.tr("{0} {1}. {2}").format(problems, rows, outcome))
        elif isinstance(exc, WorkbookUnreadable):
            self.show_errors([])
            self.summary.setText(
                self.tr("The workbook cannot be imported: {0}").format(workbook_text(exc))
            )
        else:
            show_error(exc, self)


def show_import_dialog(
    database: Any, user: str, parent: QWidget | None = None, kind: str = "certificates"
) -> bool:
    dialog = ImportDialog(database, user, parent, kind)
    dialog.exec()
    return dialog.imported
