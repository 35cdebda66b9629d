"""Opening a database the way the app, the CLI and the GUI's worker processes do.

The one opening path: ``storage.Database.open`` (the same steps on SQLite and PostgreSQL:
refuse what is not ours or is newer, back up where there is a file, migrate, fill a new
database), then :func:`install`, which wires what the services layer adds to the storage
layer, explicitly and here only (nothing is installed by importing a module):

- a stale save raises :class:`services.errors.Conflict` instead of storage's ``EditConflict``;
- every session of the database keeps the search index current (services/search.py);
- every commit keeps the stored programme and status of the certificates it touched current
  (services/programme_state.py);
- every commit reports what it changed to the screens (services/changes.py, ``OpChanges``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from auditdesk.services import changes, programme_state, search
from auditdesk.services.errors import Conflict
from auditdesk.services.standards import load_builtin_standards
from auditdesk.services.users import ensure_system_user
from auditdesk.storage import concurrency
from auditdesk.storage.database import Database


def initialise_new_database(session: Session) -> None:
    """What every new AuditDesk database starts with: the standards library and the system user."""
    load_builtin_standards(session)
    ensure_system_user(session)


def install(db: Database) -> Database:
    """The services' listeners on an open database (also for one opened without migrating:
    a worker process, a test's copy of a template)."""
    concurrency.raise_as(Conflict)
    search.install(db)
    programme_state.install(db)
    changes.install(db)
    return db


def open_database(url: str, *, create: bool = False) -> Database:
    db = Database.open(url, create=create, on_create=initialise_new_database)
    try:
        search.ensure_search_index(db.engine)  # repairs an index a tool dropped or bypassed
        return install(db)
    except BaseException:
        db.close()
        raise
