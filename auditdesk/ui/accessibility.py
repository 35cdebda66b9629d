"""Accessible names for every interactive widget, so a screen reader says what a field is.

A field in a ``QFormLayout`` shows its label beside it, but Qt's accessibility layer does not
take that label as the field's name (only a QLabel *buddy* is), so a screen reader announced
"edit" for the credit-code field. ``install()`` puts one application-wide filter in place:
whenever a window is shown, or its language changes, every interactive widget that has no
accessible name set by hand gets one from, in order, its form label, its QLabel buddy, its
placeholder, its tooltip or its group box title. Names set by hand (``setAccessibleName``)
are never touched. tests/ui/test_accessibility.py walks the widget tree.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

INTERACTIVE = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QAbstractItemView,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
)
_AUTO = "auditdeskAutoAccessibleName"
_installed: list[QObject] = []


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]*>", "", text or "").replace("&nbsp;", " ").replace("&", "")
    return " ".join(text.split()).rstrip(":：*").strip()


def _form_label(widget: QWidget) -> str:
    parent = widget.parentWidget()
    while parent is not None:
        layout = parent.layout()
        for form in [layout, *(layout.findChildren(QFormLayout) if layout else [])]:
            if isinstance(form, QFormLayout):
                label = form.labelForField(widget)
                if isinstance(label, QLabel) and label.text():
                    return _plain(label.text())
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    return ""


def derived_name(widget: QWidget, buddies: dict[QWidget, QLabel] | None = None) -> str:
    """What the widget would be called by a sighted user looking at the screen."""
    name = _form_label(widget)
    if not name:
        if buddies is None:
            buddies = _buddies(widget.window())
        label = buddies.get(widget)
        if label is not None:
            name = _plain(label.text())
    if not name and hasattr(widget, "placeholderText"):
        name = _plain(widget.placeholderText())
    if not name and isinstance(widget, QAbstractSpinBox) and hasattr(widget, "prefix"):
        name = _plain(widget.prefix())
    if not name:
        name = _plain(widget.toolTip())
    if not name:
        parent = widget.parentWidget()
        while parent is not None and not parent.isWindow():
            if isinstance(parent, QGroupBox) and parent.title():
                name = _plain(parent.title())
                break
            parent = parent.parentWidget()
    return name


def _buddies(root: QWidget) -> dict[QWidget, QLabel]:
    out: dict[QWidget, QLabel] = {}
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.text():
            out[buddy] = label
    return out


def name_widgets(root: QWidget) -> None:
    buddies = _buddies(root)
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView):
            continue
        if widget.accessibleName() and not widget.property(_AUTO):
            continue  # named by hand
        name = derived_name(widget, buddies)
        if name:
            widget.setAccessibleName(name)
            widget.setProperty(_AUTO, True)


class _Namer(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(obj, QWidget) and obj.isWindow():
            if kind == QEvent.Type.Show:
                name_widgets(obj)
            elif kind == QEvent.Type.LanguageChange:
                # After the window's own labels have retranslated; never on a window that is
                # gone by then (a closed popup).
                QTimer.singleShot(0, lambda: name_widgets(obj) if isValid(obj) else None)
        return False


def install() -> None:
    """Name widgets in every window from now on (idempotent)."""
    app = QApplication.instance()
    if app is None or _installed:
        return
    namer = _Namer(app)
    app.installEventFilter(namer)
    _installed.append(namer)
