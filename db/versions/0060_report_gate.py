"""report gate: team judgements and statements on the audit; who signed and overrides per revision

Revision ID: 0060
Revises: (see down_revision)
"""

import sqlalchemy as sa
from alembic import op

import auditdesk.model.base

revision = "0060"
down_revision = "0050"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scope_appropriate", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("objectives_met", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("report_statements", sa.JSON(), nullable=False, server_default="{}")
        )
        batch_op.add_column(
            sa.Column("report_reviewed_by", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("report_reviewed_at", auditdesk.model.base.UTCDateTime(), nullable=True)
        )
    with op.batch_alter_table("report_revision", schema=None) as batch_op:
        for name in ("prepared_by", "reviewed_by", "issued_by_name"):
            batch_op.add_column(
                sa.Column(name, sa.String(length=100), nullable=False, server_default="")
            )
        batch_op.add_column(
            sa.Column("reviewed_at", auditdesk.model.base.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("override_reason", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("overridden", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("records_sha256", sa.String(length=64), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("report_revision", schema=None) as batch_op:
        for name in (
            "records_sha256",
            "overridden",
            "override_reason",
            "reviewed_at",
            "issued_by_name",
            "reviewed_by",
            "prepared_by",
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table("audit", schema=None) as batch_op:
        for name in (
            "report_reviewed_at",
            "report_reviewed_by",
            "report_statements",
            "objectives_met",
            "scope_appropriate",
        ):
            batch_op.drop_column(name)
