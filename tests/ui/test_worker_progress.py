"""Long jobs in the worker process report done/total, and the job's dialog shows a determinate
bar (issue #20.9): frames on the worker's pipe, the real thread-pool executor, a real child."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import time
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QProgressDialog, QWidget

from auditdesk.ui import jobs, worker_process
from auditdesk.ui.worker_process import FrameWriter, read_frames, report_progress, reporting_to

TARGETS = "tests.ui.test_worker_progress"


# -- a target the child imports (called as fn(session, *args)) ------------------------------------
def three_of_ten_then_wait(session, go_file):
    report_progress(3, 10, "three of ten")
    deadline = time.monotonic() + 60
    while not Path(go_file).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    report_progress(10, 10, "all ten")
    return "finished"


@pytest.fixture
def pool(ctx):
    jobs.set_executor(jobs.ThreadPoolExecutor())
    yield
    jobs.set_executor(jobs.SynchronousExecutor())


def test_the_worker_drives_a_determinate_bar(qtbot, ctx, pool, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    go = tmp_path / "go"
    got: list[object] = []
    failed: list[BaseException] = []
    jobs.run_in_process(
        f"{TARGETS}:three_of_ten_then_wait",
        (str(go),),
        got.append,
        failed.append,
        "Working…",
        url=ctx.db.url,
        user="system",
        parent=parent,
    )
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None and dialog.maximum() == 0  # busy until the worker can count
    qtbot.waitUntil(lambda: dialog.maximum() == 10, timeout=60000)
    assert dialog.value() == 3 and dialog.labelText() == "three of ten"
    assert dialog.minimum() == 0 and dialog.maximum() > dialog.minimum()  # determinate
    go.write_text("")
    qtbot.waitUntil(lambda: bool(got or failed), timeout=60000)
    assert failed == [] and got == ["finished"]


def test_frames_are_thinned_to_per_mille_steps_and_end_with_the_answer():
    out = io.BytesIO()
    frames = FrameWriter(out)
    for done in range(100_001):
        frames.progress(done, 100_000)
    out.close = lambda: None  # keep the buffer readable after the answer
    frames.answer(pickle.dumps(("ok", 42)))
    read = list(read_frames(io.BytesIO(out.getvalue())))
    progress = [f for f in read if f[0] == "progress"]
    assert len(progress) == 1001  # 0 ‰ … 1000 ‰, not 100 001 frames
    assert progress[0][1:3] == (0, 100_000) and progress[-1][1:3] == (100_000, 100_000)
    assert read[-1] == ("ok", 42)


def test_a_truncated_stream_ends_the_frames():
    data = pickle.dumps(("progress", 1, 2, "")) + pickle.dumps(("ok", "x"))[:5]
    assert list(read_frames(io.BytesIO(data))) == [("progress", 1, 2, "")]


def test_the_schedule_export_counts_its_steps(ctx, sample, tmp_path):
    seen: list[tuple[int, int, str]] = []
    target = tmp_path / "schedule.xlsx"
    with ctx.db.session() as s, reporting_to(lambda *a: seen.append(a)):
        worker_process.export_schedule_to(s, dt.date.today().year, "zh", str(target))
    assert seen == [(0, 2, ""), (1, 2, ""), (2, 2, "")]
    assert openpyxl.load_workbook(target).sheetnames  # a real workbook
    report_progress(5, 5)  # outside a job: nothing to report to, no error


def test_inline_jobs_report_to_the_job(ctx, sample, tmp_path, monkeypatch):
    """Under the synchronous executor the target runs inline and reports to ``job.progress``."""
    seen: list[tuple[int, int, str]] = []
    real_job = jobs.Job

    class Recording(real_job):
        def progress(self, done, total=0, text=""):
            seen.append((done, total, text))
            super().progress(done, total, text)

    monkeypatch.setattr(jobs, "Job", Recording)
    got: list[object] = []
    jobs.run_in_process(
        "auditdesk.ui.worker_process:export_schedule_to",
        (dt.date.today().year, "en", str(tmp_path / "s.xlsx")),
        got.append,
        url=ctx.db.url,
        user="system",
        session_factory=ctx.session,
    )
    assert got == [str(tmp_path / "s.xlsx")]
    assert seen == [(0, 2, ""), (1, 2, ""), (2, 2, "")]
