"""sale line English name: a reprint prints the product names in the receipt's language

Revision ID: 0011_sale_line_name_en
Revises: 0010_history
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_sale_line_name_en"
down_revision = "0010_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER TABLE ADD COLUMN: no table rebuild, so the no-update trigger stays and a
    # year of sale lines costs nothing. Lines written before keep "" (a reprint then takes
    # the product's English name, see ``store.sales``).
    op.add_column("sale_line", sa.Column("name_en", sa.String(), nullable=False,
                                         server_default=""))


def downgrade() -> None:
    op.execute("ALTER TABLE sale_line DROP COLUMN name_en")  # SQLite >= 3.35, no rebuild
