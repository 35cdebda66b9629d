"""Opening a database the way the app and the CLI do: migrate, then fill a new one."""

from __future__ import annotations

from sqlalchemy.orm import Session

from auditdesk.storage.database import Database


def initialise_new_database(session: Session) -> None:
    """What every new AuditDesk database starts with: the standards library and the system user."""
    from auditdesk.services.standards import load_builtin_standards
    from auditdesk.services.users import ensure_system_user

    load_builtin_standards(session)
    ensure_system_user(session)


def open_database(url: str, *, create: bool = False) -> Database:
    from auditdesk.services.search import ensure_search_index

    db = Database.open(url, create=create, on_create=initialise_new_database)
    ensure_search_index(db.engine)  # tables made by migration 0040; this keeps them in sync
    return db
