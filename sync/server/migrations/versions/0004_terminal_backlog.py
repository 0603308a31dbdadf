"""terminal backlog: the newest outbox seq a till reported at hello, and when (the status
page shows ``last_seq - cursor`` as its backlog; NULL for a till that never reported).

Revision ID: 0004_terminal_backlog
Revises: 0003_member_lookup
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_terminal_backlog"
down_revision = "0003_member_lookup"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("terminal") as batch:
        batch.add_column(sa.Column("last_seq", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("last_seq_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("terminal") as batch:
        batch.drop_column("last_seq_at")
        batch.drop_column("last_seq")
