"""Languages: the Qt Linguist translators, the CJK font, and switching language live.

Source strings are English; ``resources/translations/auditdesk_zh_CN.qm`` and
``auditdesk_en.qm`` carry the translations. The default language comes from the system
locale (Chinese locales → zh_CN, anything else → en); the Settings page stores a choice in
QSettings (``ui/language``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from auditdesk import platform
from auditdesk.paths import resource

LANGUAGES = ("zh_CN", "en")
_installed: list[QTranslator] = []
_current = "en"
CJK_FAMILY: str | None = None


def system_language() -> str:
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def preferred_language(settings: QSettings | None = None, override: str | None = None) -> str:
    if override in LANGUAGES:
        return override  # type: ignore[return-value]
    from auditdesk.ui.options import LANGUAGE

    stored = LANGUAGE.get(settings or QSettings())
    return stored if stored in LANGUAGES else system_language()


def current_language() -> str:
    return _current


def install_language(lang: str) -> bool:
    """Replace the installed translators; widgets receive a LanguageChange event."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        return False
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    ok = True
    ours = QTranslator(app)
    if ours.load(str(resource("translations", f"auditdesk_{lang}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        ok = False
    qt = QTranslator(app)  # Qt's own dialogs (OK/Cancel, colour pickers...)
    if lang != "en" and qt.load(
        QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt)
        _installed.append(qt)
    QLocale.setDefault(QLocale(lang))
    _current = lang
    return ok


def register_cjk_font(app: QApplication) -> str | None:
    """Make the shipped CJK font a fallback of every font, so Chinese never shows as boxes,
    also on a machine without Chinese fonts installed."""
    global CJK_FAMILY
    from auditdesk.paths import cjk_font_path

    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    CJK_FAMILY = families[0]
    font = app.font()
    base = font.family()
    font.setFamilies([base, CJK_FAMILY] if base and base != CJK_FAMILY else [CJK_FAMILY])
    app.setFont(font)
    # Any family a widget asks for by name falls back to the CJK font too.
    for family in platform.font_substitutes(base):  # this system's own families too
        QFont.insertSubstitution(family, CJK_FAMILY)
    return CJK_FAMILY
