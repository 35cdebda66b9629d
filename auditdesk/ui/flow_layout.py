"""A layout that wraps its widgets onto the next line when the window is narrow.

Register toolbars (search, filters, actions) used one ``QHBoxLayout``, so the Schedule page
alone made the main window at least 1 382 px wide, more than a 1 366 px laptop screen. In a
``FlowLayout`` the same widgets sit on one line when there is room and wrap when there is
not; the layout reports its height for a given width, so the table below moves down instead
of being squeezed. After Qt's own "Flow Layout" example (the C++ documentation).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: dict[int, int] = {}
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # -- QLayout -----------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # type: ignore[override]
        """Add a widget; a ``stretch`` > 0 lets it take the rest of its line."""
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        if stretch:
            self._stretch[id(self._items[-1])] = stretch

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self._stretch.pop(id(item), None)
            return item
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        width = sum(self._hint(i).width() for i in self._visible()) + self.spacing() * max(
            0, len(self._visible()) - 1
        )
        height = max((self._hint(i).height() for i in self._visible()), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- layout ------------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not ((w := i.widget()) is not None and w.isHidden())]

    @staticmethod
    def _hint(item: QLayoutItem) -> QSize:
        widget = item.widget()
        hint = item.sizeHint()
        if (
            widget is not None
            and widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored
        ):
            return item.minimumSize()
        return hint

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        space = self.spacing()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            w = self._hint(item).width()
            if lines[-1] and used + space + w > area.width():
                lines.append([])
                used = 0
            used += (space if lines[-1] else 0) + w
            lines[-1].append(item)
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(self._hint(i).height() for i in line)
            natural = sum(self._hint(i).width() for i in line) + space * (len(line) - 1)
            spare = max(0, area.width() - natural)
            stretch = sum(self._stretch.get(id(i), 0) for i in line)
            x = area.x()
            for item in line:
                w = self._hint(item).width()
                if stretch:
                    w += spare * self._stretch.get(id(item), 0) // stretch
                if apply:
                    item.setGeometry(QRect(QPoint(x, y), QSize(w, height)))
                x += w + space
            y += height + space
        return y - space - rect.y() + m.bottom()
