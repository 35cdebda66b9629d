"""Documents from the GUI: the audit's report, plan and case draft, an NC form, the schedule.

Each export asks for a file (QFileDialog), then runs ``exports.api.export_document`` through
``run_job`` (background, progress dialog) writing via a temporary file beside the target, and
ends with a message naming the file and an "Open folder" button. Issuing a report and opening a
correction are the lead's (``services.report_issue``; the service checks the role again).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from auditdesk.exports.files import write_atomically
from auditdesk.ui import errors
from auditdesk.ui.blocker_words import blocker_words, statement_names
from auditdesk.ui.file_actions import show_saved  # the "Open folder" message (moved there)
from auditdesk.ui.i18n import plural
from auditdesk.ui.jobs import Job, run_in_process, run_job
from auditdesk.ui.retranslate import follow_language

SessionFactory = Callable[[], AbstractContextManager[Any]]


def kind_names() -> dict[str, str]:
    return {
        "report": QCoreApplication.translate("Documents", "Audit report"),
        "plan": QCoreApplication.translate("Documents", "Audit plan"),
        "case": QCoreApplication.translate("Documents", "Good-audit-case draft"),
        "nc_form": QCoreApplication.translate("Documents", "NC form"),
        "certificate": QCoreApplication.translate("Documents", "Certificate document"),
    }


def lang_names() -> dict[str, str]:
    return {
        "zh": QCoreApplication.translate("Documents", "Chinese"),
        "en": QCoreApplication.translate("Documents", "English"),
        "bilingual": QCoreApplication.translate("Documents", "Bilingual (Chinese and English)"),
    }


def export_to_file(
    parent: QWidget,
    session_factory: SessionFactory | None,
    kind: str,
    ref: str,
    fmt: str,
    lang: str,
    default_name: str,
    target: str | None = None,
    on_saved: Callable[[str], None] | None = None,
    *,
    url: str | None = None,
    user: str | None = None,
) -> Job | None:
    """Ask for a file (unless ``target``), then export the document there as a background job.

    With the database's ``url`` (and the ``user``) the rendering runs in a worker process
    (``jobs.run_in_process``): a 300-item report with photos is seconds of CPU-bound Python that
    would otherwise hold the GUI's GIL and add its memory to the GUI process.
    """
    if target is None:
        filters = {
            "docx": QCoreApplication.translate("Documents", "Word document (*.docx)"),
            "pdf": QCoreApplication.translate("Documents", "PDF document (*.pdf)"),
        }
        target, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("Documents", "Export %1").replace(
                "%1", kind_names().get(kind, kind)
            ),
            str(Path.home() / f"{default_name}.{fmt}"),
            filters[fmt],
        )
        if not target:
            return None
        if not target.lower().endswith("." + fmt):
            target += "." + fmt
    path = Path(target)

    def work(job: Job) -> str:
        from auditdesk.exports.api import export_document

        job.progress(
            0, 1, QCoreApplication.translate("Documents", "Writing %1…").replace("%1", path.name)
        )
        with job.session() as s:
            write_atomically(path, lambda fh: export_document(s, kind, ref, fmt, lang, fh))
        job.progress(1, 1)
        return str(path)

    def done(result: Any) -> None:
        show_saved(parent, str(result))
        if on_saved is not None:
            on_saved(str(result))

    label = QCoreApplication.translate("Documents", "Exporting %1…").replace(
        "%1", kind_names().get(kind, kind)
    )
    if url is not None:
        return run_in_process(
            "auditdesk.ui.worker_process:export_document_to",
            (kind, ref, fmt, lang, str(path)),
            done,
            None,
            label,
            url=url,
            user=user,
            parent=parent,
            session_factory=session_factory,
        )
    return run_job(work, done, None, label, parent=parent, session_factory=session_factory)


def _fill_langs(box: QComboBox, codes: tuple[str, ...]) -> None:
    names = lang_names()
    for code in codes:
        box.addItem(names[code], code)


class TeamJudgementsDialog(QDialog):
    """The team's explicit judgements and statements for the report (DOMAIN.md §12)."""

    def __init__(self, values: dict[str, Any], parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QPlainTextEdit

        super().__init__(parent)
        self.setWindowTitle(self.tr("Team judgements and statements"))
        self.setObjectName("teamJudgementsDialog")
        form = QFormLayout(self)
        self.scope = QComboBox()
        self.scope.setObjectName("scopeAppropriate")
        self.objectives = QComboBox()
        self.objectives.setObjectName("objectivesMet")
        for box, value in ((self.scope, values["scope"]), (self.objectives, values["objectives"])):
            box.addItem(self.tr("Not yet judged"), None)
            box.addItem(self.tr("Yes"), True)
            box.addItem(self.tr("No"), False)
            box.setCurrentIndex(box.findData(value) if value is not None else 0)
        form.addRow(self.tr("Is the certification scope appropriate?"), self.scope)
        form.addRow(self.tr("Were the audit objectives met?"), self.objectives)
        self.conclusion = QPlainTextEdit(values.get("conclusion", ""))
        self.conclusion.setObjectName("teamConclusion")
        self.conclusion.setFixedHeight(60)
        form.addRow(self.tr("Conclusion of the team"), self.conclusion)
        self.statements: dict[str, QPlainTextEdit] = {}
        for item, name in statement_names().items():
            edit = QPlainTextEdit(values["statements"].get(item, ""))
            edit.setObjectName(f"statement_{item}")
            edit.setFixedHeight(44)
            edit.setPlaceholderText(
                self.tr('What the team checked and found ("none" is not a statement)')
            )
            self.statements[item] = edit
            form.addRow(name, edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        texts = {k: e.toPlainText() for k, e in self.statements.items()}
        return {
            "scope_appropriate": self.scope.currentData(),
            "objectives_met": self.objectives.currentData(),
            "conclusion": self.conclusion.toPlainText(),
            "marks": texts.pop("marks"),
            "changes": texts.pop("changes"),
            "statements": texts,
        }


class DocumentsDialog(QDialog):
    """One audit's documents, and (for leads) issuing its report or opening a correction."""

    issued = Signal()  # the audit's lock changed (issued or opened for correction)

    KINDS = ("report", "plan", "case")

    def __init__(
        self,
        database: Any,
        audit_id: uuid.UUID,
        parent: QWidget | None = None,
        user: str | None = None,
    ) -> None:
        super().__init__(parent)
        if hasattr(database, "db") and hasattr(database, "user"):  # an AppContext
            database, user = database.db, user or database.user
        self.database, self.user, self.audit_id = database, user, audit_id
        self.setWindowTitle(self.tr("Documents"))
        self.setObjectName("documentsDialog")
        # Replaceable for tests: each returns None / False when the user cancels.
        self.ask_change_note: Callable[[], str | None] = self._ask_change_note
        self.confirm_issue: Callable[[], bool] = self._confirm_issue
        self.ask_override_reason: Callable[[list[str]], str | None] = self._ask_override_reason
        self.edit_judgements: Callable[[dict[str, Any]], dict[str, Any] | None] = (
            self._edit_judgements
        )
        self.blockers: list[Any] = []
        self.last_job: Job | None = None

        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("documentsHeading")
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        layout.addWidget(self.heading)

        export_box = QGroupBox(self.tr("Export a document"))
        form = QFormLayout(export_box)
        self.kind = QComboBox()
        self.kind.setObjectName("documentKind")
        names = kind_names()
        for k in self.KINDS:
            self.kind.addItem(names[k], k)
        self.fmt = QComboBox()
        self.fmt.setObjectName("documentFormat")
        self.lang = QComboBox()
        self.lang.setObjectName("documentLanguage")
        _fill_langs(self.lang, ("zh", "en", "bilingual"))
        form.addRow(self.tr("Document"), self.kind)
        form.addRow(self.tr("Format"), self.fmt)
        form.addRow(self.tr("Language"), self.lang)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("exportDocument")
        self.export_button.setDefault(True)
        form.addRow("", self.export_button)
        layout.addWidget(export_box)

        issue_box = QGroupBox(self.tr("Report issue"))
        il = QVBoxLayout(issue_box)
        self.issue_state = QLabel()
        self.issue_state.setWordWrap(True)
        il.addWidget(self.issue_state)
        self.check_list = QLabel()
        self.check_list.setObjectName("preIssueCheck")
        self.check_list.setWordWrap(True)
        il.addWidget(self.check_list)
        row0 = QHBoxLayout()
        self.judgements_button = QPushButton(self.tr("Team judgements…"))
        self.judgements_button.setObjectName("teamJudgements")
        self.review_button = QPushButton(self.tr("Mark reviewed"))
        self.review_button.setObjectName("reviewReport")
        self.review_button.setToolTip(self.tr("Needs the lead auditor role"))
        row0.addWidget(self.judgements_button)
        row0.addWidget(self.review_button)
        row0.addStretch(1)
        il.addLayout(row0)
        row = QHBoxLayout()
        self.issue_button = QPushButton(self.tr("Issue report…"))
        self.issue_button.setObjectName("issueReport")
        self.correction_button = QPushButton(self.tr("Open correction…"))
        self.correction_button.setObjectName("openCorrection")
        for b in (self.issue_button, self.correction_button):
            b.setToolTip(self.tr("Needs the lead auditor role"))
            row.addWidget(b)
        row.addStretch(1)
        il.addLayout(row)
        layout.addWidget(issue_box)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.export_button.clicked.connect(lambda: self.export())
        self.issue_button.clicked.connect(lambda: self.issue_report())
        self.correction_button.clicked.connect(lambda: self.open_correction())
        self.judgements_button.clicked.connect(lambda: self.team_judgements())
        self.review_button.clicked.connect(lambda: self.review_report())
        self._kind_changed()
        self.reload()
        self.resize(520, 380)

    # -- state -----------------------------------------------------------------------------------
    @contextmanager
    def _session(self) -> Iterator[Any]:
        with self.database.session(self.user) as s:
            yield s

    def reload(self) -> None:
        from auditdesk.services.audits import get_audit
        from auditdesk.services.report_issue import latest_revision, leads_audit
        from auditdesk.services.report_verdict import pre_issue_check
        from auditdesk.services.users import SYSTEM_USER, Permission, can, current_user

        with self._session() as s:
            audit = get_audit(s, self.audit_id)
            self.audit_number = audit.number
            self.locked = bool(audit.locked)
            self.revision = int(audit.report_revision or 0)
            latest = latest_revision(s, audit.id)
            issued_at = latest.issued_at if latest else None
            issued_by = (latest.issued_by_name or latest.issued_by) if latest else ""
            client = audit.organisation.name_zh
            user = current_user(s)
            self.may_issue = user.username != SYSTEM_USER and (
                can(user, Permission.ISSUE_REPORT) or leads_audit(user, audit)
            )
            self.blockers = [] if self.locked else pre_issue_check(s, audit.id)
        self.heading.setText(f"{self.audit_number}  {client}")
        if self.revision == 0:
            state = self.tr(
                "Not issued yet. Issuing locks the audit: its records become read-only."
            )
        elif self.locked:
            from auditdesk.exports.common import local_time

            local = local_time(issued_at)
            when = local.strftime("%Y-%m-%d %H:%M") if local else ""
            state = (
                self.tr("Issued: revision %1, %2 by %3. The audit is locked (read-only).")
                .replace("%1", str(self.revision))
                .replace("%2", when)
                .replace("%3", issued_by)
            )
        else:
            state = (
                self.tr(
                    "Open for correction after revision %1. Issuing again makes revision %2 "
                    "and needs a change note."
                )
                .replace("%1", str(self.revision))
                .replace("%2", str(self.revision + 1))
            )
        self.issue_state.setText(state)
        if self.locked:
            self.check_list.setText("")
        elif self.blockers:
            self.check_list.setText(
                plural(
                    len(self.blockers),
                    self.tr("The pre-issue check finds {n} item that blocks the issue:"),
                    self.tr("The pre-issue check finds {n} items that block the issue:"),
                )
                + "\n"
                + "\n".join(f"• {blocker_words(b.code, b.detail)}" for b in self.blockers)
            )
        else:
            self.check_list.setText(self.tr("The pre-issue check finds nothing."))
        self.judgements_button.setEnabled(not self.locked)
        self.review_button.setEnabled(self.may_issue and not self.locked)
        self.issue_button.setEnabled(self.may_issue and not self.locked)
        self.correction_button.setEnabled(self.may_issue and self.locked)

    def _kind_changed(self) -> None:
        from auditdesk.exports.api import KINDS

        kind = self.kind.currentData()
        formats = KINDS[kind]  # the plan as PDF too; the case draft only as Word
        current = self.fmt.currentData()
        self.fmt.clear()
        for f in formats:
            self.fmt.addItem({"docx": self.tr("Word (.docx)"), "pdf": self.tr("PDF (.pdf)")}[f], f)
        if current in formats:
            self.fmt.setCurrentIndex(formats.index(current))

    def select(self, kind: str, fmt: str = "docx", lang: str = "zh") -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.fmt.setCurrentIndex(self.fmt.findData(fmt))
        self.lang.setCurrentIndex(self.lang.findData(lang))

    # -- actions ---------------------------------------------------------------------------------
    def export(self, target: str | None = None) -> Job | None:
        kind, fmt, lang = self.kind.currentData(), self.fmt.currentData(), self.lang.currentData()
        prefix = {"report": "report", "plan": "plan", "case": "case"}[kind]
        suffix = f"-{self.revision}" if kind == "report" and self.revision else ""
        self.last_job = export_to_file(
            self,
            lambda: self.database.session(self.user),
            kind,
            str(self.audit_id),
            fmt,
            lang,
            f"{prefix}-{self.audit_number}{suffix}-{lang}",
            target,
            url=getattr(self.database, "url", None),
            user=self.user,
        )
        return self.last_job

    def _ask_change_note(self) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Corrected report"),
            self.tr("What does revision %1 correct? The note is kept with the revision.").replace(
                "%1", str(self.revision + 1)
            ),
        )
        return text if ok else None

    def _ask_override_reason(self, blockers: list[str]) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Issue despite the pre-issue check"),
            self.tr(
                "These items block the issue:\n%1\n\nOnly a lead may issue anyway, with a "
                "written reason. The reason is kept and printed in the report's revision history."
            ).replace("%1", "\n".join(f"• {b}" for b in blockers)),
        )
        return text if ok else None

    def _edit_judgements(self, values: dict[str, Any]) -> dict[str, Any] | None:
        dialog = TeamJudgementsDialog(values, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()

    def team_judgements(self) -> bool:
        """Edit the team's judgements and statements (and so the pre-issue check)."""
        from auditdesk.services import report_issue
        from auditdesk.services.audits import get_audit
        from auditdesk.services.report_verdict import STORED_STATEMENTS

        with self._session() as s:
            audit = get_audit(s, self.audit_id)
            stored = dict(audit.report_statements or {})
            values = {
                "scope": audit.scope_appropriate,
                "objectives": audit.objectives_met,
                "conclusion": audit.conclusion,
                "statements": {
                    "marks": audit.marks_control,
                    "changes": audit.significant_changes,
                    **{k: str(stored.get(k, "")) for k in STORED_STATEMENTS},
                },
            }
        new = self.edit_judgements(values)
        if new is None:
            return False
        return self._write(
            lambda s: report_issue.set_team_judgements(s, self.audit_id, **new).number,
            lambda number: self.tr("The team's judgements for audit %1 are saved.").replace(
                "%1", str(number)
            ),
        )

    def review_report(self) -> bool:
        from auditdesk.services import report_issue

        return self._write(
            lambda s: report_issue.review_report(s, self.audit_id).report_reviewed_by,
            lambda name: self.tr("The report draft is marked reviewed by %1.").replace(
                "%1", str(name)
            ),
        )

    def _confirm_issue(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Issue report"),
            self.tr(
                "Issue the report of audit %1? The audit is then locked: its records become read-only."
            ).replace("%1", self.audit_number),
        )
        return answer == QMessageBox.StandardButton.Yes

    def issue_report(self) -> bool:
        """Issue (revision 1) or re-issue a correction (asks for the change note); with
        blockers, only with a written override reason. Archives the issued PDF and Word files."""
        self.reload()
        note = ""
        if self.revision >= 1:
            asked = self.ask_change_note()
            if asked is None:
                return False
            note = asked
        elif not self.confirm_issue():
            return False
        reason = ""
        if self.blockers:
            asked = self.ask_override_reason(
                [blocker_words(b.code, b.detail) for b in self.blockers]
            )
            if not asked or not asked.strip():
                return False
            reason = asked

        def issue(s: Any) -> int:
            from auditdesk.exports import api

            return int(
                api.issue_report(s, str(self.audit_id), note, override_reason=reason).revision
            )

        return self._write(
            issue,
            lambda rev: (
                self.tr("Report of audit %1 issued as revision %2; the audit is locked.")
                .replace("%1", self.audit_number)
                .replace("%2", str(rev))
            ),
        )

    def open_correction(self) -> bool:
        from auditdesk.services import report_issue

        return self._write(
            lambda s: report_issue.open_correction(s, self.audit_id).number,
            lambda number: self.tr(
                "Audit %1 is open for correction. Issue the report again "
                "with a change note when done."
            ).replace("%1", str(number)),
        )

    def _write(self, fn: Callable[[Any], Any], told: Callable[[Any], str]) -> bool:
        outcome: list[bool] = []

        def work(job: Job) -> Any:
            with job.session() as s:
                return fn(s)

        def done(result: Any) -> None:
            outcome.append(True)
            self.reload()
            self.issued.emit()
            text = told(result)
            if errors.shown is not None:
                errors.shown.append((self.tr("Report issue"), text))
            else:
                QMessageBox.information(self, self.tr("Report issue"), text)

        def failed(exc: BaseException) -> None:
            outcome.append(False)
            errors.show_error(exc, self)
            self.reload()

        run_job(
            work,
            done,
            failed,
            None,
            parent=self,
            write=True,
            session_factory=lambda: self.database.session(self.user),
        )
        return bool(outcome and outcome[0])


class NCFormDialog(QDialog):
    """Format and language for one NC form (or, with ``title``, another single document)."""

    def __init__(self, parent: QWidget | None = None, title: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Export NC form"))
        form = QFormLayout(self)
        self.fmt = QComboBox()
        self.fmt.addItem(self.tr("Word (.docx)"), "docx")
        self.fmt.addItem(self.tr("PDF (.pdf)"), "pdf")
        self.lang = QComboBox()
        _fill_langs(self.lang, ("zh", "en", "bilingual"))
        form.addRow(self.tr("Format"), self.fmt)
        form.addRow(self.tr("Language"), self.lang)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        return self.fmt.currentData(), self.lang.currentData()


def export_nc_form(
    parent: QWidget,
    database: Any,
    user: str | None,
    nc_id: uuid.UUID,
    choice: tuple[str, str] | None = None,
    target: str | None = None,
) -> Job | None:
    """Ask format and language (unless ``choice``), then a file, and export the NC form."""
    from auditdesk.services.nonconformities import get_nc

    if choice is None:
        dialog = NCFormDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        choice = dialog.values()
    fmt, lang = choice
    with database.session(user) as s:
        number = get_nc(s, nc_id).number
    return export_to_file(
        parent,
        lambda: database.session(user),
        "nc_form",
        str(nc_id),
        fmt,
        lang,
        f"{number}-{lang}",
        target,
        url=getattr(database, "url", None),
        user=user,
    )


def export_certificate(
    parent: QWidget,
    database: Any,
    user: str | None,
    cert_id: uuid.UUID,
    number: str,
    choice: tuple[str, str] | None = None,
    target: str | None = None,
) -> Job | None:
    """The certificate document (17021-1 8.2.2) in Word or PDF: ask format and language
    (unless ``choice``), then a file (named after the certificate ``number``), and export it
    as a background job."""
    if choice is None:
        dialog = NCFormDialog(
            parent, QCoreApplication.translate("Documents", "Export certificate document")
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        choice = dialog.values()
    fmt, lang = choice
    return export_to_file(
        parent,
        lambda: database.session(user),
        "certificate",
        str(cert_id),
        fmt,
        lang,
        f"certificate-{number}-{lang}",
        target,
        url=getattr(database, "url", None),
        user=user,
    )


# -- register pages -------------------------------------------------------------------------------
def _tell(parent: QWidget, title: str, text: str) -> None:
    if errors.shown is not None:
        errors.shown.append((title, text))
    else:
        QMessageBox.information(parent, title, text)


def open_documents(ctx: Any, parent: QWidget, audit_id: uuid.UUID | None) -> DocumentsDialog | None:
    if audit_id is None:
        _tell(
            parent,
            QCoreApplication.translate("RegisterActions", "Documents"),
            QCoreApplication.translate("RegisterActions", "Select an audit first."),
        )
        return None
    dialog = DocumentsDialog(ctx.db, audit_id, parent, ctx.user)  # issuing: ctx.changed
    dialog.open()
    return dialog


def audit_actions(ctx: Any, register: Any) -> list[QWidget]:
    """The Audits register's extra buttons: the selected audit's documents, and its offline package."""
    button = QPushButton()
    button.setObjectName("documentsButton")
    follow_language(
        button,
        lambda: (
            button.setText(QCoreApplication.translate("RegisterActions", "Documents…")),
            button.setToolTip(
                QCoreApplication.translate(
                    "RegisterActions",
                    "Audit report, plan and case draft of the selected audit; issue the report",
                )
            ),
        ),
    )
    button.clicked.connect(
        lambda: setattr(
            register, "documents_dialog", open_documents(ctx, register, register.current_id())
        )
    )
    from auditdesk.ui.package_actions import register_actions

    return [button, *register_actions(ctx, register)]


def schedule_actions(ctx: Any, register: Any) -> list[QWidget]:
    """The Schedule page: the selected audit's documents, and the annual schedule (year, language)."""
    from auditdesk.ui import file_actions

    year = QSpinBox()
    year.setObjectName("scheduleYear")
    year.setRange(2000, 2100)
    year.setValue(dt.date.today().year + 1)
    lang = QComboBox()
    lang.setObjectName("scheduleLanguage")
    _fill_langs(lang, ("zh", "en"))
    button = QPushButton()
    button.setObjectName("exportScheduleButton")

    def texts() -> None:
        year.setPrefix(QCoreApplication.translate("RegisterActions", "Year "))
        names = lang_names()
        for i in range(lang.count()):
            lang.setItemText(i, names[lang.itemData(i)])
        button.setText(QCoreApplication.translate("RegisterActions", "Export schedule…"))
        button.setToolTip(
            QCoreApplication.translate(
                "RegisterActions", "The annual surveillance schedule as an Excel workbook"
            )
        )

    follow_language(button, texts)
    button.clicked.connect(
        lambda: file_actions.export_schedule(
            ctx, register, year=year.value(), lang=lang.currentData()
        )
    )
    register.schedule_year, register.schedule_language, register.schedule_button = (
        year,
        lang,
        button,
    )
    from auditdesk.ui.cnca_export import cnca_actions  # CNCA monthly upload (issue 19)

    return [*audit_actions(ctx, register), year, lang, button, *cnca_actions(ctx, register)]


def standards_actions(ctx: Any, register: Any) -> list[QWidget]:
    """The Standards register (admin): add or update a standard from a file."""
    button = QPushButton()
    button.setObjectName("loadStandardButton")
    follow_language(
        button,
        lambda: button.setText(
            QCoreApplication.translate("RegisterActions", "Add or update standard from file…")
        ),
    )
    button.setVisible(ctx.can("edit_settings"))
    button.clicked.connect(lambda: load_standard_interactive(ctx, register))
    return [button]


def load_standard_interactive(ctx: Any, parent: QWidget, path: str | None = None) -> Job | None:
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("RegisterActions", "Add or update standard from file"),
            str(Path.home()),
            QCoreApplication.translate("RegisterActions", "Standard files (*.json)"),
        )
        if not path:
            return None
    source = Path(path)

    def work(job: Job) -> tuple[str, int]:
        from auditdesk.services.standards import add_or_update_standard

        with job.session() as s:
            std = add_or_update_standard(s, source)
            return std.key, len(std.clauses)

    def done(result: Any) -> None:  # the standards register follows ctx.changed
        key, count = result
        _tell(
            parent,
            QCoreApplication.translate("RegisterActions", "Standard loaded"),
            QCoreApplication.translate("RegisterActions", "%1 loaded from %2 (%3 clauses).")
            .replace("%1", key)
            .replace("%2", source.name)
            .replace("%3", str(count)),
        )

    def failed(exc: BaseException) -> None:
        from auditdesk.services.standards_library import StandardFileError

        if isinstance(exc, StandardFileError):
            title = QCoreApplication.translate("RegisterActions", "Not a usable standard file")
            text = (
                QCoreApplication.translate(
                    "RegisterActions", "%1 was not loaded; nothing was changed.\n\n%2"
                )
                .replace("%1", source.name)
                .replace("%2", exc.message)
            )
            if errors.shown is not None:
                errors.shown.append((title, text))
            else:
                QMessageBox.warning(parent, title, text)
            return
        errors.show_error(exc, parent)

    return run_job(
        work,
        done,
        failed,
        QCoreApplication.translate("RegisterActions", "Loading the standard…"),
        parent=parent,
        write=True,
        session_factory=ctx.session,
    )
