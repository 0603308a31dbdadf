"""staff, roles and audit entries: the chain's roles and each store's staff (the ``roles``
and ``staff`` streams tills pull), and the audit log entries tills push
(``audit.recorded``). No data moves: a chain gets the default roles when a store is created
or staff is added (``sync.server.staff.ensure_default_roles``); until then its tills use
their built-in defaults.

Revision ID: 0005_staff_roles_audit
Revises: 0004_terminal_backlog
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_staff_roles_audit"
down_revision = "0004_terminal_backlog"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "role",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("permissions", sa.Text(), nullable=False),
        sa.Column("max_discount_bp", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_role")),
    )
    op.create_table(
        "staff",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("badge_hash", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"],
                                name=op.f("fk_staff_store_id_store")),
        sa.PrimaryKeyConstraint("store_id", "staff_id", name=op.f("pk_staff")),
        sa.UniqueConstraint("store_id", "badge_hash",
                            name=op.f("uq_staff_store_id_badge_hash")),
        sa.UniqueConstraint("store_id", "code", name=op.f("uq_staff_store_id_code")),
    )
    op.create_table(
        "audit_entry",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("entry_uuid", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("event_uuid", sa.String(length=36), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.Text(), nullable=False),
        sa.Column("staff_name", sa.Text(), nullable=False),
        sa.Column("approver_id", sa.Text(), nullable=True),
        sa.Column("approver_name", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"],
                                name=op.f("fk_audit_entry_store_id_store")),
        sa.PrimaryKeyConstraint("store_id", "entry_uuid", name=op.f("pk_audit_entry")),
    )
    op.create_index("ix_audit_entry_store_id_at", "audit_entry", ["store_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_entry_store_id_at", table_name="audit_entry")
    op.drop_table("audit_entry")
    op.drop_table("staff")
    op.drop_table("role")
