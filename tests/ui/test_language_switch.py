"""A live switch to Chinese reaches every page and an open workspace (issue 20, point 7).

Before: after switching from English, the Audits, Schedule and Standards pages kept
"Documents…", "Export audit package…", "Export schedule…" and "Add or update standard from
file…", and an open audit workspace stayed entirely English. The test walks the widget tree
of every page and of a workspace after the switch and fails on any visible English word.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QWidget,
)

from tests.services.workspace_data import make_audit
from tests.ui.conftest import problems_on_every_page, show_main_window, show_workspace
from tests.ui.words_helpers import ALLOWED, WORD, visible_texts


def english_words(root: QWidget) -> list[str]:
    found = []
    for w, text in visible_texts(root):
        plain = re.sub(r"<[^>]*>|&\w+;", " ", text or "")
        words = [m for m in WORD.findall(plain) if m not in ALLOWED]
        if words:
            found.append(f"{type(w).__name__} {w.objectName()!r}: {text[:60]!r}")
    return found


def switch_to_chinese(qtbot):
    from auditdesk.ui import i18n

    i18n.install_language("zh_CN")
    qtbot.wait(20)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def english(ctx):
    from auditdesk.ui import i18n

    i18n.install_language("en")
    yield
    i18n.install_language("en")


def test_every_page_follows_a_switch_to_chinese(ctx, english, qtbot):
    from auditdesk.ui.main_window import PAGES

    window = show_main_window(ctx, qtbot)
    for name in PAGES:  # every page built and shown in English first
        window.show_page(name)
    switch_to_chinese(qtbot)
    assert not problems_on_every_page(window, qtbot, english_words)


def test_an_open_workspace_follows_a_switch_to_chinese(ctx, database, english, qtbot):
    with database.session() as s:
        facts = make_audit(s)
        s.commit()
    ws = show_workspace(ctx, facts.audit_id, qtbot)
    ws.select_clause("7.1.5")
    ws.new_item()
    ws.editor.description.setPlainText("calibration records")
    item = ws.editor.item_id
    assert english_words(ws)  # it was English
    switch_to_chinese(qtbot)
    assert not english_words(ws)
    # Where the auditor was, and what they typed, survive the rebuild.
    assert ws.current.number == "7.1.5"
    assert ws.editor.item_id == item
    assert ws.editor.description.toPlainText() == "calibration records"
