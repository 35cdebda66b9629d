"""Texts that follow a live language switch, for widgets built by plain factory functions.

A widget class retranslates in its ``changeEvent``; a button made by a function (a register's
extra actions) has no class of its own, so it kept the language it was built in: after a
switch to Chinese the Audits, Schedule and Standards pages still said "Documents…".
``follow_language(widget, apply)`` runs ``apply`` now and again on every LanguageChange the
widget receives.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class _Retranslator(QObject):
    def __init__(self, widget: QWidget, apply: Callable[[], None]) -> None:
        super().__init__(widget)
        self._apply = apply
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._apply()
        return False


def follow_language(widget: QWidget, apply: Callable[[], None]) -> None:
    """Set the widget's texts with ``apply`` now and after every language switch."""
    apply()
    _Retranslator(widget, apply)
