"""What counts as an English word on a Chinese screen, for the zh_CN walks
(tests/ui/test_words_everywhere.py, tests/ui/test_words_of_errors.py).

``WORD``, ``ALLOWED`` and ``visible_texts`` are shared by tests/ui/test_language_switch.py and
the words tests (a helper module: test modules never import each other)."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

WORD = re.compile(r"[A-Za-z]{3,}")
# Names and codes that stay Latin in a Chinese screen: standards and bodies, key names, the
# date pattern, and a language's own name in the language chooser.
ALLOWED = {
    "ISO", "IEC", "CNCA", "CCAA", "IAF", "Ctrl", "Shift", "Alt", "Enter", "YYYY", "English",
    "PDF", "Word", "Excel", "nbsp", "span", "style", "color",
}  # fmt: skip


def visible_texts(root: QWidget):
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, QLabel | QAbstractButton):
            yield w, w.text()
        if isinstance(w, QLineEdit):
            yield w, w.placeholderText()
        if isinstance(w, QComboBox):
            yield w, w.currentText()
        if isinstance(w, QGroupBox):
            yield w, w.title()
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield w, w.tabText(i)
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model
                columns = 1
            for c in range(columns):
                header = model.headerData(c, Qt.Orientation.Horizontal)
                if header:
                    yield w, str(header)


# Latin tokens a Chinese screen legitimately shows besides those: units and file kinds, the
# product's name, NC (不符合项 is written NC on CB forms), QMS/EMS/OHSMS, key names.
MORE_ALLOWED = {
    "AuditDesk", "xlsx", "docx", "pdf", "adpkg", "sqlite", "csv", "png", "jpg", "NC", "NCs",
    "QMS", "EMS", "OHSMS", "ISMS", "GB", "T", "MB", "KB", "GiB", "MiB", "UTC", "OK",
    "Del", "Esc", "Tab", "Space", "PgUp", "PgDown", "Home", "End", "Backspace", "Ins",
    "Wang", "admin", "system", "LibreOffice",
}  # fmt: skip
