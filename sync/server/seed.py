"""The demo chain in the cloud: store S001 with the terminal demo's catalog, opening stock,
tiers, members, promotions, wallet coupons, the default roles, the demo staff (the till
demo's staff ids and PINs) and the demo signing key (so the demo's member and coupon codes
verify on tills that pull from this cloud).

The demo signing key is public (it is in the source): a cloud that publishes it makes every
till of its chain accept member codes and coupons anyone can forge. So the demo is only
seeded into a database created for it: an empty one (which is then marked as the demo's in
``cloud_meta``), or one already so marked that holds no store but the demo's.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Engine, Table, literal, select

from contract.demo import (
    DEMO_CSV,
    DEMO_KEY_ID,
    DEMO_MEMBERS,
    DEMO_NEIGHBOURS,
    DEMO_PROMOTIONS,
    DEMO_STORE,
    DEMO_TIERS,
    demo_lookup_secret,
    demo_private_key,
    demo_staff_data,
    neighbour_qty,
    opening_qty,
    wallet_codes,
)
from contract.products import decode_csv_bytes, parse_products_csv
from pos_app.core.promo_codec import promotion_to_dict
from sync.server.admin import put_chain_key, put_store, put_wallet
from sync.server.catalog import add_stock, put_members, put_products, put_promotions, put_tiers
from sync.server.changes import ChangeSet, flush
from sync.server.db import write_tx
from sync.server.key_vault import KeyVault
from sync.server.ledger_tables import sale
from sync.server.lookup import put_lookup_secret
from sync.server.staff import ensure_default_roles, put_staff
from sync.server.tables import chain_key, cloud_meta, member, product, store

DEMO_MARKER = "demo"


class DemoRefused(Exception):
    """``seed-demo`` on a database that is not the demo's (the message says what to do)."""


def _has_rows(conn: Connection, table: Table) -> bool:
    return conn.execute(select(literal(1)).select_from(table).limit(1)).first() is not None


def is_demo_database(conn: Connection) -> bool:
    """Whether ``seed-demo`` created this database."""
    return conn.execute(select(cloud_meta.c.value).where(
        cloud_meta.c.key == DEMO_MARKER)).scalar() == "1"


def check_demo_allowed(conn: Connection) -> None:
    """Refuse (``DemoRefused``) a database that holds real data or was not made as a demo."""
    if is_demo_database(conn):
        demo_codes = [DEMO_STORE.store_code, *(code for code, _, _ in DEMO_NEIGHBOURS)]
        other = conn.execute(select(store.c.code).where(
            store.c.code.not_in(demo_codes)).limit(1)).scalar()
        if other is not None:
            raise DemoRefused(
                f"this demo database also holds store {other}: it is used for real data, so "
                "the public demo signing key is not installed again; keep the demo in a "
                "database of its own")
        return
    if any(_has_rows(conn, t) for t in (store, product, member, sale, chain_key)):
        raise DemoRefused(
            "this database holds stores, products, members, sales or signing keys and was "
            "not created as a demo: seed-demo would publish the public demo signing key, "
            "and every till of this chain would accept forged member codes and coupons. "
            "Run seed-demo on an empty database (e.g. with a --data-dir of its own)")


def seed_demo(engine: Engine, *, now: datetime, vault: KeyVault | None = None) -> bool:
    """Create the demo chain in one transaction; does nothing when store S001 exists.
    Returns whether anything was written; ``DemoRefused`` on a database that is not the
    demo's (see the module's docstring)."""
    rows, errors = parse_products_csv(decode_csv_bytes(DEMO_CSV.read_bytes()))
    if errors:
        raise ValueError(f"demo catalog: {errors[0]}")
    products = [r for _, r in rows]
    staff = demo_staff_data()  # argon2: hashed before the transaction
    with write_tx(engine) as conn:
        check_demo_allowed(conn)
        if conn.execute(select(store.c.id).where(
                store.c.code == DEMO_STORE.store_code)).first() is not None:
            return False
        conn.execute(cloud_meta.insert().values(key=DEMO_MARKER, value="1"))
        store_id = put_store(conn, code=DEMO_STORE.store_code, name=DEMO_STORE.store_name,
                             address=DEMO_STORE.store_address, footer=DEMO_STORE.footer,
                             now=now)
        put_chain_key(conn, key_id=DEMO_KEY_ID, private_key=demo_private_key(), now=now,
                      vault=vault)
        put_products(conn, products, now=now)
        # The same opening stock as the terminal demo, so both start from one balance.
        add_stock(conn, store_id=store_id, reason="opening", now=now, moves=[
            (p.sku, opening_qty(n, p.is_weighed)) for n, p in enumerate(products)])
        for no, (code, name, address) in enumerate(DEMO_NEIGHBOURS, 1):
            other_id = put_store(conn, code=code, name=name, address=address,
                                 footer=DEMO_STORE.footer, now=now)
            add_stock(conn, store_id=other_id, reason="opening", now=now, moves=[
                (p.sku, qty) for n, p in enumerate(products)
                if (qty := neighbour_qty(no, n, p.is_weighed))])
        put_tiers(conn, DEMO_TIERS)
        # The demo till's lookup secret (public, like the demo key): both hash alike.
        changes = ChangeSet()
        put_lookup_secret(conn, secret=demo_lookup_secret(), now=now, changes=changes)
        flush(conn, changes)
        put_members(conn, DEMO_MEMBERS, now=now)
        put_promotions(conn, {p.promo_id: {k: v for k, v in promotion_to_dict(p).items()
                                           if k != "promo_id"} for p in DEMO_PROMOTIONS},
                       now=now)
        put_wallet(conn, wallet_codes(now), now=now)
        ensure_default_roles(conn, now=now)
        for staff_id, data in staff:
            put_staff(conn, store_id=store_id, staff_id=staff_id, data=data, now=now)
    return True
