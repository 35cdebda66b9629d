"""sync switch-over: exchange_base goes, chain heads seen per replica

The offline packages merge by causal history (``exchange.causal``); the one shared "last
exchanged" snapshot per record (``exchange_base``) that lost data is no longer read or
written, so its table is dropped. ``sync_witness`` keeps the change-log chain heads seen in
packages from each replica (and those this replica sent).

Revision ID: 0080
Revises: 0070
"""

import sqlalchemy as sa
from alembic import op

revision = "0080"
down_revision = "0070"
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = set(sa.inspect(op.get_bind()).get_table_names())
    if "exchange_base" in tables:
        op.drop_table("exchange_base")
    op.create_table(
        "sync_witness",
        sa.Column("peer", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("earlier", sa.String(), nullable=False),
        sa.Column("home", sa.Boolean(), nullable=False),
        sa.Column("rewritten", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("peer", name=op.f("pk_sync_witness")),
    )


def downgrade() -> None:
    op.drop_table("sync_witness")
    op.create_table(
        "exchange_base",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("snapshot", sa.String(), nullable=False),
        sa.Column("package", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_exchange_base")),
        sa.UniqueConstraint("entity", "entity_id", name="uq_exchange_base_record"),
    )
