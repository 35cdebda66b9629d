"""Cold start: the main window reads no review-queue rows until the queue tab is first shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget

from auditdesk.services import review_queue as rq
from auditdesk.ui.main_window import MainWindow


@pytest.fixture
def queue_calls(monkeypatch):
    calls: list[str] = []
    real_queue, real_count, real_choices = rq.review_queue, rq.review_queue_count, rq.filter_choices

    def queue(*args, **kwargs):
        calls.append("review_queue")
        return real_queue(*args, **kwargs)

    def count(*args, **kwargs):
        calls.append("review_queue_count")
        return real_count(*args, **kwargs)

    def choices(*args, **kwargs):
        calls.append("filter_choices")
        return real_choices(*args, **kwargs)

    monkeypatch.setattr(rq, "review_queue", queue)
    monkeypatch.setattr(rq, "review_queue_count", count)
    monkeypatch.setattr(rq, "filter_choices", choices)
    return calls


def test_the_queue_is_read_only_when_its_tab_is_first_shown(qtbot, ctx, sample, queue_calls):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page("ncs")  # the NC page opens on its register tab
    assert queue_calls == []
    assert not window.nc_queue.is_loaded

    window.navigate("open_nc", {})  # the review queue tab
    tabs = window.pages["ncs"]
    assert isinstance(tabs, QTabWidget) and tabs.currentWidget() is window.nc_queue
    assert "review_queue" in queue_calls and "filter_choices" in queue_calls
    assert window.nc_queue.is_loaded

    queue_calls.clear()
    window.show_page("dashboard")
    window.show_page("ncs")  # shown again: no reload until asked
    assert queue_calls == []
    window.refresh_page()  # F5 on the queue tab reloads the queue, not the register
    assert queue_calls.count("review_queue") == 1 and "filter_choices" not in queue_calls


def test_the_queue_loads_through_the_job_runner(qtbot, ctx, sample, monkeypatch):
    from auditdesk.ui import jobs

    started: list[object] = []
    real_run_job = jobs.run_job

    def run_job(fn, *args, **kwargs):
        started.append(fn)
        return real_run_job(fn, *args, **kwargs)

    monkeypatch.setattr(jobs, "run_job", run_job)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    before = len(started)
    window.navigate("open_nc", {})
    assert len(started) == before + 1
    assert window.nc_queue.is_loaded
