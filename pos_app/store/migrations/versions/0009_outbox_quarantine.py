"""outbox quarantine: the reason and time the cloud quarantined an event, so the till shows
it and can repair and push it again (instead of forgetting it as acknowledged); and the
catalog import runs (a products import is written in chunks: an unfinished one is told)

Revision ID: 0009_outbox_quarantine
Revises: 0008_member_privacy
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_outbox_quarantine"
down_revision = "0008_member_privacy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN in place (no table rebuild): cheap on a big outbox.
    op.add_column("outbox_event", sa.Column("quarantine_reason", sa.String(), nullable=True))
    op.add_column("outbox_event", sa.Column("quarantined_at", sa.String(), nullable=True))
    # Partial: the quarantine list and its count read only the few quarantined rows.
    op.create_index("ix_outbox_event_quarantined", "outbox_event", ["terminal_code", "seq"],
                    sqlite_where=sa.text("quarantine_reason IS NOT NULL"))
    op.create_table(
        "catalog_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_done", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.String(), nullable=False),
        sa.Column("finished_at", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_catalog_import"),
    )


def downgrade() -> None:
    op.drop_table("catalog_import")
    op.drop_index("ix_outbox_event_quarantined", table_name="outbox_event")
    op.drop_column("outbox_event", "quarantined_at")
    op.drop_column("outbox_event", "quarantine_reason")
