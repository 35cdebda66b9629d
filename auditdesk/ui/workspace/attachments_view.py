"""Attachments of one evidence item: a thumbnail strip that accepts drops and pastes, and a
viewer for photos. Thumbnails are decoded at thumbnail size (QImageReader.setScaledSize), so a
strip of 20 phone photos does not decode 20 full 12-megapixel images."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QImageReader, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

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
        self.itemActivated.connect(lambda it: self.openRequested.emit(it.data(Qt.ItemDataRole.UserRole)))
        self.setToolTip(self.tr("Drop files here, or paste with Ctrl+V. Double-click to view."))

    def show_attachments(self, rows: list[tuple[uuid.UUID, str, str, bool, Path, str]]) -> None:
        """rows: (id, filename, sha256, is_photo, stored path, check-in label)."""
        self.clear()
        style = self.style()
        for att_id, name, sha, is_photo, path, check_in in rows:
            icon = QIcon(thumbnail(path, sha)) if is_photo else style.standardIcon(style.StandardPixmap.SP_FileIcon)
            item = QListWidgetItem(icon, f"{name}\n{check_in}" if check_in else name)
            item.setData(Qt.ItemDataRole.UserRole, att_id)
            item.setToolTip(name)
            self.addItem(item)

    def paintEvent(self, event):
        super().paintEvent(event)
        if self.count() == 0:
            from PySide6.QtGui import QPainter

            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Drop photos or files here · Ctrl+Shift+V pastes · Ctrl+Shift+A opens a file"))

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
        att_id = item.data(Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        menu.addAction(self.tr("View"), lambda: self.openRequested.emit(att_id))
        menu.addAction(self.tr("Mark as opening-meeting check-in photo"),
                       lambda: self.checkInRequested.emit(att_id, "opening"))
        menu.addAction(self.tr("Mark as closing-meeting check-in photo"),
                       lambda: self.checkInRequested.emit(att_id, "closing"))
        menu.addAction(self.tr("Not a check-in photo"), lambda: self.checkInRequested.emit(att_id, ""))
        menu.addSeparator()
        menu.addAction(self.tr("Remove from this item"), lambda: self.archiveRequested.emit(att_id))
        menu.exec(self.mapToGlobal(pos))


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


class PhotoViewer(QDialog):
    """One photo at a time, scaled to the window; Left/Right go through the item's photos."""

    def __init__(self, photos: list[tuple[str, Path]], index: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photos = photos
        self.index = index
        self.label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.caption)
        self.resize(900, 700)
        self._show()

    def _show(self) -> None:
        name, path = self.photos[self.index]
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        size = reader.size()
        box = QSize(max(self.width() - 40, 200), max(self.height() - 80, 200))
        if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
            reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
        self.label.setPixmap(QPixmap.fromImage(reader.read()))
        self.caption.setText(f"{name}  ({self.index + 1}/{len(self.photos)})")
        self.setWindowTitle(name)

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Right and self.index < len(self.photos) - 1:
            self.index += 1
            self._show()
        elif event.key() == Qt.Key.Key_Left and self.index > 0:
            self.index -= 1
            self._show()
        else:
            super().keyPressEvent(event)


def open_externally(path: Path, filename: str) -> None:
    """Documents open in the system viewer, from a temp copy carrying the original name."""
    import shutil
    import tempfile

    target = Path(tempfile.mkdtemp(prefix="auditdesk-")) / filename
    shutil.copyfile(path, target)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
