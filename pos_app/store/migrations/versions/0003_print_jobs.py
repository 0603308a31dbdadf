"""print jobs: the persisted printer queue

Revision ID: 0003_print_jobs
Revises: 0002_sales_ledger_outbox
Create Date: 2024-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_print_jobs"
down_revision = "0002_sales_ledger_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_no", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error_key", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_print_job"),
    )
    op.create_index("ix_print_job_receipt_no", "print_job", ["receipt_no"])
    op.create_index("ix_print_job_state", "print_job", ["state"])


def downgrade() -> None:
    op.drop_index("ix_print_job_state", table_name="print_job")
    op.drop_index("ix_print_job_receipt_no", table_name="print_job")
    op.drop_table("print_job")
