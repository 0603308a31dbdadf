"""member lookup: the chain's secret for member lookup hashes, and the members stream in the
form tills get now (masked phone and name, keyed hashes, birthday month and day; no full
data). The stream's entries are rewritten in place: upgraded tills pull every member again
(their migration 0008_member_privacy drops their members cursor).

Revision ID: 0003_member_lookup
Revises: 0002_hardening
Create Date: 2026-12-04
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003_member_lookup"
down_revision = "0002_hardening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_lookup_key",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("secret", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_member_lookup_key")),
    )
    from sync.server.changes import ChangeSet, flush, to_json
    from sync.server.lookup import lookup_secret, member_data

    conn = op.get_bind()
    members = conn.execute(sa.text(
        "SELECT member_id, phone, name, tier, card_no, birthday, points_balance FROM member"
    )).mappings().all()
    if not members:
        return  # the secret is made on first use
    changes = ChangeSet()
    secret = lookup_secret(conn, now=datetime.now(UTC), changes=changes)
    flush(conn, changes)  # publishes the secret on chain_keys
    conn.execute(sa.text(
        "UPDATE change_log SET data = :data WHERE stream = 'members' AND store_id = 0 "
        "AND key = :key AND op = 'upsert'"),
        [{"key": m["member_id"], "data": to_json(member_data(m, secret))} for m in members])


def downgrade() -> None:
    # The stream's entries keep the new form; a till of the old version would refuse them
    # (visibly) until HQ re-imports the members.
    op.drop_table("member_lookup_key")
