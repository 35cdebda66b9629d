"""Sign-in at start: always. A new database asks for its first admin; otherwise a name and a
password. "Remember me" keeps a random token for this database (QSettings
``signin/token/<database key>``) whose hash the database verifies, records and can revoke —
never a user name, so editing AuditDesk.conf signs no one in.

``sign_in(database, settings_or_parent=None) -> username | None`` (None: the user cancelled).
"""

from __future__ import annotations

import hashlib
import platform
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
from auditdesk.ui import palette

TOKEN_GROUP = "signin/token"
# What older versions stored (a plain user name): ignored and removed.
LEGACY_KEY = "signin/remembered_user"


def database_key(database: Any) -> str:
    """A stable key for one database on this computer (its file, or its URL without password)."""
    path = getattr(database, "path", None)
    if path is not None:
        identity = str(path)
    else:
        url = getattr(getattr(database, "engine", None), "url", None)
        identity = (
            url.render_as_string(hide_password=True)
            if url is not None
            else str(getattr(database, "url", ""))
        )
    return hashlib.sha256(identity.encode()).hexdigest()[:24]


def _token_key(database: Any) -> str:
    return f"{TOKEN_GROUP}/{database_key(database)}"


def remembered_token(settings: QSettings, database: Any) -> str:
    return str(settings.value(_token_key(database), "") or "")


def remember(settings: QSettings, database: Any, token: str) -> None:
    settings.setValue(_token_key(database), token)
    settings.remove(LEGACY_KEY)
    settings.sync()


def forget_user(settings: QSettings, database: Any = None) -> None:
    """ "Sign out" on a computer that remembered its user: ask again next time. With the
    database, its token is also revoked there; without, every remembered token is dropped."""
    settings.remove(LEGACY_KEY)
    if database is None:
        settings.remove(TOKEN_GROUP)
        return
    token = remembered_token(settings, database)
    settings.remove(_token_key(database))
    if token:
        with database.session() as s:
            users.forget_remember_token(s, token)


def user_of_token(database: Any, token: str) -> str | None:
    """The user a remembered token signs in (its use is logged), None if it is not valid."""
    with database.session() as s:
        user = users.sign_in_with_token(s, token, users.Channel.REMEMBER, users.TokenKind.REMEMBER)
        return None if user is None else user.username


class SignInDialog(QDialog):
    """Name + password (+ remember me); on a new database, creates the first admin."""

    def __init__(self, database: Any, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
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
                "administrator. (Demonstration data can be loaded next.)"
            )
            if self.first_admin
            else self.tr("Who is working?")
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("username")
        self.name_edit.setAccessibleName(self.tr("User name"))
        form.addRow(self.tr("User name"), self.name_edit)
        self.display_edit = QLineEdit()
        if self.first_admin:
            form.addRow(self.tr("Full name"), self.display_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Password"), self.password_edit)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if self.first_admin:
            form.addRow(self.tr("Password again"), self.confirm_edit)
        layout.addLayout(form)
        self.remember = QCheckBox(self.tr("Remember me on this computer (a laptop only I use)"))
        layout.addWidget(self.remember)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet(f"color: {palette.css('error')}")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name_edit.setFocus()

    def try_accept(self) -> bool:
        name, password = self.name_edit.text().strip(), self.password_edit.text()
        if self.first_admin and password != self.confirm_edit.text():
            self.message.setText(self.tr("The two passwords differ."))
            return False
        token = ""
        result: users.SignInResult | None = None
        try:
            # The attempt is logged in this transaction, so a refusal is returned, not raised.
            with self.database.session() as s:
                if self.first_admin:
                    user = users.create_first_admin(
                        s, name, password, self.display_edit.text().strip()
                    )
                    result = users.SignInResult(user)
                else:
                    result = users.attempt_sign_in(s, name, password, users.Channel.GUI)
                if result.user is not None:
                    self.username = result.user.username
                    if self.remember.isChecked():
                        token = users.remember_token(s, result.user, platform.node())
        except PermissionDenied:
            self.message.setText(self.tr("Wrong user name or password."))
            return False
        except ValidationFailed as exc:
            texts = {
                "required": self.tr("Enter a user name."),
                "duplicate": self.tr("That name is taken."),
                "reserved": self.tr("That name is reserved."),
                "too_long": self.tr("The user name is too long."),
                "too_short": self.tr("The password needs at least 8 characters."),
            }
            self.message.setText(" ".join(texts.get(code, code) for code in exc.errors.values()))
            return False
        if result is None or result.user is None:
            self.username = None
            if result is not None and result.reason == "locked" and result.locked_until:
                until = result.locked_until.astimezone().strftime("%H:%M:%S")
                self.message.setText(
                    self.tr("Too many failed sign-ins. Try again after %1.").replace("%1", until)
                )
            else:
                self.message.setText(self.tr("Wrong user name or password."))
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return False
        if token:
            remember(self.settings, self.database, token)
        else:
            self.settings.remove(_token_key(self.database))
        self.accept()
        return True


def sign_in(
    database: Any, settings_or_parent: Any = None, parent: QWidget | None = None
) -> str | None:
    """Who works in this window, or None when the user cancelled the dialog."""
    settings = settings_or_parent if isinstance(settings_or_parent, QSettings) else QSettings()
    if isinstance(settings_or_parent, QWidget):
        parent = settings_or_parent
    settings.remove(LEGACY_KEY)  # a user name proves nothing
    token = remembered_token(settings, database)
    if token:
        name = user_of_token(database, token)
        if name is not None:
            return name
        settings.remove(_token_key(database))  # revoked, or its user deactivated: ask
    dialog = SignInDialog(database, settings, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.username
