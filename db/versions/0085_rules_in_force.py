"""reports to the regulator, client application conditions, transfer reviews

Issue 16: the report to CNCA a surveillance breach required (CNCA-QMS-01:2025 §5.4.1.4), a
client's dated §5.1.2 application conditions, and the accepting CB's IAF MD2 pre-transfer
review. New tables only: no stored value changes, so the 0070 baselines stay valid.

Revision ID: 0085
Revises: 0070
"""

import sqlalchemy as sa
from alembic import op

import auditdesk.model.base

revision = "0085"
down_revision = "0080"
branch_labels = None
depends_on = None


def _entity_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            auditdesk.model.base.UTCDateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            auditdesk.model.base.UTCDateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "regulator_report",
        sa.Column("certificate_id", sa.Uuid(), nullable=False),
        sa.Column("cycle_start", sa.Date(), nullable=False),
        sa.Column("entry", sa.String(length=20), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("by_user", sa.String(length=60), nullable=False),
        *_entity_columns(),
        sa.ForeignKeyConstraint(
            ["certificate_id"],
            ["certificate.id"],
            name=op.f("fk_regulator_report_certificate_id_certificate"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regulator_report")),
        sa.UniqueConstraint(
            "certificate_id",
            "cycle_start",
            "entry",
            name=op.f("uq_regulator_report_certificate_id"),
        ),
    )
    with op.batch_alter_table("regulator_report", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_regulator_report_certificate_id"), ["certificate_id"], unique=False
        )
    op.create_table(
        "client_condition",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("by_user", sa.String(length=60), nullable=False),
        *_entity_columns(),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_client_condition_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_condition")),
    )
    with op.batch_alter_table("client_condition", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_client_condition_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "certificate_transfer",
        sa.Column("certificate_id", sa.Uuid(), nullable=False),
        sa.Column("issuing_cb", sa.String(length=200), nullable=False),
        sa.Column("previous_number", sa.String(length=60), nullable=False),
        sa.Column("previous_state", sa.String(length=20), nullable=False),
        sa.Column("previous_expiry", sa.Date(), nullable=True),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("reviewer", sa.String(length=100), nullable=False),
        sa.Column("open_major_ncs", sa.Integer(), nullable=False),
        sa.Column("last_audit_on", sa.Date(), nullable=True),
        sa.Column("issuing_cb_ceased_on", sa.Date(), nullable=True),
        sa.Column("decision_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        *_entity_columns(),
        sa.ForeignKeyConstraint(
            ["certificate_id"],
            ["certificate.id"],
            name=op.f("fk_certificate_transfer_certificate_id_certificate"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_transfer")),
        sa.UniqueConstraint("certificate_id", name=op.f("uq_certificate_transfer_certificate_id")),
    )


def downgrade() -> None:
    op.drop_table("certificate_transfer")
    with op.batch_alter_table("client_condition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_condition_organisation_id"))
    op.drop_table("client_condition")
    with op.batch_alter_table("regulator_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_regulator_report_certificate_id"))
    op.drop_table("regulator_report")
