"""The evidence photo viewer: an auditor must be able to look closely at a photographed
calibration label or signature. Real JPEGs (made with Pillow), offscreen; assertions on what
the view shows: the zoom, the decoded pixmap, the pixels on screen."""

from __future__ import annotations

import re

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

W, H = 1600, 1200


def _jpeg(path, orientation: int | None = None):
    """1600x1200 as stored, white with a red block in the stored top-left corner."""
    image = Image.new("RGB", (W, H), "white")
    ImageDraw.Draw(image).rectangle((0, 0, 299, 199), fill=(255, 0, 0))
    ImageDraw.Draw(image).rectangle((700, 500, 899, 699), fill=(0, 0, 255))  # the middle
    exif = image.getexif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(path, "JPEG", quality=92, exif=exif)
    return path


@pytest.fixture
def photos(tmp_path):
    return [
        ("calibration-label.jpg", _jpeg(tmp_path / "calibration-label.jpg")),
        ("extinguisher-tag.jpg", _jpeg(tmp_path / "extinguisher-tag.jpg", orientation=6)),
        ("signature.jpg", _jpeg(tmp_path / "signature.jpg")),
    ]


def _open(qtbot, photos, index=0, size=(900, 700)):
    from auditdesk.ui.workspace.attachments_view import PhotoViewer

    viewer = PhotoViewer(photos, index)
    qtbot.addWidget(viewer)
    viewer.resize(*size)
    viewer.show()
    qtbot.waitExposed(viewer)
    QApplication.processEvents()
    return viewer


@pytest.fixture
def viewer(qtbot, photos):
    return _open(qtbot, photos)


def percent(viewer) -> int:
    found = re.search(r"(\d+) %", viewer.caption.text())
    assert found, viewer.caption.text()
    return int(found.group(1))


def shown_size(viewer) -> QSize:
    """The photo's size on screen, in viewport pixels."""
    return viewer.view.transform().mapRect(viewer.scene.sceneRect()).size().toSize()


def fits(viewer) -> bool:
    room = viewer.view.viewport().size()
    shown = shown_size(viewer)
    inside = shown.width() <= room.width() + 2 and shown.height() <= room.height() + 2
    touches = abs(shown.width() - room.width()) <= 2 or abs(shown.height() - room.height()) <= 2
    return inside and touches


def screen_colour(viewer, x: float, y: float) -> QColor:
    """The colour on screen at photo pixel (x, y)."""
    grab = viewer.view.viewport().grab().toImage()
    point = viewer.view.mapFromScene(QPointF(x, y))
    return grab.pixelColor(point)


def is_red(c: QColor) -> bool:
    return c.red() > 200 and c.green() < 80 and c.blue() < 80


