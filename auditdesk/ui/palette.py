"""Every colour a screen sets, by meaning, in a light and a dark tone (issue #20.9).

Screens never write ``#b00020`` or ``QColor(...)`` themselves: they ask ``color("error")`` (a
QColor) or ``css("error")`` (for a style sheet) at the moment they paint or style, and get the
tone of the palette in use — the dark one under Windows 11 dark mode (Qt >= 6.7 follows it) or
any dark Fusion palette. Each text colour is chosen for a WCAG contrast of at least 4.5:1 on
the background it is drawn on, in both tones; ``TEXT_PAIRS`` lists those pairs and
tests/ui/test_palette.py checks every one of them against a real light and a real dark palette.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette


@dataclass(frozen=True)
class Tone:
    light: str
    dark: str


ROLES: dict[str, Tone] = {
    # text
    "error": Tone("#b00020", "#ff8a80"),  # refusals, overdue figures, problems
    "overdue": Tone("#9b1c1c", "#ffab91"),  # an overdue NC row's text
    "ok": Tone("#1e6b2e", "#81c784"),  # a check that passed
    "muted": Tone("#595959", "#b3b3b3"),  # hints, definitions, inherited values
    "figure": Tone("#1f3b5c", "#90caf9"),  # the dashboard's figures
    "mark": Tone("#1a3d8f", "#82b1ff"),  # a drawn frame on a photo crop
    # backgrounds (the palette's own text colour, or the role named in TEXT_PAIRS, on them)
    "covered_bg": Tone("#cfe8cf", "#1f4a25"),  # a clause with evidence
    "must_cover_bg": Tone("#ffd8a8", "#5a3a0a"),  # a clause that must be covered, without
    "overdue_bg": Tone("#fde2e1", "#4a1f1f"),  # an overdue NC row
    "risk_bg": Tone(
        "#fdecea", "#4d1e22"
    ),  # not overdue_bg's dark tone: retone() maps back  # the certificate's risk banner
    "unsampled_bg": Tone("#f4d6d2", "#4a2a26"),  # a site never sampled
    "viewer_bg": Tone("#303030", "#181818"),  # behind a photo
    # graphics (bars, lines: not text)
    "chart": Tone("#2f6db5", "#64a8f0"),
    "chart_alarm": Tone("#c62828", "#ef7a7a"),
    "chart_closure": Tone("#2e7d32", "#66bb6a"),
    "chart_load": Tone("#6a4c93", "#b39ddb"),
    "chart_grid": Tone("#999999", "#6e6e6e"),
}

# (text role, background) drawn together; "text" is the palette's own text colour, "window"
# and "base" its backgrounds (labels sit on Window, table and tree cells on Base).
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("error", "window"),
    ("error", "base"),
    ("error", "risk_bg"),
    ("overdue", "overdue_bg"),
    ("overdue", "window"),
    ("ok", "base"),
    ("muted", "window"),
    ("muted", "base"),
    ("figure", "button"),
    ("figure", "window"),
    ("text", "covered_bg"),
    ("text", "must_cover_bg"),
    ("text", "overdue_bg"),
    ("text", "unsampled_bg"),
)

_PALETTE_ROLES = {
    "text": QPalette.ColorRole.Text,
    "window": QPalette.ColorRole.Window,
    "base": QPalette.ColorRole.Base,
    "button": QPalette.ColorRole.Button,
    "window_text": QPalette.ColorRole.WindowText,
}


def current_palette() -> QPalette:
    app = QGuiApplication.instance()
    return QGuiApplication.palette() if app is not None else QPalette()


def is_dark(palette: QPalette | None = None) -> bool:
    """A dark palette: its window is darker than its text."""
    p = palette or current_palette()
    window = p.color(QPalette.ColorRole.Window)
    text = p.color(QPalette.ColorRole.WindowText)
    return window.lightnessF() < text.lightnessF()


def color(role: str, palette: QPalette | None = None) -> QColor:
    """The colour of ``role`` for ``palette`` (default: the application's, now)."""
    p = palette or current_palette()
    if role in _PALETTE_ROLES:
        return p.color(_PALETTE_ROLES[role])
    tone = ROLES[role]
    return QColor(tone.dark if is_dark(p) else tone.light)


def css(role: str, palette: QPalette | None = None) -> str:
    """``color(role)`` for a style sheet or rich text: ``#rrggbb``."""
    return color(role, palette).name()


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(c: QColor) -> float:
    """WCAG 2.x relative luminance."""
    r, g, b = (_linear(v) for v in (c.redF(), c.greenF(), c.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 … 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def dark_palette() -> QPalette:
    """A dark palette as Windows 11 dark mode gives Qt >= 6.7 (for tests and screenshots)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, "#202020"),
        (roles.WindowText, "#ffffff"),
        (roles.Base, "#1c1c1c"),
        (roles.AlternateBase, "#2b2b2b"),
        (roles.Text, "#ffffff"),
        (roles.Button, "#2d2d2d"),
        (roles.ButtonText, "#ffffff"),
        (roles.Highlight, "#0078d4"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#2b2b2b"),
        (roles.ToolTipText, "#ffffff"),
        (roles.PlaceholderText, "#a0a0a0"),
        (roles.Link, "#99ebff"),
    ):
        p.setColor(role, QColor(value))
    return p


# -- a palette switched while the app runs ------------------------------------------------------
# Windows 11 switching to dark mode (or back) changes the application palette while windows are
# open. Models and painters ask color() when they paint and follow by themselves; what a screen
# has already written — a style sheet, a rich-text label, an item's brush, a view's background —
# holds the other tone's "#rrggbb". retone() swaps every such tone for the current one, so the
# screens keep calling color()/css() once and never handle the switch themselves.
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def tone_map(dark: bool) -> dict[str, str]:
    """The other tone's ``#rrggbb`` of every role → its tone for a dark (or light) palette."""
    return {
        (t.light if dark else t.dark).lower(): (t.dark if dark else t.light).lower()
        for t in ROLES.values()
    }


def _swap(text: str, mapping: dict[str, str]) -> str:
    return _HEX.sub(lambda m: mapping.get(m.group(0).lower(), m.group(0)), text)


def _swap_brush(brush: QBrush, mapping: dict[str, str]) -> QBrush | None:
    new = mapping.get(brush.color().name())
    if brush.style() == Qt.BrushStyle.NoBrush or new is None:  # nothing set, or not a tone
        return None
    out = QBrush(brush)
    out.setColor(QColor(new))
    return out


def retone_widget(w: object, mapping: dict[str, str]) -> None:
    from PySide6.QtWidgets import (
        QGraphicsView,
        QLabel,
        QListWidget,
        QTableWidget,
        QTreeWidget,
        QTreeWidgetItemIterator,
        QWidget,
    )

    if not isinstance(w, QWidget):
        return
    sheet = w.styleSheet()
    if sheet and (new_sheet := _swap(sheet, mapping)) != sheet:
        w.setStyleSheet(new_sheet)
    if isinstance(w, QLabel) and "#" in w.text():
        text = w.text()
        if (new_text := _swap(text, mapping)) != text:
            w.setText(new_text)
    if isinstance(w, QGraphicsView):
        if (brush := _swap_brush(w.backgroundBrush(), mapping)) is not None:
            w.setBackgroundBrush(brush)
    items: list = []
    if isinstance(w, QTreeWidget):
        it = QTreeWidgetItemIterator(w)
        while it.value() is not None:
            items.append(it.value())
            it += 1
        columns = w.columnCount()
    elif isinstance(w, QTableWidget):
        items = [w.item(r, c) for r in range(w.rowCount()) for c in range(w.columnCount())]
        columns = 0
    elif isinstance(w, QListWidget):
        items = [w.item(r) for r in range(w.count())]
        columns = 0
    for item in items:
        if item is None:
            continue
        for c in range(columns) if columns else (None,):
            args = () if c is None else (c,)
            for get, put in (
                (item.foreground, item.setForeground),
                (item.background, item.setBackground),
            ):
                if (brush := _swap_brush(get(*args), mapping)) is not None:
                    put(*args, brush)


def retone(palette: QPalette | None = None) -> None:
    """Give every open widget's written colours the tone of ``palette`` (default: the app's)."""
    from PySide6.QtWidgets import QApplication

    mapping = tone_map(is_dark(palette))
    for w in QApplication.allWidgets():
        retone_widget(w, mapping)


class _PaletteFollower(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ApplicationPaletteChange
            and obj is QGuiApplication.instance()
        ):
            retone()
        return False


_follower: _PaletteFollower | None = None


def follow_palette_changes() -> None:
    """Retone every screen whenever the application palette changes (idempotent)."""
    global _follower
    app = QGuiApplication.instance()
    if app is None or (_follower is not None and _follower.parent() is app):
        return
    _follower = _PaletteFollower(app)
    app.installEventFilter(_follower)
