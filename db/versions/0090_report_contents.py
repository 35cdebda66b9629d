"""report contents: photos out of the report, evidence of changes, NC department and 举一反三

Revision ID: 0090
Revises: 0070 (the lead re-chains at merge)

All four columns are additive with empty defaults, so the per-record state hashes written by
0070 stay valid (empty values are not part of a record's state).
"""

import sqlalchemy as sa
from alembic import op

revision = "0090"
down_revision = "0085"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch table copy: SQLite would drop tables other tables reference).
    op.add_column(
        "attachment",
        sa.Column("report_excluded", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "evidence_item",
        sa.Column("significant_change", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "nonconformity",
        sa.Column("department", sa.String(length=200), nullable=False, server_default=""),
    )
    op.add_column(
        "nonconformity",
        sa.Column("similar_check", sa.String(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35, PostgreSQL), for the same reason as above.
    for table, column in (
        ("nonconformity", "similar_check"),
        ("nonconformity", "department"),
        ("evidence_item", "significant_change"),
        ("attachment", "report_excluded"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
