"""No hidden wiring (issue 18 pt 3): importing a module installs nothing; the one opening path
(services.setup.open_database, and ``install`` for a database opened without migrating)
installs the services' listeners explicitly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = """
import sys, tempfile, pathlib
from sqlalchemy import event
from sqlalchemy.orm import Session
import auditdesk.services.errors, auditdesk.services.search as search
from auditdesk.storage import concurrency
from auditdesk.storage.errors import EditConflict

# Imported, nothing installed: no listener on every Session, storage's own conflict error.
assert not event.contains(Session, "after_flush", search._sync_after_flush)
assert concurrency._error_factory is EditConflict

from auditdesk.storage.database import Database
from auditdesk.services.setup import open_database
from auditdesk.services.errors import Conflict

tmp = pathlib.Path(tempfile.mkdtemp())
plain = Database.open(f"sqlite:///{tmp / 'plain.sqlite3'}", create=True)
assert not event.contains(plain.Session, "after_flush", search._sync_after_flush)
assert concurrency._error_factory is EditConflict
plain.close()

db = open_database(f"sqlite:///{tmp / 'app.sqlite3'}", create=True)
assert event.contains(db.Session, "after_flush", search._sync_after_flush)
assert not event.contains(Session, "after_flush", search._sync_after_flush)
assert concurrency._error_factory is Conflict
with db.session() as s:
    assert search.index_is_kept(s)
db.close()
print("ok")
"""


def test_imports_install_nothing_and_opening_installs_the_listeners():
    result = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-3000:]
