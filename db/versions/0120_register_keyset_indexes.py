"""register keyset indexes

Revision ID: 0120
Revises: 0115
Registers page by keyset (the next page after the last row's sort value and id, issue 21
point 5): an index on (sort column, id) lets the database enter the order at that row and
read the page in order, with the id breaking ties. Added for the sorts a user scrolls deep in
that had no such index: clients by name, audits by start date, NCs by issue date (number
columns are unique and already indexed). No record changes.

Also ``certificate_state``: each certificate's programme and status as computed, derived data
kept current by services/programme_state.py (filled when a database is opened with it empty).
"""

import sqlalchemy as sa
from alembic import op

revision = "0120"
down_revision = "0115"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_organisation_name_zh_id", "organisation", ["name_zh", "id"]),
    ("ix_audit_start_date_id", "audit", ["start_date", "id"]),
    ("ix_nonconformity_issued_on_id", "nonconformity", ["issued_on", "id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.create_table(
        "certificate_state",
        sa.Column("certificate_id", sa.Uuid(), nullable=False),
        sa.Column("computed_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("expiry", sa.Date(), nullable=False),
        sa.Column("rule_set_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["certificate_id"],
            ["certificate.id"],
            name=op.f("fk_certificate_state_certificate_id_certificate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("certificate_id", name=op.f("pk_certificate_state")),
    )


def downgrade() -> None:
    op.drop_table("certificate_state")
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
