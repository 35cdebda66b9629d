"""Long jobs started from the File menu, each through ``run_job`` (background, progress
dialog after ~500 ms with Cancel, the window stays responsive)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from auditdesk.ui import i18n
from auditdesk.ui.context import AppContext
from auditdesk.ui.jobs import Job, run_in_process, run_job


def export_schedule(
    ctx: AppContext,
    parent: QWidget,
    target: str | None = None,
    year: int | None = None,
    notify: bool = True,
    lang: str | None = None,
) -> Job | None:
    """The annual surveillance schedule as .xlsx, in ``lang`` (zh/en; default the interface language)."""
    year = year or dt.date.today().year
    if target is None:
        target, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("FileActions", "Export surveillance schedule"),
            str(Path.home() / f"schedule-{year}.xlsx"),
            "Excel (*.xlsx)",
        )
        if not target:
            return None
    lang = lang or ("zh" if i18n.current_language() == "zh_CN" else "en")

    def done(path: Any) -> None:
        if notify:
            from auditdesk.ui.documents import show_saved

            show_saved(parent, path)  # with an "Open folder" button

    # The programme of every certificate and the workbook are seconds of CPU-bound Python: they
    # run in a worker process, so the window keeps its GIL and its memory (jobs.run_in_process).
    return run_in_process(
        "auditdesk.ui.worker_process:export_schedule_to",
        (year, lang, str(target)),
        done,
        None,
        QCoreApplication.translate("FileActions", "Exporting the schedule…"),
        url=ctx.db.url,
        user=ctx.user,
        parent=parent,
        session_factory=ctx.session,
    )


def backup_database(
    ctx: AppContext, parent: QWidget, target: str | None = None, notify: bool = True
) -> Job | None:
    """A consistent copy of the database file (SQLite online backup)."""
    source = ctx.db.path
    if source is None:
        return None
    if target is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        target, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("FileActions", "Back up the database"),
            str(Path.home() / f"auditdesk-{stamp}.sqlite3"),
            "AuditDesk (*.sqlite3)",
        )
        if not target:
            return None

    def work(job: Job) -> str:
        from auditdesk.storage.backup import backup_file

        job.progress(0, 1, QCoreApplication.translate("FileActions", "Copying…"))
        return str(backup_file(source, Path(target)))

    def done(path: Any) -> None:
        if notify:
            QMessageBox.information(
                parent,
                QCoreApplication.translate("FileActions", "Backup finished"),
                QCoreApplication.translate("FileActions", "Saved to %1").replace("%1", path),
            )

    return run_job(
        work, done, None, QCoreApplication.translate("FileActions", "Backing up…"), parent=parent
    )
