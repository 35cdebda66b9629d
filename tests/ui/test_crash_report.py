"""A crash leaves a trace: a real segfault writes the stacks to the data folder, and the next
start shows them with a "Copy details" button."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from auditdesk.ui import crash_report

REPO = Path(__file__).resolve().parents[2]


def test_a_crash_is_logged_and_shown_at_the_next_start_with_copy(qtbot, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "auditdesk.ui.crash_report", "--crash-now", str(tmp_path)],
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0  # it really crashed
    assert (tmp_path / crash_report.CURRENT).exists()
    dialog = crash_report.show_pending(tmp_path, exec_=False)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert "Fatal Python error" in dialog.details and "Segmentation fault" in dialog.details
    assert "crash_report" in dialog.details  # the stack says where
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.details
    # kept under a dated name, shown once
    assert not (tmp_path / crash_report.CURRENT).exists()
    assert len(list(tmp_path.glob("crash-2*.log"))) == 1
    assert crash_report.show_pending(tmp_path, exec_=False) is None


def test_a_normal_exit_leaves_nothing_to_show(tmp_path):
    script = (
        "import sys; from pathlib import Path\n"
        "from auditdesk.ui import crash_report\n"
        "crash_report.enable(Path(sys.argv[1]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0
    assert not (tmp_path / crash_report.CURRENT).exists()
    assert crash_report.pending_report(tmp_path) is None
