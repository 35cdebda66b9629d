"""Alembic, run from inside AuditDesk: where the database stands, and upgrading it to head.

Opening a database that is already at head (the common case) must not pay for Alembic's
script machinery (importing it and reading db/versions takes most of a second): its
``alembic_version`` row is read with plain SQL and compared with :data:`HEAD_REVISION`.
Only a database at another revision goes through Alembic's ``ScriptDirectory``. Alembic is
imported inside the functions that need it, never at module import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from auditdesk.paths import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

# The revision id of the newest file in db/versions. Adding a migration means updating this;
# tests/storage/test_migrations.py checks it against Alembic's own head.
# 0070 (record states) runs last: it writes each record's state hash as its baseline, so a
# migration that changes stored values must come before it (or call append_baseline).
HEAD_REVISION = "0130"

# Tables every AuditDesk database has; a database holding other tables but none of these,
# and no alembic_version, belongs to another program.
_MARKER_TABLES = {"organisation", "certificate", "audit"}
_VERSION_TABLE = "alembic_version"


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if engine is not None:
        cfg.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return cfg


def head_revision() -> str:
    """Alembic's head, read from db/versions (slow: imports the script machinery)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stored_revisions(engine: Engine) -> list[str]:
    """The rows of alembic_version, by plain SQL (no Alembic import)."""
    with engine.connect() as conn:
        return [
            str(v)
            for v in conn.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}")).scalars()
        ]


def check_revision(engine: Engine) -> str:
    """'empty' (no tables), 'current', 'behind', 'newer' (unknown revision) or 'foreign'."""
    tables = set(inspect(engine).get_table_names())
    if not tables:
        return "empty"
    if _VERSION_TABLE not in tables:
        return "foreign"
    stored = _stored_revisions(engine)
    if not stored:
        return "foreign"
    if stored == [HEAD_REVISION]:
        return "current"
    # Another revision (or several heads): ask Alembic's script directory.
    from alembic.script import ScriptDirectory

    current = current_revision(engine)
    if current is None:
        return "foreign"
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        return "newer"
    return "current" if current == script.get_current_head() else "behind"


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
