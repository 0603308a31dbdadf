"""returns: what tills pushed as ``return.completed`` (a return, its lines and payouts), and
the index a till's receipt lookup (``GET /v1/sales/{receipt_no}``) reads sales by.

Revision ID: 0006_returns
Revises: 0005_staff_roles_audit
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_returns"
down_revision = "0005_staff_roles_audit"
branch_labels = None
depends_on = None


def _return_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["store_id", "return_uuid"], ["sale_return.store_id", "sale_return.return_uuid"],
        name=op.f(f"fk_{table}_store_id_sale_return"))


def upgrade() -> None:
    op.create_table(
        "sale_return",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("return_uuid", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("event_uuid", sa.String(length=36), nullable=False),
        sa.Column("return_no", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("original_sale_uuid", sa.String(length=64), nullable=True),
        sa.Column("original_receipt_no", sa.Text(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("refund_fen", sa.BigInteger(), nullable=False),
        sa.Column("tax_fen", sa.BigInteger(), nullable=False),
        sa.Column("member_id", sa.String(length=64), nullable=True),
        sa.Column("points_back", sa.BigInteger(), nullable=False),
        sa.Column("points_clawback", sa.BigInteger(), nullable=False),
        sa.Column("clawback_short", sa.BigInteger(), nullable=False),
        sa.Column("exchange_sale_uuid", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"],
                                name=op.f("fk_sale_return_store_id_store")),
        sa.PrimaryKeyConstraint("store_id", "return_uuid", name=op.f("pk_sale_return")),
    )
    op.create_index("ix_sale_return_store_id_original_sale_uuid", "sale_return",
                    ["store_id", "original_sale_uuid"])
    op.create_table(
        "sale_return_line",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("return_uuid", sa.String(length=64), nullable=False),
        sa.Column("pos", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("qty", sa.BigInteger(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.Column("tax_fen", sa.BigInteger(), nullable=False),
        sa.Column("refund_fen", sa.BigInteger(), nullable=False),
        sa.Column("disposition", sa.String(length=16), nullable=False),
        _return_fk("sale_return_line"),
        sa.PrimaryKeyConstraint("store_id", "return_uuid", "pos",
                                name=op.f("pk_sale_return_line")),
    )
    op.create_table(
        "sale_return_tender",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("return_uuid", sa.String(length=64), nullable=False),
        sa.Column("pos", sa.Integer(), nullable=False),
        sa.Column("tender_index", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payout", sa.String(length=32), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        _return_fk("sale_return_tender"),
        sa.PrimaryKeyConstraint("store_id", "return_uuid", "pos",
                                name=op.f("pk_sale_return_tender")),
    )
    op.create_index("ix_sale_store_id_receipt_no", "sale", ["store_id", "receipt_no"])


def downgrade() -> None:
    op.drop_index("ix_sale_store_id_receipt_no", table_name="sale")
    op.drop_table("sale_return_tender")
    op.drop_table("sale_return_line")
    op.drop_index("ix_sale_return_store_id_original_sale_uuid", table_name="sale_return")
    op.drop_table("sale_return")
