"""returns: a return with its lines and refunds, append-only

Revision ID: 0014_returns
Revises: 0013_shifts
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_returns"
down_revision = "0013_shifts"
branch_labels = None
depends_on = None

# A return, its lines and its refunds are never changed nor deleted (named in
# ``raw_sql.TRIGGERS``): corrections are new records, as for sales.
TRIGGERS = {
    f"{table}_{what}": (
        f"CREATE TRIGGER {table}_{what} BEFORE {event} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, 'a return is never {verb}'); END"
    )
    for table in ("sale_return", "sale_return_line", "sale_return_tender")
    for what, event, verb in (("no_update", "UPDATE", "changed"),
                              ("no_delete", "DELETE", "deleted"))
}


def upgrade() -> None:
    op.create_table(
        "sale_return",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_uuid", sa.String(), nullable=False),
        sa.Column("store_code", sa.String(), nullable=False),
        sa.Column("terminal_code", sa.String(), nullable=False),
        sa.Column("return_seq", sa.Integer(), nullable=False),
        sa.Column("return_no", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("original_sale_uuid", sa.String(), nullable=True),
        sa.Column("original_receipt_no", sa.String(), nullable=False),
        sa.Column("original_terminal_code", sa.String(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("staff_name", sa.String(), nullable=False),
        sa.Column("approver_id", sa.String(), nullable=True),
        sa.Column("approver_name", sa.String(), nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("refund_fen", sa.Integer(), nullable=False),
        sa.Column("rounding_fen", sa.Integer(), nullable=False),
        sa.Column("tax_fen", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(), nullable=True),
        sa.Column("points_back", sa.Integer(), nullable=False),
        sa.Column("points_clawback", sa.Integer(), nullable=False),
        sa.Column("clawback_short", sa.Integer(), nullable=False),
        sa.Column("exchange_sale_uuid", sa.String(), nullable=True),
        sa.Column("to_cash", sa.Boolean(), nullable=False),
        sa.Column("flags", sa.String(), nullable=False),
        sa.Column("coupons_reinstated", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_return")),
        sa.UniqueConstraint("return_no", name=op.f("uq_sale_return_return_no")),
        sa.UniqueConstraint("return_uuid", name=op.f("uq_sale_return_return_uuid")),
        sa.UniqueConstraint("terminal_code", "return_seq",
                            name=op.f("uq_sale_return_terminal_code_return_seq")),
    )
    op.create_index(op.f("ix_sale_return_at"), "sale_return", ["at"])
    op.create_index(op.f("ix_sale_return_original_sale_uuid"), "sale_return",
                    ["original_sale_uuid"])
    op.create_index(op.f("ix_sale_return_shift_id"), "sale_return", ["shift_id"])
    op.create_table(
        "sale_return_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("pos", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("is_weighed", sa.Boolean(), nullable=False),
        sa.Column("net_fen", sa.Integer(), nullable=False),
        sa.Column("tax_fen", sa.Integer(), nullable=False),
        sa.Column("tax_rate_bp", sa.Integer(), nullable=False),
        sa.Column("refund_fen", sa.Integer(), nullable=False),
        sa.Column("disposition", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"],
                                name=op.f("fk_sale_return_line_product_id_product")),
        sa.ForeignKeyConstraint(["return_id"], ["sale_return.id"],
                                name=op.f("fk_sale_return_line_return_id_sale_return")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_return_line")),
        sa.UniqueConstraint("return_id", "pos", name=op.f("uq_sale_return_line_return_id_pos")),
    )
    op.create_table(
        "sale_return_tender",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("tender_index", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("payout", sa.String(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["return_id"], ["sale_return.id"],
                                name=op.f("fk_sale_return_tender_return_id_sale_return")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_return_tender")),
    )
    op.create_index(op.f("ix_sale_return_tender_return_id"), "sale_return_tender",
                    ["return_id"])
    for ddl in TRIGGERS.values():
        op.execute(ddl)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(op.f("ix_sale_return_tender_return_id"), table_name="sale_return_tender")
    op.drop_table("sale_return_tender")
    op.drop_table("sale_return_line")
    for column in ("shift_id", "original_sale_uuid", "at"):
        op.drop_index(op.f(f"ix_sale_return_{column}"), table_name="sale_return")
    op.drop_table("sale_return")
