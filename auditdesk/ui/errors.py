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


def storage_text(code: str) -> str:
    text = STORAGE_TEXT.get(code)
    return QCoreApplication.translate("Errors", text) if text else labels.label("storage", code)


def storage_error_of(exc: BaseException) -> StorageError | None:
    if isinstance(exc, StorageError):
        return exc
    return classify_sqlite_error(exc)


def message_for(exc: BaseException) -> tuple[str, str] | None:
    """(title, text) for an error the user can act on; None for a bug."""
    storage = storage_error_of(exc)
    if storage is not None:
        text = storage_text(storage.code)
        if storage.path:
            text += "\n\n" + storage.path
        return QCoreApplication.translate("Errors", "Database problem"), text
    if isinstance(exc, ValidationFailed):
        lines = [f"{labels.column(f)}: {labels.validation(c)}" for f, c in exc.errors.items()]
        return QCoreApplication.translate("Errors", "Please check"), "\n".join(
            [labels.label("service", exc.code), *lines]
        )
    if isinstance(exc, ServiceError):
        text = labels.label("service", exc.code)
        reason = exc.details.get("reason")
        if reason:
            text += "\n" + labels.label("refusal", reason)
        if exc.details.get("rule"):
            text += f"\n({exc.details['rule']} {exc.details.get('clause', '')})"
        return QCoreApplication.translate("Errors", "Not possible"), text
    return None


def show_error(exc: BaseException, parent: QWidget | None = None) -> None:
    known = message_for(exc)
    if known is None:
        show_crash(type(exc), exc, exc.__traceback__, parent)
        return
    title, text = known
    if shown is not None:
        shown.append((title, text))
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(str(exc))
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
