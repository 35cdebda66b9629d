"""Render resources/icons/auditdesk.svg into packaging/windows/auditdesk.ico (16–256 px).

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py

Run once when the icon changes; the .ico is committed so the Windows build needs no step.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - QPainter needs one
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "auditdesk.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    png = Image.open(io.BytesIO(bytes(data.data())))
    out = ROOT / "packaging" / "windows" / "auditdesk.ico"
    png.save(out, sizes=[(s, s) for s in SIZES])
    print(out)


if __name__ == "__main__":
    main()
