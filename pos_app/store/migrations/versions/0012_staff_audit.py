"""staff, roles, sign-in locks and the append-only audit log

Revision ID: 0012_staff_audit
Revises: 0011_sale_line_name_en
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_staff_audit"
down_revision = "0011_sale_line_name_en"
branch_labels = None
depends_on = None

# The audit log is append-only (named in ``raw_sql.TRIGGERS``).
TRIGGERS = {
    "audit_entry_no_update": (
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    ),
    "audit_entry_no_delete": (
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    ),
}


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_uuid", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("staff_name", sa.String(), nullable=False),
        sa.Column("approver_id", sa.String(), nullable=True),
        sa.Column("approver_name", sa.String(), nullable=True),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("detail", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
        sa.UniqueConstraint("entry_uuid", name=op.f("uq_audit_entry_entry_uuid")),
    )
    op.create_index(op.f("ix_audit_entry_action"), "audit_entry", ["action"])
    op.create_index(op.f("ix_audit_entry_at"), "audit_entry", ["at"])
    op.create_index(op.f("ix_audit_entry_staff_id"), "audit_entry", ["staff_id"])
    op.create_table(
        "staff",
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("pin_hash", sa.String(), nullable=False),
        sa.Column("badge_hash", sa.String(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff")),
        sa.UniqueConstraint("code", name=op.f("uq_staff_code")),
    )
    op.create_index(op.f("ix_staff_badge_hash"), "staff", ["badge_hash"])
    op.create_table(
        "staff_lock",
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff_lock")),
    )
    op.create_table(
        "staff_role",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("permissions", sa.String(), nullable=False),
        sa.Column("max_discount_bp", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_staff_role")),
    )
    for ddl in TRIGGERS.values():
        op.execute(ddl)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("staff_role")
    op.drop_table("staff_lock")
    op.drop_index(op.f("ix_staff_badge_hash"), table_name="staff")
    op.drop_table("staff")
    for column in ("staff_id", "at", "action"):
        op.drop_index(op.f(f"ix_audit_entry_{column}"), table_name="audit_entry")
    op.drop_table("audit_entry")
