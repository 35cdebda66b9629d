"""CPU-heavy jobs run in a worker process (jobs.run_in_process), not in a thread of the GUI.

These tests use the real thread-pool executor, so the work really goes to a child process
(``python -m auditdesk.ui.worker_process``) that opens the database by URL as the user; results,
typed errors and cancellation come back through the same callbacks as any job.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from auditdesk.services.errors import NotFound
from auditdesk.ui import jobs

TARGETS = "tests.ui.test_worker_process"


# -- targets the child imports (called as fn(session, *args)) --------------------------------------
def organisations_and_pid(session):
    from auditdesk.services.clients import count_organisations
    from auditdesk.services.users import current_username

    return count_organisations(session), os.getpid(), current_username(session)


def raise_not_found(session, what):
    raise NotFound(f"no audit {what}", ref=what)


class Unpicklable(Exception):
    def __init__(self, a, b):
        super().__init__(f"{a}/{b}")


def raise_unpicklable(session):
    raise Unpicklable("x", "y")


def sleep_long(session, pid_file):
    Path(pid_file).write_text(str(os.getpid()))
    for _ in range(600):  # 30 s: far longer than the test waits for the cancel
        time.sleep(0.05)


def slow_write(session, path, started):
    from auditdesk.exports.files import write_atomically

    def write(fh):
        fh.write(b"partial")
        fh.flush()
        Path(started).write_text(str(os.getpid()))
        time.sleep(30)

    write_atomically(Path(path), write)


# -- tests ------------------------------------------------------------------------------------------
@pytest.fixture
def pool(ctx):
    jobs.set_executor(jobs.ThreadPoolExecutor())
    yield
    jobs.set_executor(jobs.SynchronousExecutor())


def run(qtbot, ctx, target, *args, user="system"):
    got: list[object] = []
    failed: list[BaseException] = []
    job = jobs.run_in_process(
        f"{TARGETS}:{target}",
        args,
        got.append,
        failed.append,
        url=ctx.db.url,
        user=user,
        session_factory=ctx.session,
    )
    qtbot.waitUntil(lambda: bool(got or failed), timeout=60000)
    return job, got, failed


def test_the_work_runs_in_another_process_on_the_same_database_as_the_user(
    qtbot, ctx, sample, pool
):
    _job, got, failed = run(qtbot, ctx, "organisations_and_pid")
    assert failed == []
    count, pid, user = got[0]
    assert count == 2 and user == "system"
    assert pid != os.getpid()
    assert jobs._running == set()


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_a_worker_opens_a_postgresql_database_by_url_too(qtbot, ctx, sample, pool, backend):
    _job, got, failed = run(qtbot, ctx, "organisations_and_pid")
    assert failed == []
    assert got[0][0] == 2 and got[0][1] != os.getpid()


def test_a_service_error_comes_back_with_its_own_type(qtbot, ctx, pool):
    _job, got, failed = run(qtbot, ctx, "raise_not_found", "2026-0099")
    assert got == []
    assert isinstance(failed[0], NotFound)
    assert str(failed[0]) == "no audit 2026-0099" and failed[0].details == {"ref": "2026-0099"}


def test_an_error_that_cannot_cross_processes_is_named_in_a_runtime_error(qtbot, ctx, pool):
    _job, _got, failed = run(qtbot, ctx, "raise_unpicklable")
    assert type(failed[0]) is RuntimeError and "Unpicklable: x/y" in str(failed[0])


def test_cancel_terminates_the_worker_and_calls_nothing(qtbot, ctx, pool, tmp_path):
    pid_file = tmp_path / "pid"
    calls: list[object] = []
    job = jobs.run_in_process(
        f"{TARGETS}:sleep_long",
        (str(pid_file),),
        calls.append,
        calls.append,
        url=ctx.db.url,
        user="system",
    )
    qtbot.waitUntil(pid_file.exists, timeout=60000)
    qtbot.waitUntil(lambda: pid_file.read_text() != "", timeout=5000)
    pid = int(pid_file.read_text())
    job.cancel()
    qtbot.waitUntil(lambda: jobs._running == set(), timeout=10000)
    assert calls == []
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # terminated and reaped


def test_quitting_the_app_terminates_running_workers(qtbot, ctx, pool, tmp_path):
    pid_file = tmp_path / "pid"
    calls: list[object] = []
    jobs.run_in_process(
        f"{TARGETS}:sleep_long",
        (str(pid_file),),
        calls.append,
        calls.append,
        url=ctx.db.url,
        user="system",
    )
    qtbot.waitUntil(lambda: pid_file.exists() and pid_file.read_text() != "", timeout=60000)
    jobs.cancel_all()  # connected to QCoreApplication.aboutToQuit by the first run_job
    qtbot.waitUntil(lambda: jobs._running == set(), timeout=10000)
    assert calls == []
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_a_cancelled_export_leaves_no_file_behind(qtbot, ctx, pool, tmp_path):
    target, started = tmp_path / "report.pdf", tmp_path / "started"
    job = jobs.run_in_process(
        f"{TARGETS}:slow_write",
        (str(target), str(started)),
        None,
        None,
        url=ctx.db.url,
        user="system",
    )
    qtbot.waitUntil(lambda: started.exists() and started.read_text() != "", timeout=60000)
    assert list(tmp_path.glob(".report.pdf.*.part"))  # the temporary file is being written
    job.cancel()
    qtbot.waitUntil(lambda: jobs._running == set(), timeout=10000)
    assert not target.exists()
    assert list(tmp_path.glob(".report.pdf.*.part")) == []


def test_synchronous_executor_runs_the_target_inline(ctx, sample):
    got: list[object] = []
    jobs.run_in_process(
        f"{TARGETS}:organisations_and_pid",
        (),
        got.append,
        None,
        url=ctx.db.url,
        user="system",
        session_factory=ctx.session,
    )
    assert got and got[0][1] == os.getpid()


def test_report_pdf_from_the_documents_dialog_is_written_by_a_worker_process(
    qtbot, ctx, database, tmp_path, pool, monkeypatch
):
    from auditdesk.exports import api
    from auditdesk.ui.documents import DocumentsDialog
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=4, photos=1)
    # Rendering in this process would be the old, freezing path: make it fail loudly.
    monkeypatch.setattr(
        api, "export_document", lambda *a, **k: pytest.fail("rendered in the GUI process")
    )
    dlg = DocumentsDialog(ctx, demo.audit_id)
    qtbot.addWidget(dlg)
    dlg.select("report", "pdf", "zh")
    target = tmp_path / "report.pdf"
    dlg.export(str(target))
    qtbot.waitUntil(lambda: bool(ctx.shown), timeout=120000)
    assert ctx.shown == [("Export finished", f"Saved to {target}")]
    assert target.read_bytes()[:5] == b"%PDF-"
    assert not list(tmp_path.glob(".report.pdf.*.part"))


def test_dashboard_figures_are_computed_in_a_worker_process(qtbot, ctx, sample, pool, monkeypatch):
    from auditdesk.services import dashboard
    from auditdesk.ui.dashboard import DashboardPage

    monkeypatch.setattr(
        dashboard, "build_dashboard", lambda *a: pytest.fail("computed in the GUI process")
    )
    monkeypatch.setattr(
        "auditdesk.ui.dashboard.build_dashboard", dashboard.build_dashboard, raising=False
    )
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.data is not None, timeout=60000)
    assert page.figure_values()["overdue_ncs"] == 1
