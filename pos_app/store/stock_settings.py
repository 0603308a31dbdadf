"""Per-product stock settings at this store (``product_stock``): the minimum under which a
product is low, the last unit cost received, and whether receiving asks its expiry date;
and the low-stock rows read from them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.dialects import sqlite

from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import product, product_stock, stock_balance

_ps = product_stock.c


@dataclass(frozen=True, slots=True)
class StockSettings:
    """A product's settings (all optional: a product without a row has none)."""

    min_stock: int | None = None
    cost_fen: int | None = None
    tracks_expiry: bool = False


def _upsert(conn: Connection, product_id: int, **values: object) -> None:
    stmt = sqlite.insert(product_stock).values(product_id=product_id, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["product_id"], set_=values))


def note_costs(conn: Connection, costs: Sequence[tuple[int, int]]) -> None:
    """Keep the last unit cost received of each product, in the caller's transaction."""
    for product_id, cost in costs:
        _upsert(conn, product_id, cost_fen=cost)


def set_settings(*, engine: Engine, product_id: int, min_stock: int | None = None,
                 tracks_expiry: bool | None = None, clear_min: bool = False) -> None:
    """Set a product's minimum stock (``clear_min``: stop watching it) and/or whether it
    carries an expiry date."""
    values: dict[str, object] = {}
    if min_stock is not None or clear_min:
        values["min_stock"] = None if clear_min else min_stock
    if tracks_expiry is not None:
        values["tracks_expiry"] = tracks_expiry
    if values:
        with write_tx(engine) as conn:
            _upsert(conn, product_id, **values)


def settings_of(*, engine: Engine, product_id: int) -> StockSettings:
    """A product's settings (the defaults when it has none)."""
    with read_tx(engine) as conn:
        row = conn.execute(select(_ps.min_stock, _ps.cost_fen, _ps.tracks_expiry)
                           .where(_ps.product_id == product_id)).first()
    if row is None:
        return StockSettings()
    return StockSettings(row.min_stock, row.cost_fen, bool(row.tracks_expiry))


def watched_rows(*, engine: Engine, limit: int = 5000
                 ) -> list[tuple[int, str, str, int, int]]:
    """``(product_id, sku, name, on_hand, min_stock)`` of active products with a minimum
    whose balance is below it (indexed by the settings table, which lists only products a
    manager set)."""
    on_hand = func.coalesce(stock_balance.c.on_hand, 0)
    query = (select(product.c.id, product.c.sku, product.c.name, on_hand, _ps.min_stock)
             .select_from(product_stock.join(product, product.c.id == _ps.product_id)
                          .outerjoin(stock_balance, stock_balance.c.product_id == _ps.product_id))
             .where(_ps.min_stock.is_not(None), product.c.active, on_hand < _ps.min_stock)
             .limit(limit))
    with read_tx(engine) as conn:
        return [(int(r[0]), r[1], r[2], int(r[3]), int(r[4])) for r in conn.execute(query)]
