"""search index table on every backend

Revision ID: 0115
Revises: 0095
The full-text search table is made by migrations, not when a database is opened: 0040 made
SQLite's FTS5 pair; on PostgreSQL the tsvector table was made by services/setup.py at open.
This makes it on PostgreSQL (and SQLite's pair where a tool dropped them), empty: the index is
derived data, and opening fills it (services/search.py rebuilds when the indexed rows and the
evidence + NC rows differ in number). No record changes, so `auditdesk check` stays clean.
A frozen copy of the layout of services/search.py and services/search_pg.py.
"""

from alembic import op

revision = "0115"
down_revision = "0095"
branch_labels = None
depends_on = None

TABLE = "search_index"
REF_TABLE = "search_index_ref"

SQLITE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "kind UNINDEXED, ref_id UNINDEXED, audit_id UNINDEXED, scope, grams, chars, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    f"CREATE TABLE IF NOT EXISTS {REF_TABLE} "
    "(ref_id TEXT PRIMARY KEY NOT NULL, doc INTEGER NOT NULL) WITHOUT ROWID",
)
POSTGRESQL = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (seq bigserial PRIMARY KEY, kind varchar(10) NOT NULL, "
    "ref_id varchar(32) NOT NULL, audit_id varchar(32) NOT NULL DEFAULT '', "
    "doc tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_ref ON {TABLE} (ref_id)",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_audit ON {TABLE} (audit_id)",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_doc ON {TABLE} USING gin (doc)",
    # Fine-grained lexeme statistics: with the default a rare bigram looks common and the
    # planner walks seq backwards over the whole table instead of using the GIN index.
    f"ALTER TABLE {TABLE} ALTER COLUMN doc SET STATISTICS 1000",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        columns = set(
            bind.exec_driver_sql(
                "SELECT column_name FROM information_schema.columns "
                f"WHERE table_name = '{TABLE}' AND table_schema = current_schema()"
            ).scalars()
        )
        if columns and "seq" not in columns:  # an earlier layout: derived data, made again
            op.execute(f"DROP TABLE {TABLE}")
        for sql in POSTGRESQL:
            op.execute(sql)
    elif bind.dialect.name == "sqlite":
        for sql in SQLITE:
            op.execute(sql)


def downgrade() -> None:
    # An AuditDesk at 0095 made the PostgreSQL table itself when opening; SQLite's pair is 0040's.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TABLE IF EXISTS {TABLE}")
