"""Every colour a screen sets, by meaning, in a light and a dark tone (issue #20.9).

Screens never write ``#b00020`` or ``QColor(...)`` themselves: they ask ``color("error")`` (a
QColor) or ``css("error")`` (for a style sheet) at the moment they paint or style, and get the
tone of the palette in use — the dark one under Windows 11 dark mode (Qt >= 6.7 follows it) or
any dark Fusion palette. Each text colour is chosen for a WCAG contrast of at least 4.5:1 on
the background it is drawn on, in both tones; ``TEXT_PAIRS`` lists those pairs and
tests/ui/test_palette.py checks every one of them against a real light and a real dark palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette


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
    "risk_bg": Tone("#fdecea", "#4a1f1f"),  # the certificate's risk banner
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
