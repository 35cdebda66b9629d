"""Offline audit packages from the GUI: the office exports an audit to a package file, the
auditor imports it on a laptop, works on site, exports it back, and a lead merges it.

- :func:`export_audit_package` (Audits register): a save dialog (default name with the audit
  number, ``.adpkg``), an optional password entered twice (empty: not encrypted), then
  ``exchange.package.export_package`` as a write job; the engine writes a temporary file beside
  the target and renames it, so a failed export leaves no half file.
- :func:`import_audit_package` (File menu): an open dialog, the password when the package is
  encrypted, ``exchange.package.import_package`` as a write job, then the result in words
  (created / updated / unchanged / conflicts / attachments, each renumbered NC) with an offer to
  open the Conflicts dialog. A refused package (damaged, altered, hostile, from a newer
  AuditDesk, wrong password) says why; the engine has written nothing, and the message says so.

Permissions are the services' (``users.require``); a refusal is shown by ``errors.show_error``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from auditdesk.ui import errors, file_actions
from auditdesk.ui.exchange_words import refusal_text
from auditdesk.ui.jobs import Job, run_job
from auditdesk.ui.package_week import export_auditor_week

SUFFIX = ".adpkg"


# Why a package was refused (PackageRefused.reason -> words). Nothing was written in any case.
def _tell(parent: QWidget | None, title: str, text: str, warning: bool = False) -> None:
    if errors.shown is not None:  # tests collect instead of showing
        errors.shown.append((title, text))
        return
    if warning:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


# -- export -------------------------------------------------------------------------------------
def ask_new_password(parent: QWidget | None) -> str | None:
    """The package password, entered twice. "" means not encrypted; None means cancelled."""
    first_label = QCoreApplication.translate(
        "Package", "Password for the package (leave empty for no encryption):"
    )
    label = first_label
    while True:
        first, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("Package", "Package password"),
            label,
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        if not first:
            return ""
        again, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("Package", "Package password"),
            QCoreApplication.translate("Package", "The same password again:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        if again == first:
            return first
        label = (
            QCoreApplication.translate(
                "Package", "The two passwords differ. Enter the password again:"
            )
            + "\n"
            + first_label
        )


def export_audit_package(
    ctx: Any,
    parent: QWidget,
    audit_ids: list[uuid.UUID],
    target: str | None = None,
    password: str | None = None,
    on_saved: Callable[[str], None] | None = None,
) -> Job | None:
    """Ask for a file (unless ``target``) and a password (unless ``password``; "" = none), then
    export the audits as a package in a write job (the sent state is remembered for the merge)."""
    from auditdesk.services.audits import get_audit

    title = QCoreApplication.translate("Package", "Export audit package")
    if not audit_ids:
        _tell(parent, title, QCoreApplication.translate("Package", "Select an audit first."))
        return None
    with ctx.session() as s:
        numbers = [get_audit(s, a).number for a in audit_ids]
    if target is None:
        default = str(Path.home() / f"{'_'.join(numbers)}{SUFFIX}")
        target, _filter = QFileDialog.getSaveFileName(
            parent,
            title,
            default,
            QCoreApplication.translate("Package", "AuditDesk audit package (*.adpkg)"),
        )
        if not target:
            return None
        if not target.lower().endswith(SUFFIX):
            target += SUFFIX
    if password is None:
        password = ask_new_password(parent)
        if password is None:
            return None
    path, secret = Path(target), password

    def work(job: Job) -> tuple[str, int, bool]:
        from auditdesk.exchange.package import export_package

        job.progress(
            0, 1, QCoreApplication.translate("Package", "Writing %1…").replace("%1", path.name)
        )
        with job.session() as s:
            manifest = export_package(s, list(audit_ids), path, password=secret or None)
        job.progress(1, 1)
        return str(path), len(manifest["records"]), bool(secret)

    def done(result: Any) -> None:
        written, records, encrypted = result
        lines = [
            QCoreApplication.translate(
                "Package", "The audit package of %1 was written to:"
            ).replace("%1", ", ".join(numbers)),
            written,
            QCoreApplication.translate("Package", "%1 records.").replace("%1", str(records)),
            QCoreApplication.translate(
                "Package",
                "Encrypted with a password: give the password to the auditor separately, not with the file.",
            )
            if encrypted
            else QCoreApplication.translate("Package", "Not encrypted."),
        ]
        show_written(parent, title, "\n".join(lines), written)
        if on_saved is not None:
            on_saved(written)

    def failed(exc: BaseException) -> None:
        from auditdesk.exchange.errors import ExchangeError

        if type(exc) is ExchangeError:  # the attachment store is missing a file, or one is damaged
            _tell(
                parent,
                QCoreApplication.translate("Package", "Audit package not written"),
                QCoreApplication.translate(
                    "Package",
                    "An attachment of the audit is missing or damaged in the attachment store. Run the "
                    "database check first. No package was written.",
                ),
                warning=True,
            )
            return
        errors.show_error(exc, parent)

    return run_job(
        work,
        done,
        failed,
        QCoreApplication.translate("Package", "Exporting the audit package…"),
        parent=parent,
        write=True,
        session_factory=ctx.session,
    )


def show_written(parent: QWidget | None, title: str, text: str, path: str) -> None:
    if errors.shown is not None:
        errors.shown.append((title, text))
        return
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent
    )
    folder = box.addButton(
        QCoreApplication.translate("Package", "Open folder"), QMessageBox.ButtonRole.ActionRole
    )
    box.exec()
    if box.clickedButton() is folder:
        file_actions.open_folder_of(path, parent)


def register_actions(ctx: Any, register: Any) -> list[QWidget]:
    """The Audits register's button: export the selected audit as a package."""
    from PySide6.QtWidgets import QPushButton

    from auditdesk.ui.retranslate import follow_language

    button = QPushButton()
    button.setObjectName("exportPackageButton")
    follow_language(
        button,
        lambda: (
            button.setText(QCoreApplication.translate("Package", "Export audit package…")),
            button.setToolTip(
                QCoreApplication.translate(
                    "Package",
                    "The selected audit as a package file for an auditor's laptop (work offline, "
                    "then import it back)",
                )
            ),
        ),
    )

    def clicked() -> None:
        rid = register.current_id()
        register.package_job = export_audit_package(ctx, register, [rid] if rid is not None else [])

    button.clicked.connect(clicked)
    week = QPushButton()
    week.setObjectName("exportWeekButton")
    follow_language(
        week,
        lambda: (
            week.setText(QCoreApplication.translate("Package", "Export an auditor's audits…")),
            week.setToolTip(
                QCoreApplication.translate(
                    "Package",
                    "Every open audit of one auditor in a date window (their week) in one "
                    "package file for their laptop",
                )
            ),
        ),
    )

    def week_clicked() -> None:
        register.package_job = export_auditor_week(ctx, register, export_audit_package)

    week.clicked.connect(week_clicked)
    return [button, week]


