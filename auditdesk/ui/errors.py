"""Errors on screen (STYLE habit 6): environment errors say what to do; anything else opens
a crash dialog whose details can be copied. Never a bare traceback, never silence."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from auditdesk import __version__
from auditdesk.services.errors import ServiceError, ValidationFailed
from auditdesk.storage.errors import StorageError, classify_sqlite_error
from auditdesk.ui import labels
from auditdesk.ui.i18n import current_language

# Tests set this to collect what would have been shown instead of opening modal dialogs.
shown: list[tuple[str, str]] | None = None
# ... and, while ``shown`` is set, this is the answer ``confirm`` gives (a test may say no).
confirm_answer = True


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before a change the user may not mean (Yes / No, No the default)."""
    if shown is not None:
        shown.append((title, text))
        return confirm_answer
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


# Storage errors whose text lives here rather than in labels.py (code -> what to do).
STORAGE_TEXT: dict[str, str] = {
    "in_use": str(
        QT_TRANSLATE_NOOP(
            "Errors",
            "AuditDesk is still using this database, in this window, another window, a command "
            "or a background backup.\n\nClose it first, then restore the backup. Nothing was changed.",
        )
    ),
}


STORAGE_TEXT.update(
    {
        "backup_cancelled": str(
            QT_TRANSLATE_NOOP("Errors", "The backup was cancelled; its partial copy was removed.")
        ),
        "backup_failed": str(
            QT_TRANSLATE_NOOP(
                "Errors", "The backup could not be written. The database itself is unchanged."
            )
        ),
        "backup_invalid": str(
            QT_TRANSLATE_NOOP(
                "Errors", "This is not a complete AuditDesk backup: it fails its check."
            )
        ),
        "backup_no_space": str(
            QT_TRANSLATE_NOOP(
                "Errors",
                "There is not enough free space for the backup on that disk. Nothing was written.",
            )
        ),
        "backup_read_only": str(
            QT_TRANSLATE_NOOP("Errors", "The backup folder cannot be written to (it is read-only).")
        ),
        "text_too_large": str(
            QT_TRANSLATE_NOOP(
                "Errors", "The text is too large to save. Shorten it or attach it as a file."
            )
        ),
        "witness_invalid": str(
            QT_TRANSLATE_NOOP(
                "Errors", "The witness file is not a valid AuditDesk witness (or it was changed)."
            )
        ),
        "migration_refused": str(
            QT_TRANSLATE_NOOP(
                "Errors", "The database could not be copied to the server. Nothing was changed."
            )
        ),
        "attachment.refused": str(QT_TRANSLATE_NOOP("Errors", "The file was not attached.")),
    }
)

# Service and importer errors whose text lives here (code -> what happened).
SERVICE_TEXT: dict[str, str] = {
    "archive_damaged": str(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The issued file is missing from the attachment store or was altered there; it is "
            "not handed out. Restore the attachment store from a backup.",
        )
    ),
    "exchange": str(QT_TRANSLATE_NOOP("Errors", "The file could not be imported or exported.")),
    "import_rejected": str(
        QT_TRANSLATE_NOOP("Errors", "Some rows of the workbook are wrong; nothing was imported.")
    ),
    "package_refused": str(
        QT_TRANSLATE_NOOP("Errors", "The audit package was refused; nothing was changed.")
    ),
    "workbook": str(QT_TRANSLATE_NOOP("Errors", "The workbook cannot be imported.")),
    "history_read_only": str(
        QT_TRANSLATE_NOOP(
            "Errors",
            "This is an earlier audit of the client, brought to this laptop as history to "
            "re-verify on site: it is read-only here. Change it at the office.",
        )
    ),
    "issue_blocked": str(
        QT_TRANSLATE_NOOP(
            "Errors", "The report cannot be issued yet: the pre-issue check found what blocks it."
        )
    ),
}


def storage_text(code: str) -> str:
    text = STORAGE_TEXT.get(code)
    return QCoreApplication.translate("Errors", text) if text else labels.label("storage", code)


def service_text(code: str) -> str:
    text = SERVICE_TEXT.get(code)
    return QCoreApplication.translate("Errors", text) if text else labels.label("service", code)


def _storage_detail(storage: StorageError) -> str:
    """What a storage error adds to its message: an attachment's reason, a copy's reason."""
    code = getattr(storage, "code", "")
    if code.startswith("attachment.") and code != "attachment.refused":
        from auditdesk.ui.workspace.words import refusal_text

        return refusal_text(
            code, getattr(storage, "path", "") or "", getattr(storage, "actual", "")
        )
    return ""


