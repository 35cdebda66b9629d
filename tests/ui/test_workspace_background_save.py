"""Autosave runs on the job runner's writer thread, not the GUI thread (issue 21 point 1,
issue 18 point 2): the typed text stays in the editor until the save is confirmed, and closing
the workspace waits for a save on its way, so nothing typed is lost."""

from __future__ import annotations

import threading

import pytest

from auditdesk.model import EvidenceItem
from auditdesk.services import evidence as ev
from auditdesk.services import workspace_data as wd
from auditdesk.ui import jobs
from auditdesk.ui.conflict_reload import CANCEL
from tests.services.workspace_data import make_audit
from tests.ui.conftest import show_workspace


@pytest.fixture
def ws(ctx, database, qtbot):
    with database.session() as s:
        facts = make_audit(s)
    widget = show_workspace(ctx, facts.audit_id, qtbot)
    assert widget.new_item("现场查看了内审记录") is not None
    jobs.set_executor(jobs.ThreadPoolExecutor())  # the ctx fixture restores the default
    yield widget
    jobs.executor().pool.waitForDone(10_000)


@pytest.fixture
def saves(monkeypatch):
    """Records the thread of every evidence save; a save may be held until released."""

    class Saves:
        threads: list[int] = []  # one class per test: the fixture defines it
        release = threading.Event()

    Saves.release.set()
    real = ev.update_evidence

    def update(*args, **kwargs):
        Saves.threads.append(threading.get_ident())
        assert Saves.release.wait(10), "the save was never released"
        return real(*args, **kwargs)

    monkeypatch.setattr(wd.evidence, "update_evidence", update)
    yield Saves
    Saves.release.set()


def stored(database, item_id):
    with database.session() as s:
        return s.get(EvidenceItem, item_id).description


def test_the_save_runs_off_the_gui_thread(ws, saves, database, qtbot):
    item_id = ws.editor.item_id
    ws.editor.description.setPlainText("在工作线程上保存")
    ws.editor.flush()
    qtbot.waitUntil(lambda: not ws.editor.saving, timeout=10_000)
    assert saves.threads and threading.get_ident() not in saves.threads
    assert stored(database, item_id) == "在工作线程上保存"
    assert not ws.editor.has_pending and ws.editor.unsaved_items == []


def test_the_text_is_kept_until_the_save_is_confirmed(ws, saves, database, qtbot):
    item_id = ws.editor.item_id
    saves.release.clear()
    ws.editor.description.setPlainText("第一段")
    assert ws.editor.flush() is False  # handed over, not confirmed yet
    assert ws.editor.saving and ws.editor.unsaved_items == [item_id]
    # Typed while the first save is on its way: it waits, then follows.
    ws.editor.description.setPlainText("第一段，第二段")
    assert ws.editor.flush() is False and ws.editor.has_pending
    qtbot.waitUntil(lambda: len(saves.threads) == 1, timeout=10_000)  # the first is held
    assert ws.editor.saving and ws.editor.has_pending
    saves.release.set()
    qtbot.waitUntil(lambda: not ws.editor.saving and not ws.editor.has_pending, timeout=10_000)
    assert len(saves.threads) == 2
    assert stored(database, item_id) == "第一段，第二段"
    assert ws.editor.unsaved_items == []


def test_closing_at_once_waits_for_the_save(ws, saves, database, qtbot):
    """Type, close immediately: the text is in the database when close() returns."""
    from PySide6.QtCore import QTimer

    item_id = ws.editor.item_id
    saves.release.clear()
    # Released from the GUI thread's event loop: only a close that waits lets it run.
    QTimer.singleShot(100, saves.release.set)
    ws.editor.description.setPlainText("关闭前最后输入的文字")
    ws.close()
    assert stored(database, item_id) == "关闭前最后输入的文字"
    assert not ws.editor.saving and not ws.editor.has_pending


def test_a_conflict_found_in_the_background_is_asked_and_keep_mine_keeps_it(
    ws, saves, database, qtbot
):
    item_id = ws.editor.item_id
    with database.session() as s:
        ev.update_evidence(s, item_id, {"description": "同事的描述"})  # on this thread
    assert len(saves.threads) == 1
    asked = []
    ws.ask_conflict = lambda exc, parent: (asked.append(exc), CANCEL)[1]
    ws.editor.description.setPlainText("我的描述")
    ws.editor.flush()
    qtbot.waitUntil(lambda: not ws.editor.saving, timeout=10_000)
    assert len(asked) == 1 and threading.get_ident() not in saves.threads[1:]
    assert ws.editor.has_pending and ws.editor.description.toPlainText() == "我的描述"
    assert stored(database, item_id) == "同事的描述"
