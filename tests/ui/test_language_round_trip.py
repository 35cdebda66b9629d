"""A live language switch zh_CN → en → zh_CN reaches every page, the menus, the navigation and
an open workspace, both ways (issue 20, point 7).

The app starts in Chinese with every page built and a workspace open; after the switch to
English no visible text of the window or the workspace may hold a Chinese character, and
after the switch back no English word (``words_helpers``). Table cells are data (client names
are Chinese in both languages) and are not walked; column headers, labels, buttons, group
titles, tabs, placeholders, navigation items and menu titles are.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QListWidget, QMainWindow, QWidget

from tests.ui.conftest import every_page_and_a_workspace, problems_on_every_page
from tests.ui.words_helpers import ALLOWED, MORE_ALLOWED, WORD, visible_texts

CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# The language chooser names each language in itself ("中文（简体）" stays Chinese in English),
# and the English workspace gives the Chinese term of art beside its word: "Terminate (撤组)…".
OWN_NAMES = {"中文（简体）", "(撤组)"}


def texts(root: QWidget):
    yield from visible_texts(root)
    for nav in root.findChildren(QListWidget):
        if nav.isVisibleTo(root):
            for i in range(nav.count()):
                yield nav, nav.item(i).text()
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            yield root.menuBar(), action.text()
            menu = action.menu()
            for sub in menu.actions() if menu is not None else ():
                if sub.isVisible() and not sub.isSeparator():
                    yield menu, sub.text()


def chinese_texts(root: QWidget, data: frozenset[str] = frozenset()) -> list[str]:
    """Texts with a Chinese character once ``data`` (names the records carry) is taken out."""
    found = []
    for w, t in texts(root):
        plain = t or ""
        for name in sorted(data | OWN_NAMES, key=len, reverse=True):
            plain = plain.replace(name, " ")
        if CHINESE.search(plain):
            found.append(f"{type(w).__name__} {w.objectName()!r}: {t[:60]!r}")
    return found


def record_names(database) -> frozenset[str]:
    from sqlalchemy import select

    from auditdesk.model import Organisation

    with database.session() as s:
        return frozenset(n for n in s.scalars(select(Organisation.name_zh)) if n)


def english_texts(root: QWidget) -> list[str]:
    found = []
    for w, t in texts(root):
        plain = re.sub(r"<[^>]*>|&\w+;", " ", t or "")
        words = [m for m in WORD.findall(plain) if m not in ALLOWED | MORE_ALLOWED]
        if words:
            found.append(f"{type(w).__name__} {w.objectName()!r}: {t[:60]!r}")
    return found


def switch(qtbot, lang: str) -> None:
    from auditdesk.ui import i18n

    i18n.install_language(lang)
    qtbot.wait(20)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(5)


@pytest.fixture
def chinese_start(ctx):
    from auditdesk.ui import i18n

    i18n.install_language("zh_CN")
    yield
    i18n.install_language("en")


def test_there_and_back_again(ctx, database, sample, chinese_start, qtbot):
    window, ws = every_page_and_a_workspace(ctx, database, qtbot)
    assert not problems_on_every_page(window, qtbot, english_texts)
    assert not english_texts(ws)

    switch(qtbot, "en")
    assert not problems_on_every_page(window, qtbot, chinese_texts)
    assert not chinese_texts(ws, record_names(database))
    assert window.nav.item(0).text() == "Dashboard"

    switch(qtbot, "zh_CN")
    assert not problems_on_every_page(window, qtbot, english_texts)
    assert not english_texts(ws)
    assert window.nav.item(0).text() == "仪表板" or CHINESE.search(window.nav.item(0).text())
    assert ws.current.number == "7.1.5"
