""" "Sync now" (File menu, beside the audit-package actions): online sync of this laptop's
database with the office database (``exchange.online``), when the laptop can reach it.

The office's address (``postgresql+psycopg://host/db``, or a database file) is asked once and
kept in the settings (``sync/office``); the signed-in user's office password is asked for each
sync (the office signs the same person in: it judges the laptop's changes by its own account
of them). The sync runs as a write job off the GUI thread (``ui/jobs.py``) with a determinate
progress bar (one step per transaction); Cancel stops it between steps or rolls the running
step back — nothing partial is written and the next sync completes it. The result says what
travelled each way, and offers the Conflicts dialog when there are any.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from auditdesk.exchange.errors import PackageRefused
from auditdesk.exchange.online import SyncRefused, sync
from auditdesk.services import planning, users
from auditdesk.services.setup import open_database
from auditdesk.ui import errors
from auditdesk.ui.exchange_words import refusal_text
from auditdesk.ui.jobs import Job, run_job
from auditdesk.ui.package_actions import open_conflicts
from auditdesk.ui.sync_first import FirstSyncDialog, NeedsAudits

SETTING = "sync/office"

STEP_TEXTS = {
    "office": QT_TRANSLATE_NOOP("Sync", "Connecting to the office database…"),
    "laptop changes": QT_TRANSLATE_NOOP("Sync", "Collecting this laptop's changes…"),
    "office merge": QT_TRANSLATE_NOOP("Sync", "Merging into the office database…"),
    "laptop merge": QT_TRANSLATE_NOOP("Sync", "Merging the office's changes here…"),
    "done": QT_TRANSLATE_NOOP("Sync", "Synced."),
}
REFUSALS = {
    "same_database": QT_TRANSLATE_NOOP(
        "Sync", "The office address names this laptop's own database."
    ),
    "other_office": QT_TRANSLATE_NOOP(
        "Sync", "This laptop was filled from another office database: sync with that one."
    ),
    "no_audits": QT_TRANSLATE_NOOP(
        "Sync",
        "This laptop holds no audit yet: fill it from the office with an audit "
        "package first, or sync from the command line with --audit.",
    ),
    "office_sign_in": QT_TRANSLATE_NOOP(
        "Sync", "The office refused the sign-in: wrong password, or no such user there."
    ),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("Sync", text)


def make_action(window: Any) -> QAction:
    """The "Sync now…" action of the main window's File menu."""
    action = QAction(window)
    action.setObjectName("syncNowAction")
    action.triggered.connect(lambda: setattr(window, "sync_job", sync_now(window.ctx, window)))
    retranslate(action)
    return action


def retranslate(action: QAction) -> None:
    action.setText(QCoreApplication.translate("Sync", "Sync now…"))
    action.setToolTip(
        QCoreApplication.translate(
            "Sync", "Exchange this laptop's changes with the office database (online)"
        )
    )


def _tell(parent: QWidget | None, title: str, text: str, warning: bool = False) -> None:
    if errors.shown is not None:  # tests collect instead of showing
        errors.shown.append((title, text))
        return
    (QMessageBox.warning if warning else QMessageBox.information)(parent, title, text)


def ask_office(ctx: Any, parent: QWidget | None) -> str | None:
    known = str(ctx.settings.value(SETTING, "") or "")
    url, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("Sync", "Sync now"),
        QCoreApplication.translate(
            "Sync", "Address of the office database (postgresql+psycopg://server/database):"
        ),
        QLineEdit.EchoMode.Normal,
        known,
    )
    url = url.strip()
    if not ok or not url:
        return None
    return url


def ask_office_password(ctx: Any, parent: QWidget | None) -> str | None:
    password, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("Sync", "Sync now"),
        QCoreApplication.translate("Sync", "Your password at the office (%1):").replace(
            "%1", ctx.user
        ),
        QLineEdit.EchoMode.Password,
    )
    return password if ok else None


class OfficeSignInRefused(Exception):
    reason = "office_sign_in"


def result_lines(result: Any) -> list[str]:
    lines = []
    for label, r in (
        (QCoreApplication.translate("Sync", "This laptop → office"), result.up),
        (QCoreApplication.translate("Sync", "Office → this laptop"), result.down),
    ):
        lines.append(
            QCoreApplication.translate(
                "Sync", "%1: %2 new, %3 updated, %4 conflicts, %5 refused, %6 files"
            )
            .replace("%1", label)
            .replace("%2", str(r.created))
            .replace("%3", str(r.updated))
            .replace("%4", str(r.conflicts))
            .replace("%5", str(len(r.refused)))
            .replace("%6", str(r.attachments))
        )
    if not result.changed:
        lines.append(QCoreApplication.translate("Sync", "Already in sync: nothing changed."))
    if result.up.refused:
        lines.append(
            QCoreApplication.translate(
                "Sync", "The office holds refused changes for a lead or admin to accept or drop."
            )
        )
    return lines