# -- import -------------------------------------------------------------------------------------
def _is_encrypted(path: Path) -> bool:
    from auditdesk.exchange import crypto

    try:
        return crypto.is_encrypted(path)
    except OSError:
        return False  # the engine says what is wrong with the file


def ask_password(parent: QWidget | None, path: Path, again: bool = False) -> str | None:
    label = QCoreApplication.translate("Package", "%1 is encrypted. Password:").replace(
        "%1", path.name
    )
    if again:
        label = QCoreApplication.translate("Package", "The password is wrong.") + "\n" + label
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("Package", "Package password"),
        label,
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


def result_lines(result: Any) -> list[str]:
    """The merge result in words."""
    lines = [
        QCoreApplication.translate("Package", "Merged the audit package exported by %1.").replace(
            "%1", result.by or "?"
        ),
        QCoreApplication.translate("Package", "Created: %1").replace("%1", str(result.created)),
        QCoreApplication.translate("Package", "Updated: %1").replace("%1", str(result.updated)),
        QCoreApplication.translate("Package", "Unchanged: %1").replace("%1", str(result.unchanged)),
        QCoreApplication.translate("Package", "Conflicts: %1").replace("%1", str(result.conflicts)),
        QCoreApplication.translate("Package", "Attachments: %1").replace(
            "%1", str(result.attachments)
        ),
    ]
    for move in result.renumbered:
        line = (
            QCoreApplication.translate(
                "Package", "NC %1 was renumbered to %2: another NC already had its number."
            )
            .replace("%1", move.number)
            .replace("%2", move.new_number)
        )
        lines.append(line)
        if move.issued:  # on its own line: the auditor must not miss it
            lines.append(
                QCoreApplication.translate(
                    "Package",
                    "It had been issued: the client's NC form shows the old number %1; tell the client.",
                ).replace("%1", move.number)
            )
    refused = getattr(result, "refused", [])
    if refused:
        lines.append(
            QCoreApplication.translate(
                "Package",
                "%1 change(s) were refused (role, issued report or NC lifecycle) and are kept, "
                "not applied, in Merge conflicts → Refused changes for a lead or admin to "
                "accept or drop.",
            ).replace("%1", str(len(refused)))
        )
    if getattr(result, "history_rewritten", False):
        lines.append(
            QCoreApplication.translate(
                "Package",
                "Warning: the change log of the computer that made this package was rewritten "
                "since its last package (restored from a backup or altered). Run a check there.",
            )
        )
    if result.conflicts:
        lines.append(
            QCoreApplication.translate(
                "Package",
                "Where a field was changed both here and on the laptop, the value here is kept and both "
                "values wait in Merge conflicts for a lead to decide.",
            )
        )
    return lines


