"""Alembic, run from inside AuditDesk: where the database stands, and upgrading it to head."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from auditdesk.paths import migrations_dir

# Tables every AuditDesk database has; a database holding other tables but none of these,
# and no alembic_version, belongs to another program.
_MARKER_TABLES = {"organisation", "certificate", "audit"}


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_revision(engine: Engine) -> str:
    """'empty' (no tables), 'current', 'behind', 'newer' (unknown revision) or 'foreign'."""
    tables = set(inspect(engine).get_table_names())
    if not tables:
        return "empty"
    current = current_revision(engine)
    if current is None:
        return "foreign"
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        return "newer"
    return "current" if current == script.get_current_head() else "behind"


def upgrade_to_head(engine: Engine) -> None:
    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
