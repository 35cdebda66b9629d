"""Long jobs started from the File menu, each through ``run_job`` (background, progress
dialog after ~500 ms with Cancel, the window stays responsive), and showing a written file or
its folder with the system (``auditdesk.platform.open_in_system``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from auditdesk import platform
from auditdesk.ui import errors, i18n
from auditdesk.ui.context import AppContext
from auditdesk.ui.jobs import Job, run_in_process, run_job
from auditdesk.ui.options import Option


def open_in_system(path: str | Path, parent: QWidget | None = None) -> bool:
    """Show a file in its program or a folder in the file manager; a translated warning (and
    False) when the system cannot."""
    try:
        platform.open_in_system(path)
    except (FileNotFoundError, platform.CannotOpen):
        title = QCoreApplication.translate("FileActions", "Cannot open")
        text = QCoreApplication.translate(
            "FileActions", "This computer has no program to open %1."
        ).replace("%1", str(path))
        if errors.shown is not None:
            errors.shown.append((title, text))
        else:
            QMessageBox.warning(parent, title, text)
        return False
    return True


def open_folder_of(path: str | Path, parent: QWidget | None = None) -> bool:
    """The folder holding ``path``, in the file manager."""
    return open_in_system(Path(path).parent, parent)


def show_saved(parent: QWidget | None, path: str) -> None:
    """The file was written: say where, offer to open its folder."""
    title, text = (
        QCoreApplication.translate("Documents", "Export finished"),
        QCoreApplication.translate("Documents", "Saved to %1").replace("%1", str(path)),
    )
    if errors.shown is not None:  # tests collect instead of showing
        errors.shown.append((title, text))
        return
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent
    )
    folder = box.addButton(
        QCoreApplication.translate("Documents", "Open folder"), QMessageBox.ButtonRole.ActionRole
    )
    box.exec()
    if box.clickedButton() is folder:
        open_folder_of(path, parent)


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


# Where backups go: a folder the user chooses (USB disk, network share). Personal to this
# computer, so a QSettings option; "" = the ``backups`` folder beside the database.
BACKUP_FOLDER = Option("backup/folder", "")


def backup_error_text(exc: BaseException) -> str | None:
    """One translated line for a backup or restore that could not be done; None: not ours."""
    from auditdesk.storage import backup_set

    if isinstance(exc, backup_set.BackupNoSpace):
        return QCoreApplication.translate(
            "FileActions", "Not enough free space on the backup disk: nothing was written."
        )
    if isinstance(exc, backup_set.BackupTargetReadOnly):
        return QCoreApplication.translate(
            "FileActions",
            "The backup folder cannot be written (read-only, unplugged or no access).",
        )
    if isinstance(exc, backup_set.BackupInvalid):
        return QCoreApplication.translate(
            "FileActions", "This backup is incomplete or was altered: it cannot be restored."
        )
    if isinstance(exc, backup_set.BackupCancelled):
        return QCoreApplication.translate("FileActions", "The backup was cancelled.")
    return None


def _show_backup_error(parent: QWidget, exc: BaseException) -> None:
    text = backup_error_text(exc)
    if text is None:
        errors.show_error(exc, parent)
        return
    path = getattr(exc, "path", "")
    title = QCoreApplication.translate("FileActions", "Backup")
    if errors.shown is not None:  # tests collect instead of opening dialogs
        errors.shown.append((title, text))
        return
    QMessageBox.warning(parent, title, text + (f"\n\n{path}" if path else ""))


def start_automatic_backups(db: Any, settings: Any) -> None:
    """Turn on the daily automatic backup for the GUI's database and check now, in the
    background (only the GUI does this: CLI runs and worker processes never back up)."""
    from auditdesk.storage.backup import AutoBackup

    if db.path is None:
        return
    folder = BACKUP_FOLDER.get(settings)
    db.auto_backup = AutoBackup(enabled=True, folder=Path(folder) if folder else None)
    db.backups.schedule()


def backup_database(
    ctx: AppContext, parent: QWidget, target: str | None = None, notify: bool = True
) -> Job | None:
    """A full backup now (database and attachments, verified) into a folder the user chooses;
    the folder is remembered for the automatic daily backups."""
    source = ctx.db.path
    if source is None:
        return None
    if target is None:
        start = BACKUP_FOLDER.get(ctx.settings) or str(Path.home())
        target = QFileDialog.getExistingDirectory(
            parent,
            QCoreApplication.translate(
                "FileActions", "Back up to a folder (a USB disk or a network share)"
            ),
            start,
        )
        if not target:
            return None
    folder = Path(target)
    BACKUP_FOLDER.set(ctx.settings, str(folder))
    if ctx.db.auto_backup is not None:
        ctx.db.auto_backup.folder = folder

    def work(job: Job) -> str:
        from auditdesk.storage import backup_set

        text = QCoreApplication.translate("FileActions", "Copying…")
        job.progress(0, 1, text)
        result = backup_set.write_backup(
            source, folder, progress=lambda done, total: job.progress(done, total, text)
        )
        backup_set.apply_thinning(folder, source.stem)
        return str(result.path)

    def done(path: Any) -> None:
        if notify:
            QMessageBox.information(
                parent,
                QCoreApplication.translate("FileActions", "Backup finished"),
                QCoreApplication.translate("FileActions", "Saved and verified: %1").replace(
                    "%1", path
                ),
            )

    return run_job(
        work,
        done,
        lambda exc: _show_backup_error(parent, exc),
        QCoreApplication.translate("FileActions", "Backing up…"),
        parent=parent,
    )


def restore_database(
    ctx: AppContext,
    parent: QWidget,
    source: str | None = None,
    *,
    confirm: Callable[[], bool] | None = None,
    finish: Callable[[], None] | None = None,
) -> Job | None:
    """Replace this database by a backup (a backup folder, or a database file).

    The backup is verified first, in the background; then, once the user confirms, this window
    closes its database (restore refuses while anyone has it open), restores, and AuditDesk
    quits so that it starts again on the restored data. The current file is kept aside.
    """
    db_path = ctx.db.path
    if db_path is None:
        return None
    if source is None:
        source = QFileDialog.getExistingDirectory(
            parent,
            QCoreApplication.translate("FileActions", "Restore from a backup folder"),
            BACKUP_FOLDER.get(ctx.settings) or str(Path.home()),
        )
        if not source:
            return None
    backup = Path(source)
    finish = finish or QCoreApplication.quit

    def ask() -> bool:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("FileActions", "Restore"),
            QCoreApplication.translate(
                "FileActions",
                "The backup is intact. Replace the current data by it?\n\nThe current file "
                "is kept aside; AuditDesk closes and has to be started again.",
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def verify(_job: Job) -> None:
        from auditdesk.storage import backup_set

        if backup.is_dir():
            backup_set.verify_backup(backup)
        else:
            from auditdesk.storage.backup import check_backup_file

            check_backup_file(backup)

    def verified(_result: Any) -> None:
        if not (confirm or ask)():
            return
        ctx.db.close()  # restore refuses while this window has the database open
        try:
            from auditdesk.storage.backup import restore

            kept = restore(backup, db_path)
        except Exception as exc:  # noqa: BLE001 — any backup failure is shown to the user; nothing was changed
            _show_backup_error(parent, exc)
            finish()  # the database is closed: start again (nothing was changed)
            return
        text = QCoreApplication.translate(
            "FileActions", "Restored. AuditDesk closes now; start it again."
        )
        if kept is not None:
            text += "\n\n" + QCoreApplication.translate(
                "FileActions", "The previous file is kept at %1"
            ).replace("%1", str(kept))
        if errors.shown is not None:
            errors.shown.append((QCoreApplication.translate("FileActions", "Restore"), text))
        else:
            QMessageBox.information(
                parent, QCoreApplication.translate("FileActions", "Restore"), text
            )
        finish()

    return run_job(
        verify,
        verified,
        lambda exc: _show_backup_error(parent, exc),
        QCoreApplication.translate("FileActions", "Checking the backup…"),
        parent=parent,
    )
