"""record states in the change log

Each change-log row gets ``state``: the hash of its record's stored state after the change,
covered by the row's hash, so ``auditdesk check`` can compare every table with its history.
Records already stored get one ``baseline`` row each (their snapshot and state as they are at
the upgrade), chained after the existing log.

Revision ID: 0070
Revises: 0065 (runs last: later changes to stored values would change the baselines)
"""

import sqlalchemy as sa
from alembic import op

revision = "0070"
down_revision = "0065"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.String(length=64), nullable=True))
    conn = op.get_bind()
    from auditdesk.storage.changelog import append_baseline, entity_tables

    inspector = sa.inspect(conn)
    tables = set(inspector.get_table_names())
    present = {
        name: {c["name"] for c in inspector.get_columns(name)}
        for name in entity_tables()
        if name in tables
    }
    append_baseline(conn, "system", present=present)


def downgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_column("state")
