"""A tall column on a short screen: ``scrolled(widget)`` puts it in a vertical scroll area.

At 125 % scaling a 1280×720 laptop leaves about 1024×504 logical pixels for a window; a
certificate's detail pane (435 px) under a register's toolbar, or the planning dialog's left
column (586 px), then made the window taller than the screen. In a scroll area the column
needs no height of its own; it is as wide as it needs plus the scroll bar, so a bar that
appears never covers the fields' right edge, and there is never a horizontal bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget


class _WidthFollower(QObject):
    """Keeps the scroll area as wide as its content's minimum (texts change with language)."""

    def __init__(self, area: QScrollArea, content: QWidget) -> None:
        super().__init__(area)
        self.area, self.content = area, content
        content.installEventFilter(self)
        self.update()

    def update(self) -> None:
        bar = self.area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        needed = self.content.minimumSizeHint().expandedTo(self.content.minimumSize()).width()
        self.area.setMinimumWidth(needed + bar + 2 * self.area.frameWidth())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.LanguageChange):
            self.update()
        return False


def scrolled(content: QWidget, name: str = "") -> QScrollArea:
    area = QScrollArea()
    if name:
        area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(content)
    _WidthFollower(area, content)
    return area
