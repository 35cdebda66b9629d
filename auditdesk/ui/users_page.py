"""Users and sign-ins, for admins: the CB's accounts with role, state and last sign-in; add,
set role, reset password, deactivate (nobody is deleted: records keep their author), and the
sign-in log. The services check every action again (``auditdesk.services.users``).

``UsersPage(ctx)`` is a widget; ``show_users_dialog(ctx, parent)`` opens it in a window
(File ▸ Users and sign-ins…, shown to admins only).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditdesk.model import Role
from auditdesk.services import users
from auditdesk.services.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from auditdesk.ui import palette
from auditdesk.ui.conflict_reload import (
    CANCEL,
    MERGE,
    ask_reload_or_merge,
    headline,
    name_conflict,
)
from auditdesk.ui.context import AppContext

ROLES = (Role.AUDITOR, Role.LEAD, Role.ADMIN)


def _local(value: Any) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else ""


class UserDialog(QDialog):
    """A new account (``with_name``) or a new password for an existing one."""

    def __init__(self, parent: QWidget | None = None, with_name: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("userDialog")
        self.setWindowTitle(self.tr("New user") if with_name else self.tr("New password"))
        form = QFormLayout(self)
        self.name_edit = QLineEdit()
        self.display_edit = QLineEdit()
        self.role_box = QComboBox()
        if with_name:
            form.addRow(self.tr("User name"), self.name_edit)
            form.addRow(self.tr("Full name"), self.display_edit)
            for role in ROLES:
                self.role_box.addItem(role_label(role), role.value)
            form.addRow(self.tr("Role"), self.role_box)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Password again"), self.confirm_edit)
        self.message = QLabel()
        self.message.setStyleSheet(f"color: {palette.css('error')}")
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def try_accept(self) -> bool:
        if self.password_edit.text() != self.confirm_edit.text():
            self.message.setText(self.tr("The two passwords differ."))
            return False
        self.accept()
        return True


def role_label(role: Role) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        Role.AUDITOR: QCoreApplication.translate("UsersPage", "Auditor"),
        Role.LEAD: QCoreApplication.translate("UsersPage", "Lead"),
        Role.ADMIN: QCoreApplication.translate("UsersPage", "Administrator"),
    }[role]


class UsersPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("usersPage")
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)

        people = QWidget()
        pl = QVBoxLayout(people)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("usersTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        pl.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.ask_add)
        self.role_box = QComboBox()
        self.role_box.setObjectName("roleBox")
        self.role_button = QPushButton()
        self.role_button.clicked.connect(lambda: self.set_role(self.role_box.currentData()))
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.ask_reset)
        self.active_button = QPushButton()
        self.active_button.clicked.connect(self.toggle_active)
        self.signins_button = QPushButton()
        self.signins_button.clicked.connect(self.show_sign_ins_of_selected)
        for w in (
            self.add_button,
            self.role_box,
            self.role_button,
            self.reset_button,
            self.active_button,
            self.signins_button,
        ):
            row.addWidget(w)
        row.addStretch(1)
        pl.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        pl.addWidget(self.message)
        self.tabs.addTab(people, "")

        log = QWidget()
        ll = QVBoxLayout(log)
        self.log_filter = QLabel()
        ll.addWidget(self.log_filter)
        self.log_table = QTableWidget(0, 5)
        self.log_table.setObjectName("signInTable")
        self.log_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.log_table.horizontalHeader().setStretchLastSection(True)
        self.log_table.verticalHeader().setVisible(False)
        ll.addWidget(self.log_table)
        self.all_button = QPushButton()
        self.all_button.clicked.connect(lambda: self.show_sign_ins(None))
        ll.addWidget(self.all_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(log, "")

        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.summaries: list[users.UserSummary] = []
        self.log_user: str | None = None
        self.conflicts: list[Exception] = []
        self.ask_conflict: Callable[[BaseException, QWidget | None], str] = ask_reload_or_merge
        self.retranslate()
        self.refresh()

    # -- data ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_user()
        try:
            with self.ctx.session() as s:
                self.summaries = users.user_summaries(s)
        except PermissionDenied:
            self.summaries = []
            self.message.setText(self.tr("Only an administrator can manage users."))
        self.table.setRowCount(len(self.summaries))
        for r, u in enumerate(self.summaries):
            cells = (
                u.username,
                u.display_name,
                role_label(u.role),
                self.tr("active") if u.active else self.tr("deactivated"),
                _local(u.last_sign_in),
                str(u.failures_in_a_row) if u.failures_in_a_row else "",
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, u.username)
                self.table.setItem(r, c, item)
            if u.username == selected:
                self.table.selectRow(r)
        self.show_sign_ins(self.log_user)
        self._update_buttons()

    def show_sign_ins(self, username: str | None) -> None:
        self.log_user = username
        try:
            with self.ctx.session() as s:
                rows = users.list_sign_ins(s, username)
        except PermissionDenied:
            rows = []
        channels = {
            "gui": self.tr("desktop"),
            "cli": self.tr("command line"),
            "token": self.tr("API token"),
            "remember": self.tr("remembered"),
        }
        outcomes = {
            "success": self.tr("signed in"),
            "failure": self.tr("refused"),
            "locked": self.tr("locked"),
            "reset": self.tr("password reset"),
        }
        self.log_table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            cells = (
                e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                e.username,
                channels.get(e.channel, e.channel),
                outcomes.get(e.outcome, e.outcome),
                e.detail,
            )
            for c, text in enumerate(cells):
                self.log_table.setItem(r, c, QTableWidgetItem(text))
        self.log_filter.setText(
            self.tr("Sign-ins of %1").replace("%1", username)
            if username
            else self.tr("All sign-ins")
        )

    def selected_user(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def select(self, username: str) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.text() == username:
                self.table.selectRow(r)
                return

    def _summary(self, username: str | None) -> users.UserSummary | None:
        return next((u for u in self.summaries if u.username == username), None)

    def _update_buttons(self) -> None:
        chosen = self._summary(self.selected_user())
        for b in (self.role_button, self.reset_button, self.active_button, self.signins_button):
            b.setEnabled(chosen is not None)
        self.role_box.setEnabled(chosen is not None)
        if chosen is not None:
            self.role_box.setCurrentIndex(max(0, self.role_box.findData(chosen.role.value)))
        self.active_button.setText(
            self.tr("Activate")
            if chosen is not None and not chosen.active
            else self.tr("Deactivate")
        )

    # -- actions ---------------------------------------------------------------------------------
    def _run(
        self,
        job: Any,
        done: str,
        name: str | None = None,
        field: str | None = None,
        mine: Any = None,
        *,
        retry: bool = True,
    ) -> bool:
        """Run one service call; say what happened (or why not) in the user's language.

        ``job(session, version)`` for a change of user ``name``: ``version`` is the one this
        page showed, so an admin's change over a colleague's newer save is a conflict (issue 14
        point 7) — never a silent overwrite. ``field``/``mine``: what the change sets, to
        merge it onto their version.
        """
        shown = self._summary(name)
        version = shown.version if shown is not None else None
        try:
            with self.ctx.session() as s:
                job(s, version) if name is not None else job(s)
        except Conflict as exc:
            return self._on_conflict(exc, job, done, name, field, mine, retry)
        except ValidationFailed as exc:
            self.message.setText(" ".join(self._reason(c) for c in exc.errors.values()))
            return False
        except PermissionDenied as exc:
            if exc.details.get("reason") == "system_user":
                self.message.setText(self.tr("The built-in users cannot be changed."))
            else:
                self.message.setText(self.tr("Only an administrator can manage users."))
            return False
        except NotFound:
            self.message.setText(self.tr("That user no longer exists."))
            return False
        self.message.setText(done)
        self.refresh()
        return True

    def _on_conflict(
        self,
        exc: Exception,
        job: Any,
        done: str,
        name: str | None,
        field: str | None,
        mine: Any,
        retry: bool,
    ) -> bool:
        """Reload (show theirs), merge (make my change on their version) or keep mine (the
        role I picked stays in the box, nothing saved)."""
        self.conflicts.append(exc)
        name_conflict(exc, self.ctx.session)
        before = self._summary(name)
        choice = self.ask_conflict(exc, self)
        self.message.setText(headline(exc))
        if choice == CANCEL:
            return False
        self.refresh()
        if choice != MERGE or not retry:
            return False
        after = self._summary(name)
        if after is None:
            return False
        if field is not None and before is not None:
            base, theirs = getattr(before, field), getattr(after, field)
            if theirs == mine:  # they made the same change: nothing of mine is left to save
                self.message.setText(headline(exc) + " " + done)
                return True
            if theirs != base:  # both changed it: theirs is shown, mine is not saved over it
                if field == "role":
                    self.role_box.setCurrentIndex(max(0, self.role_box.findData(mine.value)))
                self.message.setText(
                    headline(exc)
                    + " "
                    + self.tr("You both changed it; theirs is shown. Choose again to save yours.")
                )
                return False
        return self._run(job, done, name, field, mine, retry=False)

    def _reason(self, code: str) -> str:
        return {
            "required": self.tr("Enter a user name."),
            "duplicate": self.tr("That name is taken."),
            "reserved": self.tr("That name is reserved."),
            "too_long": self.tr("The user name is too long."),
            "too_short": self.tr("The password needs at least 8 characters."),
            "last_admin": self.tr("The last active administrator must stay an administrator."),
            "self": self.tr("You cannot deactivate yourself."),
            "unknown": self.tr("Unknown role."),
        }.get(code, code)

    def add_user(self, username: str, password: str, role: Role, display_name: str = "") -> bool:
        return self._run(
            lambda s: users.create_user(s, username, password, role, display_name),
            self.tr("User %1 added.").replace("%1", username.strip()),
        )

    def set_role(self, role_value: str) -> bool:
        name = self.selected_user()
        if name is None:
            return False
        return self._run(
            lambda s, v: users.set_role(s, name, Role(role_value), expected_version=v),
            self.tr("%1 is now %2.")
            .replace("%1", name)
            .replace("%2", role_label(Role(role_value))),
            name,
            "role",
            Role(role_value),
        )

    def reset_password(self, password: str) -> bool:
        name = self.selected_user()
        if name is None:
            return False
        return self._run(
            lambda s, v: users.reset_password(
                s, name, password, users.Channel.GUI, expected_version=v
            ),
            self.tr("The password of %1 was reset; their remembered sign-ins are revoked.").replace(
                "%1", name
            ),
            name,
        )

    def toggle_active(self) -> bool:
        chosen = self._summary(self.selected_user())
        if chosen is None:
            return False
        name, active = chosen.username, not chosen.active
        done = (
            self.tr("%1 can sign in again.") if active else self.tr("%1 can no longer sign in.")
        ).replace("%1", name)
        return self._run(
            lambda s, v: users.set_active(s, name, active, expected_version=v),
            done,
            name,
            "active",
            active,
        )

    def show_sign_ins_of_selected(self) -> None:
        self.show_sign_ins(self.selected_user())
        self.tabs.setCurrentIndex(1)

    def ask_add(self) -> None:
        dialog = UserDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_user(
                dialog.name_edit.text(),
                dialog.password_edit.text(),
                Role(dialog.role_box.currentData()),
                dialog.display_edit.text().strip(),
            )

    def ask_reset(self) -> None:
        if self.selected_user() is None:
            return
        dialog = UserDialog(self, with_name=False)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reset_password(dialog.password_edit.text())

    # -- language --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Users"))
        self.tabs.setTabText(1, self.tr("Sign-ins"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("User name"),
                self.tr("Full name"),
                self.tr("Role"),
                self.tr("State"),
                self.tr("Last sign-in"),
                self.tr("Failed attempts"),
            ]
        )
        self.log_table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("User name"),
                self.tr("From"),
                self.tr("Outcome"),
                self.tr("Detail"),
            ]
        )
        self.add_button.setText(self.tr("Add user…"))
        self.role_button.setText(self.tr("Set role"))
        self.reset_button.setText(self.tr("Reset password…"))
        self.signins_button.setText(self.tr("Their sign-ins"))
        self.all_button.setText(self.tr("All sign-ins"))
        current = self.role_box.currentData()
        self.role_box.clear()
        for role in ROLES:
            self.role_box.addItem(role_label(role), role.value)
        if current is not None:
            self.role_box.setCurrentIndex(max(0, self.role_box.findData(current)))
        self._update_buttons()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        super().changeEvent(e)


class UsersDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Users and sign-ins"))
        layout = QVBoxLayout(self)
        self.page = UsersPage(ctx, self)
        layout.addWidget(self.page)
        self.resize(900, 560)


def show_users_dialog(ctx: AppContext, parent: QWidget | None = None) -> UsersDialog:
    dialog = UsersDialog(ctx, parent)
    dialog.show()
    return dialog
