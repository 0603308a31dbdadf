"""Staff, their roles, sign-in locks and the audit log.

Staff and roles are reference data from the cloud (``staff`` and ``roles`` streams), plus
the one local admin a brand-new till creates at first run. The audit log is append-only:
the triggers named in ``raw_sql.TRIGGERS`` refuse to change or delete an entry.
"""

from __future__ import annotations

from sqlmodel import Field

from pos_app.store.models.base import LocalTable, table_of


class StaffRole(LocalTable, table=True):
    """A role as data: its permissions (JSON list of ``core.roles.Permission`` values) and
    the largest discount it may give."""

    __tablename__ = "staff_role"

    code: str = Field(primary_key=True)
    permissions: str  # JSON list
    max_discount_bp: int = 0
    updated_at: str


class Staff(LocalTable, table=True):
    """A staff member who may sign in here. ``code`` is what they type at the sign-in
    screen; the PIN is kept only as an argon2id hash, the badge as a keyed hash."""

    __tablename__ = "staff"

    staff_id: str = Field(primary_key=True)
    code: str = Field(unique=True)
    name: str
    role: str
    pin_hash: str
    badge_hash: str | None = Field(default=None, index=True)
    active: bool = True
    source: str = "cloud"  # "local": the first-run admin of a till without staff
    updated_at: str


class StaffLock(LocalTable, table=True):
    """Wrong PINs in a row and, after too many, until when the staff member is locked.
    Local state: the cloud's staff rows replace ``staff`` and never touch it."""

    __tablename__ = "staff_lock"

    staff_id: str = Field(primary_key=True)
    failed: int = 0
    locked_until: str | None = None


class AuditEntry(LocalTable, table=True):
    """Who did what, when, approved by whom: never updated, never deleted."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    entry_uuid: str = Field(unique=True)
    at: str = Field(index=True)
    action: str = Field(index=True)
    staff_id: str = Field(index=True)
    staff_name: str
    approver_id: str | None = None
    approver_name: str | None = None
    subject: str = Field(default="", index=True)  # the sale, receipt or shift it concerns
    detail: str = "{}"  # JSON: what changed (amounts in fen)


staff_role = table_of(StaffRole)
staff = table_of(Staff)
staff_lock = table_of(StaffLock)
audit_entry = table_of(AuditEntry)
