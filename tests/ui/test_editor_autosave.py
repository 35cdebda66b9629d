"""The evidence editor's autosave promises (auditdesk/ui/workspace/editor.py): continuous
typing is saved at least once a second, and a failed save never drops what was typed."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtTest import QTest

from auditdesk.ui.workspace.editor import MAX_UNSAVED_MS, EvidenceEditor, EvidenceSnapshot


def snapshot(item_id: uuid.UUID, text: str = "") -> EvidenceSnapshot:
    return EvidenceSnapshot(
        id=item_id,
        seq=1,
        evidence_type="document",
        site_id=None,
        department="",
        remote=False,
        observed_at=dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC),
        description=text,
        references="",
        interviewee_role="",
        clause_numbers=[],
        attachments=0,
    )


class Store:
    """Stands in for the workspace's save: records what arrives, fails while told to."""

    def __init__(self) -> None:
        self.saved: list[tuple[uuid.UUID, dict]] = []
        self.failing = False

    def __call__(self, item_id: uuid.UUID, changes: dict) -> bool:
        if self.failing:
            return False
        self.saved.append((item_id, dict(changes)))
        return True


@pytest.fixture
def editor(qtbot):
    store = Store()
    widget = EvidenceEditor(store)
    qtbot.addWidget(widget)
    widget.store = store  # type: ignore[attr-defined]
    return widget


def test_typing_without_a_pause_is_saved_within_the_deadline(editor, qtbot):
    item = uuid.uuid4()
    editor.load(snapshot(item))
    # A key every 150 ms never leaves the 400 ms pause; the deadline saves anyway.
    for ch in "continuous":
        QTest.keyClicks(editor.description, ch)
        qtbot.wait(150)
    assert editor.store.saved, "nothing saved during 1.5 s of continuous typing"
    first = editor.store.saved[0][1]["description"]
    assert "continuous".startswith(first) and first
    assert MAX_UNSAVED_MS <= 1000


def test_a_failed_save_keeps_the_text_and_retries(editor, qtbot):
    item = uuid.uuid4()
    editor.load(snapshot(item))
    editor.store.failing = True
    QTest.keyClicks(editor.description, "calibration label")
    assert editor.flush() is False
    assert editor.has_pending and editor.unsaved_items == [item]
    editor.store.failing = False
    QTest.keyClicks(editor.description, " 2027")
    assert editor.flush() is True
    assert editor.store.saved[-1] == (item, {"description": "calibration label 2027"})
    assert not editor.has_pending and editor.unsaved_items == []


def test_unsaved_text_is_parked_when_moving_on_and_shown_again(editor, qtbot):
    a, b = uuid.uuid4(), uuid.uuid4()
    editor.load(snapshot(a, "old"))
    editor.store.failing = True
    editor.description.setPlainText("typed on site")
    editor.load(snapshot(b, "other"))  # the save of a fails: a's text is parked
    assert editor.unsaved_items == [a]
    assert editor.description.toPlainText() == "other"
    editor.store.failing = False
    editor.load(snapshot(a, "old"))  # shown again: the parked text returns and is saved
    assert editor.description.toPlainText() == "typed on site"
    assert editor.store.saved[-1] == (a, {"description": "typed on site"})
    assert editor.unsaved_items == []
