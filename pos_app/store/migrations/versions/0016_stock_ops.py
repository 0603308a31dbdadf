"""stock ops: expected receipts pulled from the cloud, the receipts, transfers out and
adjustments posted here with their lines, and per-product stock settings (minimum, cost,
expiry tracking).

On this branch it follows 0014; the merge re-chains it after 0015.

Revision ID: 0016_stock_ops
Revises: 0015_counts
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_stock_ops"
down_revision = "0015_counts"
branch_labels = None
depends_on = None

# A posted receipt, transfer or adjustment and its lines are never changed nor deleted (named
# in ``raw_sql.TRIGGERS``): corrections are new documents.
TRIGGERS = {
    f"{table}_{what}": (
        f"CREATE TRIGGER {table}_{what} BEFORE {event} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, 'a posted stock document is never {verb}'); END"
    )
    for table in ("stock_document", "stock_document_line")
    for what, event, verb in (("no_update", "UPDATE", "changed"),
                              ("no_delete", "DELETE", "deleted"))
}


def upgrade() -> None:
    op.create_table(
        "expected_receipt",
        sa.Column("receipt_id", sa.String(), nullable=False),
        sa.Column("store_code", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("supplier", sa.String(), nullable=False),
        sa.Column("from_store", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("received_doc", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("receipt_id", name=op.f("pk_expected_receipt")),
    )
    op.create_table(
        "stock_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_uuid", sa.String(), nullable=False),
        sa.Column("doc_no", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column("supplier", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("staff_name", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_document")),
        sa.UniqueConstraint("doc_no", name=op.f("uq_stock_document_doc_no")),
        sa.UniqueConstraint("doc_uuid", name=op.f("uq_stock_document_doc_uuid")),
    )
    op.create_table(
        "expected_receipt_line",
        sa.Column("receipt_id", sa.String(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("cost_fen", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["receipt_id"],
            ["expected_receipt.receipt_id"],
            name=op.f("fk_expected_receipt_line_receipt_id_expected_receipt"),
        ),
        sa.PrimaryKeyConstraint("receipt_id", "line_no", name=op.f("pk_expected_receipt_line")),
    )
    op.create_table(
        "product_stock",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("min_stock", sa.Integer(), nullable=True),
        sa.Column("cost_fen", sa.Integer(), nullable=True),
        sa.Column("tracks_expiry", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_product_stock_product_id_product")
        ),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_product_stock")),
    )
    op.create_table(
        "stock_document_line",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("pos", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("ordered", sa.Integer(), nullable=True),
        sa.Column("cost_fen", sa.Integer(), nullable=True),
        sa.Column("expiry", sa.String(), nullable=True),
        sa.Column("batch", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["stock_document.id"],
            name=op.f("fk_stock_document_line_document_id_stock_document"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_stock_document_line_product_id_product")
        ),
        sa.PrimaryKeyConstraint("document_id", "pos", name=op.f("pk_stock_document_line")),
    )
    for ddl in TRIGGERS.values():
        op.execute(ddl)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("stock_document_line")
    op.drop_table("product_stock")
    op.drop_table("expected_receipt_line")
    op.drop_table("stock_document")
    op.drop_table("expected_receipt")
