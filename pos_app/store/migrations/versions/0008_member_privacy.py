"""member privacy: a till keeps members' masked phone and name, keyed hashes of the phone and
card number and the birthday's month and day, never the full data (the cloud's); the chain's
lookup secret; a phone (or card) may belong to several members, as in the cloud, which keeps
both members of a phone signed up twice until HQ merges them

Existing rows are masked here; their hashes need the chain's lookup secret, which the till
has not received yet: the members stream is pulled again from the start (its cursor is
dropped), and the cloud's rows bring the hashes at the next sync. Until then members are
found by their QR code, not by phone or card.

Revision ID: 0008_member_privacy
Revises: 0007_sync
Create Date: 2026-12-04
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from pos_app.core.members import birthday_month_day, mask_name, mask_phone

revision = "0008_member_privacy"
down_revision = "0007_sync"
branch_labels = None
depends_on = None

_STR = sa.String()


def _col(name: str, *, null: bool = False, default: str | None = None) -> sa.Column[Any]:
    return sa.Column(name, _STR, nullable=null, server_default=default)


def upgrade() -> None:
    op.create_table(
        "member_lookup_key",
        _col("key_id"), _col("secret"), _col("updated_at"),
        sa.PrimaryKeyConstraint("key_id", name="pk_member_lookup_key"),
    )
    with op.batch_alter_table("member") as t:
        t.add_column(_col("phone_masked", default=""))
        t.add_column(_col("name_masked", default=""))
        t.add_column(_col("phone_hash", null=True))
        t.add_column(_col("card_hash", null=True))
        t.add_column(_col("birthday_md", null=True))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT member_id, phone, name, birthday FROM member")).all()
    if rows:
        conn.execute(sa.text(
            "UPDATE member SET phone_masked = :p, name_masked = :n, birthday_md = :b "
            "WHERE member_id = :id"), [
            {"id": r[0], "p": mask_phone(r[1]), "n": mask_name(r[2] or ""),
             "b": birthday_month_day(r[3])} for r in rows])
    with op.batch_alter_table("member") as t:
        t.drop_constraint("uq_member_phone", type_="unique")
        t.drop_constraint("uq_member_card_no", type_="unique")
        t.drop_column("phone")
        t.drop_column("name")
        t.drop_column("card_no")
        t.drop_column("birthday")
        t.create_index("ix_member_phone_hash", ["phone_hash"])
        t.create_index("ix_member_card_hash", ["card_hash"])
    conn.execute(sa.text("DELETE FROM sync_cursor WHERE stream = 'members'"))


def downgrade() -> None:
    # The full numbers are gone: the old columns get the masked phone (made unique with the
    # member id) and name; card numbers and birthdays stay empty.
    with op.batch_alter_table("member") as t:
        t.add_column(_col("phone", default=""))
        t.add_column(_col("name", default=""))
        t.add_column(_col("card_no", null=True))
        t.add_column(_col("birthday", null=True))
    op.execute("UPDATE member SET phone = phone_masked || '#' || member_id, "
               "name = name_masked")
    with op.batch_alter_table("member") as t:
        t.drop_index("ix_member_card_hash")
        t.drop_index("ix_member_phone_hash")
        for name in ("phone_masked", "name_masked", "phone_hash", "card_hash", "birthday_md"):
            t.drop_column(name)
        t.create_unique_constraint("uq_member_card_no", ["card_no"])
        t.create_unique_constraint("uq_member_phone", ["phone"])
    op.drop_table("member_lookup_key")
