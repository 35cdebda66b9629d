"""CNCA reporting and 认证到 check-in

Auditor 证件号码 (type + number, 市监认证(司)函〔2021〕102号); site coordinates; the plan's meeting
times and the leader's team checklist per audit; accreditation marks and EnMS energy
performance per certificate; and what was reported to CNCA when (so next month's file holds
what changed since).

Revision ID: 0050
Revises: (see down_revision)
"""

import sqlalchemy as sa
from alembic import op

import auditdesk.model.base

revision = "0050"
down_revision = "0040"
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
    with op.batch_alter_table("auditor", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("id_doc_type", sa.String(length=20), server_default="id_card", nullable=False)
        )
        batch_op.add_column(
            sa.Column("id_doc_no", sa.String(length=40), server_default="", nullable=False)
        )

    op.create_table(
        "site_location",
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        *_entity_columns(),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_site_location_site_id_site")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_location")),
        sa.UniqueConstraint("site_id", name=op.f("uq_site_location_site_id")),
    )
    op.create_table(
        "audit_check_in",
        sa.Column("audit_id", sa.Uuid(), nullable=False),
        sa.Column("opening_start", auditdesk.model.base.UTCDateTime(), nullable=True),
        sa.Column("closing_start", auditdesk.model.base.UTCDateTime(), nullable=True),
        sa.Column("closing_end", auditdesk.model.base.UTCDateTime(), nullable=True),
        sa.Column("ticked", sa.JSON(), nullable=False),
        *_entity_columns(),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["audit.id"], name=op.f("fk_audit_check_in_audit_id_audit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_check_in")),
        sa.UniqueConstraint("audit_id", name=op.f("uq_audit_check_in_audit_id")),
    )
    op.create_table(
        "certificate_reporting",
        sa.Column("certificate_id", sa.Uuid(), nullable=False),
        sa.Column("accreditation_marks", sa.JSON(), nullable=False),
        sa.Column("energy_performance", sa.JSON(), nullable=False),
        *_entity_columns(),
        sa.ForeignKeyConstraint(
            ["certificate_id"],
            ["certificate.id"],
            name=op.f("fk_certificate_reporting_certificate_id_certificate"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_reporting")),
        sa.UniqueConstraint("certificate_id", name=op.f("uq_certificate_reporting_certificate_id")),
    )
    op.create_table(
        "cnca_reported",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("sheet", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("reported_at", auditdesk.model.base.UTCDateTime(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("written_anyway", sa.Boolean(), nullable=False),
        sa.Column("by_user", sa.String(length=60), nullable=False),
        *_entity_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cnca_reported")),
    )
    with op.batch_alter_table("cnca_reported", schema=None) as batch_op:
        batch_op.create_index("ix_cnca_reported_sheet_entity", ["sheet", "entity_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cnca_reported", schema=None) as batch_op:
        batch_op.drop_index("ix_cnca_reported_sheet_entity")
    op.drop_table("cnca_reported")
    op.drop_table("certificate_reporting")
    op.drop_table("audit_check_in")
    op.drop_table("site_location")
    with op.batch_alter_table("auditor", schema=None) as batch_op:
        batch_op.drop_column("id_doc_no")
        batch_op.drop_column("id_doc_type")
