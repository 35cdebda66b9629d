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


def qt_translation_dirs() -> list[str]:
    """Where Qt's own translations (``qtbase_zh_CN.qm``) may be: Qt's configured folder, and
    PySide6's own ``Qt/translations`` (the PyInstaller bundle ships the file there,
    packaging/auditdesk.spec, whatever Qt's configured prefix says)."""
    from pathlib import Path

    import PySide6

    dirs = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),
    ]
    return list(dict.fromkeys(d for d in dirs if d))


def load_qt_translation(lang: str, parent: QCoreApplication | None = None) -> QTranslator | None:
    """Qt's own translation (qtbase) for ``lang``, or None (English needs none)."""
    if lang == "en":
        return None
    for folder in qt_translation_dirs():
        qt = QTranslator(parent)
        if qt.load(QLocale(lang), "qtbase", "_", folder):
            return qt
    return None


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
    qt = load_qt_translation(lang, app)  # Qt's own dialogs (OK/Cancel, context menus...)
    if qt is not None:
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


def plural(n: int, one: str, other: str) -> str:
    """``one`` or ``other`` for ``n`` (both already translated, with ``{n}`` in them).

    English has a singular and a plural ("1 row", "2 rows"); Chinese has one form, so both
    sources translate to the same text ("{n} 行"). The call site passes both through ``tr()``
    so lupdate sees them."""
    return (one if n == 1 else other).format(n=n)
