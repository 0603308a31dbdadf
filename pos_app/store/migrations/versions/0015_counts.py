"""counts: stock count sessions and lines; the product's cost price

Revision ID: 0015_counts
Revises: 0014_returns
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_counts"
down_revision = "0014_returns"
branch_labels = None
depends_on = None

_POSTED = "(SELECT state FROM count_session WHERE id = {ref}.session_id) = 'posted'"
# A posted count is read-only (named in ``raw_sql.TRIGGERS``).
TRIGGERS = {
    "count_session_posted_no_update": (
        "CREATE TRIGGER count_session_posted_no_update BEFORE UPDATE ON count_session "
        "WHEN OLD.state = 'posted' "
        "BEGIN SELECT RAISE(ABORT, 'a posted count is never changed'); END"),
    "count_session_posted_no_delete": (
        "CREATE TRIGGER count_session_posted_no_delete BEFORE DELETE ON count_session "
        "WHEN OLD.state = 'posted' "
        "BEGIN SELECT RAISE(ABORT, 'a posted count is never deleted'); END"),
    "count_line_posted_no_insert": (
        "CREATE TRIGGER count_line_posted_no_insert BEFORE INSERT ON count_line "
        f"WHEN {_POSTED.format(ref='NEW')} "
        "BEGIN SELECT RAISE(ABORT, 'a posted count takes no more lines'); END"),
    "count_line_posted_no_update": (
        "CREATE TRIGGER count_line_posted_no_update BEFORE UPDATE ON count_line "
        f"WHEN {_POSTED.format(ref='OLD')} "
        "BEGIN SELECT RAISE(ABORT, 'a posted count is never changed'); END"),
    "count_line_posted_no_delete": (
        "CREATE TRIGGER count_line_posted_no_delete BEFORE DELETE ON count_line "
        f"WHEN {_POSTED.format(ref='OLD')} "
        "BEGIN SELECT RAISE(ABORT, 'a posted count is never deleted'); END"),
}


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: no rebuild of a million-product table.
    op.add_column("product", sa.Column("cost_fen", sa.Integer(), nullable=False,
                                       server_default="0"))
    op.create_table(
        "count_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_uuid", sa.String(), nullable=False),
        sa.Column("store_code", sa.String(), nullable=False),
        sa.Column("scope_kind", sa.String(), nullable=False),
        sa.Column("scope_value", sa.String(), nullable=False),
        sa.Column("scope_products", sa.String(), nullable=False),
        sa.Column("blind", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("recount_products", sa.String(), nullable=False),
        sa.Column("opened_at", sa.String(), nullable=False),
        sa.Column("open_hwm", sa.Integer(), nullable=False),
        sa.Column("opened_by_id", sa.String(), nullable=False),
        sa.Column("opened_by_name", sa.String(), nullable=False),
        sa.Column("approved_at", sa.String(), nullable=True),
        sa.Column("approver_id", sa.String(), nullable=True),
        sa.Column("approver_name", sa.String(), nullable=True),
        sa.Column("posted_at", sa.String(), nullable=True),
        sa.Column("event_seq", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_count_session")),
        sa.UniqueConstraint("session_uuid", name=op.f("uq_count_session_session_uuid")),
    )
    op.create_index(op.f("ix_count_session_state"), "count_session", ["state"])
    op.create_table(
        "count_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("hwm", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.String(), nullable=False),
        sa.Column("counter_name", sa.String(), nullable=False),
        sa.Column("device", sa.String(), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("counted_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"],
                                name=op.f("fk_count_line_product_id_product")),
        sa.ForeignKeyConstraint(["session_id"], ["count_session.id"],
                                name=op.f("fk_count_line_session_id_count_session")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_count_line")),
    )
    op.create_index("ix_count_line_session_id_product_id", "count_line",
                    ["session_id", "product_id", "round"])
    for ddl in TRIGGERS.values():
        op.execute(ddl)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_count_line_session_id_product_id", table_name="count_line")
    op.drop_table("count_line")
    op.drop_index(op.f("ix_count_session_state"), table_name="count_session")
    op.drop_table("count_session")
    op.drop_column("product", "cost_fen")
