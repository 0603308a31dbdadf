"""catalog: products, barcodes, FTS5 search index, store info

Revision ID: 0001_catalog
Revises:
Create Date: 2024-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_catalog"
down_revision = None
branch_labels = None
depends_on = None

# Chinese names are indexed one character per token (unicode61 does not split CJK); pinyin
# and initials as the joined string from every syllable onwards, so a prefix query matches
# at any syllable. See pos_app/store/search_text.py.
FTS_DDL = (
    "CREATE VIRTUAL TABLE product_fts USING fts5("
    "name, name_en, pinyin, initials, sku, "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
)


def upgrade() -> None:
    op.create_table(
        "product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
        sa.Column("tax_rate_bp", sa.Integer(), nullable=False),
        sa.Column("is_weighed", sa.Boolean(), nullable=False),
        sa.Column("age_restricted", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("pinyin", sa.String(), nullable=False),
        sa.Column("initials", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_product"),
        sa.UniqueConstraint("sku", name="uq_product_sku"),
    )
    op.create_index("ix_product_category", "product", ["category"])
    op.create_table(
        "barcode",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name="fk_barcode_product_id_product"
        ),
        sa.PrimaryKeyConstraint("code", name="pk_barcode"),
    )
    op.create_index("ix_barcode_product_id", "barcode", ["product_id"])
    op.execute(FTS_DDL)
    op.create_table(
        "store_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_code", sa.String(), nullable=False),
        sa.Column("store_name", sa.String(), nullable=False),
        sa.Column("store_address", sa.String(), nullable=False),
        sa.Column("terminal_code", sa.String(), nullable=False),
        sa.Column("tax_mode", sa.String(), nullable=False),
        sa.Column("cash_rounding", sa.String(), nullable=False),
        sa.Column("footer", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_store_info"),
    )


def downgrade() -> None:
    op.drop_table("store_info")
    op.execute("DROP TABLE product_fts")
    op.drop_index("ix_barcode_product_id", table_name="barcode")
    op.drop_table("barcode")
    op.drop_index("ix_product_category", table_name="product")
    op.drop_table("product")
