"""stock counts: what tills pushed as ``count.posted`` (one row per count and store; its
adjustments are ``stock_movement`` rows of its event), and the products' cost price.

Revision ID: 0007_stock_counts
Revises: 0006_returns
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_stock_counts"
down_revision = "0006_returns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("product", sa.Column("cost_fen", sa.BigInteger(), nullable=False,
                                       server_default="0"))
    op.create_table(
        "stock_count",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("session_uuid", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("event_uuid", sa.String(length=36), nullable=False),
        sa.Column("scope_kind", sa.String(length=16), nullable=False),
        sa.Column("scope_value", sa.Text(), nullable=False),
        sa.Column("posted_at", sa.Text(), nullable=False),
        sa.Column("products", sa.Integer(), nullable=False),
        sa.Column("net_delta", sa.BigInteger(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"],
                                name=op.f("fk_stock_count_store_id_store")),
        sa.PrimaryKeyConstraint("store_id", "session_uuid", name=op.f("pk_stock_count")),
    )


def downgrade() -> None:
    op.drop_table("stock_count")
    op.drop_column("product", "cost_fen")
