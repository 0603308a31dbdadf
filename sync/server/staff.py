"""HQ's staff and roles: each store's staff (code, name, role, PIN hash, badge hash) and the
chain's roles. Every write is recorded on its stream in the same transaction (``staff`` per
store, ``roles`` chain-wide), so tills pull it at their next sync.

A PIN reaches this module only to be checked and hashed (argon2id, ``contract.staff``): it
is never stored, logged or sent in the clear, and no listing shows a hash.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, literal, select, update

from contract.staff import (
    PIN_DIGITS,
    STAFF_CODE,
    RoleData,
    StaffData,
    badge_hash,
    check_pin,
    hash_pin,
)
from pos_app.core.errors import PosError
from pos_app.core.roles import DEFAULT_ROLES, Role
from pos_app.core.text import first_bad_char
from sync.server.changes import ChangeSet, flush
from sync.server.db import read_tx, upsert, write_tx
from sync.server.tables import role, staff, store

_CODE = re.compile(STAFF_CODE, re.ASCII)
MAX_NAME = 64  # contract.staff.StaffData.name
MAX_BADGE = 128


class StaffRefused(ValueError):
    """An HQ staff action that cannot be done; the message says why, in words."""


@dataclass(frozen=True, slots=True)
class StaffListed:
    """A staff member as HQ's listing shows them (no hashes)."""

    staff_id: str
    code: str
    name: str
    role: str
    has_badge: bool
    active: bool


# ---- roles -----------------------------------------------------------------------------


def role_data(r: Role) -> RoleData:
    """A role as the ``roles`` stream carries it (permissions sorted: one form per role)."""
    return RoleData(permissions=sorted(p.value for p in r.permissions),
                    max_discount_bp=r.max_discount_bp)


def put_roles(conn: Connection, roles: Iterable[Role], *, now: datetime) -> None:
    """Create or replace roles, and publish them on the ``roles`` stream."""
    changes = ChangeSet()
    rows = []
    for r in roles:
        data = role_data(r)
        rows.append({"code": r.code, "permissions": json.dumps(data.permissions),
                     "max_discount_bp": data.max_discount_bp, "updated_at": now})
        changes.upsert("roles", r.code, data.model_dump(mode="json"))
    upsert(conn, role, rows, keys=("code",))
    flush(conn, changes)


def ensure_default_roles(conn: Connection, *, now: datetime) -> bool:
    """Give a chain without any role the defaults (``core.roles.DEFAULT_ROLES``); whether it
    had none. A chain that has roles keeps them as they are (one HQ removed stays removed)."""
    if conn.execute(select(literal(1)).select_from(role).limit(1)).first() is not None:
        return False
    put_roles(conn, DEFAULT_ROLES.values(), now=now)
    return True


# ---- staff -----------------------------------------------------------------------------


def put_staff(conn: Connection, *, store_id: int, staff_id: str, data: StaffData,
              now: datetime) -> None:
    """Create or replace one staff member of a store and publish it on its ``staff``
    stream."""
    upsert(conn, staff, [{"store_id": store_id, "staff_id": staff_id, **data.model_dump(),
                          "updated_at": now}], keys=("store_id", "staff_id"))
    changes = ChangeSet()
    changes.upsert("staff", staff_id, data.model_dump(mode="json"), store_id=store_id)
    flush(conn, changes)


def _store_id(conn: Connection, store_code: str) -> int:
    found = conn.execute(select(store.c.id).where(store.c.code == store_code)).scalar()
    if found is None:
        raise StaffRefused(f"no store {store_code} (pos-cloud create-store makes one)")
    return int(found)


def check_pin_or_refuse(pin: str) -> None:
    """``StaffRefused`` unless ``pin`` is 4 to 8 digits (``contract.staff.check_pin``)."""
    try:
        check_pin(pin)
    except PosError:
        raise StaffRefused(f"a PIN is {PIN_DIGITS[0]} to {PIN_DIGITS[1]} digits") from None


def _hashed_pin(pin: str) -> str:
    check_pin_or_refuse(pin)
    return hash_pin(pin)


def _clean(what: str, text: str, *, longest: int) -> str:
    text = text.strip()
    if not text or len(text) > longest:
        raise StaffRefused(f"the {what} must be 1 to {longest} characters")
    at = first_bad_char(text)
    if at is not None:
        raise StaffRefused(f"the {what} holds a control character at position {at + 1}")
    return text