def result_box(parent: QWidget | None, result: Any) -> tuple[QMessageBox, Any]:
    """The result dialog and its "Open merge conflicts…" button (None when there are none)."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Package", "Audit package imported"),
        "\n".join(result_lines(result)),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setObjectName("packageResult")
    conflicts = None
    if result.conflicts:
        conflicts = box.addButton(
            QCoreApplication.translate("Package", "Open merge conflicts…"),
            QMessageBox.ButtonRole.ActionRole,
        )
    return box, conflicts


def open_conflicts(ctx: Any, parent: QWidget | None) -> None:
    show = getattr(parent, "show_conflicts", None)
    if callable(show):  # the main window's own action
        show()
        return
    from auditdesk.ui.conflicts import show_conflicts

    show_conflicts(ctx.db, ctx.user, parent)  # what it merges reaches the screens: ctx.changed


def show_result(ctx: Any, parent: QWidget | None, result: Any) -> None:
    if errors.shown is not None:
        errors.shown.append(
            (
                QCoreApplication.translate("Package", "Audit package imported"),
                "\n".join(result_lines(result)),
            )
        )
        return
    box, conflicts = result_box(parent, result)
    box.exec()
    if conflicts is not None and box.clickedButton() is conflicts:
        open_conflicts(ctx, parent)


def import_audit_package(
    ctx: Any,
    parent: QWidget | None,
    path: str | None = None,
    password: str | None = None,
    on_merged: Callable[[Any], None] | None = None,
) -> Job | None:
    """Ask for the package (unless ``path``) and, when encrypted, its password (unless given);
    merge it in a write job and say what happened. A wrong password asks again."""
    title = QCoreApplication.translate("Package", "Import audit package")
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(
            parent,
            title,
            str(Path.home()),
            QCoreApplication.translate("Package", "AuditDesk audit package (*.adpkg)"),
        )
        if not path:
            return None
    source = Path(path)
    if password is None and _is_encrypted(source):
        password = ask_password(parent, source)
        if password is None:
            return None
    secret = password

    def work(job: Job) -> Any:
        from auditdesk.exchange.package import import_package

        job.progress(
            0, 1, QCoreApplication.translate("Package", "Merging %1…").replace("%1", source.name)
        )
        with job.session() as s:
            return import_package(s, source, password=secret)

    def done(result: Any) -> None:  # the merged records reach the screens as ctx.changed
        if on_merged is not None:
            on_merged(result)
        show_result(ctx, parent, result)

    def failed(exc: BaseException) -> None:
        from auditdesk.exchange.errors import PackageRefused

        if not isinstance(exc, PackageRefused):
            errors.show_error(exc, parent)  # e.g. the role may not merge: said in words
            return
        _tell(
            parent,
            QCoreApplication.translate("Package", "Audit package refused"),
            "\n\n".join(
                [
                    QCoreApplication.translate("Package", "%1 was not imported.").replace(
                        "%1", source.name
                    ),
                    refusal_text(exc.reason, exc),
                    QCoreApplication.translate(
                        "Package", "Nothing was written: this database is unchanged."
                    ),
                ]
            ),
            warning=True,
        )
        if exc.reason in ("wrong_password", "encrypted_needs_password"):
            again = ask_password(parent, source, again=exc.reason == "wrong_password")
            if again is not None:
                import_audit_package(ctx, parent, str(source), again, on_merged)

    return run_job(
        work,
        done,
        failed,
        QCoreApplication.translate("Package", "Importing the audit package…"),
        parent=parent,
        write=True,
        session_factory=ctx.session,
    )
