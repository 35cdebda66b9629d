"""Colours come from the palette helper and keep a WCAG contrast of at least 4.5:1 in a light
and a dark palette (issue #20.9; before: the dashboard's figures 1.42:1 and 1.1:1 in dark).

Both palettes are real QPalettes set on the application: Fusion's standard light one, and the
dark one Windows 11 dark mode gives Qt >= 6.7 (``palette.dark_palette``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from auditdesk.ui import palette

ROOT = Path(__file__).resolve().parents[2]
MIN_CONTRAST = 4.5


def light_palette() -> QPalette:
    return QStyleFactory.create("Fusion").standardPalette()


PALETTES = {"light": light_palette, "dark": palette.dark_palette}


@pytest.fixture(params=sorted(PALETTES))
def app_palette(request, qapp):
    before = QApplication.palette()
    chosen = PALETTES[request.param]()
    QApplication.setPalette(chosen)
    yield request.param, chosen
    QApplication.setPalette(before)


def _style_color(sheet: str) -> QColor:
    match = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", sheet)
    assert match, sheet
    return QColor(match.group(1))


def test_the_contrast_formula_is_wcags():
    assert palette.contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert palette.contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert palette.contrast(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


def test_the_dark_palette_is_seen_as_dark(qapp):
    assert palette.is_dark(palette.dark_palette()) and not palette.is_dark(light_palette())
    assert palette.css("error", light_palette()) != palette.css("error", palette.dark_palette())


@pytest.mark.parametrize(("fg", "bg"), palette.TEXT_PAIRS)
def test_every_text_pair_is_readable_in_both_palettes(app_palette, fg, bg):
    name, p = app_palette
    ratio = palette.contrast(palette.color(fg), palette.color(bg))
    assert ratio >= MIN_CONTRAST, f"{fg} on {bg} in {name}: {ratio:.2f}:1"
    assert palette.color(fg) == palette.color(fg, p)  # the application's palette by default


def test_the_sampling_heat_map_keeps_its_text_readable(app_palette):
    from auditdesk.ui.workspace.dialogs import heat_colour

    name, p = app_palette
    for count in range(0, 11):
        ratio = palette.contrast(p.color(QPalette.ColorRole.Text), heat_colour(count, 10))
        assert ratio >= MIN_CONTRAST, (name, count, round(ratio, 2))


def test_the_dashboard_figures_are_readable(app_palette, ctx, sample, qtbot):
    from auditdesk.ui.dashboard import DashboardPage

    name, p = app_palette
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.figures
    for code, button in page.figures.items():
        for alarm in (False, True):
            button.show_value(3, code, alarm)
            ratio = palette.contrast(
                _style_color(button.styleSheet()), p.color(QPalette.ColorRole.Button)
            )
            assert ratio >= MIN_CONTRAST, (name, code, alarm, round(ratio, 2))


def test_no_screen_writes_a_colour_of_its_own():
    """Hex colours, QColor(r, g, b) and Qt's named colours only in ui/palette.py."""
    pattern = re.compile(
        r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b(?=[;'\")\s}])|QColor\(\s*\d|QColor\(\"|"
        r"GlobalColor\.(?:red|green|blue|gray|darkRed|darkGreen|yellow|black|white)"
    )
    found = []
    for path in sorted((ROOT / "auditdesk" / "ui").rglob("*.py")):
        if path.name == "palette.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("  # ")[0]
            if not code.lstrip().startswith("#") and pattern.search(code):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
