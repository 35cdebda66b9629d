"""Attachments of one evidence item: a thumbnail strip that accepts drops and pastes, and a
viewer for photos. Thumbnails are decoded at thumbnail size (QImageReader.setScaledSize), so a
strip of 20 phone photos does not decode 20 full 12-megapixel images."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QIcon,
    QImage,
    QImageIOHandler,
    QImageReader,
    QKeySequence,
    QPainter,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from auditdesk.ui import file_actions, palette

THUMB = 96
_cache: dict[str, QPixmap] = {}


def thumbnail(path: Path, sha: str, size: int = THUMB) -> QPixmap:
    key = f"{sha}:{size}"
    if key in _cache:
        return _cache[key]
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid() and (original.width() > size or original.height() > size):
        reader.setScaledSize(original.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    pix = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
    _cache[key] = pix
    return pix


class AttachmentStrip(QListWidget):
    """Icons of the current item's files. Drop files here, or paste (Ctrl+V) an image or files."""

    filesDropped = Signal(list)  # list[Path]
    imagePasted = Signal(bytes, str)  # png bytes, suggested name
    openRequested = Signal(uuid.UUID)
    checkInRequested = Signal(uuid.UUID, str)  # attachment id, "opening" | "closing" | ""
    archiveRequested = Signal(uuid.UUID)
    reportRequested = Signal(uuid.UUID, bool)  # attachment id, print it in the report

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 24, THUMB + 34))
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setFixedHeight(THUMB + 48)
        self.setAcceptDrops(True)
        self.setDragDropMode(QListWidget.DragDropMode.DropOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemActivated.connect(
            lambda it: self.openRequested.emit(it.data(Qt.ItemDataRole.UserRole))
        )
        self.setToolTip(self.tr("Drop files here, or paste with Ctrl+V. Double-click to view."))

    def show_attachments(self, rows: list[tuple[uuid.UUID, str, str, bool, Path, str]]) -> None:
        """rows: (id, filename, sha256, is_photo, stored path, check-in label)."""
        self.clear()
        style = self.style()
        for att_id, name, sha, is_photo, path, check_in in rows:
            icon = (
                QIcon(thumbnail(path, sha))
                if is_photo
                else style.standardIcon(style.StandardPixmap.SP_FileIcon)
            )
            item = QListWidgetItem(icon, f"{name}\n{check_in}" if check_in else name)
            item.setData(Qt.ItemDataRole.UserRole, att_id)
            item.setToolTip(name)
            self.addItem(item)

    def set_in_report(self, photo_ids: set[uuid.UUID], in_report: set[uuid.UUID]) -> None:
        """Which files are photos that can go into the report, and which of them do."""
        self._photo_ids, self._in_report = set(photo_ids), set(in_report)
        for i in range(self.count()):
            item = self.item(i)
            att_id = item.data(Qt.ItemDataRole.UserRole)
            if att_id in self._photo_ids:
                item.setToolTip(
                    item.text().split("\n")[0]
                    + "\n"
                    + (
                        self.tr("Printed in the report")
                        if att_id in self._in_report
                        else self.tr("Not in the report")
                    )
                )

    def in_report(self, att_id: uuid.UUID) -> bool:
        return att_id in getattr(self, "_in_report", set())

    def paintEvent(self, event):
        super().paintEvent(event)
        if self.count() == 0:
            from PySide6.QtGui import QPainter

            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr(
                    "Drop photos or files here · Ctrl+Shift+V pastes · Ctrl+Shift+A opens a file"
                ),
            )

    # drag and drop -----------------------------------------------------------------------
    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event):
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event):
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)

    # paste ----------------------------------------------------------------------------------
    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Paste):
            paste_from_clipboard(self)
            return
        super().keyPressEvent(event)

    def _menu(self, pos) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        self.context_menu(item.data(Qt.ItemDataRole.UserRole)).exec(self.mapToGlobal(pos))

    def context_menu(self, att_id: uuid.UUID) -> QMenu:
        """The actions on one file (built apart from ``_menu`` so a test can trigger them)."""
        menu = QMenu(self)
        menu.addAction(self.tr("View"), lambda: self.openRequested.emit(att_id))
        menu.addAction(
            self.tr("Mark as opening-meeting check-in photo"),
            lambda: self.checkInRequested.emit(att_id, "opening"),
        )
        menu.addAction(
            self.tr("Mark as closing-meeting check-in photo"),
            lambda: self.checkInRequested.emit(att_id, "closing"),
        )
        menu.addAction(
            self.tr("Not a check-in photo"), lambda: self.checkInRequested.emit(att_id, "")
        )
        if att_id in getattr(self, "_photo_ids", set()):
            shown = menu.addAction(self.tr("Print in the report"))
            shown.setCheckable(True)
            shown.setChecked(self.in_report(att_id))
            shown.toggled.connect(lambda on: self.reportRequested.emit(att_id, on))
        menu.addSeparator()
        menu.addAction(self.tr("Remove from this item"), lambda: self.archiveRequested.emit(att_id))
        return menu


