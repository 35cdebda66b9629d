"""Sign-in at start. A new database asks for its first admin; a single-user laptop may
remember its user (QSettings ``signin/remembered_user``) and then opens without asking.

``sign_in(database, settings_or_parent=None) -> username | None`` (None: the user cancelled).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from auditdesk.services import users
from auditdesk.services.errors import PermissionDenied, ValidationFailed

REMEMBER_KEY = "signin/remembered_user"


def remembered_user(settings: QSettings) -> str:
    return str(settings.value(REMEMBER_KEY, "") or "")


def forget_user(settings: QSettings) -> None:
    """ "Sign out" on a laptop that remembered its user: ask again next time."""
    settings.remove(REMEMBER_KEY)


class SignInDialog(QDialog):
    """Name + password (+ remember me); on a new database, creates the first admin."""

    def __init__(self, database: Any, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.settings = settings
        self.username: str | None = None
        with database.session() as s:
            self.first_admin = not users.has_people(s)
        self.setWindowTitle(self.tr("Sign in to AuditDesk"))
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            self.tr(
                "This database has no users yet. Create the first account: it will be the "
                "administrator."
            )
            if self.first_admin
            else self.tr("Who is working?")
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.name_edit = QLineEdit(remembered_user(settings))
        self.name_edit.setObjectName("username")
        form.addRow(self.tr("User name"), self.name_edit)
        self.display_edit = QLineEdit()
        if self.first_admin:
            form.addRow(self.tr("Full name"), self.display_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Password"), self.password_edit)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if self.first_admin:
            form.addRow(self.tr("Password again"), self.confirm_edit)
        layout.addLayout(form)
        self.remember = QCheckBox(self.tr("Remember me on this computer (a laptop only I use)"))
        self.remember.setChecked(bool(remembered_user(settings)))
        layout.addWidget(self.remember)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password_edit if self.name_edit.text() else self.name_edit).setFocus()

    def try_accept(self) -> bool:
        name, password = self.name_edit.text().strip(), self.password_edit.text()
        try:
            with self.database.session() as s:
                if self.first_admin:
                    if password != self.confirm_edit.text():
                        self.message.setText(self.tr("The two passwords differ."))
                        return False
                    user = users.create_first_admin(
                        s, name, password, self.display_edit.text().strip()
                    )
                else:
                    user = users.sign_in(s, name, password)
                self.username = user.username
        except PermissionDenied:
            self.message.setText(self.tr("Wrong user name or password."))
            self.password_edit.selectAll()
            return False
        except ValidationFailed as exc:
            texts = {
                "required": self.tr("Enter a user name."),
                "duplicate": self.tr("That name is taken."),
                "too_short": self.tr("The password needs at least 8 characters."),
            }
            self.message.setText(" ".join(texts.get(code, code) for code in exc.errors.values()))
            return False
        if self.remember.isChecked():
            self.settings.setValue(REMEMBER_KEY, self.username)
        else:
            forget_user(self.settings)
        self.accept()
        return True


def sign_in(
    database: Any, settings_or_parent: Any = None, parent: QWidget | None = None
) -> str | None:
    """Who works in this window, or None when the user cancelled the dialog."""
    settings = settings_or_parent if isinstance(settings_or_parent, QSettings) else QSettings()
    if isinstance(settings_or_parent, QWidget):
        parent = settings_or_parent
    remembered = remembered_user(settings)
    if remembered:
        with database.session() as s:
            if users.active_user(s, remembered) is not None:
                return remembered
        forget_user(settings)  # deactivated or removed since: ask
    dialog = SignInDialog(database, settings, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.username
