"""A palette switched while the app runs re-colours every screen (issue 20, point 9).

Windows 11 switching to dark mode changes the application palette with AuditDesk open. Before,
what the screens had already written kept the light tone: the dashboard's figures stayed
#1f3b5c on the dark button (1.6:1), the workspace's covered clauses kept their pale green
behind white text. The test opens the main window (every page built, the dashboard with
figures, alarms and the CNCA line) and a workspace in the light palette, switches to dark and
back, and after each switch finds no colour of the other tone anywhere — style sheets,
rich-text labels, item brushes, view backgrounds — and the figures readable (≥ 4.5:1).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsView,
    QLabel,
    QStyleFactory,
    QTreeWidget,
    QTreeWidgetItemIterator,
)

from auditdesk.ui import palette
from tests.ui.conftest import every_page_and_a_workspace

HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
LIGHT = {t.light.lower() for t in palette.ROLES.values()}
DARK = {t.dark.lower() for t in palette.ROLES.values()}


def light_palette() -> QPalette:
    return QStyleFactory.create("Fusion").standardPalette()


@pytest.fixture
def restore_palette(qapp):
    before = QApplication.palette()
    QApplication.setPalette(light_palette())
    yield
    QApplication.setPalette(before)


def written_colours() -> dict[str, set[str]]:
    """Every ``#rrggbb`` an open widget holds → the widgets (by class) holding it."""
    found: dict[str, set[str]] = {}

    def add(colour: str, w) -> None:
        found.setdefault(colour.lower(), set()).add(type(w).__name__)

    for w in QApplication.allWidgets():
        for c in HEX.findall(w.styleSheet()):
            add(c, w)
        if isinstance(w, QLabel):
            for c in HEX.findall(w.text()):
                add(c, w)
        if isinstance(w, QGraphicsView) and w.backgroundBrush().style() != Qt.BrushStyle.NoBrush:
            add(w.backgroundBrush().color().name(), w)
        if isinstance(w, QTreeWidget):
            it = QTreeWidgetItemIterator(w)
            while (item := it.value()) is not None:
                for col in range(w.columnCount()):
                    for brush in (item.foreground(col), item.background(col)):
                        if brush.style() != Qt.BrushStyle.NoBrush:
                            add(brush.color().name(), w)
                it += 1
    return found


def figures_readable(window) -> list[str]:
    page = window.pages["dashboard"]
    button_bg = QApplication.palette().color(QPalette.ColorRole.Button)
    bad = []
    for code, button in page.figures.items():
        colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", button.styleSheet())
        assert colour, (code, button.styleSheet())
        ratio = palette.contrast(palette.QColor(colour.group(1)), button_bg)
        if ratio < 4.5:
            bad.append(f"{code}: {colour.group(1)} {ratio:.2f}:1")
    return bad


def switch(qtbot, p: QPalette) -> None:
    QApplication.setPalette(p)
    qtbot.wait(10)


def test_light_to_dark_and_back(ctx, database, sample, restore_palette, qtbot):
    window, ws = every_page_and_a_workspace(ctx, database, qtbot)
    dashboard = window.pages["dashboard"]
    dashboard.refresh()
    assert dashboard.figures
    for i, (code, button) in enumerate(dashboard.figures.items()):
        button.show_value(3, code, alarm=i % 2 == 0)  # figures in both tones: alarm and not

    before = written_colours()
    assert set(before) & LIGHT, before  # the screens wrote light tones: the test can fail
    assert not set(before) & DARK

    switch(qtbot, palette.dark_palette())
    after = written_colours()
    assert not {c: w for c, w in after.items() if c in LIGHT}, after
    assert set(after) & DARK
    assert not figures_readable(window)

    switch(qtbot, light_palette())
    back = written_colours()
    assert not {c: w for c, w in back.items() if c in DARK}, back
    assert set(back) & LIGHT == set(before) & LIGHT
    assert not figures_readable(window)


def test_the_tones_map_back_and_forth():
    """Each tone belongs to one role, so a switch back restores exactly what was written."""
    assert len(LIGHT) == len(palette.ROLES) and len(DARK) == len(palette.ROLES)
    assert not LIGHT & DARK
    to_dark, to_light = palette.tone_map(True), palette.tone_map(False)
    assert {to_light[to_dark[c]] for c in LIGHT} == LIGHT
