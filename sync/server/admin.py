"""HQ actions on stores, terminals, signing keys and coupons (the CLI calls these)."""

from __future__ import annotations

import secrets
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, Engine, delete, select, update

from pos_app.core.coupons import Coupon, make_coupon_code, parse_coupon_code
from pos_app.core.errors import PosError
from pos_app.core.signed_codes import (
    new_private_key,
    private_key_from_text,
    private_key_to_text,
    public_key_from_text,
    public_key_to_text,
)
from sync.server.changes import ChangeSet, flush
from sync.server.db import insert_new, upsert, write_tx
from sync.server.enroll import store_id_of
from sync.server.key_vault import KeyVault, vault_for
from sync.server.staff import ensure_default_roles
from sync.server.tables import chain_key, coupon, store, terminal


def put_store(conn: Connection, *, code: str, name: str, address: str = "", footer: str = "",
              now: datetime) -> int:
    """Create or update a store; returns its id."""
    exists = conn.execute(select(store.c.id).where(store.c.code == code)).scalar()
    values = {"name": name, "address": address, "footer": footer}
    if exists is None:
        store_id = int(conn.execute(store.insert().values(code=code, created_at=now, **values)
                                    .returning(store.c.id)).scalar_one())
    else:
        store_id = int(exists)
        conn.execute(update(store).where(store.c.id == store_id).values(**values))
    changes = ChangeSet()
    changes.upsert("store", code, {"store_name": name, "store_address": address,
                                   "footer": footer}, store_id=store_id)
    flush(conn, changes)
    return store_id


def put_chain_key(conn: Connection, *, key_id: str, private_key: Ed25519PrivateKey,
                  now: datetime, vault: KeyVault | None = None) -> bool:
    """Store a signing key (kept on the server, encrypted by ``vault``, default the
    settings') and publish its public half; whether it was new."""
    public = public_key_to_text(private_key.public_key())
    sealed = (vault or vault_for(conn)).seal(private_key_to_text(private_key))
    added = insert_new(conn, chain_key, {"key_id": key_id, "public_key": public,
                                         "private_key": sealed, "created_at": now})
    if added:
        changes = ChangeSet()
        changes.upsert("chain_keys", key_id, {"public_key": public})
        flush(conn, changes)
    return added


def ensure_chain_key(conn: Connection, *, now: datetime, vault: KeyVault | None = None
                     ) -> str | None:
    """Generate the chain's first signing key if it has none; the new key id or None."""
    if conn.execute(select(chain_key.c.key_id).limit(1)).first() is not None:
        return None
    key_id = f"k{now:%Y%m%d}-{secrets.token_hex(3)}"
    put_chain_key(conn, key_id=key_id, private_key=new_private_key(), now=now, vault=vault)
    return key_id


def create_store(engine: Engine, *, code: str, name: str, address: str = "", footer: str = "",
                 now: datetime, vault: KeyVault | None = None) -> int:
    """Create (or update) a store, and the chain's signing key and default roles if it has
    none yet."""
    with write_tx(engine) as conn:
        store_id = put_store(conn, code=code, name=name, address=address, footer=footer,
                             now=now)
        ensure_chain_key(conn, now=now, vault=vault)
        ensure_default_roles(conn, now=now)
    return store_id


def retire_chain_key(engine: Engine, *, key_id: str) -> None:
    """Stop trusting a signing key: delete it and tell tills to drop it (the newest key
    cannot be retired: there would be nothing left to sign with). LookupError/ValueError."""
    with write_tx(engine) as conn:
        newest = conn.execute(select(chain_key.c.key_id).order_by(
            chain_key.c.created_at.desc(), chain_key.c.key_id.desc()).limit(1)).scalar()
        if conn.execute(delete(chain_key).where(chain_key.c.key_id == key_id)).rowcount != 1:
            raise LookupError(f"no chain key {key_id}")
        if key_id == newest:
            raise ValueError(f"{key_id} is the newest chain key; run pos-cloud keygen first")
        changes = ChangeSet()
        changes.delete("chain_keys", key_id)
        flush(conn, changes)


def signing_key(conn: Connection, *, vault: KeyVault | None = None
                ) -> tuple[str, Ed25519PrivateKey]:
    """The newest chain key (id, private key); LookupError when there is none,
    ``KeyVaultError`` when the key-encryption key is missing or wrong."""
    row = conn.execute(select(chain_key.c.key_id, chain_key.c.private_key)
                       .order_by(chain_key.c.created_at.desc(), chain_key.c.key_id.desc())
                       .limit(1)).first()
    if row is None:
        raise LookupError("no chain key: run pos-cloud keygen")
    private = (vault or vault_for(conn)).open(row.private_key, key_id=row.key_id)
    return row.key_id, private_key_from_text(private)


def revoke_terminal(engine: Engine, *, store_code: str, terminal_code: str,
                    now: datetime) -> int:
    """Revoke the active credential(s) of a terminal; how many were revoked."""
    with write_tx(engine) as conn:
        store_id = store_id_of(conn, store_code)
        return int(conn.execute(update(terminal).where(
            terminal.c.store_id == store_id, terminal.c.code == terminal_code,
            terminal.c.revoked_at.is_(None)).values(revoked_at=now)).rowcount)


def issue_coupon(engine: Engine, *, coupon_value: Coupon, now: datetime,
                 vault: KeyVault | None = None) -> str:
    """Sign a coupon with the chain key and record it; a member's coupon goes to their
    wallet stream. Returns the signed code."""
    with write_tx(engine) as conn:
        _, key = signing_key(conn, vault=vault)
        code = make_coupon_code(coupon_value, private_key=key)
        conn.execute(coupon.insert(), {
            "coupon_id": coupon_value.coupon_id, "member_id": coupon_value.member_id,
            "kind": coupon_value.kind, "name": coupon_value.name, "code": code,
            "issued_at": now})
        if coupon_value.member_id is not None:
            changes = ChangeSet()
            changes.upsert("wallet", coupon_value.coupon_id,
                           {"member_id": coupon_value.member_id, "code": code})
            flush(conn, changes)
    return code


def put_wallet(conn: Connection, rows: list[tuple[str, str, str]], *, now: datetime) -> None:
    """Record member coupons signed elsewhere with a chain key (coupon_id, member_id, code),
    e.g. the demo's; a code no chain key verifies is refused (ValueError)."""
    keys = [public_key_from_text(k) for k in conn.execute(select(chain_key.c.public_key))
            .scalars()]
    coupons = []
    for coupon_id, member_id, code in rows:
        try:
            parsed = parse_coupon_code(code, public_keys=keys)
        except PosError as exc:
            raise ValueError(f"coupon {coupon_id}: {exc}") from None
        coupons.append({"coupon_id": coupon_id, "member_id": member_id, "kind": parsed.kind,
                        "name": parsed.name, "code": code, "issued_at": now})
    upsert(conn, coupon, coupons, keys=("coupon_id",))
    changes = ChangeSet()
    for cid, mid, code in rows:
        changes.upsert("wallet", cid, {"member_id": mid, "code": code})
    flush(conn, changes)


def revoke_coupon(engine: Engine, *, coupon_id: str, now: datetime) -> bool:
    """Revoke a coupon: tills refuse it from their next pull; whether it was known."""
    with write_tx(engine) as conn:
        known = conn.execute(update(coupon).where(coupon.c.coupon_id == coupon_id)
                             .values(revoked_at=now)).rowcount == 1
        changes = ChangeSet()
        changes.upsert("revoked_coupons", coupon_id, {"revoked_at": now.isoformat()})
        changes.delete("wallet", coupon_id)
        flush(conn, changes)
    return known

