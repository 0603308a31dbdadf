"""Receiving, transfers and adjustments as arithmetic: differences of a receipt against its
order, the signed delta of an adjustment, what a transfer moves in each store, and the
low-stock rule with its suggested order quantity. No I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pos_app.core.errors import PosError
from pos_app.core.quantity import MAX_GRAMS, MAX_PIECES

# Adjustment reason codes and the sign of their delta: found adds, the rest remove. The wire
# format declares the same (``contract.stock_events.ADJUSTMENT_REASONS``; a test keeps
# them equal: the core does not import the contract).
ADJUSTMENT_REASONS: dict[str, int] = {
    "damaged": -1, "expired": -1, "own_use": -1, "theft": -1, "found": 1}


@dataclass(frozen=True, slots=True)
class Difference:
    """One product of a receipt against its order: ``ordered`` and ``received`` (0 when
    not on that side); ``short`` or ``over`` by how much (``delta`` = received − ordered)."""

    sku: str
    ordered: int
    received: int

    @property
    def delta(self) -> int:
        return self.received - self.ordered

    @property
    def status(self) -> str:
        """``ok``, ``short`` or ``over``."""
        return "ok" if self.delta == 0 else ("short" if self.delta < 0 else "over")


def differences(ordered: Iterable[tuple[str, int]], received: Iterable[tuple[str, int]]
                ) -> list[Difference]:
    """Per product (in order of first appearance, the order's products first), what was
    ordered and what was received; products on neither side are left out."""
    want: dict[str, int] = {}
    for sku, qty in ordered:
        want[sku] = want.get(sku, 0) + qty
    got: dict[str, int] = {}
    for sku, qty in received:
        got[sku] = got.get(sku, 0) + qty
    skus = list(want) + [s for s in got if s not in want]
    return [Difference(s, want.get(s, 0), got.get(s, 0)) for s in skus]


def check_move_qty(qty: int, *, weighed: bool, line: int) -> int:
    """A quantity received, sent or adjusted: 1 up to the till's line limit
    (``stock.qty_invalid`` otherwise)."""
    limit = MAX_GRAMS if weighed else MAX_PIECES
    if not 1 <= qty <= limit:
        raise PosError("stock.qty_invalid", line=line, qty=qty, limit=limit)
    return qty


def adjustment_delta(reason: str, qty: int) -> int:
    """The signed stock delta of adjusting ``qty`` (> 0) for ``reason``: ``found`` adds,
    damaged / expired / own use / theft remove (``stock.reason_unknown`` otherwise)."""
    sign = ADJUSTMENT_REASONS.get(reason)
    if sign is None:
        raise PosError("stock.reason_unknown", reason=reason)
    return sign * qty


def transfer_moves(lines: Iterable[tuple[str, int]], *, received: bool
                   ) -> tuple[dict[str, int], dict[str, int]]:
    """What a transfer of ``lines`` moves in the sending and the receiving store: out of
    the first at once, into the second once received. Received, each product sums to zero
    across the two."""
    out: dict[str, int] = {}
    into: dict[str, int] = {}
    for sku, qty in lines:
        out[sku] = out.get(sku, 0) - qty
        if received:
            into[sku] = into.get(sku, 0) + qty
    return out, into


@dataclass(frozen=True, slots=True)
class LowStock:
    """A product below its minimum and how much to order."""

    product_id: int
    sku: str
    name: str
    on_hand: int
    min_stock: int
    suggested: int


def suggested_order(on_hand: int, min_stock: int) -> int:
    """The rule: below the minimum, order back up to twice the minimum (the minimum is the
    reorder point, twice it the target, so an order covers one more cycle);
    ``2 × min_stock − on_hand``, negative stock included. At or above the minimum: 0."""
    if min_stock <= 0 or on_hand >= min_stock:
        return 0
    return 2 * min_stock - on_hand


def low_stock(rows: Iterable[tuple[int, str, str, int, int]]) -> list[LowStock]:
    """``(product_id, sku, name, on_hand, min_stock)`` rows below their minimum, the
    furthest below first."""
    out = [LowStock(pid, sku, name, on_hand, minimum, suggested_order(on_hand, minimum))
           for pid, sku, name, on_hand, minimum in rows if on_hand < minimum]
    return sorted(out, key=lambda r: (r.on_hand - r.min_stock, r.sku))


def net_by_sku(stores: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """The sum of several stores' moves per product (a received transfer nets to zero)."""
    total: dict[str, int] = {}
    for moves in stores:
        for sku, delta in moves.items():
            total[sku] = total.get(sku, 0) + delta
    return total
