"""shifts and cash movements; a sale's shift, cashier and sale discount; override amounts

Revision ID: 0013_shifts
Revises: 0012_staff_audit
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_shifts"
down_revision = "0012_staff_audit"
branch_labels = None
depends_on = None

# A closed shift is never changed nor deleted (named in ``raw_sql.TRIGGERS``).
TRIGGERS = {
    "shift_closed_immutable": (
        "CREATE TRIGGER shift_closed_immutable BEFORE UPDATE ON shift "
        "WHEN OLD.state = 'closed' "
        "BEGIN SELECT RAISE(ABORT, 'a closed shift is never changed'); END"
    ),
    "shift_undeletable": (
        "CREATE TRIGGER shift_undeletable BEFORE DELETE ON shift "
        "BEGIN SELECT RAISE(ABORT, 'a shift is never deleted'); END"
    ),
    "cash_movement_append_only": (
        "CREATE TRIGGER cash_movement_append_only BEFORE UPDATE ON cash_movement "
        "BEGIN SELECT RAISE(ABORT, 'cash movements are never changed'); END"
    ),
}


def upgrade() -> None:
    op.create_table(
        "shift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_uuid", sa.String(), nullable=False),
        sa.Column("store_code", sa.String(), nullable=False),
        sa.Column("terminal_code", sa.String(), nullable=False),
        sa.Column("shift_no", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("opened_at", sa.String(), nullable=False),
        sa.Column("opened_by_id", sa.String(), nullable=False),
        sa.Column("opened_by_name", sa.String(), nullable=False),
        sa.Column("opening_float_fen", sa.Integer(), nullable=False),
        sa.Column("opening_count", sa.String(), nullable=False),
        sa.Column("closed_at", sa.String(), nullable=True),
        sa.Column("closed_by_id", sa.String(), nullable=True),
        sa.Column("closed_by_name", sa.String(), nullable=True),
        sa.Column("report", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift")),
        sa.UniqueConstraint("shift_uuid", name=op.f("uq_shift_shift_uuid")),
    )
    op.create_index("uq_shift_open_per_terminal", "shift", ["terminal_code"], unique=True,
                    sqlite_where=sa.text("state = 'open'"))
    op.create_table(
        "cash_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("movement_uuid", sa.String(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("staff_name", sa.String(), nullable=False),
        sa.Column("approver_name", sa.String(), nullable=True),
        sa.Column("at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["shift_id"], ["shift.id"],
                                name=op.f("fk_cash_movement_shift_id_shift")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_movement")),
        sa.UniqueConstraint("movement_uuid", name=op.f("uq_cash_movement_movement_uuid")),
    )
    op.create_index(op.f("ix_cash_movement_shift_id"), "cash_movement", ["shift_id"])
    op.create_index(op.f("ix_audit_entry_subject"), "audit_entry", ["subject"])
    # Plain ADD COLUMNs: no rebuild of a year of sales, the sales' triggers stay.
    op.add_column("sale", sa.Column("shift_id", sa.Integer(), nullable=True))
    op.add_column("sale", sa.Column("cashier_id", sa.String(), nullable=False,
                                    server_default=""))
    op.add_column("sale", sa.Column("sale_discount_fen", sa.Integer(), nullable=False,
                                    server_default="0"))
    op.create_index(op.f("ix_sale_shift_id"), "sale", ["shift_id"])
    op.add_column("sale_line", sa.Column("override_fen", sa.Integer(), nullable=False,
                                         server_default="0"))
    for ddl in TRIGGERS.values():
        op.execute(ddl)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("ALTER TABLE sale_line DROP COLUMN override_fen")
    op.drop_index(op.f("ix_sale_shift_id"), table_name="sale")
    for column in ("sale_discount_fen", "cashier_id", "shift_id"):
        op.execute(f"ALTER TABLE sale DROP COLUMN {column}")
    op.drop_index(op.f("ix_audit_entry_subject"), table_name="audit_entry")
    op.drop_index(op.f("ix_cash_movement_shift_id"), table_name="cash_movement")
    op.drop_table("cash_movement")
    op.drop_index("uq_shift_open_per_terminal", table_name="shift")
    op.drop_table("shift")