def wheel(viewer, pos: QPoint, notches: int = 1, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    vp = viewer.view.viewport()
    event = QWheelEvent(
        QPointF(pos),
        QPointF(vp.mapToGlobal(pos)),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(vp, event)


def test_opens_fitted_to_the_window_from_a_scaled_decode(viewer):
    assert viewer.fit_mode
    assert viewer.full_size == QSize(W, H)
    assert fits(viewer)
    assert viewer.zoom() < 1.0
    # only a window-sized image was decoded, not the 1600x1200 original
    assert not viewer.decoded_full
    assert viewer.item.pixmap().width() < W
    assert percent(viewer) == round(viewer.zoom() * 100)
    assert "fit" in viewer.caption.text()
    assert "calibration-label.jpg" in viewer.caption.text() and "(1/3)" in viewer.caption.text()
    assert is_red(screen_colour(viewer, 50, 50))


def test_a_photo_with_exif_orientation_6_is_shown_upright(qtbot, photos):
    viewer = _open(qtbot, photos, index=1)
    assert viewer.full_size == QSize(H, W)  # taller than wide
    assert fits(viewer)
    shown = shown_size(viewer)
    assert shown.height() > shown.width()
    # rotated 90° clockwise: the stored top-left corner is now the top-right one
    assert is_red(screen_colour(viewer, H - 50, 50))
    assert not is_red(screen_colour(viewer, 50, 50))


def test_keys_zoom_in_and_out(viewer):
    fitted = percent(viewer)
    QTest.keyClick(viewer, Qt.Key.Key_Plus)
    after_plus = percent(viewer)
    assert after_plus > fitted
    assert not viewer.fit_mode
    QTest.keyClick(viewer, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert percent(viewer) > after_plus
    QTest.keyClick(viewer, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert percent(viewer) == after_plus
    QTest.keyClick(viewer, Qt.Key.Key_Minus)
    assert percent(viewer) == fitted  # zooming out stops at "fit"
    assert viewer.fit_mode


def test_the_wheel_zooms_around_the_cursor(viewer):
    fitted = percent(viewer)
    vp = viewer.view.viewport()
    cursor = QPoint(vp.width() // 2 + 120, vp.height() // 2 - 90)
    under = viewer.view.mapToScene(cursor)
    for _ in range(4):
        wheel(viewer, cursor)
    assert percent(viewer) > fitted
    assert shown_size(viewer).width() > vp.width()  # now larger than the window
    after = viewer.view.mapToScene(cursor)
    assert abs(after.x() - under.x()) < 3 and abs(after.y() - under.y()) < 3
    # beyond the decoded size, the full resolution is decoded
    assert viewer.decoded_full and viewer.item.pixmap().size() == QSize(W, H)
    wheel(viewer, cursor, notches=-1, modifiers=Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom() < 1.0 * viewer.STEP**4 * fitted / 100


def test_one_shows_actual_pixels_and_zero_fits_again(viewer):
    QTest.keyClick(viewer, Qt.Key.Key_1)
    assert viewer.zoom() == 1.0
    assert percent(viewer) == 100
    assert viewer.item.pixmap().size() == QSize(W, H)
    assert viewer.item.scale() == 1.0
    assert shown_size(viewer) == QSize(W, H)
    # the blue block in the middle of the photo is in the middle of the window
    middle = viewer.view.viewport().rect().center()
    assert viewer.view.viewport().grab().toImage().pixelColor(middle).blue() > 200

    QTest.keyClick(viewer, Qt.Key.Key_0)
    assert viewer.fit_mode and fits(viewer)
    QTest.keyClick(viewer, Qt.Key.Key_1)
    QTest.keyClick(viewer, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert viewer.fit_mode and fits(viewer)


def test_the_buttons_zoom_and_fit(viewer):
    for b in (
        viewer.fit_button,
        viewer.actual_button,
        viewer.zoom_in_button,
        viewer.zoom_out_button,
    ):
        assert b.toolTip()
    fitted = percent(viewer)
    viewer.zoom_in_button.click()
    assert percent(viewer) > fitted
    viewer.zoom_out_button.click()
    assert percent(viewer) == fitted
    viewer.actual_button.click()
    assert percent(viewer) == 100
    viewer.fit_button.click()
    assert viewer.fit_mode and fits(viewer) and percent(viewer) == fitted


def test_resizing_the_window_refits_in_fit_mode_but_keeps_a_chosen_zoom(qtbot, viewer):
    before = viewer.zoom()
    viewer.resize(500, 420)
    qtbot.waitUntil(lambda: viewer.view.viewport().width() < 500)
    assert viewer.zoom() < before
    assert fits(viewer)
    viewer.resize(1000, 800)
    qtbot.waitUntil(lambda: viewer.view.viewport().width() > 900)
    assert viewer.zoom() > before
    assert fits(viewer)

    QTest.keyClick(viewer, Qt.Key.Key_1)
    viewer.resize(700, 600)
    qtbot.waitUntil(lambda: viewer.view.viewport().width() < 700)
    assert viewer.zoom() == 1.0 and not viewer.fit_mode


def test_drag_pans_when_zoomed(viewer):
    QTest.keyClick(viewer, Qt.Key.Key_1)
    vp = viewer.view.viewport()
    bar = viewer.view.horizontalScrollBar()
    start = bar.value()
    inside = QPointF(vp.width() / 2, vp.height() / 2)

    def mouse(kind, pos, buttons):
        QApplication.sendEvent(
            vp,
            QMouseEvent(
                kind,
                pos,
                QPointF(vp.mapToGlobal(pos.toPoint())),
                Qt.MouseButton.LeftButton,
                buttons,
                Qt.KeyboardModifier.NoModifier,
            ),
        )

    mouse(QMouseEvent.Type.MouseButtonPress, inside, Qt.MouseButton.LeftButton)
    mouse(QMouseEvent.Type.MouseMove, inside + QPointF(150, 0), Qt.MouseButton.LeftButton)
    mouse(QMouseEvent.Type.MouseButtonRelease, inside + QPointF(150, 0), Qt.MouseButton.NoButton)
    assert bar.value() == start - 150


def test_left_and_right_switch_photos_and_reset_to_fit(viewer):
    QTest.keyClick(viewer, Qt.Key.Key_1)
    QTest.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.index == 1
    assert viewer.windowTitle() == "extinguisher-tag.jpg"
    assert viewer.full_size == QSize(H, W)
    assert viewer.fit_mode and fits(viewer) and not viewer.decoded_full
    assert "(2/3)" in viewer.caption.text()
    QTest.keyClick(viewer, Qt.Key.Key_Right)
    QTest.keyClick(viewer, Qt.Key.Key_Right)  # past the last: stays
    assert viewer.index == 2
    QTest.keyClick(viewer, Qt.Key.Key_Plus)
    QTest.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.index == 1 and viewer.fit_mode and fits(viewer)


def test_the_viewer_speaks_chinese(qtbot, photos):
    from auditdesk.ui import i18n

    assert i18n.install_language("zh_CN")
    try:
        viewer = _open(qtbot, photos)
        assert [
            b.text()
            for b in (
                viewer.fit_button,
                viewer.actual_button,
                viewer.zoom_in_button,
                viewer.zoom_out_button,
            )
        ] == ["适应窗口", "实际大小 100%", "放大", "缩小"]
        assert "适应窗口" in viewer.caption.text()
    finally:
        i18n.install_language("en")
