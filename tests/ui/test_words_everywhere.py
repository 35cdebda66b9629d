"""Every word in the user's language (issue 15 point 5, issue 20 point 7): the app started in
zh_CN, every page walked, every menu command and every button of every page pressed (each
dialog it opens walked instead of shown, every message it shows collected), an audit
workspace the same — and no visible text holds an English word that is not an allowed token
(standard names, bodies, key names, units...). Table cells are walked too: a code shown raw
("valid", "surveillance_1") is an English word.

Dialogs are intercepted at ``QDialog.exec`` and Qt's static message and file boxes, so no
test ever blocks; ``errors.confirm`` answers No, so nothing is archived or deleted."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QWidget,
)

from tests.ui.conftest import show_main_window, show_workspace
from tests.ui.words_helpers import ALLOWED, MORE_ALLOWED, WORD, visible_texts

ROWS_WALKED = 30


def cell_texts(root: QWidget):
    for view in root.findChildren(QAbstractItemView):
        if not view.isVisibleTo(root) or view.model() is None:
            continue
        model = view.model()
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:
            columns = 1
        for r in range(min(model.rowCount(QModelIndex()), ROWS_WALKED)):
            for c in range(columns):
                value = model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
                if isinstance(value, str) and value:
                    yield view, value


def english(root: QWidget, where: str, data_words: set[str]) -> list[str]:
    found = []
    for w, text in [*visible_texts(root), *cell_texts(root)]:
        plain = re.sub(r"<[^>]*>|&\w+;", " ", text or "")
        words = [
            m
            for m in WORD.findall(plain)
            if m not in ALLOWED and m not in MORE_ALLOWED and m not in data_words
        ]
        if words:
            found.append(f"{where}: {type(w).__name__} {w.objectName()!r}: {text[:70]!r}")
    return found


def message_words(where: str, title: str, text: str) -> list[str]:
    plain = re.sub(r"<[^>]*>|&\w+;", " ", f"{title}\n{text}")
    words = [m for m in WORD.findall(plain) if m not in ALLOWED and m not in MORE_ALLOWED]
    return [f"{where}: message {title!r}: {text[:90]!r}"] if words else []


class Interceptor:
    """Stands in for every modal: walks a dialog's widgets, collects a message's words."""

    def __init__(self, monkeypatch, data_words: set[str]) -> None:
        self.where = ""
        self.found: list[str] = []
        self.dialogs: list[str] = []
        self.data_words = data_words
        me = self

        def exec_dialog(dialog, *_a):
            me.dialogs.append(type(dialog).__name__)
            me.found += english(dialog, f"{me.where} ▸ {type(dialog).__name__}", data_words)
            return 0

        def box(_parent, title, text, *_a, **_k):
            me.found += message_words(me.where, title, text)
            return QMessageBox.StandardButton.No

        def box_exec(b, *_a):
            me.found += message_words(me.where, b.windowTitle(), b.text())
            return QMessageBox.StandardButton.No

        monkeypatch.setattr(QDialog, "exec", exec_dialog)
        monkeypatch.setattr(QDialog, "open", exec_dialog)
        monkeypatch.setattr(QDialog, "show", exec_dialog)
        monkeypatch.setattr(QMessageBox, "exec", box_exec)
        for name in ("question", "information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, name, staticmethod(box))
        monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *_a: None))
        nothing = staticmethod(lambda *_a, **_k: ("", ""))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", nothing)
        monkeypatch.setattr(
            QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([], ""))
        )
        monkeypatch.setattr(QFileDialog, "getSaveFileName", nothing)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: ""))
        for name in ("getText", "getItem", "getMultiLineText"):
            monkeypatch.setattr(QInputDialog, name, staticmethod(lambda *_a, **_k: ("", False)))
        monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *_a, **_k: (0, False)))


SKIP_ACTIONS = {"quit_action", "signout_action", "undo_action", "redo_action"}
# Buttons that leave the page under test (or end the session) are pressed elsewhere.
SKIP_BUTTON = re.compile(r"退出|注销|Sign out|Quit")


def data_words(database) -> set[str]:
    """Latin words people typed as data (English names of clients, auditors, standards):
    shown as they are in any language."""
    from sqlalchemy import select

    from auditdesk.model import Auditor, Organisation, Standard

    words: set[str] = set()
    with database.session(readonly=True) as s:
        for column in (Organisation.name_en, Auditor.name_en, Standard.title_en):
            for value in s.scalars(select(column)):
                words |= set(WORD.findall(value or ""))
    return words


def select_first_rows(root: QWidget) -> None:
    """Select the first row of every list, so buttons that need a selection do something."""
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisibleTo(root) and model is not None and model.rowCount(QModelIndex()) > 0:
            view.setCurrentIndex(model.index(0, 0))


def press_every_button(root: QWidget, qtbot, icpt: Interceptor, where: str) -> int:
    select_first_rows(root)
    pressed = 0
    for button in list(root.findChildren(QAbstractButton)):
        try:
            if not button.isVisibleTo(root) or not button.isEnabled():
                continue
            text = button.text()
        except RuntimeError:  # rebuilt by an earlier press
            continue
        if SKIP_BUTTON.search(text or "") or button.isCheckable():
            continue
        icpt.where = f"{where} ▸ [{text or button.objectName() or button.toolTip()}]"
        button.click()
        qtbot.wait(1)
        pressed += 1
    return pressed


@pytest.fixture
def zh_window(ctx, sample, qtbot, monkeypatch):
    from auditdesk.ui import errors, i18n

    i18n.install_language("zh_CN")
    monkeypatch.setattr(errors, "confirm_answer", False)
    window = show_main_window(ctx, qtbot, size=(1366, 768))
    return window


def _collected(ctx, icpt: Interceptor) -> list[str]:
    """Messages the app showed through ui.errors (captured by the ctx fixture)."""
    out = []
    for title, text in ctx.shown:
        if title == "crash":
            out.append(f"crash: {text.strip().splitlines()[-1]}")
        else:
            out += message_words("message", title, text)
    ctx.shown.clear()
    return out


@pytest.mark.slow
def test_no_english_word_on_any_page_menu_or_dialog_in_zh_cn(
    ctx, database, zh_window, qtbot, monkeypatch
):
    from auditdesk.ui.main_window import PAGES

    window = zh_window
    data = data_words(database)
    icpt = Interceptor(monkeypatch, data)
    found: list[str] = []
    for name in PAGES:
        page = window.show_page(name)
        qtbot.wait(5)
        found += english(window, f"page {name}", data)
        icpt.where = f"page {name}"
        press_every_button(page, qtbot, icpt, f"page {name}")
        window.show_page(name)
        for attr in sorted(vars(window)):
            action = getattr(window, attr)
            if attr.endswith("_action") and attr not in SKIP_ACTIONS and hasattr(action, "trigger"):
                icpt.where = f"page {name} ▸ menu {attr}"
                action.trigger()
                qtbot.wait(1)
        found += _collected(ctx, icpt)
    for menu in window.menuBar().findChildren(type(window.file_menu)):
        for action in menu.actions():
            if action.text() and WORD.search(re.sub(r"\(&.\)|&|\t.*", "", action.text())):
                words = [m for m in WORD.findall(action.text()) if m not in ALLOWED | MORE_ALLOWED]
                if words:
                    found.append(f"menu {menu.title()!r}: {action.text()!r}")
    found += icpt.found
    # the walk did open the dialogs behind the pages' buttons and the menus
    assert {"ImportDialog", "ConflictsDialog", "DocumentsDialog", "UsersDialog"} <= set(
        icpt.dialogs
    ), icpt.dialogs
    assert sorted(set(found)) == []


@pytest.mark.slow
def test_no_english_word_in_an_audit_workspace_in_zh_cn(ctx, database, sample, qtbot, monkeypatch):
    from auditdesk.ui import errors, i18n

    i18n.install_language("zh_CN")
    monkeypatch.setattr(errors, "confirm_answer", False)
    data = data_words(database)
    icpt = Interceptor(monkeypatch, data)
    ws = show_workspace(ctx, sample["audit"], qtbot)
    found = english(ws, "workspace", data)
    press_every_button(ws, qtbot, icpt, "workspace")
    found += icpt.found + _collected(ctx, icpt)
    assert {"CheckInDialog"} <= set(icpt.dialogs), icpt.dialogs
    assert sorted(set(found)) == []