def storage_error_of(exc: BaseException) -> StorageError | None:
    if isinstance(exc, StorageError):
        return exc
    return classify_sqlite_error(exc)


def message_for(exc: BaseException) -> tuple[str, str] | None:
    """(title, text) for an error the user can act on; None for a bug."""
    storage = storage_error_of(exc)
    if storage is not None:
        detail = _storage_detail(storage)
        code = storage.code
        if code not in STORAGE_TEXT and not labels.has_label("storage", code):
            code = type(storage).code  # a class that keeps its reason in ``code``
        text = detail or storage_text(code)
        if storage.path and not detail:
            text += "\n\n" + storage.path
        return QCoreApplication.translate("Errors", "Database problem"), text
    if isinstance(exc, ValidationFailed):
        # Only what has words: a field or reason code without them is left out, never shown raw.
        lines = [
            f"{labels.column(f)}: {labels.validation(c)}"
            for f, c in exc.errors.items()
            if labels.has_label("column", f)
            and (labels.has_label("validation", c) or c.startswith("credit_code."))
        ]
        blockers = getattr(exc, "blockers", None) or []
        if blockers:
            from auditdesk.ui.blocker_words import blocker_words

            lines += ["• " + blocker_words(b.code, b.detail or "") for b in blockers]
        return QCoreApplication.translate("Errors", "Please check"), "\n".join(
            [service_text(exc.code), *lines]
        )
    message = getattr(exc, "message", None)
    if isinstance(exc, ServiceError) and exc.code == "template_broken" and callable(message):
        # A template's problem names its file; it carries its own zh and en words.
        lang = "zh" if current_language() == "zh_CN" else "en"
        return QCoreApplication.translate("Errors", "Not possible"), str(message(lang))
    if isinstance(exc, ServiceError):
        text = service_text(exc.code)
        reason = exc.details.get("reason")
        if reason:
            text += "\n" + reason_words(exc, str(reason))
        if exc.details.get("rule"):
            text += f"\n({exc.details['rule']} {exc.details.get('clause', '')})"
        return QCoreApplication.translate("Errors", "Not possible"), text
    return None


def reason_words(exc: ServiceError, reason: str) -> str:
    """A refusal's reason code in the user's language (never the bare code)."""
    from auditdesk.exchange.errors import PackageRefused, WorkbookUnreadable

    if isinstance(exc, WorkbookUnreadable):
        from auditdesk.ui.exchange_words import workbook_text

        return workbook_text(exc)
    if isinstance(exc, PackageRefused):
        from auditdesk.ui.exchange_words import REFUSALS, refusal_text

        if reason in REFUSALS or reason == "missing_package":
            return refusal_text(reason, exc)
    if labels.has_label("refusal", reason):
        return labels.label("refusal", reason)
    return QCoreApplication.translate("Errors", "(reason: %1)").replace("%1", reason)


def show_error(exc: BaseException, parent: QWidget | None = None) -> None:
    known = message_for(exc)
    if known is None:
        show_crash(type(exc), exc, exc.__traceback__, parent)
        return
    title, text = known
    if shown is not None:
        shown.append((title, text))
        return
    # No "details" with the exception's own (English, technical) text: the message above is
    # the whole story in the user's language; a bug goes to the crash dialog instead.
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


class CrashDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("AuditDesk: unexpected error"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Something went wrong that AuditDesk did not expect. Your saved work is safe.\n"
                "Copy the details below and send them to your administrator."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)


def crash_details(
    etype: type[BaseException], value: BaseException, tb: TracebackType | None
) -> str:
    return f"AuditDesk {__version__}, Python {sys.version.split()[0]}\n\n" + "".join(
        traceback.format_exception(etype, value, tb)
    )


def show_crash(
    etype: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> None:
    details = crash_details(etype, value, tb)
    sys.stderr.write(details)
    if shown is not None:
        shown.append(("crash", details))
        return
    if QApplication.instance() is None:
        return
    CrashDialog(details, parent).exec()


def excepthook(etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: exceptions escaping Qt slots end here instead of killing the app."""
    if issubclass(etype, KeyboardInterrupt):
        sys.__excepthook__(etype, value, tb)
        return
    if message_for(value) is not None:
        show_error(value)
    else:
        show_crash(etype, value, tb)


def install_excepthook() -> None:
    sys.excepthook = excepthook
