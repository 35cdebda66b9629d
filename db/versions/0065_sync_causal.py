"""sync by causal history: replica id, registers, entries by dot, peers

Revision ID: 0065
Revises: 0060
"""
from alembic import op
import sqlalchemy as sa


revision = "0065"
down_revision = "0060"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_replica",
        sa.Column("replica_id", sa.String(length=36), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("next_package", sa.Integer(), nullable=False),
        sa.Column("context", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("replica_id", name=op.f("pk_sync_replica")),
    )
    op.create_table(
        "sync_register",
        sa.Column("kind", sa.String(length=5), nullable=False),
        sa.Column("a", sa.String(length=60), nullable=False),
        sa.Column("b", sa.String(length=100), nullable=False),
        sa.Column("c", sa.String(length=100), nullable=False),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.Column("seen", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "a", "b", "c", "held", name=op.f("pk_sync_register")),
    )
    op.create_table(
        "sync_entry",
        sa.Column("replica", sa.String(length=36), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=5), nullable=False),
        sa.Column("a", sa.String(length=60), nullable=False),
        sa.Column("b", sa.String(length=100), nullable=False),
        sa.Column("c", sa.String(length=100), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("author", sa.String(length=60), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("resolution", sa.Boolean(), nullable=False),
        sa.Column("covers", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("replica", "counter", "held", name=op.f("pk_sync_entry")),
    )
    with op.batch_alter_table("sync_entry", schema=None) as batch_op:
        batch_op.create_index("ix_sync_entry_key", ["kind", "a", "b", "c", "held"], unique=False)
    op.create_table(
        "sync_peer",
        sa.Column("peer", sa.String(length=36), nullable=False),
        sa.Column("acked", sa.String(), nullable=False),
        sa.Column("sent", sa.String(), nullable=False),
        sa.Column("unacked", sa.String(), nullable=False),
        sa.Column("imported", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("peer", name=op.f("pk_sync_peer")),
    )


def downgrade() -> None:
    op.drop_table("sync_peer")
    with op.batch_alter_table("sync_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_entry_key")
    op.drop_table("sync_entry")
    op.drop_table("sync_register")
    op.drop_table("sync_replica")
