"""What every page of the window shares: the open database, who is signed in, settings."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSettings
from sqlalchemy.orm import Session

from auditdesk.storage.database import Database

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    db: Database
    user: str = "system"
    settings: QSettings = field(default_factory=QSettings)
    # Pages that open records elsewhere (a certificate from the dashboard, an audit's workspace).
    navigate: Callable[[str, dict[str, Any]], None] | None = None

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
