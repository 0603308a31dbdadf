"""member coupons: the signed coupons in each member's wallet (from the cloud, or the demo)

Revision ID: 0006_member_coupons
Revises: 0005_receipt_details
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_member_coupons"
down_revision = "0005_receipt_details"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_coupon",
        sa.Column("coupon_id", sa.String(), nullable=False),
        sa.Column("member_id", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("coupon_id", name="pk_member_coupon"),
    )
    op.create_index("ix_member_coupon_member_id", "member_coupon", ["member_id"])


def downgrade() -> None:
    op.drop_index("ix_member_coupon_member_id", table_name="member_coupon")
    op.drop_table("member_coupon")
