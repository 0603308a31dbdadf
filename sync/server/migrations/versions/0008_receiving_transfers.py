"""receiving and transfers: what a store expects to receive (purchase orders made at HQ,
transfers other stores sent) with their lines, and the receipts, transfers and adjustments
tills posted (``contract.stock_events``), each once per store.

On this branch it follows 0006; the merge re-chains it after 0007.

Revision ID: 0008_receiving_transfers
Revises: 0007_stock_counts
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_receiving_transfers"
down_revision = "0007_stock_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "expected_receipt",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("receipt_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("supplier", sa.Text(), nullable=False),
        sa.Column("from_store_id", sa.Integer(), nullable=True),
        sa.Column("source_event_uuid", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("received_event_uuid", sa.String(length=36), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_expected_receipt_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "receipt_id", name=op.f("pk_expected_receipt")),
    )
    with op.batch_alter_table("expected_receipt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expected_receipt_store_id_status"), ["store_id", "status"], unique=False
        )

    op.create_table(
        "stock_document",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("doc_uuid", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("event_uuid", sa.String(length=36), nullable=False),
        sa.Column("terminal_id", sa.Text(), nullable=False),
        sa.Column("expected_id", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_stock_document_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "doc_uuid", name=op.f("pk_stock_document")),
    )
    op.create_table(
        "expected_receipt_line",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("receipt_id", sa.String(length=64), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("qty", sa.BigInteger(), nullable=False),
        sa.Column("cost_fen", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id", "receipt_id"],
            ["expected_receipt.store_id", "expected_receipt.receipt_id"],
            name=op.f("fk_expected_receipt_line_store_id_expected_receipt"),
        ),
        sa.PrimaryKeyConstraint(
            "store_id", "receipt_id", "line_no", name=op.f("pk_expected_receipt_line")
        ),
    )


def downgrade() -> None:
    op.drop_table("expected_receipt_line")
    op.drop_table("stock_document")
    with op.batch_alter_table("expected_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expected_receipt_store_id_status"))

    op.drop_table("expected_receipt")
