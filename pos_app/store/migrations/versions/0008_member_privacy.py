"""member privacy: a phone number (or card number) may belong to several members, as in the
cloud, which keeps both members of a phone signed up twice until HQ merges them

Revision ID: 0008_member_privacy
Revises: 0007_sync
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0008_member_privacy"
down_revision = "0007_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member") as t:
        t.drop_constraint("uq_member_phone", type_="unique")
        t.drop_constraint("uq_member_card_no", type_="unique")
        t.create_index("ix_member_phone", ["phone"])
        t.create_index("ix_member_card_no", ["card_no"])


def downgrade() -> None:
    # Fails while two members share a phone or card: merge them first (as HQ would).
    with op.batch_alter_table("member") as t:
        t.drop_index("ix_member_card_no")
        t.drop_index("ix_member_phone")
        t.create_unique_constraint("uq_member_card_no", ["card_no"])
        t.create_unique_constraint("uq_member_phone", ["phone"])
