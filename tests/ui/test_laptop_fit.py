"""Every page fits a 1366×768 and a 1280×720 laptop screen, in zh_CN and en (issue 20, 5).

Before: the main window could not be narrower than 1 382 px (the Schedule page's toolbar in
one row), the navigation was squeezed to 88 px ("受审核ﾌ"), and the audit workspace could not
be shorter than 947 px. The window's own minimum size (what Qt will not shrink it below) is
checked against the screen, less the taskbar and title bar, for every page.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from tests.services.workspace_data import make_audit
from tests.ui.conftest import show_workspace

# The usable area of a laptop screen at 100 % and 125 % scaling: less a 40 px taskbar and
# a 32 px title bar (Windows 11).
SCREENS = [(1366, 768), (1280, 720), (1366 * 4 // 5, 768 * 4 // 5)]


def usable(screen: tuple[int, int]) -> tuple[int, int]:
    return screen[0], screen[1] - 40 - 32


@pytest.mark.parametrize("screen", SCREENS)
def test_the_main_window_fits_on_every_page(ctx, language, qtbot, screen):
    from auditdesk.ui.main_window import PAGES, MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    width, height = usable(screen)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    for name in PAGES:
        window.show_page(name)
        qtbot.wait(10)
        hint = window.minimumSizeHint()
        assert hint.width() <= width and hint.height() <= height, (name, hint, language)
        assert window.width() <= width, (name, window.width(), language)


def test_navigation_labels_are_never_clipped(ctx, language, qtbot):
    from auditdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*usable(SCREENS[1]))
    window.show()
    qtbot.waitExposed(window)
    window.splitter.setSizes([10, 2000])  # the user drags the handle all the way left
    nav = window.nav
    font = nav.font()
    font.setPixelSize(14)
    metrics = QFontMetrics(font)
    for i in range(nav.count()):
        text = nav.item(i).text()
        needed = metrics.horizontalAdvance(text) + nav.iconSize().width() + 20
        assert nav.width() >= needed, (text, nav.width(), needed)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_workspace_fits(ctx, database, language, qtbot, screen):
    with database.session() as s:
        facts = make_audit(s)
        s.commit()
    ws = show_workspace(ctx, facts.audit_id, qtbot)
    width, height = usable(screen)
    ws.resize(width, height)
    qtbot.wait(10)
    hint = ws.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height, (hint, language)
    assert ws.height() <= height and ws.width() <= width
