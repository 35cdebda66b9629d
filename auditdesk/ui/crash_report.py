"""A crash leaves a trace: ``faulthandler`` writes the Python stacks of a fatal crash (a
segfault in Qt, an abort) to ``crash-current.log`` in the data folder; a normal exit removes
that file. The next start finds it, keeps it as ``crash-<time>.log`` and shows it with a
"Copy details" button, so a user can send exactly what happened."""

from __future__ import annotations

import atexit
import datetime as dt
import faulthandler
import platform
import sys
from pathlib import Path
from typing import IO, Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

CURRENT = "crash-current.log"
KEEP = 10  # crash logs kept in the data folder, newest first

_log: IO[str] | None = None


def enable(folder: Path) -> Path | None:
    """Start writing fatal-crash stacks to ``folder/crash-current.log`` (None: cannot)."""
    global _log
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / CURRENT
        _log = path.open("w", encoding="utf-8")
        from auditdesk import __version__

        _log.write(
            f"AuditDesk {__version__}, Python {platform.python_version()}, "
            f"{platform.platform()}, started {dt.datetime.now().isoformat(timespec='seconds')}\n"
        )
        _log.flush()
        faulthandler.enable(file=_log, all_threads=True)
    except OSError:
        return None
    atexit.register(_clean_exit, path)
    return path


def _clean_exit(path: Path) -> None:
    """A normal exit: no crash to report next time."""
    global _log
    if _log is not None:
        faulthandler.disable()
        _log.close()
        _log = None
    path.unlink(missing_ok=True)


def pending_report(folder: Path) -> tuple[Path, str] | None:
    """The crash log a previous run left (kept under a dated name), or None. A log holding
    only its start line (the process was killed, nothing to show) is dropped."""
    path = folder / CURRENT
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if len(text.strip().splitlines()) < 2:
        path.unlink(missing_ok=True)
        return None
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
    kept = folder / f"crash-{stamp}.log"
    path.replace(kept)
    for old in sorted(folder.glob("crash-2*.log"), reverse=True)[KEEP:]:
        old.unlink(missing_ok=True)
    return kept, text


class CrashReportDialog(QDialog):
    def __init__(self, path: Path, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("AuditDesk closed unexpectedly"))
        self.details = details
        layout = QVBoxLayout(self)
        label = QLabel(
            self.tr(
                "AuditDesk stopped unexpectedly the last time it ran. Your saved work is in "
                "the database. Please send these details to your administrator or to "
                "AuditDesk's support. They are also kept in {path}."
            ).replace("{path}", str(path))
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)


def show_pending(folder: Path, parent: Any = None, *, exec_: bool = True) -> Any:
    """At start: show the previous run's crash, if any (returns the dialog, or None)."""
    found = pending_report(folder)
    if found is None:
        return None
    dialog = CrashReportDialog(found[0], found[1], parent)
    if exec_:
        dialog.exec()
    return dialog


if __name__ == "__main__" and len(sys.argv) > 2 and sys.argv[1] == "--crash-now":
    # for tests: enable the log in a folder, then crash as Qt would
    enable(Path(sys.argv[2]))
    faulthandler._sigsegv()  # type: ignore[attr-defined]  # CPython's own test hook
