"""loyalty: members, tiers, the points ledger, promotions, coupon redemptions, chain keys

Revision ID: 0004_loyalty
Revises: 0003_print_jobs
Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004_loyalty"
down_revision = "0003_print_jobs"
branch_labels = None
depends_on = None

_STR = sa.String()
_INT = sa.Integer()


def _col(name: str, type_: sa.types.TypeEngine[Any], *, null: bool = False,
         default: str | None = None) -> sa.Column[Any]:
    return sa.Column(name, type_, nullable=null, server_default=default)


def upgrade() -> None:
    with op.batch_alter_table("product") as t:
        t.add_column(_col("brand", _STR, default=""))
        t.create_index("ix_product_brand", ["brand"])
    with op.batch_alter_table("sale") as t:
        t.add_column(_col("member_id", _STR, null=True))
        t.add_column(_col("points_earned", _INT, default="0"))
        t.add_column(_col("points_redeemed", _INT, default="0"))
        t.create_index("ix_sale_member_id", ["member_id"])
    with op.batch_alter_table("sale_line") as t:
        t.add_column(_col("promo_discount_fen", _INT, default="0"))
    op.create_table(
        "sale_promotion",
        sa.Column("id", _INT, nullable=False),
        _col("sale_id", _INT), _col("promo_id", _STR), _col("name", _STR), _col("kind", _STR),
        _col("discount_fen", _INT), _col("explanation", _STR),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name="fk_sale_promotion_sale_id_sale"),
        sa.PrimaryKeyConstraint("id", name="pk_sale_promotion"),
    )
    op.create_index("ix_sale_promotion_sale_id", "sale_promotion", ["sale_id"])
    op.create_table(
        "member_tier",
        _col("code", _STR), _col("rank", _INT), _col("name_zh", _STR), _col("name_en", _STR),
        _col("discount_bp", _INT), _col("points_multiplier_bp", _INT),
        _col("birthday_bonus_points", _INT), _col("birthday_discount_bp", _INT),
        _col("qualify_spend_fen", _INT), _col("qualify_points", _INT),
        sa.PrimaryKeyConstraint("code", name="pk_member_tier"),
    )
    op.create_table(
        "member",
        _col("member_id", _STR), _col("card_no", _STR, null=True), _col("phone", _STR),
        _col("name", _STR), _col("tier", _STR), _col("birthday", _STR, null=True),
        _col("points_confirmed", _INT), _col("consent_at", _STR, null=True),
        _col("source", _STR), _col("created_at", _STR), _col("updated_at", _STR),
        sa.PrimaryKeyConstraint("member_id", name="pk_member"),
        sa.UniqueConstraint("card_no", name="uq_member_card_no"),
        sa.UniqueConstraint("phone", name="uq_member_phone"),
    )
    op.create_table(
        "points_entry",
        sa.Column("id", _INT, nullable=False),
        _col("entry_uuid", _STR), _col("member_id", _STR), _col("kind", _STR),
        _col("points", _INT), _col("sale_uuid", _STR, null=True), _col("state", _STR),
        _col("business_date", _STR), _col("reason", _STR), _col("created_at", _STR),
        sa.ForeignKeyConstraint(["member_id"], ["member.member_id"],
                                name="fk_points_entry_member_id_member"),
        sa.PrimaryKeyConstraint("id", name="pk_points_entry"),
        sa.UniqueConstraint("entry_uuid", name="uq_points_entry_entry_uuid"),
    )
    op.create_index("ix_points_entry_member_id", "points_entry",
                    ["member_id", "state", "business_date"])
    op.create_index("ix_points_entry_sale_uuid", "points_entry", ["sale_uuid"])
    op.create_table(
        "member_promo_usage",
        _col("member_id", _STR), _col("promo_id", _STR), _col("units", _INT),
        sa.PrimaryKeyConstraint("member_id", "promo_id", name="pk_member_promo_usage"),
    )
    op.create_table(
        "promotion",
        _col("promo_id", _STR), _col("kind", _STR), _col("payload", _STR),
        _col("active", sa.Boolean()), _col("updated_at", _STR),
        sa.PrimaryKeyConstraint("promo_id", name="pk_promotion"),
    )
    op.create_table(
        "coupon_redemption",
        _col("coupon_id", _STR), _col("sale_id", _INT), _col("sale_uuid", _STR),
        _col("member_id", _STR, null=True), _col("discount_fen", _INT),
        _col("redeemed_at", _STR),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"],
                                name="fk_coupon_redemption_sale_id_sale"),
        sa.PrimaryKeyConstraint("coupon_id", name="pk_coupon_redemption"),
    )
    op.create_index("ix_coupon_redemption_sale_id", "coupon_redemption", ["sale_id"])
    op.create_table(
        "chain_key",
        _col("key_id", _STR), _col("public_key", _STR), _col("added_at", _STR),
        sa.PrimaryKeyConstraint("key_id", name="pk_chain_key"),
    )


def downgrade() -> None:
    for table in ("chain_key", "coupon_redemption", "promotion", "member_promo_usage",
                  "points_entry", "member", "member_tier", "sale_promotion"):
        op.drop_table(table)
    with op.batch_alter_table("sale_line") as t:
        t.drop_column("promo_discount_fen")
    with op.batch_alter_table("sale") as t:
        t.drop_index("ix_sale_member_id")
        t.drop_column("points_redeemed")
        t.drop_column("points_earned")
        t.drop_column("member_id")
    with op.batch_alter_table("product") as t:
        t.drop_index("ix_product_brand")
        t.drop_column("brand")
