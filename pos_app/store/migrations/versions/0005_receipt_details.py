"""receipt details for reprints: the promotions of each sale line, the member block printed

Revision ID: 0005_receipt_details
Revises: 0004_loyalty
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_receipt_details"
down_revision = "0004_loyalty"
branch_labels = None
depends_on = None

_STR = sa.String()
_INT = sa.Integer()


def upgrade() -> None:
    # New tables only: altering ``sale`` or ``sale_line`` would rebuild them on SQLite and
    # drop their no-update triggers.
    op.create_table(
        "sale_line_promotion",
        sa.Column("id", _INT, nullable=False),
        sa.Column("sale_id", _INT, nullable=False),
        sa.Column("line_no", _INT, nullable=False),
        sa.Column("promo_id", _STR, nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"],
                                name="fk_sale_line_promotion_sale_id_sale"),
        sa.PrimaryKeyConstraint("id", name="pk_sale_line_promotion"),
    )
    op.create_index("ix_sale_line_promotion_sale_id", "sale_line_promotion", ["sale_id"])
    op.create_table(
        "sale_member",
        sa.Column("sale_id", _INT, nullable=False),
        sa.Column("masked_phone", _STR, nullable=False),
        sa.Column("masked_name", _STR, nullable=False),
        sa.Column("tier_name", _STR, nullable=False),
        sa.Column("points_balance", _INT, nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name="fk_sale_member_sale_id_sale"),
        sa.PrimaryKeyConstraint("sale_id", name="pk_sale_member"),
    )


def downgrade() -> None:
    op.drop_table("sale_member")
    op.drop_index("ix_sale_line_promotion_sale_id", table_name="sale_line_promotion")
    op.drop_table("sale_line_promotion")
