"""Staff and roles as the till keeps them, and the wrong-PIN lock.

Staff rows come from the cloud's ``staff`` stream (or are the first-run local admin);
roles from the ``roles`` stream, with ``core.roles.DEFAULT_ROLES`` for any code the cloud
has not sent. Reads are single indexed rows: fine on any thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update

from contract.staff import RoleData, StaffData
from pos_app.core.errors import PosError
from pos_app.core.roles import DEFAULT_ROLES, Permission, Role
from pos_app.store.db import read_tx
from pos_app.store.models import staff, staff_lock, staff_role
from pos_app.store.statements import replace, upsert


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A staff member as sign-in needs them."""

    staff_id: str
    code: str
    name: str
    role: str
    pin_hash: str
    active: bool = True
    source: str = "cloud"


_s = staff.c
_COLUMNS = (_s.staff_id, _s.code, _s.name, _s.role, _s.pin_hash, _s.active, _s.source)
_PUT_STAFF = upsert(staff, key=["staff_id"])
_PUT_ROLE = replace(staff_role)


def put_staff(conn: Connection, staff_id: str, data: StaffData, *, at: str,
              source: str = "cloud") -> None:
    """Write one staff row (a pulled change, or the local admin). A code another staff
    member holds moves to this one (the cloud's rows are the truth)."""
    conn.execute(delete(staff).where(_s.code == data.code, _s.staff_id != staff_id))
    conn.execute(_PUT_STAFF, {"staff_id": staff_id, **data.model_dump(), "source": source,
                              "updated_at": at})


def disable_staff(conn: Connection, staff_id: str, *, at: str) -> None:
    """A deleted staff member can no longer sign in; the row stays for the audit's names."""
    conn.execute(update(staff).where(_s.staff_id == staff_id)
                 .values(active=False, updated_at=at))


def disable_cloud_staff(conn: Connection, *, at: str) -> None:
    """A reset of the stream: the cloud's staff stop until the new rows come; the local
    admin stays."""
    conn.execute(update(staff).where(_s.source == "cloud").values(active=False, updated_at=at))


def put_role(conn: Connection, code: str, data: RoleData, *, at: str) -> None:
    """Write one role; unknown permission names (a newer cloud's) are kept and ignored."""
    conn.execute(_PUT_ROLE, {"code": code, "permissions": json.dumps(data.permissions),
                             "max_discount_bp": data.max_discount_bp, "updated_at": at})


def delete_roles(conn: Connection, code: str | None = None) -> None:
    """Forget one role (or all): the default of that code applies again."""
    q = delete(staff_role)
    conn.execute(q if code is None else q.where(staff_role.c.code == code))


def _member(r: Any) -> StaffMember:
    return StaffMember(r.staff_id, r.code, r.name, r.role, r.pin_hash, r.active, r.source)


def staff_count(engine: Engine) -> int:
    """How many staff rows there are (0: a brand-new till)."""
    with read_tx(engine) as conn:
        return int(conn.execute(select(func.count()).select_from(staff)).scalar_one())


def find_staff(engine: Engine, *, code: str | None = None, staff_id: str | None = None,
               badge: str | None = None) -> StaffMember | None:
    """One staff member by typed code, id or badge hash (inactive ones too: the caller
    says why they cannot sign in)."""
    q = select(*_COLUMNS)
    if code is not None:
        q = q.where(_s.code == code)
    elif staff_id is not None:
        q = q.where(_s.staff_id == staff_id)
    elif badge is not None:
        q = q.where(_s.badge_hash == badge)
    else:
        raise ValueError("find_staff needs code, staff_id or badge")
    with read_tx(engine) as conn:
        r = conn.execute(q.limit(1)).first()
    return _member(r) if r else None


def list_staff(engine: Engine) -> list[StaffMember]:
    """Active staff by code (the sign-in screen's list; a store has tens, not thousands)."""
    with read_tx(engine) as conn:
        rows = conn.execute(select(*_COLUMNS).where(_s.active).order_by(_s.code)).all()
    return [_member(r) for r in rows]


def role_of(engine: Engine, code: str) -> Role:
    """The role ``code`` as the cloud sent it, else its default; an unknown code may do
    nothing (a staff row ahead of its role)."""
    with read_tx(engine) as conn:
        r = conn.execute(select(staff_role.c.permissions, staff_role.c.max_discount_bp)
                         .where(staff_role.c.code == code)).first()
    if r is None:
        return DEFAULT_ROLES.get(code) or Role(code if code.isascii() and code.islower()
                                               else "unknown")
    known = {p.value for p in Permission}
    perms = frozenset(Permission(p) for p in json.loads(r.permissions) if p in known)
    return Role(code, perms, max_discount_bp=int(r.max_discount_bp))


# ---- wrong PINs ----------------------------------------------------------------------------

_l = staff_lock.c
_PUT_LOCK = replace(staff_lock)


def locked_until(conn: Connection, staff_id: str, now: datetime) -> datetime | None:
    """When the staff member's lock ends, if they are locked now."""
    r = conn.execute(select(_l.locked_until).where(_l.staff_id == staff_id)).first()
    if r is None or r.locked_until is None:
        return None
    until = datetime.fromisoformat(r.locked_until)
    return until if until > now else None


def count_failure(conn: Connection, staff_id: str, now: datetime, *, max_failures: int,
                  lock_for: timedelta) -> tuple[int, datetime | None]:
    """Count one wrong PIN: (failures in a row, lock end when this one locked them)."""
    r = conn.execute(select(_l.failed, _l.locked_until).where(_l.staff_id == staff_id)).first()
    failed = (r.failed if r is not None and r.locked_until is None else 0) + 1
    until = now + lock_for if failed >= max_failures else None
    conn.execute(_PUT_LOCK, {"staff_id": staff_id, "failed": failed,
                             "locked_until": until.isoformat() if until else None})
    return failed, until


def clear_failures(conn: Connection, staff_id: str) -> None:
    """A right PIN (or an expired lock) starts the count again."""
    conn.execute(delete(staff_lock).where(_l.staff_id == staff_id))


def require_no_staff(conn: Connection) -> None:
    """The first-run admin is only for a till without any staff."""
    if conn.execute(select(func.count()).select_from(staff)).scalar_one():
        raise PosError("staff.admin_exists")
