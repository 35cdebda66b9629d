"""How the workspace's widgets reach the services: one object with typed attributes.

``read`` runs a service function that returns plain data (services/workspace_data.py) in a
session of the signed-in user; ``run`` runs one user action in its own transaction and tells
the user when it is refused; ``save_in_background`` hands an autosave to the one job runner
(ui/jobs.py), so the save runs on a worker thread and its answer comes back to the GUI thread.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session

from auditdesk.services import workspace_data as wd
from auditdesk.services.errors import ServiceError
from auditdesk.storage.attachments import AttachmentRefused
from auditdesk.storage.database import Database
from auditdesk.ui import errors, jobs
from auditdesk.ui.conflict_reload import attach_subject, connection_lost
from auditdesk.ui.workspace.words import refusal_text

T = TypeVar("T")


class WorkspaceGateway:
    """The audit, the database and the user the workspace works for, and what it told them."""

    def __init__(self, db: Database, user: str, audit_id: uuid.UUID, parent: QWidget) -> None:
        self.db = db
        self.user = user
        self.audit_id = audit_id
        self.parent = parent
        self.messages: list[str] = []  # what was told to the user (tests read it)
        # Autosave jobs whose answer has not come: (their work is done, the job).
        self._saving: list[tuple[threading.Event, jobs.Job]] = []

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session(self.user) as s:
            yield s

    def session_factory(self) -> AbstractContextManager[Session]:
        return self.db.session(self.user)

    def read(self, fn: Callable[[Session], T]) -> T:
        """A read the screen shows at once (its result is plain data)."""
        with self.session() as s:
            return fn(s)

    def run(self, fn: Callable[[Session], T]) -> T | None:
        """Run one user action in its own transaction; tell the user when it is refused."""
        try:
            with self.session() as s:
                return fn(s)
        except AttachmentRefused as exc:
            self.tell_not_attached(
                refusal_text(exc.code, Path(exc.path).name or exc.path, exc.actual)
            )
        except ServiceError as exc:
            errors.show_error(exc, self.parent)
            self.messages.append(type(exc).__name__)
        except Exception as exc:  # the server went away: one translated sentence, no crash
            if not connection_lost(exc):
                raise
            errors.show_error(exc, self.parent)
            self.messages.append("ServerUnreachable")
        return None

    # --- autosave -----------------------------------------------------------------------------
    def save_in_background(
        self,
        item_id: uuid.UUID,
        changes: wd.Changes,
        version: int | None,
        on_done: Callable[[wd.SaveOutcome], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Save an item's changes on the writer thread of the job runner."""
        finished = threading.Event()  # the job's work is done (set on the worker thread)
        answered: list[bool] = []

        def work(job: jobs.Job) -> wd.SaveOutcome:
            try:
                return wd.save_evidence(
                    job.session,
                    item_id,
                    changes,
                    version,
                    connection_lost=connection_lost,
                    name_subject=attach_subject,
                )
            finally:
                finished.set()

        def done(outcome: wd.SaveOutcome) -> None:
            answered.append(True)
            self._forget(finished)
            on_done(outcome)

        def failed(exc: BaseException) -> None:
            answered.append(True)
            self._forget(finished)
            on_error(exc)

        job = jobs.run_job(
            work,
            done,
            failed,
            parent=self.parent,
            write=True,
            session_factory=self.session_factory,
        )
        if not answered:  # a synchronous executor has answered already
            self._saving.append((finished, job))

    def _forget(self, finished: threading.Event) -> None:
        self._saving = [(e, j) for e, j in self._saving if e is not finished]

    def saves_running(self) -> bool:
        """Whether an autosave job is still at work (its answer may come after it)."""
        return any(not e.is_set() for e, _j in self._saving)

    def answers_dropped(self) -> bool:
        """Whether a finished autosave's answer will never come (cancelled as the app quits)."""
        return any(e.is_set() and j.cancelled for e, j in self._saving)

    # --- telling ------------------------------------------------------------------------------
    def tell(self, title: str, text: str) -> None:
        self.messages.append(text)
        if errors.shown is not None:
            errors.shown.append((title, text))
        else:
            QMessageBox.warning(self.parent, title, text)

    def tell_not_attached(self, text: str) -> None:
        self.tell(QCoreApplication.translate("AuditWorkspace", "Not attached"), text)

    def tell_offline(self) -> None:
        self.tell(
            QCoreApplication.translate("AuditWorkspace", "Not saved yet"),
            QCoreApplication.translate(
                "AuditWorkspace",
                "The database server cannot be reached: your text is kept here and saved as soon"
                " as the connection is back.",
            ),
        )
