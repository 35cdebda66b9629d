"""report fingerprint format: revisions issued with natural keys verify in every database

Revision ID: 0130
Revises: 0115 (the lead re-chains at merge)

A revision's fingerprint hashed clause UUIDs, which every database loads with its own ids, so a
report issued on a laptop did not verify at the office. New revisions hash clause references
(standard key and clause number) instead; ``fingerprint_format`` says how a revision's
fingerprint was made (0: the first format, kept for the revisions issued before; 1: portable),
so each is checked the way it was made. 0 is an empty value, so the per-record state hashes of
0070 stay valid.
"""

import sqlalchemy as sa
from alembic import op

revision = "0130"
down_revision = "0120"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch table copy: SQLite would drop tables other tables reference).
    op.add_column(
        "report_revision",
        sa.Column("fingerprint_format", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE report_revision DROP COLUMN fingerprint_format")
