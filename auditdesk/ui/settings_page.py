"""Settings: the interface language (QSettings, switched live) and the CB settings (database
rows; only admins may change them because they change audit results)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from auditdesk.rules.settings import CBSettings
from auditdesk.services import cb_settings
from auditdesk.ui import i18n, labels
from auditdesk.ui.context import AppContext
from auditdesk.ui.options import LANGUAGE


class SettingsPage(QWidget):
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settingsPage")
        outer = QVBoxLayout(self)
        self.lang_box = QGroupBox()
        lf = QFormLayout(self.lang_box)
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.setMaximumWidth(240)
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.language.currentIndexChanged.connect(self._on_language)
        self.lang_label = QLabel()
        lf.addRow(self.lang_label, self.language)
        outer.addWidget(self.lang_box)

        self.cb_box = QGroupBox()
        cl = QVBoxLayout(self.cb_box)
        self.cb_note = QLabel()
        self.cb_note.setWordWrap(True)
        cl.addWidget(self.cb_note)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        self.form = QFormLayout(inner)
        self.inputs: dict[str, Any] = {}
        self.captions: dict[str, QLabel] = {}
        for key, default in CBSettings().to_mapping().items():
            w: Any
            if isinstance(default, bool):
                w = QCheckBox()
            elif isinstance(default, str):
                w = QLineEdit()
                w.setMaxLength(60)
            elif isinstance(default, float):
                w = QDoubleSpinBox()
                w.setRange(0.5, 10000)
                w.setDecimals(1)
            else:
                w = QSpinBox()
                w.setRange(1, 10000)
            w.setObjectName(f"cb_{key}")
            w.setMaximumWidth(160)
            cap = QLabel()
            self.form.addRow(cap, w)
            self.inputs[key], self.captions[key] = w, cap
        scroll.setWidget(inner)
        cl.addWidget(scroll, 1)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveCbSettings")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        cl.addWidget(self.message)
        self.save_button.setMaximumWidth(240)
        cl.addWidget(self.save_button)
        outer.addWidget(self.cb_box, 1)
        self.load()
        self.retranslate()

    def retranslate(self) -> None:
        self.lang_box.setTitle(self.tr("Interface"))
        self.lang_label.setText(self.tr("Language"))
        self.cb_box.setTitle(self.tr("Certification body settings"))
        self.cb_note.setText(
            self.tr(
                "These values change deadlines and audit programmes for every user. "
                "Only administrators can change them."
            )
        )
        for key, cap in self.captions.items():
            cap.setText(labels.label("setting", key))
        self.save_button.setText(self.tr("Save settings"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def load(self) -> None:
        with self.ctx.session() as s:
            values = cb_settings.current(s).to_mapping()
        try:
            admin = self.ctx.role() == "admin"
        except Exception:  # broad, logged: the role cannot be read: fields stay read-only (logged), the services check again
            logging.getLogger(__name__).warning("cannot read the role", exc_info=True)
            admin = False
        for key, w in self.inputs.items():
            if isinstance(w, QCheckBox):
                w.setChecked(bool(values[key]))
            elif isinstance(w, QLineEdit):
                w.setText(str(values[key]))
            else:
                w.setValue(values[key])
            w.setEnabled(admin)
        self.save_button.setEnabled(admin)

    def save(self) -> bool:
        values = {k: _input_value(w) for k, w in self.inputs.items()}
        try:
            with self.ctx.session() as s:
                cb_settings.save(s, values)
        except Exception as exc:  # noqa: BLE001 — shown to the user; the settings stay in the form
            from auditdesk.ui.errors import message_for, show_error

            known = message_for(exc)
            if known:
                self.message.setText(known[1])
            else:
                show_error(exc, self)
            return False
        self.message.setText(self.tr("Saved."))
        return True

    def _on_language(self, _i: int) -> None:
        lang = self.language.currentData()
        LANGUAGE.set(self.ctx.settings, lang)
        i18n.install_language(lang)
        self.language_changed.emit(lang)


def _input_value(w: Any) -> Any:
    if isinstance(w, QCheckBox):
        return w.isChecked()
    if isinstance(w, QLineEdit):
        return w.text().strip()
    if isinstance(w, QDoubleSpinBox):
        return w.value()
    return int(w.value())
