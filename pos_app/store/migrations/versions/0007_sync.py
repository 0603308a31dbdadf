"""sync: pull cursors, the sync status row, revoked coupons, the cloud's stock balances, and
the outbox seq of each stock movement (which movements the cloud's balance already holds)

Revision ID: 0007_sync
Revises: 0006_member_coupons
Create Date: 2026-12-08
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007_sync"
down_revision = "0006_member_coupons"
branch_labels = None
depends_on = None

_STR = sa.String()
_INT = sa.Integer()


def _col(name: str, type_: sa.types.TypeEngine[Any], *, null: bool = False,
         default: str | None = None) -> sa.Column[Any]:
    return sa.Column(name, type_, nullable=null, server_default=default)


def upgrade() -> None:
    op.create_table(
        "sync_cursor",
        _col("stream", _STR), _col("after", _INT), _col("updated_at", _STR),
        sa.PrimaryKeyConstraint("stream", name="pk_sync_cursor"),
    )
    op.create_table(
        "sync_status",
        sa.Column("id", _INT, nullable=False),
        _col("last_success_at", _STR, null=True), _col("last_attempt_at", _STR, null=True),
        _col("last_error_key", _STR), _col("last_error_data", _STR),
        _col("last_error_at", _STR, null=True), _col("server_cursor", _INT, null=True),
        _col("acked_seq", _INT), _col("clock_skew_s", sa.Float(), null=True),
        _col("last_verify_at", _STR, null=True),
        sa.PrimaryKeyConstraint("id", name="pk_sync_status"),
    )
    op.create_table(
        "revoked_coupon",
        _col("coupon_id", _STR), _col("revoked_at", _STR),
        sa.PrimaryKeyConstraint("coupon_id", name="pk_revoked_coupon"),
    )
    op.create_table(
        "stock_cloud",
        _col("sku", _STR), _col("on_hand", _INT), _col("basis_seq", _INT),
        _col("updated_at", _STR),
        sa.PrimaryKeyConstraint("sku", name="pk_stock_cloud"),
    )
    # ADD COLUMN in place: a table rebuild would drop the ledger's append-only triggers.
    op.execute("ALTER TABLE stock_movement ADD COLUMN event_seq INTEGER")
    op.create_index("ix_stock_movement_product_id_event_seq", "stock_movement",
                    ["product_id", "event_seq"])


def downgrade() -> None:
    op.drop_index("ix_stock_movement_product_id_event_seq", table_name="stock_movement")
    op.execute("ALTER TABLE stock_movement DROP COLUMN event_seq")
    op.drop_table("stock_cloud")
    op.drop_table("revoked_coupon")
    op.drop_table("sync_status")
    op.drop_table("sync_cursor")
