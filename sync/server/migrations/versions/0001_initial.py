"""initial schema of the cloud: stores, terminals, catalog, members, ledgers, change log

Revision ID: 0001_initial
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chain_key",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("private_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_chain_key")),
    )
    op.create_table(
        "change_counter",
        sa.Column("stream", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("stream", "store_id", name=op.f("pk_change_counter")),
    )
    op.create_table(
        "change_log",
        sa.Column("stream", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("stream", "store_id", "key", name=op.f("pk_change_log")),
        sa.UniqueConstraint(
            "stream", "store_id", "seq", name=op.f("uq_change_log_stream_store_id_seq")
        ),
    )
    op.create_table(
        "claim",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", name=op.f("pk_claim")),
    )
    op.create_table(
        "coupon",
        sa.Column("coupon_id", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("coupon_id", name=op.f("pk_coupon")),
    )
    op.create_index("ix_coupon_member_id", "coupon", ["member_id"])
    op.create_table(
        "member",
        sa.Column("member_id", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("tier", sa.Text(), nullable=False),
        sa.Column("card_no", sa.String(length=32), nullable=True),
        sa.Column("birthday", sa.String(length=10), nullable=True),
        sa.Column("consent_at", sa.String(length=40), nullable=True),
        sa.Column("opening_points", sa.BigInteger(), nullable=False),
        sa.Column("points_balance", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_member")),
    )
    op.create_index("ix_member_phone", "member", ["phone"])
    op.create_table(
        "points_entry",
        sa.Column("entry_uuid", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("terminal_id", sa.Text(), nullable=False),
        sa.Column("event_uuid", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("sale_uuid", sa.String(length=64), nullable=True),
        sa.Column("business_date", sa.String(length=10), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entry_uuid", name=op.f("pk_points_entry")),
    )
    op.create_index("ix_points_entry_member_id", "points_entry", ["member_id"])
    op.create_table(
        "product",
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.Column("tax_rate_bp", sa.Integer(), nullable=False),
        sa.Column("is_weighed", sa.Boolean(), nullable=False),
        sa.Column("age_restricted", sa.Boolean(), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("brand", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sku", name=op.f("pk_product")),
    )
    op.create_table(
        "promotion",
        sa.Column("promo_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("promo_id", name=op.f("pk_promotion")),
    )
    op.create_table(
        "store",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("footer", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store")),
        sa.UniqueConstraint("code", name=op.f("uq_store_code")),
    )
    op.create_table(
        "tier",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("name_zh", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("discount_bp", sa.BigInteger(), nullable=False),
        sa.Column("points_multiplier_bp", sa.BigInteger(), nullable=False),
        sa.Column("birthday_bonus_points", sa.BigInteger(), nullable=False),
        sa.Column("birthday_discount_bp", sa.BigInteger(), nullable=False),
        sa.Column("qualify_spend_fen", sa.BigInteger(), nullable=False),
        sa.Column("qualify_points", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_tier")),
    )
    op.create_table(
        "applied_event",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("event_uuid", sa.String(length=36), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_applied_event_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "event_uuid", name=op.f("pk_applied_event")),
    )
    op.create_index(
        "ix_applied_event_status_received_at", "applied_event", ["status", "received_at"]
    )
    op.create_index(
        "ix_applied_event_store_id_terminal_id_business_date",
        "applied_event",
        ["store_id", "terminal_id", "business_date"],
    )
    op.create_table(
        "coupon_redemption",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("event_uuid", sa.String(length=36), nullable=False),
        sa.Column("coupon_id", sa.String(length=64), nullable=False),
        sa.Column("sale_uuid", sa.String(length=64), nullable=True),
        sa.Column("member_id", sa.String(length=64), nullable=True),
        sa.Column("discount_fen", sa.BigInteger(), nullable=False),
        sa.Column("terminal_id", sa.Text(), nullable=False),
        sa.Column("redeemed_at", sa.Text(), nullable=False),
        sa.Column("reused", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_coupon_redemption_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "event_uuid", name=op.f("pk_coupon_redemption")),
    )
    op.create_index("ix_coupon_redemption_coupon_id", "coupon_redemption", ["coupon_id"])
    op.create_table(
        "enrollment_code",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("terminal_id", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_enrollment_code_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "code_hash", name=op.f("pk_enrollment_code")),
    )
    op.create_table(
        "flag",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("flag_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=128), nullable=False),
        sa.Column("open_key", sa.String(length=160), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"], name=op.f("fk_flag_store_id_store")),
        sa.PrimaryKeyConstraint("store_id", "flag_id", name=op.f("pk_flag")),
        sa.UniqueConstraint(
            "store_id", "kind", "open_key", name=op.f("uq_flag_store_id_kind_open_key")
        ),
    )
    op.create_index("ix_flag_store_id_created_at", "flag", ["store_id", "created_at"])
    op.create_table(
        "product_barcode",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["sku"], ["product.sku"], name=op.f("fk_product_barcode_sku_product")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_product_barcode")),
    )
    op.create_index("ix_product_barcode_sku", "product_barcode", ["sku"])
    op.create_table(
        "refetch",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("stream", sa.String(length=32), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("reset_after", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"], name=op.f("fk_refetch_store_id_store")),
        sa.PrimaryKeyConstraint("store_id", "terminal_id", "stream", name=op.f("pk_refetch")),
    )
    op.create_table(
        "sale",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("sale_uuid", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("event_uuid", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("receipt_no", sa.String(length=64), nullable=True),
        sa.Column("cashier", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.Text(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("subtotal_fen", sa.BigInteger(), nullable=False),
        sa.Column("discount_fen", sa.BigInteger(), nullable=False),
        sa.Column("tax_fen", sa.BigInteger(), nullable=False),
        sa.Column("rounding_fen", sa.BigInteger(), nullable=False),
        sa.Column("total_fen", sa.BigInteger(), nullable=False),
        sa.Column("paid_fen", sa.BigInteger(), nullable=False),
        sa.Column("change_fen", sa.BigInteger(), nullable=False),
        sa.Column("member_id", sa.String(length=64), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"], name=op.f("fk_sale_store_id_store")),
        sa.PrimaryKeyConstraint("store_id", "sale_uuid", name=op.f("pk_sale")),
    )
    op.create_index("ix_sale_business_date_store_id", "sale", ["business_date", "store_id"])
    op.create_table(
        "stock_balance",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("on_hand", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_stock_balance_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "sku", name=op.f("pk_stock_balance")),
    )
    op.create_index("ix_stock_balance_store_id_on_hand", "stock_balance", ["store_id", "on_hand"])
    op.create_table(
        "stock_movement",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("event_uuid", sa.String(length=36), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("delta", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("terminal_id", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_stock_movement_store_id_store")
        ),
        sa.PrimaryKeyConstraint(
            "store_id", "event_uuid", "line_no", name=op.f("pk_stock_movement")
        ),
    )
    op.create_index("ix_stock_movement_store_id_sku", "stock_movement", ["store_id", "sku"])
    op.create_table(
        "terminal",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("device_name", sa.Text(), nullable=False),
        sa.Column("credential_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.Column("last_push_at", sa.DateTime(), nullable=True),
        sa.Column("last_clock_skew_s", sa.Float(), nullable=True),
        sa.Column("app_version", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_terminal_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "terminal_id", name=op.f("pk_terminal")),
    )
    op.create_index("ix_terminal_store_id_code", "terminal", ["store_id", "code"])
    op.create_table(
        "sale_line",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("sale_uuid", sa.String(length=64), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("qty", sa.BigInteger(), nullable=False),
        sa.Column("unit_price_fen", sa.BigInteger(), nullable=False),
        sa.Column("gross_fen", sa.BigInteger(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.Column("discount_fen", sa.BigInteger(), nullable=False),
        sa.Column("tax_fen", sa.BigInteger(), nullable=False),
        sa.Column("tax_rate_bp", sa.Integer(), nullable=False),
        sa.Column("is_weighed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id", "sale_uuid"],
            ["sale.store_id", "sale.sale_uuid"],
            name=op.f("fk_sale_line_store_id_sale"),
        ),
        sa.PrimaryKeyConstraint("store_id", "sale_uuid", "line_no", name=op.f("pk_sale_line")),
    )
    op.create_table(
        "sale_promotion",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("sale_uuid", sa.String(length=64), nullable=False),
        sa.Column("promo_no", sa.Integer(), nullable=False),
        sa.Column("promo_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("discount_fen", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id", "sale_uuid"],
            ["sale.store_id", "sale.sale_uuid"],
            name=op.f("fk_sale_promotion_store_id_sale"),
        ),
        sa.PrimaryKeyConstraint(
            "store_id", "sale_uuid", "promo_no", name=op.f("pk_sale_promotion")
        ),
    )
    op.create_table(
        "sale_tender",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("sale_uuid", sa.String(length=64), nullable=False),
        sa.Column("tender_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("tendered_fen", sa.BigInteger(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id", "sale_uuid"],
            ["sale.store_id", "sale.sale_uuid"],
            name=op.f("fk_sale_tender_store_id_sale"),
        ),
        sa.PrimaryKeyConstraint("store_id", "sale_uuid", "tender_no", name=op.f("pk_sale_tender")),
    )


def downgrade() -> None:
    op.drop_table("sale_tender")
    op.drop_table("sale_promotion")
    op.drop_table("sale_line")
    op.drop_index("ix_terminal_store_id_code", table_name="terminal")
    op.drop_table("terminal")
    op.drop_index("ix_stock_movement_store_id_sku", table_name="stock_movement")
    op.drop_table("stock_movement")
    op.drop_index("ix_stock_balance_store_id_on_hand", table_name="stock_balance")
    op.drop_table("stock_balance")
    op.drop_index("ix_sale_business_date_store_id", table_name="sale")
    op.drop_table("sale")
    op.drop_table("refetch")
    op.drop_index("ix_product_barcode_sku", table_name="product_barcode")
    op.drop_table("product_barcode")
    op.drop_index("ix_flag_store_id_created_at", table_name="flag")
    op.drop_table("flag")
    op.drop_table("enrollment_code")
    op.drop_index("ix_coupon_redemption_coupon_id", table_name="coupon_redemption")
    op.drop_table("coupon_redemption")
    op.drop_index("ix_applied_event_store_id_terminal_id_business_date", table_name="applied_event")
    op.drop_index("ix_applied_event_status_received_at", table_name="applied_event")
    op.drop_table("applied_event")
    op.drop_table("tier")
    op.drop_table("store")
    op.drop_table("promotion")
    op.drop_table("product")
    op.drop_index("ix_points_entry_member_id", table_name="points_entry")
    op.drop_table("points_entry")
    op.drop_index("ix_member_phone", table_name="member")
    op.drop_table("member")
    op.drop_index("ix_coupon_member_id", table_name="coupon")
    op.drop_table("coupon")
    op.drop_table("claim")
    op.drop_table("change_log")
    op.drop_table("change_counter")
    op.drop_table("chain_key")
