"""``GET /v1/stock/{sku}``: the other stores' balances of one product
(``contract.chain_stock``), for a terminal of the chain.

Two indexed reads: the chain's stores (a small table), then the balances by their primary
key (store, sku) for those stores — never a scan of the balances of every product.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select

from contract.chain_stock import MAX_STORES, ChainStock, StoreStock
from sync.server.auth import authenticate
from sync.server.db import read_tx
from sync.server.ledger_tables import stock_balance
from sync.server.tables import store

MAX_SKU = 64


def chain_stock(engine: Engine, *, authorization: str | None, sku: str,
                now: datetime) -> ChainStock:
    """``sku``'s balance in every store but the caller's, the most first (401 for an
    unknown credential); stores that never held it are left out."""
    sku = sku.strip()[:MAX_SKU]
    with read_tx(engine) as conn:
        caller = authenticate(conn, authorization)
        stores = {row.id: row for row in conn.execute(
            select(store.c.id, store.c.code, store.c.name, store.c.address)
            .where(store.c.id != caller.store_id))}
        rows = conn.execute(
            select(stock_balance.c.store_id, stock_balance.c.on_hand,
                   stock_balance.c.updated_at)
            .where(stock_balance.c.store_id.in_(list(stores)),
                   stock_balance.c.sku == sku)).all() if stores else []
    found = [StoreStock(store_code=stores[r.store_id].code, store_name=stores[r.store_id].name,
                        address=stores[r.store_id].address, on_hand=int(r.on_hand),
                        updated_at=_iso(r.updated_at)) for r in rows]
    found.sort(key=lambda s: (-s.on_hand, s.store_code))
    return ChainStock(sku=sku, as_of=_iso(now), stores=found[:MAX_STORES])


def _iso(at: datetime) -> str:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