def paste_from_clipboard(strip: AttachmentStrip) -> bool:
    """Files copied in the file manager, or an image (a screenshot): emit them. True if any."""
    mime = QApplication.clipboard().mimeData()
    if mime is None:
        return False
    if mime.hasUrls():
        paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        if paths:
            strip.filesDropped.emit(paths)
            return True
    if mime.hasImage():
        image = QImage(mime.imageData())
        if not image.isNull():
            from PySide6.QtCore import QBuffer, QByteArray, QIODevice

            data = QByteArray()
            buf = QBuffer(data)
            buf.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(buf, "PNG")  # type: ignore[call-overload]
            strip.imagePasted.emit(bytes(data.data()), "clipboard.png")
            return True
    return False


class _PhotoView(QGraphicsView):
    """The picture area of the PhotoViewer. Keys go to the dialog (Left/Right, zoom keys);
    the wheel zooms around the cursor."""

    wheelZoom = Signal(float, QPointF)  # steps (+ in, - out), viewport position
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setBackgroundBrush(palette.color("viewer_bg"))
        self.setFrameShape(QFrame.Shape.NoFrame)

    def wheelEvent(self, event):
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta:
            self.wheelZoom.emit(delta / 120.0, event.position())
        event.accept()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.resized.emit()


class PhotoViewer(QDialog):
    """One photo at a time; Left/Right go through the item's photos.

    Opens fitted to the window (and stays fitted while the window is resized) until the
    auditor zooms: wheel or Ctrl+wheel around the cursor, + / - / Ctrl+= / Ctrl+-, 0 or
    Ctrl+0 fits, 1 shows actual pixels; drag pans. A QGraphicsView rather than a QLabel in a
    QScrollArea: the zoom is a view transform (no re-scaling of a 12 MP pixmap per wheel
    notch), ScrollHandDrag pans for free, and scene coordinates stay in the photo's own
    pixels whichever resolution is decoded, so zooming around a point is plain arithmetic.

    For fit only a window-sized image is decoded (QImageReader.setScaledSize); the full
    resolution is decoded the first time the zoom goes beyond what is decoded.
    """

    STEP = 1.25
    MAX_ZOOM = 16.0
    MIN_ZOOM = 0.02

    def __init__(
        self, photos: list[tuple[str, Path]], index: int = 0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.photos = photos
        self.index = index
        self.fit_mode = True
        self.full_size = QSize()  # the photo's displayed (upright) size in pixels
        self.decoded_full = False
        self.scene = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.view = _PhotoView(self)
        self.view.setScene(self.scene)
        self.view.wheelZoom.connect(self._wheel_zoom)
        self.view.resized.connect(self._on_resized)

        bar = QHBoxLayout()
        self.fit_button = self._button(
            self.tr("Fit to window"),
            self.tr("Show the whole photo in the window (0 or Ctrl+0)"),
            self.fit,
        )
        self.actual_button = self._button(
            self.tr("Actual size 100 %"),
            self.tr("One photo pixel per screen pixel (1)"),
            self.actual_size,
        )
        self.zoom_in_button = self._button(
            self.tr("Zoom in"), self.tr("Zoom in (+, Ctrl+= or the mouse wheel)"), self.zoom_in
        )
        self.zoom_out_button = self._button(
            self.tr("Zoom out"), self.tr("Zoom out (-, Ctrl+- or the mouse wheel)"), self.zoom_out
        )
        for b in (self.fit_button, self.actual_button, self.zoom_in_button, self.zoom_out_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.caption = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        # a long file name must not stop the window from getting narrower
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.caption, 10)
        bar.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.resize(900, 700)
        self._show()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(slot)
        return b

    # loading ----------------------------------------------------------------------------------
    def _reader(self) -> tuple[QImageReader, QSize]:
        """A reader with EXIF orientation on, and the photo's upright size."""
        reader = QImageReader(str(self.photos[self.index][1]))
        reader.setAutoTransform(True)
        raw = reader.size()  # as stored, before the EXIF rotation
        if (
            raw.isValid()
            and reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90
        ):
            raw = raw.transposed()
        return reader, raw

    def _decode(self, scale: float) -> None:
        """Decode at `scale` of the upright size (>= 1 means full resolution)."""
        reader, upright = self._reader()
        full = scale >= 1.0 or not upright.isValid()
        if not full:
            target = QSize(
                max(1, round(upright.width() * scale)), max(1, round(upright.height() * scale))
            )
            if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
                target = target.transposed()  # the scaled size is applied before the rotation
            reader.setScaledSize(target)
        image = reader.read()
        pix = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        self.item.setPixmap(pix)
        if not upright.isValid():
            upright = pix.size()
        self.full_size = upright
        self.decoded_full = full or pix.width() >= upright.width()
        # scene coordinates are the photo's own pixels, whatever resolution is decoded
        self.item.setScale(upright.width() / pix.width() if pix.width() else 1.0)
        self.scene.setSceneRect(QRectF(0, 0, upright.width(), upright.height()))

    def _decoded_scale(self) -> float:
        """Decoded pixels per photo pixel."""
        pix = self.item.pixmap()
        if self.decoded_full or not self.full_size.width():
            return 1.0
        return pix.width() / self.full_size.width()

    def _screen_fit_scale(self) -> float:
        """Decoded pixels per photo pixel that fit the photo to the whole screen: decoding this
        much for "fit" means growing the window never decodes again."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None or not self.full_size.isValid() or self.full_size.isEmpty():
            return 1.0
        room = screen.availableGeometry().size() * screen.devicePixelRatio()
        return min(
            1.0, room.width() / self.full_size.width(), room.height() / self.full_size.height()
        )

    def _ensure_resolution(self, zoom: float) -> None:
        """Showing `zoom` screen pixels per photo pixel needs that many decoded pixels: decode
        again (screen-fitted while fitting, else full resolution) when there are fewer."""
        if self.decoded_full:
            return
        need = zoom * self.devicePixelRatioF()
        if need > self._decoded_scale() + 1e-6:
            screen_fit = self._screen_fit_scale()
            self._decode(
                max(need, screen_fit) if self.fit_mode and need <= screen_fit * 1.5 else 1.0
            )

    def _show(self) -> None:
        name, _path = self.photos[self.index]
        self.fit_mode = True
        self.decoded_full = False
        _reader, upright = self._reader()
        self.full_size = upright
        self._decode(
            max(self._screen_fit_scale(), min(1.0, self.fit_scale() * self.devicePixelRatioF()))
        )
        self.setWindowTitle(name)
        self._apply(self.fit_scale())

    # zoom -----------------------------------------------------------------------------------
    def fit_scale(self) -> float:
        """The zoom that shows the whole photo; never above 100 % (small pictures stay sharp)."""
        if not self.full_size.isValid() or self.full_size.isEmpty():
            return 1.0
        room = self.view.maximumViewportSize()
        return min(
            1.0, room.width() / self.full_size.width(), room.height() / self.full_size.height()
        )

    def zoom(self) -> float:
        """Screen pixels per photo pixel (1.0 = 100 %)."""
        return self.view.transform().m11()

    def _apply(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Set the zoom, keeping the photo point under `anchor` (viewport coordinates; the
        centre if None) where it is."""
        view = self.view
        if anchor is None:
            anchor = QPointF(view.viewport().rect().center())
        fixed = view.mapToScene(anchor.toPoint())
        self._ensure_resolution(zoom)
        view.setTransform(QTransform.fromScale(zoom, zoom))
        moved = view.mapFromScene(fixed) - anchor.toPoint()
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + moved.x())
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + moved.y())
        shown = self.full_size * zoom
        room = view.maximumViewportSize()
        pannable = shown.width() > room.width() + 1 or shown.height() > room.height() + 1
        view.setDragMode(
            QGraphicsView.DragMode.ScrollHandDrag if pannable else QGraphicsView.DragMode.NoDrag
        )
        self._caption()

    def _caption(self) -> None:
        name, _path = self.photos[self.index]
        percent = str(round(self.zoom() * 100))
        if self.fit_mode:
            zoom_text = self.tr("%1 % (fit to window)").replace("%1", percent)
        else:
            zoom_text = self.tr("%1 %").replace("%1", percent)
        self.caption.setText(f"{name}  ({self.index + 1}/{len(self.photos)})  ·  {zoom_text}")

    def _zoom_by(self, steps: float, anchor: QPointF | None = None) -> None:
        old = self.zoom()
        new = min(self.MAX_ZOOM, max(self.MIN_ZOOM, old * self.STEP**steps))
        fit = self.fit_scale()
        # stop at "fit" and at 100 % on the way, so they are one key press away
        for stop in sorted((fit, 1.0), reverse=steps < 0):
            if min(old, new) < stop < max(old, new) or (stop == new and stop != old):
                new = stop
                break
        if abs(new - old) < 1e-9:
            return
        self.fit_mode = abs(new - fit) < 1e-9
        self._apply(new, anchor)

    def zoom_in(self) -> None:
        self._zoom_by(1)

    def zoom_out(self) -> None:
        self._zoom_by(-1)

    def fit(self) -> None:
        self.fit_mode = True
        self._apply(self.fit_scale())

    def actual_size(self) -> None:
        self.fit_mode = abs(self.fit_scale() - 1.0) < 1e-9
        self._apply(1.0)

    def _wheel_zoom(self, steps: float, pos: QPointF) -> None:
        self._zoom_by(steps, pos)

    def _on_resized(self) -> None:
        if self.fit_mode:
            self._apply(self.fit_scale())
        else:
            self._caption()

    # keys -------------------------------------------------------------------------------------
    def keyPressEvent(self, event):
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Right and self.index < len(self.photos) - 1:
            self.index += 1
            self._show()
        elif key == Qt.Key.Key_Left and self.index > 0:
            self.index -= 1
            self._show()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key == Qt.Key.Key_1 and not ctrl:
            self.actual_size()
        else:
            super().keyPressEvent(event)


def open_externally(path: Path, filename: str) -> None:
    """Documents open in the system viewer, from a temp copy carrying the original name."""
    import shutil
    import tempfile

    target = Path(tempfile.mkdtemp(prefix="auditdesk-")) / filename
    shutil.copyfile(path, target)
    file_actions.open_in_system(target)
