"""What every page of the window shares: the open database, who is signed in, settings, and
the one change signal.

``context.changed`` (a Qt signal, emitted on the GUI thread) carries an
:class:`~auditdesk.services.changes.OpChanges` after every committed write to the database,
wherever it ran: in the GUI thread, a job's worker thread, or a worker process (whose changes
come back with its answer, ui/jobs.py). A screen refreshes from that alone, when the change
touches a kind it shows (``changes.touches(kinds)``); ``context.subscribe(kinds, callback,
owner)`` does that filtering for a screen that is not a QObject method.

Delivery is queued: a screen refreshes once the action that wrote has returned (never in the
middle of it), and what several commits of one action changed arrives as one OpChanges.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QSettings, Qt, Signal, SignalInstance, Slot
from sqlalchemy.orm import Session

from auditdesk.services import changes
from auditdesk.services.changes import NOTHING, OpChanges
from auditdesk.storage.database import Database

log = logging.getLogger(__name__)


class ChangeHub(QObject):
    """Every OpChanges of one database, brought to the GUI thread as one signal."""

    changed = Signal(object)
    _arrived = Signal()

    def __init__(self, db: Database) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._pending = NOTHING
        self._scheduled = False
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = changes.subscribe(db, self.receive)

    def receive(self, op: OpChanges) -> None:
        """From any thread: keep ``op`` and have the GUI thread deliver it."""
        with self._lock:
            self._pending = self._pending.merged(op)
            if self._scheduled:
                return
            self._scheduled = True
        if shiboken6.isValid(self):
            self._arrived.emit()

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            op, self._pending, self._scheduled = self._pending, NOTHING, False
        if op:
            self.changed.emit(op)

    def deliver_now(self) -> None:
        """Deliver what is pending at once (the event loop would, on its next turn)."""
        self._deliver()

    def close(self) -> None:
        self._unsubscribe()


@dataclass
class AppContext:
    db: Database
    user: str = "system"
    settings: QSettings = field(default_factory=QSettings)
    # Pages that open records elsewhere (a certificate from the dashboard, an audit's workspace).
    navigate: Callable[[str, dict[str, Any]], None] | None = None
    hub: ChangeHub = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.hub = ChangeHub(self.db)

    @property
    def changed(self) -> SignalInstance:
        """The one change signal: ``OpChanges`` after every committed write, on the GUI thread."""
        return self.hub.changed

    def subscribe(
        self,
        kinds: Iterable[str],
        callback: Callable[[OpChanges], None],
        owner: QObject | None = None,
    ) -> Callable[[], None]:
        """Call ``callback(changes)`` when a write changed one of ``kinds`` (see
        services/changes.py); until ``owner`` is destroyed, or the returned function is called.
        For screens that cannot connect a method of theirs to ``changed`` directly (the audit
        workspace's widgets subscribe through this)."""
        wanted = frozenset(kinds)

        def relay(op: OpChanges) -> None:
            if owner is not None and not shiboken6.isValid(owner):
                return
            if op.touches(wanted):
                callback(op)

        self.changed.connect(relay)

        def unsubscribe() -> None:
            try:
                self.changed.disconnect(relay)
            except (RuntimeError, TypeError):  # already gone with the hub, or disconnected
                pass

        if owner is not None:
            owner.destroyed.connect(lambda *_a: unsubscribe())
        return unsubscribe

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction for one user action (committed on success, rolled back on error)."""
        with self.db.session(self.user) as s:
            yield s

    def role(self) -> str:
        from auditdesk.services.users import current_user

        with self.session() as s:
            return current_user(s).role.value

    def can(self, permission: str) -> bool:
        """Whether the signed-in user may do this (the services check again on every write)."""
        from auditdesk.services.users import Permission, can, current_user

        try:
            with self.session() as s:
                return can(current_user(s), Permission(permission))
        except Exception:  # broad, logged: no permission when it cannot be read (logged); the services check again on write
            log.warning(
                "cannot read permission %s; treated as not granted", permission, exc_info=True
            )
            return False
