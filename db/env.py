"""Alembic environment for AuditDesk (batch mode so ALTERs work on SQLite).

AuditDesk runs migrations itself when it opens a database (auditdesk.storage.migrations);
it passes an open connection in ``config.attributes["connection"]``. The plain ``alembic``
command also works with ``-x url=sqlite:///path``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from auditdesk.model import Base

config = context.config
target_metadata = Base.metadata


def _not_search_index(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    # The search tables (migration 0040: FTS5 or tsvector, and its shadow tables) are not ORM
    # tables: autogenerate must not drop them.
    return not (name and name.startswith(("search_index", "ix_search_index")))


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=_not_search_index,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    engine = create_engine(url)
    with engine.begin() as conn:
        _configure(conn)


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
