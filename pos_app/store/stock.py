"""Stock: an append-only ledger of deltas plus a per-product running balance."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Engine, text

from pos_app.store.db import read_tx, write_tx

_MOVE = text(
    "INSERT INTO stock_movement (product_id, delta, reason, sale_id, created_at, event_seq) "
    "VALUES (:p, :d, :r, :s, :c, :e)"
)
_BALANCE = text(
    "INSERT INTO stock_balance (product_id, on_hand) VALUES (:p, :d) "
    "ON CONFLICT (product_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand"
)


def apply_movements(
    conn: Connection, moves: Sequence[tuple[int, int]], *, reason: str,
    created_at: str, sale_id: int | None = None, event_seq: int | None = None,
) -> None:
    """Append ``(product_id, delta)`` movements and update balances in the caller's tx;
    ``event_seq`` is the outbox event that tells the cloud about them (if any)."""
    if not moves:
        return
    conn.execute(_MOVE, [{"p": p, "d": d, "r": reason, "s": sale_id, "c": created_at,
                          "e": event_seq} for p, d in moves])
    conn.execute(_BALANCE, [{"p": p, "d": d} for p, d in moves])


def record_movements(
    *, engine: Engine, moves: Sequence[tuple[int, int]], reason: str, created_at: str
) -> None:
    """Append stock movements (receipts, counts, opening stock) in one transaction."""
    with write_tx(engine) as conn:
        apply_movements(conn, moves, reason=reason, created_at=created_at)


def ledger_sum(*, engine: Engine, product_id: int) -> int:
    """Σ of the ledger for one product (a check; ``catalog.on_hand`` is the fast path): its
    movements plus the sum carried forward from those retention deleted."""
    with read_tx(engine) as conn:
        return int(conn.execute(text(
            "SELECT coalesce(sum(delta), 0) + coalesce((SELECT delta FROM stock_carried "
            "WHERE product_id = :p), 0) FROM stock_movement WHERE product_id = :p"
        ), {"p": product_id}).scalar_one())
