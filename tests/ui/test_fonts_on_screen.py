"""The degree-Celsius sign and friends draw on screen with the GUI's font set-up (issue 20,
point 3; the font and PDF halves are in tests/test_fonts.py, which runs without Qt)."""

from __future__ import annotations


def ink(image) -> int:
    """Dark pixels of a Pillow image."""
    return sum(image.convert("L").histogram()[:128])


def test_qt_draws_the_degree_celsius_sign_with_the_guis_fonts(qapp, tmp_path):
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from auditdesk.ui import i18n

    i18n.register_cjk_font(qapp)
    for ch in "℃±①，":
        image = QImage(120, 120, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        font = QFont(qapp.font())
        font.setPixelSize(80)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, ch)
        painter.end()
        path = tmp_path / f"u{ord(ch):04x}.png"
        image.save(str(path))
        assert ink(Image.open(path)) > 50, f"{ch} draws nothing on screen"
