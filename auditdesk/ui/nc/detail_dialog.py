"""An NC with every lifecycle action a user may take on it: edit or issue the draft, enter the
client's response (with attachments), accept / reject, verify, close, reopen (admin)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditdesk.model import Nonconformity
from auditdesk.rules.nc_lifecycle import ACTIONS, NCAction, allowed_actions
from auditdesk.services import nonconformities as ncs
from auditdesk.services.errors import Conflict, ServiceError
from auditdesk.storage.concurrency import expect_version
from auditdesk.ui.conflict_reload import connection_lost, name_conflict
from auditdesk.ui.errors import message_for
from auditdesk.ui.nc.action_dialogs import ReasonDialog, ResponseDialog, ask_verification
from auditdesk.ui.nc.detail import NCDetailWidget
from auditdesk.ui.nc.texts import NCTexts

# Tests set this to a list to collect (title, text) instead of opening message boxes.
shown: list[tuple[str, str]] | None = None


class NCDetailDialog(QDialog):
    changed = Signal()

    def __init__(
        self,
        database: Any,
        nc_id: uuid.UUID,
        parent: QWidget | None = None,
        user: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        if hasattr(database, "db") and hasattr(database, "user"):
            database, user = database.db, user or database.user
        self.database, self.user, self.nc_id = database, user, nc_id
        self.today = today or dt.date.today()
        self.texts = NCTexts(self)
        self.setWindowTitle(self.tr("Nonconformity"))
        self.resize(900, 760)
        # Replaceable for tests: each returns None when the user cancels.
        self.ask_reason: Callable[[str, str], str | None] = self._ask_reason
        self.ask_response: Callable[[], tuple[ncs.NCResponse, list[Any]] | None] = (
            self._ask_response
        )
        self.ask_verification: Callable[[], ncs.Verification | None] = self._ask_verification

        layout = QVBoxLayout(self)
        self.detail = NCDetailWidget(database, self, user)
        self.detail.today = self.today
        layout.addWidget(self.detail, 1)
        row = QHBoxLayout()
        self.action_buttons: dict[NCAction, QPushButton] = {}
        labels = {
            NCAction.EDIT: self.tr("Edit draft…"),
            NCAction.ISSUE: self.tr("Issue to client"),
            NCAction.RECORD_RESPONSE: self.tr("Enter client response…"),
            NCAction.ACCEPT: self.tr("Accept response"),
            NCAction.REJECT: self.tr("Reject response…"),
            NCAction.VERIFY: self.tr("Verify…"),
            NCAction.CLOSE: self.tr("Close"),
            NCAction.REOPEN: self.tr("Reopen…"),
        }
        for action, text in labels.items():
            button = QPushButton(text)
            button.setToolTip(
                self.tr("Needs the %1 role").replace("%1", self.texts.role(ACTIONS[action].role))
            )
            button.clicked.connect(lambda _checked=False, a=action: self.perform(a))
            self.action_buttons[action] = button
            row.addWidget(button)
        row.addStretch(1)
        self.export_button = QPushButton(self.tr("Export NC form…"))
        self.export_button.setObjectName("exportNCForm")
        self.export_button.setToolTip(
            self.tr("The NC form for the client to answer, as Word or PDF")
        )
        self.export_button.clicked.connect(lambda: self.export_form())
        row.addWidget(self.export_button)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.reload()

    def export_form(self, choice: tuple[str, str] | None = None, target: str | None = None) -> Any:
        """Ask format and language (unless ``choice`` = (fmt, lang)) and a file; export in the background."""
        from auditdesk.ui.documents import export_nc_form

        return export_nc_form(self, self.database, self.user, self.nc_id, choice, target)

    def reload(self) -> None:
        self.detail.load(self.nc_id)
        with self.database.session(self.user) as session:
            nc = ncs.get_nc(session, self.nc_id)
            state, self.version_seen = nc.state.value, nc.version
        allowed = set(allowed_actions(state))
        for action, button in self.action_buttons.items():
            button.setEnabled(action in allowed)

    def perform(self, action: NCAction) -> bool:
        """Run one lifecycle action (asking for what it needs); a refusal is shown with its reason."""
        nc_id = self.nc_id
        work: Callable[[Any], object]
        if action is NCAction.EDIT:
            from auditdesk.ui.nc.nc_dialog import NCDialog

            with self.database.session(self.user) as session:
                audit_id = ncs.get_nc(session, nc_id).audit_id
            dialog = NCDialog(self.database, audit_id, None, self, self.user, nc_id)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            self.reload()
            self.changed.emit()
            return True
        if action is NCAction.ISSUE:

            def work(s: Any) -> object:
                return ncs.issue_nc(s, nc_id, self.today)
        elif action is NCAction.RECORD_RESPONSE:
            answer = self.ask_response()
            if answer is None:
                return False
            response, files = answer

            def work(s: Any) -> object:
                ncs.record_response(s, nc_id, response)
                return [ncs.add_response_attachment(s, nc_id, f) for f in files]
        elif action is NCAction.ACCEPT:

            def work(s: Any) -> object:
                return ncs.accept_response(s, nc_id)
        elif action is NCAction.REJECT:
            rejection = self.ask_reason(
                self.tr("Reject response"),
                self.tr("Why is the response not acceptable? The client will be told."),
            )
            if rejection is None:
                return False

            def work(s: Any) -> object:
                return ncs.reject_response(s, nc_id, rejection)
        elif action is NCAction.VERIFY:
            verification = self.ask_verification()
            if verification is None:
                return False

            def work(s: Any) -> object:
                return ncs.verify_nc(s, nc_id, verification)
        elif action is NCAction.CLOSE:

            def work(s: Any) -> object:
                return ncs.close_nc(s, nc_id, self.today)
        else:
            reason = self.ask_reason(
                self.tr("Reopen nonconformity"),
                self.tr("Why must this NC be reopened? The reason is kept in its history."),
            )
            if reason is None:
                return False

            def work(s: Any) -> object:
                return ncs.reopen_nc(s, nc_id, reason)

        seen = getattr(self, "version_seen", None)
        try:
            with self.database.session(self.user) as session:
                if seen is not None:  # the state this dialog showed: never act on a newer one
                    expect_version(session, Nonconformity, nc_id, seen)
                work(session)
        except Conflict as exc:
            name_conflict(exc, lambda: self.database.session(self.user))  # shown below
            self._show(self.tr("Not possible"), self.texts.error(exc))
            self.reload()
            self.changed.emit()
            return False
        except ServiceError as exc:
            self._show(self.tr("Not possible"), self.texts.error(exc))
            return False
        except Exception as exc:  # e.g. an attachment the store refused: say so, keep the dialog
            if connection_lost(exc):  # the server went away: one translated sentence
                self._show(*(message_for(exc) or (self.tr("Not possible"), str(exc))))
                return False
            code = getattr(exc, "code", "")
            if not str(code).startswith("attachment"):
                raise
            self._show(self.tr("Attachment not stored"), str(exc))
            return False
        self.reload()
        self.changed.emit()
        return True

    def _ask_reason(self, title: str, prompt: str) -> str | None:
        dialog = ReasonDialog(title, prompt, self)
        return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _ask_response(self) -> tuple[ncs.NCResponse, list[Any]] | None:
        with self.database.session(self.user) as session:
            nc = ncs.get_nc(session, self.nc_id)
            current = (
                ncs.NCResponse(
                    nc.correction,
                    nc.root_cause,
                    nc.corrective_action,
                    nc.owners,
                    nc.planned_date,
                    nc.response_received_on,
                    nc.done_date,
                )
                if nc.response_received_on
                else None
            )
        dialog = ResponseDialog(self, current, self.today)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.response(), dialog.attachments()

    def _ask_verification(self) -> ncs.Verification | None:
        return ask_verification(self, self.database, self.user, 0, self.today)

    def _show(self, title: str, text: str) -> None:
        if shown is not None:
            shown.append((title, text))
            return
        QMessageBox.warning(self, title, text)
