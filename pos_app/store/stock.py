"""Stock: an append-only ledger of deltas plus a per-product running balance."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.dialects import sqlite

from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import stock_balance, stock_carried, stock_movement

_MOVE = insert(stock_movement)
_add = sqlite.insert(stock_balance)
_BALANCE = _add.on_conflict_do_update(
    index_elements=["product_id"],
    set_={"on_hand": stock_balance.c.on_hand + _add.excluded.on_hand})


def apply_movements(
    conn: Connection, moves: Sequence[tuple[int, int]], *, reason: str,
    created_at: str, sale_id: int | None = None, event_seq: int | None = None,
) -> None:
    """Append ``(product_id, delta)`` movements and update balances in the caller's tx;
    ``event_seq`` is the outbox event that tells the cloud about them (if any)."""
    if not moves:
        return
    conn.execute(_MOVE, [{"product_id": p, "delta": d, "reason": reason, "sale_id": sale_id,
                          "created_at": created_at, "event_seq": event_seq}
                         for p, d in moves])
    conn.execute(_BALANCE, [{"product_id": p, "on_hand": d} for p, d in moves])


def record_movements(
    *, engine: Engine, moves: Sequence[tuple[int, int]], reason: str, created_at: str
) -> None:
    """Append stock movements (receipts, counts, opening stock) in one transaction."""
    with write_tx(engine) as conn:
        apply_movements(conn, moves, reason=reason, created_at=created_at)


def balance_of(conn: Connection, product_id: int) -> int:
    """The product's running balance (one primary-key read), 0 when it never moved."""
    value = conn.execute(select(stock_balance.c.on_hand).where(
        stock_balance.c.product_id == product_id)).scalar()
    return int(value or 0)


def ledger_sum(*, engine: Engine, product_id: int) -> int:
    """Σ of the ledger for one product (a check; ``catalog.on_hand`` is the fast path): its
    movements plus the sum carried forward from those retention deleted."""
    carried = select(stock_carried.c.delta).where(
        stock_carried.c.product_id == product_id).scalar_subquery()
    with read_tx(engine) as conn:
        return int(conn.execute(select(
            func.coalesce(func.sum(stock_movement.c.delta), 0) + func.coalesce(carried, 0))
            .where(stock_movement.c.product_id == product_id)).scalar_one())
