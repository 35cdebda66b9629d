"""Settings: the interface language (QSettings, switched live) and the CB settings (database
rows; only admins may change them because they change audit results): the rules' windows,
deadlines and limits, and the planning's travel times between sites (a default and the pairs
of sites that need another figure). Saving checks everything first and writes all or nothing;
what is wrong is named beside its field in the user's language."""

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
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.rules.settings import CBSettings
from auditdesk.services import cb_settings
from auditdesk.services.errors import ValidationFailed
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
        inner_layout = QVBoxLayout(inner)
        self.form = QFormLayout()
        inner_layout.addLayout(self.form)
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
        inner_layout.addWidget(self._travel_box())
        inner_layout.addStretch(1)
        scroll.setWidget(inner)
        cl.addWidget(scroll, 1)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveCbSettings")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
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
        self.travel_box.setTitle(self.tr("Planning: travel between sites"))
        self.travel_note.setText(
            self.tr(
                "The plan check warns when a member has less time than this between sessions "
                "at two different sites. Travel is not audit time."
            )
        )
        self.travel_label.setText(self.tr("Travel time between two sites"))
        self.travel_minutes.setSuffix(self.tr(" min"))
        self.travel_minutes.setAccessibleName(self.tr("Travel time between two sites"))
        self.pairs.setHorizontalHeaderLabels(
            [self.tr("Site"), self.tr("Other site"), self.tr("Minutes")]
        )
        self.pairs.setAccessibleName(self.tr("Travel times for particular pairs of sites"))
        self.pairs_label.setText(self.tr("Pairs of sites that need another time:"))
        self.add_pair.setText(self.tr("Add pair"))
        self.remove_pair.setText(self.tr("Remove pair"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _travel_box(self) -> QGroupBox:
        self.travel_box = QGroupBox()
        self.travel_box.setObjectName("travelBox")
        tl = QVBoxLayout(self.travel_box)
        self.travel_note = QLabel()
        self.travel_note.setWordWrap(True)
        tl.addWidget(self.travel_note)
        row = QFormLayout()
        self.travel_minutes = QSpinBox()
        self.travel_minutes.setObjectName("cb_plan_travel_minutes")
        self.travel_minutes.setRange(0, cb_settings.MAX_TRAVEL_MINUTES)
        self.travel_minutes.setSingleStep(15)
        self.travel_minutes.setMaximumWidth(160)
        self.travel_label = QLabel()
        row.addRow(self.travel_label, self.travel_minutes)
        tl.addLayout(row)
        self.pairs_label = QLabel()
        tl.addWidget(self.pairs_label)
        self.pairs = QTableWidget(0, 3)
        self.pairs.setObjectName("travelPairs")
        self.pairs.verticalHeader().setVisible(False)
        header = self.pairs.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.pairs.setMinimumHeight(120)
        self.pairs.setMaximumHeight(220)
        tl.addWidget(self.pairs)
        buttons = QHBoxLayout()
        self.add_pair = QPushButton()
        self.add_pair.setObjectName("addTravelPair")
        self.add_pair.clicked.connect(lambda: self.add_pair_row("", "", 60))
        self.remove_pair = QPushButton()
        self.remove_pair.setObjectName("removeTravelPair")
        self.remove_pair.clicked.connect(self._remove_pair_row)
        buttons.addWidget(self.add_pair)
        buttons.addWidget(self.remove_pair)
        buttons.addStretch(1)
        tl.addLayout(buttons)
        return self.travel_box

    def add_pair_row(self, a: str, b: str, minutes: int) -> int:
        r = self.pairs.rowCount()
        self.pairs.insertRow(r)
        self.pairs.setItem(r, 0, QTableWidgetItem(a))
        self.pairs.setItem(r, 1, QTableWidgetItem(b))
        spin = QSpinBox()
        spin.setRange(0, cb_settings.MAX_TRAVEL_MINUTES)
        spin.setSingleStep(15)
        spin.setValue(minutes)
        spin.setAccessibleName(self.tr("Minutes"))
        self.pairs.setCellWidget(r, 2, spin)
        self.pairs.setCurrentCell(r, 0)
        return r

    def _remove_pair_row(self) -> None:
        r = self.pairs.currentRow()
        if r >= 0:
            self.pairs.removeRow(r)

    def pair_values(self) -> list[list[Any]]:
        out: list[list[Any]] = []
        for r in range(self.pairs.rowCount()):
            a, b = self.pairs.item(r, 0), self.pairs.item(r, 1)
            spin = self.pairs.cellWidget(r, 2)
            out.append(
                [
                    a.text().strip() if a else "",
                    b.text().strip() if b else "",
                    int(spin.value()) if isinstance(spin, QSpinBox) else 0,
                ]
            )
        return out

    def load(self) -> None:
        with self.ctx.session() as s:
            values = cb_settings.current(s).to_mapping()
            travel = cb_settings.travel(s)
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
        self.travel_minutes.setValue(travel.default_minutes)
        self.pairs.setRowCount(0)
        for a, b, minutes in travel.pairs:
            self.add_pair_row(a, b, minutes)
        for w in (self.travel_minutes, self.pairs, self.add_pair, self.remove_pair):
            w.setEnabled(admin)
        self.save_button.setEnabled(admin)

    def save(self) -> bool:
        values = {k: _input_value(w) for k, w in self.inputs.items()}
        values[cb_settings.TRAVEL_MINUTES] = int(self.travel_minutes.value())
        values[cb_settings.TRAVEL_PAIRS] = self.pair_values()
        try:
            with self.ctx.session() as s:
                cb_settings.save(s, values)
        except ValidationFailed as exc:
            self.message.setText("\n".join(self.problem_text(f, c) for f, c in exc.errors.items()))
            return False
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

    def problem_text(self, field: str, code: str) -> str:
        """ "<what>: <why>" for a field the service refused, in the user's language."""
        reasons = {
            "minutes_range": self.tr("between 0 and %1 minutes.").replace(
                "%1", str(cb_settings.MAX_TRAVEL_MINUTES)
            ),
            "site_required": self.tr("give both sites."),
            "site_too_long": self.tr("a site's name has at most 200 characters."),
            "same_site": self.tr("the two sites must differ."),
            "duplicate_pair": self.tr("this pair of sites is listed twice."),
            "monthly_report_day": self.tr("a day between 1 and 28."),
            "cnca_branch_code": self.tr("2 letters or digits."),
            "cnca_approval_no": self.tr("at least 3 digits."),
            "initial_nc_follow_up_months": self.tr(
                "not less than the months to certify after an initial audit's NCs."
            ),
        }
        if field.startswith(cb_settings.TRAVEL_PAIRS + "."):
            what = self.tr("Travel times, row %1").replace("%1", field.split(".")[1])
        elif field == cb_settings.TRAVEL_MINUTES:
            what = self.tr("Travel time between two sites")
        else:
            what = labels.label("setting", field)
        why = reasons.get(code) or reasons.get(field) or self.tr("not a valid value.")
        return self.tr("%1: %2").replace("%1", what).replace("%2", why)

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
