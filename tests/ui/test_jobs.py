"""run_job: synchronous executor for tests, errors to on_error, cancellation."""

from __future__ import annotations

from auditdesk.services.clients import count_organisations
from auditdesk.ui import jobs


def test_synchronous_job_returns_result_before_run_job_returns(ctx, sample):
    got: list[int] = []

    def count(job):
        job.progress(1, 1, "counting")
        with job.session() as s:
            return count_organisations(s)

    jobs.run_job(count, got.append, None, "Counting…")
    assert got == [2]


def test_errors_go_to_on_error(ctx):
    errors: list[BaseException] = []
    jobs.run_job(lambda job: 1 / 0, lambda r: None, errors.append)
    assert isinstance(errors[0], ZeroDivisionError)


def test_default_error_handler_shows_crash_dialog(ctx):
    jobs.run_job(lambda job: {}["missing"])
    assert ctx.shown and ctx.shown[0][0] == "crash" and "KeyError" in ctx.shown[0][1]


def test_cancelled_job_calls_nothing(ctx):
    calls: list[object] = []

    def work(job):
        job.cancel()
        job.check()

    jobs.run_job(work, calls.append, calls.append)
    assert calls == []


def test_thread_pool_job_reports_back_on_gui_thread(qtbot, ctx, sample):
    jobs.set_executor(jobs.ThreadPoolExecutor())
    got: list[int] = []

    def count(job):
        with job.session() as s:
            return count_organisations(s)

    jobs.run_job(count, got.append, None, None, write=True)
    qtbot.waitUntil(lambda: got == [2], timeout=5000)


def test_export_schedule_runs_as_a_job(qtbot, ctx, sample, tmp_path):
    from PySide6.QtWidgets import QWidget

    from auditdesk.ui import file_actions

    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "schedule.xlsx"
    file_actions.export_schedule(ctx, parent, str(target), year=2027, notify=False)
    assert target.exists() and target.stat().st_size > 0
    assert ctx.shown == []


def test_backup_runs_as_a_job(qtbot, ctx, sample, tmp_path):
    from PySide6.QtWidgets import QWidget

    from auditdesk.ui import file_actions

    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "usb"
    file_actions.backup_database(ctx, parent, str(target), notify=False)
    (made,) = target.glob("*.adbackup")
    assert (made / "database.sqlite3").read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_job_whose_widget_was_destroyed_calls_nothing(qtbot, ctx):
    import threading

    import shiboken6
    from PySide6.QtWidgets import QWidget

    jobs.set_executor(jobs.ThreadPoolExecutor())
    release = threading.Event()
    calls: list[object] = []

    def work(job):
        release.wait(30)
        return "late"

    page, dialog = QWidget(), QWidget()
    jobs.run_job(work, calls.append, calls.append, parent=page)
    jobs.run_job(lambda job: (release.wait(30), 1 / 0), calls.append, None, parent=dialog)
    shiboken6.delete(page)  # their windows closed while the jobs ran
    shiboken6.delete(dialog)
    release.set()
    qtbot.waitUntil(lambda: jobs._running == set(), timeout=10000)
    assert calls == []
    assert ctx.shown == []  # the second job's error dialog had no living parent either
