"""sales, stock ledger and balances, counters, outbox, suspended sales

Revision ID: 0002_sales_ledger_outbox
Revises: 0001_catalog
Create Date: 2024-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_sales_ledger_outbox"
down_revision = "0001_catalog"
branch_labels = None
depends_on = None

# The database itself refuses to change history: a completed sale, its lines and tenders and
# the stock ledger are never updated or deleted (corrections are new records).
TRIGGERS = {
    "sale_completed_immutable": (
        "CREATE TRIGGER sale_completed_immutable BEFORE UPDATE ON sale "
        "WHEN OLD.state IN ('completed', 'voided') "
        "BEGIN SELECT RAISE(ABORT, 'a closed sale is never updated'); END"
    ),
    "sale_completed_undeletable": (
        "CREATE TRIGGER sale_completed_undeletable BEFORE DELETE ON sale "
        "WHEN OLD.state IN ('completed', 'voided') "
        "BEGIN SELECT RAISE(ABORT, 'a closed sale is never deleted'); END"
    ),
    "sale_line_immutable": (
        "CREATE TRIGGER sale_line_immutable BEFORE UPDATE ON sale_line "
        "BEGIN SELECT RAISE(ABORT, 'sale lines are never updated'); END"
    ),
    "sale_tender_immutable": (
        "CREATE TRIGGER sale_tender_immutable BEFORE UPDATE ON sale_tender "
        "BEGIN SELECT RAISE(ABORT, 'sale tenders are never updated'); END"
    ),
    "stock_movement_no_update": (
        "CREATE TRIGGER stock_movement_no_update BEFORE UPDATE ON stock_movement "
        "BEGIN SELECT RAISE(ABORT, 'the stock ledger is append-only'); END"
    ),
    "stock_movement_no_delete": (
        "CREATE TRIGGER stock_movement_no_delete BEFORE DELETE ON stock_movement "
        "BEGIN SELECT RAISE(ABORT, 'the stock ledger is append-only'); END"
    ),
}


def upgrade() -> None:
    op.create_table(
        "sale",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_uuid", sa.String(), nullable=False),
        sa.Column("store_code", sa.String(), nullable=False),
        sa.Column("terminal_code", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("receipt_seq", sa.Integer(), nullable=True),
        sa.Column("receipt_no", sa.String(), nullable=True),
        sa.Column("cashier", sa.String(), nullable=False),
        sa.Column("opened_at", sa.String(), nullable=False),
        sa.Column("closed_at", sa.String(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("subtotal_fen", sa.Integer(), nullable=False),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("tax_fen", sa.Integer(), nullable=False),
        sa.Column("rounding_fen", sa.Integer(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("paid_fen", sa.Integer(), nullable=False),
        sa.Column("change_fen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sale"),
        sa.UniqueConstraint("sale_uuid", name="uq_sale_sale_uuid"),
        sa.UniqueConstraint("receipt_no", name="uq_sale_receipt_no"),
        sa.UniqueConstraint(
            "terminal_code", "receipt_seq", name="uq_sale_terminal_code_receipt_seq"
        ),
    )
    op.create_index("ix_sale_closed_at", "sale", ["closed_at"])
    op.create_table(
        "sale_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("is_weighed", sa.Boolean(), nullable=False),
        sa.Column("unit_price_fen", sa.Integer(), nullable=False),
        sa.Column("gross_fen", sa.Integer(), nullable=False),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("net_fen", sa.Integer(), nullable=False),
        sa.Column("tax_fen", sa.Integer(), nullable=False),
        sa.Column("tax_rate_bp", sa.Integer(), nullable=False),
        sa.Column("price_overridden", sa.Boolean(), nullable=False),
        sa.Column("scanned_code", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name="fk_sale_line_sale_id_sale"),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name="fk_sale_line_product_id_product"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_sale_line"),
        sa.UniqueConstraint("sale_id", "line_no", name="uq_sale_line_sale_id_line_no"),
    )
    op.create_table(
        "sale_tender",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("tendered_fen", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name="fk_sale_tender_sale_id_sale"),
        sa.PrimaryKeyConstraint("id", name="pk_sale_tender"),
    )
    op.create_index("ix_sale_tender_sale_id", "sale_tender", ["sale_id"])
    op.create_table(
        "stock_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name="fk_stock_movement_product_id_product"
        ),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name="fk_stock_movement_sale_id_sale"),
        sa.PrimaryKeyConstraint("id", name="pk_stock_movement"),
    )
    op.create_index("ix_stock_movement_product_id", "stock_movement", ["product_id", "id"])
    op.create_index("ix_stock_movement_sale_id", "stock_movement", ["sale_id"])
    op.create_table(
        "stock_balance",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name="fk_stock_balance_product_id_product"
        ),
        sa.PrimaryKeyConstraint("product_id", name="pk_stock_balance"),
    )
    op.create_table(
        "counter",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_counter"),
    )
    op.create_table(
        "outbox_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_uuid", sa.String(), nullable=False),
        sa.Column("store_code", sa.String(), nullable=False),
        sa.Column("terminal_code", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("acked_at", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox_event"),
        sa.UniqueConstraint("event_uuid", name="uq_outbox_event_event_uuid"),
        sa.UniqueConstraint("terminal_code", "seq", name="uq_outbox_event_terminal_code_seq"),
    )
    op.create_index("ix_outbox_event_acked_at", "outbox_event", ["acked_at"])
    op.create_table(
        "suspended_sale",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_uuid", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("payload", sa.String(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_suspended_sale"),
        sa.UniqueConstraint("sale_uuid", name="uq_suspended_sale_sale_uuid"),
    )
    for ddl in TRIGGERS.values():
        op.execute(ddl)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("suspended_sale")
    op.drop_index("ix_outbox_event_acked_at", table_name="outbox_event")
    op.drop_table("outbox_event")
    op.drop_table("counter")
    op.drop_table("stock_balance")
    op.drop_index("ix_stock_movement_sale_id", table_name="stock_movement")
    op.drop_index("ix_stock_movement_product_id", table_name="stock_movement")
    op.drop_table("stock_movement")
    op.drop_index("ix_sale_tender_sale_id", table_name="sale_tender")
    op.drop_table("sale_tender")
    op.drop_table("sale_line")
    op.drop_index("ix_sale_closed_at", table_name="sale")
    op.drop_table("sale")
