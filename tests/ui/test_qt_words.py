"""Qt's own words (standard buttons, context menus) read Chinese in zh_CN: qtbase_zh_CN.qm
from PySide6's translations is loaded at start and on a language switch, and the PyInstaller
bundle ships it where the app looks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit

ROOT = Path(__file__).resolve().parents[2]
B = QDialogButtonBox.StandardButton


@pytest.fixture
def zh(qapp):
    from auditdesk.ui import i18n

    i18n.install_language("zh_CN")
    yield
    i18n.install_language("en")


def _buttons():
    box = QDialogButtonBox(B.Ok | B.Cancel | B.Yes | B.No | B.Close | B.Save)
    return {box.standardButton(b): b.text() for b in box.buttons()}


def test_standard_buttons_read_chinese_in_zh_cn(zh):
    texts = _buttons()
    assert texts[B.Ok] == "确定" and texts[B.Cancel] == "取消"
    assert texts[B.Yes].startswith("是") and texts[B.No].startswith("否")
    assert texts[B.Close].startswith("关闭") and texts[B.Save].startswith("保存")


def test_context_menus_read_chinese_in_zh_cn(zh):
    for widget in (QLineEdit(), QPlainTextEdit()):
        menu = widget.createStandardContextMenu()
        words = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert len(words) >= 5
        for text in words:
            plain = re.sub(r"\(&.\)|&|\t.*", "", text)
            assert re.search(r"[\u4e00-\u9fff]", plain), f"{text!r} is not Chinese"
        menu.deleteLater()


def test_english_again_after_switching_back(qapp):
    from auditdesk.ui import i18n

    i18n.install_language("zh_CN")
    i18n.install_language("en")
    assert _buttons()[B.Cancel] == "Cancel"


def test_the_bundle_ships_qtbase_zh_cn_where_the_app_looks():
    import PySide6

    from auditdesk.ui import i18n

    package = Path(PySide6.__file__).resolve().parent
    shipped = package / "Qt" / "translations" / "qtbase_zh_CN.qm"
    assert shipped.is_file()
    # the app looks in PySide6/Qt/translations besides Qt's configured folder ...
    assert str(shipped.parent) in i18n.qt_translation_dirs()
    assert i18n.load_qt_translation("zh_CN") is not None
    assert i18n.load_qt_translation("en") is None
    # ... and the spec puts the file exactly there in the bundle
    spec = (ROOT / "packaging" / "auditdesk.spec").read_text(encoding="utf-8")
    assert '"qtbase_zh_CN.qm"' in spec and '"PySide6/Qt/translations")' in spec
