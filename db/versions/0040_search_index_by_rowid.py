"""search index tables made by Alembic; ref_id -> rowid mapping so a save does not scan

Revision ID: 0040
Revises: 0001

Until now services/setup.py made the search table when a database was opened. Saves deleted
the old index row by ``ref_id``, an UNINDEXED FTS5 column: a full scan of the index (~1 GB at
scale 1) on every save. ``search_index_ref`` maps ref_id to the FTS rowid, so a save deletes by
rowid. An existing index is kept; its mapping is filled here (one scan, once).
The PostgreSQL table (a tsvector with a b-tree on ref_id) was already indexed; it is made here
too, so that both backends get their search tables from migrations.
"""

from alembic import op

revision = "0040"
down_revision = "0030"
branch_labels = None
depends_on = None

_FTS = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "kind UNINDEXED, ref_id UNINDEXED, audit_id UNINDEXED, scope, grams, chars, "
    "tokenize = 'unicode61 remove_diacritics 0')"
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        exists = bind.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='search_index'"
        ).first()
        if exists:
            columns = {r[1] for r in bind.exec_driver_sql("PRAGMA table_info(search_index)")}
            if "scope" not in columns:  # an index of an earlier layout: the app rebuilds it
                bind.exec_driver_sql("DROP TABLE search_index")
                exists = None
        if not exists:
            bind.exec_driver_sql(_FTS)
        bind.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS search_index_ref "
            "(ref_id TEXT PRIMARY KEY NOT NULL, doc INTEGER NOT NULL) WITHOUT ROWID"
        )
        bind.exec_driver_sql(
            "INSERT OR REPLACE INTO search_index_ref(ref_id, doc) "
            "SELECT ref_id, rowid FROM search_index"
        )
    elif bind.dialect.name == "postgresql":
        exists = bind.exec_driver_sql("SELECT to_regclass('search_index')").scalar()
        if exists is not None:
            columns = {
                r[0]
                for r in bind.exec_driver_sql(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = 'search_index' AND table_schema = current_schema()"
                )
            }
            if "seq" in columns:
                return
            bind.exec_driver_sql("DROP TABLE search_index")
        bind.exec_driver_sql(
            "CREATE TABLE search_index (seq bigserial PRIMARY KEY, kind varchar(10) NOT NULL, "
            "ref_id varchar(32) NOT NULL, audit_id varchar(32) NOT NULL DEFAULT '', "
            "doc tsvector NOT NULL)"
        )
        bind.exec_driver_sql("CREATE INDEX ix_search_index_ref ON search_index (ref_id)")
        bind.exec_driver_sql("CREATE INDEX ix_search_index_audit ON search_index (audit_id)")
        bind.exec_driver_sql("CREATE INDEX ix_search_index_doc ON search_index USING gin (doc)")
        bind.exec_driver_sql("ALTER TABLE search_index ALTER COLUMN doc SET STATISTICS 1000")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql("DROP TABLE IF EXISTS search_index_ref")
    bind.exec_driver_sql("DROP TABLE IF EXISTS search_index")
