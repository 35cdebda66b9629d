"""Small bar charts drawn with QPainter (PySide6-Essentials has no QtCharts)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from auditdesk.ui import palette


class BarChart(QWidget):
    """Vertical bars with category labels under them and the value above each bar.

    ``limit`` draws a dashed reference line (e.g. 180 on-site days); bars over it turn red.
    Clicking a bar emits ``bar_clicked(index)``.
    """

    bar_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.categories: list[str] = []
        self.values: list[float] = []
        self.limit: float | None = None
        self.role = "chart"  # palette roles: bars, over the limit, grid
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._bars: list[QRectF] = []

    def set_data(
        self, title: str, categories: list[str], values: list[float], limit: float | None = None
    ) -> None:
        self.title, self.categories, self.values, self.limit = (
            title,
            list(categories),
            list(values),
            limit,
        )
        self.setToolTip("\n".join(f"{c}: {v:g}" for c, v in zip(categories, values, strict=False)))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 240)

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), self.palette().base())
        text_color = self.palette().text().color()
        p.setPen(text_color)
        title_h = fm.height() + 6
        p.drawText(
            QRectF(8, 4, w - 16, title_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title,
        )
        left, right, top, bottom = 12, 12, title_h + fm.height() + 8, fm.height() + 10
        plot = QRectF(left, top, max(10, w - left - right), max(10, h - top - bottom))
        p.setPen(QPen(palette.color("chart_grid"), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        self._bars = []
        n = len(self.values)
        if n == 0:
            p.setPen(text_color)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "—")
            return
        top_value = max([*self.values, self.limit or 0, 1])
        slot = plot.width() / n
        bar_w = max(4.0, slot * 0.62)
        for i, (cat, v) in enumerate(zip(self.categories, self.values, strict=False)):
            bh = plot.height() * (v / top_value)
            x = plot.left() + i * slot + (slot - bar_w) / 2
            rect = QRectF(x, plot.bottom() - bh, bar_w, bh)
            over = self.limit is not None and v > self.limit
            p.fillRect(rect, palette.color("chart_alarm" if over else self.role))
            self._bars.append(QRectF(plot.left() + i * slot, plot.top(), slot, plot.height()))
            p.setPen(text_color)
            if v:
                p.drawText(
                    QRectF(x - 10, rect.top() - fm.height() - 2, bar_w + 20, fm.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    f"{v:g}",
                )
            label = fm.elidedText(cat, Qt.TextElideMode.ElideRight, int(slot))
            p.drawText(
                QRectF(plot.left() + i * slot, plot.bottom() + 4, slot, fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
        if self.limit is not None:
            y = plot.bottom() - plot.height() * (self.limit / top_value)
            p.setPen(QPen(palette.color("chart_alarm"), 1, Qt.PenStyle.DashLine))
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.drawText(
                QRectF(plot.left(), y - fm.height() - 1, plot.width(), fm.height()),
                Qt.AlignmentFlag.AlignRight,
                f"{self.limit:g}",
            )
        p.end()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        for i, r in enumerate(self._bars):
            if r.contains(e.position()):
                self.bar_clicked.emit(i)
                return
        super().mousePressEvent(e)