def sync_now(
    ctx: Any,
    parent: QWidget | None,
    office: str | None = None,
    password: str | None = None,
    on_synced: Callable[[Any], None] | None = None,
    *,
    audit_ids: Sequence[uuid.UUID] = (),
    choose: Callable[[FirstSyncDialog], bool] | None = None,
) -> Job | None:
    """Ask for the office (unless given) and the password there (unless given), then sync
    in a write job and say what travelled.

    A laptop holding no audit yet (its first sync) is shown the office's open audits to
    choose from (sync_first.py; ``choose`` shows that dialog, tests answer it), then synced
    again with the ``audit_ids`` chosen."""
    office = office or ask_office(ctx, parent)
    if not office:
        return None
    if password is None:
        password = ask_office_password(ctx, parent)
        if password is None:
            return None
    ctx.settings.setValue(SETTING, office)
    secret, user, laptop = password, ctx.user, ctx.db

    def work(job: Job) -> Any:

        def progress(done: int, total: int, text: str) -> None:
            job.check()  # Cancel: the running step rolls back, the next sync completes it
            job.progress(done, total, _t(str(STEP_TEXTS.get(text, text))))

        progress(0, 4, "office")
        database = open_database(office if "://" in office else f"sqlite:///{office}")
        try:
            with database.session() as s:
                signed = users.attempt_sign_in(s, user, secret, users.Channel.GUI)
                office_user = signed.user.username if signed.user is not None else None
            if office_user is None:  # after the commit: the failed attempt stays in the log
                raise OfficeSignInRefused(user)
            try:
                return sync(
                    laptop,
                    database,
                    laptop_user=user,
                    office_user=office_user,
                    audit_ids=list(audit_ids),
                    progress=progress,
                )
            except SyncRefused as exc:
                if exc.reason != "no_audits":
                    raise
                # Nothing was written: list what the office could bring, while signed in there.
                with database.session(user=office_user, readonly=True) as s:
                    me = next(
                        (
                            a.auditor_name
                            for a in users.auditor_accounts(s)
                            if a.username == office_user
                        ),
                        "",
                    )
                    return NeedsAudits(planning.open_audits(s), me)
        finally:
            database.close()

    def done(result: Any) -> None:  # what came from the office reaches the screens: ctx.changed
        if isinstance(result, NeedsAudits):
            dialog = FirstSyncDialog(result, parent)
            accepted = (
                choose(dialog)
                if choose is not None
                else dialog.exec() == QDialog.DialogCode.Accepted
            )
            chosen = dialog.chosen()
            dialog.deleteLater()
            if accepted and chosen:
                again = sync_now(
                    ctx, parent, office, secret, on_synced, audit_ids=chosen, choose=choose
                )
                if parent is not None:
                    parent.sync_job = again  # type: ignore[attr-defined]  # kept alive
            return
        if on_synced is not None:
            on_synced(result)
        title, text = (
            QCoreApplication.translate("Sync", "Sync now"),
            "\n".join(result_lines(result)),
        )
        if errors.shown is not None or not (result.up.conflicts or result.down.conflicts):
            _tell(parent, title, text)
            return
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
        show = box.addButton(
            QCoreApplication.translate("Sync", "Show conflicts"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is show:
            open_conflicts(ctx, parent)

    def failed(exc: BaseException) -> None:

        reason = getattr(exc, "reason", "")
        if not isinstance(exc, PackageRefused | OfficeSignInRefused):
            errors.show_error(exc, parent)  # a connection error, a role: said in words
            return
        text = _t(str(REFUSALS[reason])) if reason in REFUSALS else refusal_text(reason, exc)
        _tell(
            parent,
            QCoreApplication.translate("Sync", "Sync refused"),
            "\n\n".join(
                [
                    text,
                    QCoreApplication.translate(
                        "Sync", "Nothing was merged: the records of both databases are unchanged."
                    ),
                ]
            ),
            warning=True,
        )

    return run_job(
        work,
        done,
        failed,
        QCoreApplication.translate("Sync", "Syncing with the office…"),
        parent=parent,
        write=True,
        session_factory=ctx.session,
    )