def _row(conn: Connection, store_id: int, code: str) -> tuple[str, StaffData] | None:
    """(staff id, data) of the store's staff member with ``code``, row-locked."""
    r = conn.execute(select(staff).where(staff.c.store_id == store_id, staff.c.code == code)
                     .with_for_update()).first()
    if r is None:
        return None
    return r.staff_id, StaffData(code=r.code, name=r.name, role=r.role, pin_hash=r.pin_hash,
                                 badge_hash=r.badge_hash, active=r.active)


def add_staff(engine: Engine, *, store_code: str, code: str, name: str, role_code: str,
              pin: str, badge: str | None = None, now: datetime) -> str:
    """Add a staff member to a store; their new staff id. ``StaffRefused`` for an unknown
    store or role, a code or badge already taken in the store, or a PIN that is not 4 to 8
    digits."""
    code = code.strip()
    if not _CODE.match(code):
        raise StaffRefused("a staff code is 1 to 16 letters, digits, '-' or '_'")
    name = _clean("name", name, longest=MAX_NAME)
    badge_code = None if badge is None else _clean("badge", badge, longest=MAX_BADGE)
    pin_hash = _hashed_pin(pin)  # ~0.1 s by design: before the transaction, not in it
    with write_tx(engine) as conn:
        store_id = _store_id(conn, store_code)
        ensure_default_roles(conn, now=now)
        if conn.execute(select(role.c.code).where(role.c.code == role_code)).first() is None:
            known = ", ".join(conn.execute(select(role.c.code).order_by(role.c.code))
                              .scalars())
            raise StaffRefused(f"no role {role_code!r} (the chain's roles: {known})")
        found = _row(conn, store_id, code)
        if found is not None:
            taken = found[1]
            state = "" if taken.active else ", disabled"
            raise StaffRefused(f"code {code} is taken in {store_code} (by {taken.name}{state})")
        digest = None if badge_code is None else badge_hash(badge_code)
        if digest is not None and conn.execute(select(staff.c.code).where(
                staff.c.store_id == store_id, staff.c.badge_hash == digest)).first():
            raise StaffRefused(f"that badge is already another staff member's in {store_code}")
        try:
            data = StaffData(code=code, name=name, role=role_code, pin_hash=pin_hash,
                             badge_hash=digest)
        except ValidationError as exc:
            raise StaffRefused(f"not a valid staff member: {exc.errors()[0]['msg']}") from None
        staff_id = str(uuid.uuid4())
        put_staff(conn, store_id=store_id, staff_id=staff_id, data=data, now=now)
    return staff_id


def _change(engine: Engine, *, store_code: str, code: str, now: datetime,
            **values: object) -> bool:
    """Change one staff member (``values``: columns of ``StaffData``); whether anything
    changed. ``StaffRefused`` for an unknown store or code."""
    with write_tx(engine) as conn:
        store_id = _store_id(conn, store_code)
        found = _row(conn, store_id, code)
        if found is None:
            raise StaffRefused(f"no staff member with code {code} in {store_code}")
        staff_id, old = found
        new = old.model_copy(update=values)
        if new == old:
            return False
        conn.execute(update(staff).where(staff.c.store_id == store_id,
                                         staff.c.staff_id == staff_id)
                     .values(**values, updated_at=now))
        changes = ChangeSet()
        changes.upsert("staff", staff_id, new.model_dump(mode="json"), store_id=store_id)
        flush(conn, changes)
    return True


def disable_staff(engine: Engine, *, store_code: str, code: str, now: datetime) -> bool:
    """Stop a staff member signing in anywhere in the store (the row stays, for the audit
    log's names); False when they were disabled already."""
    return _change(engine, store_code=store_code, code=code, now=now, active=False)


def set_pin(engine: Engine, *, store_code: str, code: str, pin: str, now: datetime) -> None:
    """Give a staff member a new PIN (the old one stops working at each till's next pull)."""
    _change(engine, store_code=store_code, code=code, now=now, pin_hash=_hashed_pin(pin))


def list_staff(engine: Engine, *, store_code: str) -> list[StaffListed]:
    """A store's staff by code, disabled ones too."""
    with read_tx(engine) as conn:
        store_id = _store_id(conn, store_code)
        rows = conn.execute(select(staff).where(staff.c.store_id == store_id)
                            .order_by(staff.c.code)).all()
    return [StaffListed(r.staff_id, r.code, r.name, r.role, r.badge_hash is not None,
                        r.active) for r in rows]
