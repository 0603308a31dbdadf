"""hardening: quarantine history, encrypted chain keys (wider column), the demo marker

Revision ID: 0002_hardening
Revises: 0001_initial
Create Date: 2026-12-04

The chain keys' plaintext rows are encrypted by ``pos-cloud`` itself when it starts with
its key-encryption key (``sync.server.key_vault.encrypt_plaintext_keys``): the key is not in
the database, so a migration cannot do it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_hardening"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applied_event") as batch:
        batch.add_column(sa.Column("history", sa.Text(), nullable=True))
    op.create_index("ix_applied_event_store_id_status_received_at", "applied_event",
                    ["store_id", "status", "received_at"])
    with op.batch_alter_table("chain_key") as batch:
        batch.alter_column("private_key", existing_type=sa.String(length=64),
                           type_=sa.String(length=512), existing_nullable=False)
    op.create_table(
        "cloud_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_cloud_meta")),
    )


def downgrade() -> None:
    op.drop_table("cloud_meta")
    with op.batch_alter_table("chain_key") as batch:
        batch.alter_column("private_key", existing_type=sa.String(length=512),
                           type_=sa.String(length=64), existing_nullable=False)
    op.drop_index("ix_applied_event_store_id_status_received_at", table_name="applied_event")
    with op.batch_alter_table("applied_event") as batch:
        batch.drop_column("history")
